//! A lesson file as `kplay lesson check` and the web read it: JSON into a `Lesson`, its rules validated and, when
//! valid, the world of its first step built and run for 1 s.
#![no_main]

use kplay_core::lesson::{Lesson, StepWorlds};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(lesson) = serde_json::from_slice::<Lesson>(data) else {
        return;
    };
    if lesson.validate().is_err() {
        return;
    }
    if let Ok(mut world) = StepWorlds::start_world(&lesson, 0) {
        world.step(1_000);
        if let Err(e) = world.check_invariants() {
            panic!("invariant broken: {e}");
        }
    }
});
