//! Engine throughput with brokers (issue 15's budget: ≥ 3 M records/s natively with 3 brokers, replication
//! factor 3, acks=all at the engine benchmark's shape), beside the same world without brokers.
//!
//! `cargo bench -p kplay-core --bench engine_brokers`
//!
//! Not a criterion bench: the replication model keeps every replica's log in memory (32 bytes a record, three
//! replicas), so each measurement runs a fresh world for a bounded stretch of virtual time (5 s after a 1 s
//! warm-up) instead of stepping one world for as long as criterion likes. The producers send at the
//! playground's cap (100,000 records/s in all, as `benches/engine.rs`), so a wall-clock second covers many
//! virtual seconds.

use kplay_core::replication::Acks;
use kplay_core::scenario::BrokerSpec;
use kplay_core::sim::{TraceLevel, World};
use std::time::Instant;

#[path = "support/engine_scenario.rs"]
#[allow(dead_code)]
mod engine_scenario;
use engine_scenario::scenario;

/// Records per virtual second of both producers together: the playground's cap.
const RATE: u32 = kplay_core::scenario::MAX_RATE_PER_S;
const WARM_MS: u64 = 1_000;
const MEASURE_MS: u64 = 5_000;
const RUNS: usize = 5;

fn records_per_s(brokers: bool, keyed: bool) -> f64 {
    let mut s = scenario(keyed);
    for p in &mut s.producers {
        p.rate_per_s = RATE / 2;
    }
    if brokers {
        s.brokers = (1..=3).map(BrokerSpec::new).collect();
        s.topics[0].replication_factor = Some(3);
        for p in &mut s.producers {
            p.acks = Some(Acks::All);
        }
    }
    let mut best = 0.0f64;
    for _ in 0..RUNS {
        let mut w = World::new(&s, 1).expect("valid");
        w.set_trace_level(TraceLevel::Off);
        w.run_until(WARM_MS);
        let start = Instant::now();
        w.step(MEASURE_MS);
        let secs = start.elapsed().as_secs_f64();
        let records = f64::from(RATE) * MEASURE_MS as f64 / 1000.0;
        best = best.max(records / secs);
        let produced = w.snapshot().totals.produced;
        assert!(
            produced * 1000 >= u64::from(RATE) * (WARM_MS + MEASURE_MS) * 9 / 10,
            "the records reach the log ({produced})"
        );
    }
    best
}

fn main() {
    for keyed in [false, true] {
        let plain = records_per_s(false, keyed);
        let brokers = records_per_s(true, keyed);
        println!(
            "engine {}: no brokers {:.2} M records/s; 3 brokers, rf 3, acks=all {:.2} M records/s (best of {RUNS})",
            if keyed { "keyed" } else { "null keys" },
            plain / 1e6,
            brokers / 1e6
        );
    }
}
