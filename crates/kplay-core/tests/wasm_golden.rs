//! The golden trace reproduced on wasm32 (run in Node by wasm-bindgen-test-runner):
//!
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!  cargo test -p kplay-core --target wasm32-unknown-unknown --test wasm_golden`
//!
//! Native builds compile this file to nothing; `determinism.rs` checks the same file natively.
#![cfg(target_arch = "wasm32")]

use kplay_core::scenario::Scenario;
use kplay_core::sim::World;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn golden_trace_is_byte_identical_on_wasm32() {
    let scenario: Scenario =
        serde_json::from_str(include_str!("../../../scenarios/crash-duplicates.json"))
            .expect("scenario parses");
    let want = include_str!("data/golden/crash-duplicates.seed42.jsonl");
    let mut w = World::new(&scenario, 42).expect("valid");
    w.set_event_capacity(usize::MAX);
    w.run_until(30_000);
    let got: String = w
        .drain_events()
        .iter()
        .map(|e| serde_json::to_string(e).expect("json") + "\n")
        .collect();
    assert_eq!(got.len(), want.len());
    assert!(
        got == want,
        "wasm32 trace differs from the native golden file"
    );
}
