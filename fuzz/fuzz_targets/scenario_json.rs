//! Scenario JSON as a file, a pasted text or the CLI reads it: parse, validate and, when valid, run 1 s of
//! virtual time with the invariants checked.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(value) = kplay_core::json::parse(text) else {
        return;
    };
    let Ok(s) = kplay_core::scenario::json::scenario(&value) else {
        return;
    };
    let Ok(mut world) = kplay_core::World::new(&s, s.seed) else {
        return;
    };
    for _ in 0..10 {
        world.step(100);
        if let Err(e) = world.check_invariants() {
            panic!("invariant broken: {e}");
        }
    }
});
