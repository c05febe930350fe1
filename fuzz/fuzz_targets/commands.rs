//! `Command`s on a running world, as the web's buttons and forms and the lessons' scripts send them: a JSON list
//! of `[ms, command]`, each command applied (refusals are fine) after `ms` (at most 5 s) of virtual time, with the
//! invariants checked after every step. The world starts from `scenarios/crash-duplicates.json`.
#![no_main]

use kplay_core::sim::{Command, World};
use libfuzzer_sys::fuzz_target;

const START: &str = include_str!("../../scenarios/crash-duplicates.json");

fuzz_target!(|data: &[u8]| {
    let Ok(steps) = serde_json::from_slice::<Vec<(u16, Command)>>(data) else {
        return;
    };
    let Ok(value) = kplay_core::json::parse(START) else {
        return;
    };
    let Ok(s) = kplay_core::scenario::json::scenario(&value) else {
        return;
    };
    let Ok(mut world) = World::new(&s, 42) else {
        return;
    };
    for (ms, command) in steps.into_iter().take(64) {
        world.step(u64::from(ms.min(5_000)));
        let _ = world.apply(command);
        if let Err(e) = world.check_invariants() {
            panic!("invariant broken: {e}");
        }
    }
    world.step(1_000);
    if let Err(e) = world.check_invariants() {
        panic!("invariant broken: {e}");
    }
});
