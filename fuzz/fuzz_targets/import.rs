//! Cluster-import text (`kafka-topics --describe`, `kafka-consumer-groups --describe` outputs pasted): parsed,
//! built into a scenario at the cluster's offsets and, when valid, run for 1 s. A line `===` splits the input into
//! two pastes taken 30 s apart, which also exercises the rates between them.
#![no_main]

use kplay_core::import;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (first, second) = match text.split_once("\n===\n") {
        Some((a, b)) => (a, Some(b)),
        None => (text, None),
    };
    let earlier = import::parse(first);
    let (latest, rates) = match second {
        Some(b) => {
            let later = import::parse(b);
            let (rates, _problems) = import::rates(&earlier, &later, 30);
            (later, rates)
        }
        None => (earlier, Vec::new()),
    };
    let Ok(imported) = import::build(&latest, &rates) else {
        return;
    };
    let s = &imported.scenario;
    if let Ok(mut world) = kplay_core::World::new(s, s.seed) {
        world.step(1_000);
        if let Err(e) = world.check_invariants() {
            panic!("invariant broken: {e}");
        }
    }
});
