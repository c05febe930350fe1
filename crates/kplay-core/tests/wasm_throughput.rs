//! Engine throughput compiled to wasm32 and run in Node — the number behind "wasm ≥ 50 % of native" in
//! docs/benchmarks/engine.md. It only prints; it asserts nothing about speed (speed goals live in benches):
//!
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!  cargo test -p kplay-core --release --target wasm32-unknown-unknown --test wasm_throughput -- --nocapture`
//!
//! The scenario is `benches/support/engine_scenario.rs`, shared with the criterion bench. Native builds compile this file to nothing.
#![cfg(target_arch = "wasm32")]

use kplay_core::sim::{TraceLevel, World};
use wasm_bindgen_test::{console_log, wasm_bindgen_test};

#[path = "../benches/support/engine_scenario.rs"]
mod engine_scenario;
use engine_scenario::{scenario, STEP_MS};

/// Virtual time measured per case.
const MEASURED_MS: u64 = 20_000;

#[wasm_bindgen_test]
fn engine_throughput_in_node() {
    for (name, keyed) in [("64p_3g_24t_null_keys", false), ("64p_3g_24t_keyed", true)] {
        let mut w = World::new(&scenario(keyed), 1).expect("valid");
        w.set_trace_level(TraceLevel::Off);
        w.run_until(3_000);
        let produced_before = w.snapshot().totals.produced;
        let start = js_sys::Date::now();
        for _ in 0..MEASURED_MS / STEP_MS {
            w.step(STEP_MS);
        }
        let elapsed_ms = js_sys::Date::now() - start;
        let snap = w.snapshot();
        let produced = snap.totals.produced - produced_before;
        assert!(
            snap.totals.processed >= 3 * snap.totals.produced / 2,
            "consumers keep up"
        );
        let per_s = produced as f64 / (elapsed_ms / 1000.0);
        console_log!(
            "wasm32 engine/{name}: {produced} records in {elapsed_ms:.0} ms = {:.2} M records/s",
            per_s / 1e6
        );
    }
}
