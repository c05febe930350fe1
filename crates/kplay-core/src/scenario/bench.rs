//! The `bench` scenario: the playground's busiest preset (kplay-web's `?preset=bench`) and the world its
//! frame-time, memory and time-travel measurements run. It lives here so that the web and the engine's own
//! measurements (`examples/timeline_budget.rs`, `tests/wasm_timeline.rs`) build the very same scenario.

use super::{
    GroupSpec, InstanceSpec, KeyKind, KeySpec, OffsetReset, ProducerSpec, Scenario, TopicSpec,
};
use alloc::format;

/// The bench topic's `retention.ms`: 10 minutes. Kafka's default (7 days) keeps every record: an hour at 50×
/// would be 360 M records, gigabytes a browser tab cannot hold. With 10 minutes the log stays near 1.2–1.8 M
/// records however long it runs.
///
/// ```
/// assert_eq!(kplay_core::scenario::bench_preset().topics[0].retention_ms, kplay_core::scenario::BENCH_RETENTION_MS);
/// ```
pub const BENCH_RETENTION_MS: i64 = 600_000;

/// Topic `events` with 64 partitions; two producers at 1,000 records/s each, cycling 32 keys; groups `audit`,
/// `billing` and `search`, each of 2 instances × 4 threads (24 threads), reading from the earliest offset.
///
/// ```
/// let s = kplay_core::scenario::bench_preset();
/// assert_eq!(s.topics[0].partitions, 64);
/// assert_eq!(s.producers.iter().map(|p| p.rate_per_s).sum::<u32>(), 2_000);
/// ```
pub fn bench_preset() -> Scenario {
    let mut s = Scenario {
        seed: 1,
        ..Scenario::default()
    };
    let mut topic = TopicSpec::new("events", 64);
    topic.retention_ms = BENCH_RETENTION_MS;
    s.topics.push(topic);
    for id in ["p1", "p2"] {
        let mut p = ProducerSpec::new(id, "events", 1000);
        p.keys = KeySpec {
            kind: KeyKind::Cycle,
            values: (0..32).map(|i| format!("k{i}")).collect(),
        };
        s.producers.push(p);
    }
    for g in ["audit", "billing", "search"] {
        let mut spec = GroupSpec::new(g, ["events"]);
        spec.auto_offset_reset = OffsetReset::Earliest;
        for i in 1..=2 {
            spec.instances
                .push(InstanceSpec::new(&format!("{g}-{i}"), "EventListener", 4));
        }
        s.groups.push(spec);
    }
    s
}
