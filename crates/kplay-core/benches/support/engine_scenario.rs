//! The engine benchmark's world (64 partitions, 3 groups × 2 instances × 4 threads), shared by the native
//! criterion bench (`benches/engine.rs`) and the wasm32 measurement (`tests/wasm_throughput.rs`), so both
//! measure the same thing.

use kplay_core::scenario::{
    GroupSpec, InstanceSpec, KeyKind, KeySpec, ProducerSpec, Scenario, TopicSpec,
};

/// Virtual records per second the producers send: the playground's cap for all producers together (issue 18's
/// caps refuse more; this bench sent 2,000,000 before them and stopped validating).
pub const RATE: u32 = kplay_core::scenario::MAX_RATE_PER_S;
/// Virtual ms per measured step: one virtual second, 100,000 records, so a step is milliseconds of work.
pub const STEP_MS: u64 = 1_000;

pub fn scenario(keyed: bool) -> Scenario {
    let mut s = Scenario::default();
    let mut t = TopicSpec::new("events", 64);
    // Keep memory bounded while the world runs for many iterations.
    t.retention_ms = 2_000;
    t.segment_ms = 500;
    s.topics.push(t);
    for i in 0..2 {
        let mut p = ProducerSpec::new(&format!("p{i}"), "events", RATE / 2);
        if keyed {
            p.keys = KeySpec {
                kind: KeyKind::Random,
                values: (0..1000).map(|k| format!("user-{k}")).collect(),
            };
        }
        s.producers.push(p);
    }
    for g in 0..3 {
        let mut spec = GroupSpec::new(&format!("g{g}"), ["events"]);
        spec.initial_rebalance_delay_ms = 0;
        for i in 0..2 {
            spec.instances
                .push(InstanceSpec::new(&format!("g{g}-i{i}"), "Listener", 4));
        }
        s.groups.push(spec);
    }
    s
}
