//! The web's `bench` preset (kplay-web's `presets::bench_scenario`, the frame-time benchmark's load): 64
//! partitions, 3 groups × 2 instances × 4 threads, two keyed producers at 1,000 records/s, `retention.ms` 10
//! minutes. Shared by the time-travel measurements (`examples/timeline_budget.rs` natively,
//! `tests/wasm_timeline.rs` in wasm32); a kplay-web test checks that it equals the web's preset.

use kplay_core::scenario::{GroupSpec, InstanceSpec, KeyKind, KeySpec, OffsetReset};
use kplay_core::scenario::{ProducerSpec, Scenario, TopicSpec};

pub fn bench_preset() -> Scenario {
    let mut s = Scenario {
        seed: 1,
        ..Scenario::default()
    };
    let mut topic = TopicSpec::new("events", 64);
    topic.retention_ms = 600_000;
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
