//! Built-in scenarios: the default one teaches at a glance, `bench` is the frame-time benchmark's load.

use kplay_core::scenario::{
    GroupSpec, InstanceSpec, KeyKind, KeySpec, OffsetReset, ProducerSpec, TopicSpec,
};
use kplay_core::Scenario;

/// Names accepted by `?preset=` / `#preset=`.
pub const NAMES: [&str; 3] = ["default", "bench", "empty"];

/// The bench topic's `retention.ms`: 10 minutes.
pub const BENCH_RETENTION_MS: i64 = 600_000;

/// A keyed producer: cycling keys make per-key ordering visible as colours.
fn keyed(id: &str, topic: &str, rate: u32, keys: &[&str]) -> ProducerSpec {
    let mut p = ProducerSpec::new(id, topic, rate);
    p.keys = KeySpec {
        kind: KeyKind::Cycle,
        values: keys.iter().map(|k| (*k).to_string()).collect(),
    };
    p
}

/// `orders` with 3 partitions, a keyed producer, group `billing` with 2 instances × 2 threads: four threads for
/// three partitions, so one thread is visibly idle.
pub fn default_scenario() -> Scenario {
    let mut s = Scenario {
        seed: 7,
        ..Scenario::default()
    };
    s.topics.push(TopicSpec::new("orders", 3));
    s.producers.push(keyed(
        "shop",
        "orders",
        4,
        &["alice", "bob", "carol", "dave", "erin"],
    ));
    let mut g = GroupSpec::new("billing", ["orders"]);
    g.auto_offset_reset = OffsetReset::Earliest;
    g.instances
        .push(InstanceSpec::new("billing-1", "OrderListener", 2));
    g.instances
        .push(InstanceSpec::new("billing-2", "OrderListener", 2));
    s.groups.push(g);
    s
}

/// 64 partitions, 3 groups, 24 threads in total, 2,000 records/s, `retention.ms` 10 minutes.
pub fn bench_scenario() -> Scenario {
    let mut s = Scenario {
        seed: 1,
        ..Scenario::default()
    };
    let mut topic = TopicSpec::new("events", 64);
    // Kafka's default (7 days) keeps every record: an hour at 50× would be 360 M records, gigabytes the tab cannot
    // hold. With 10 minutes the log stays near 1.2–1.8 M records however long it runs (the memory bench).
    topic.retention_ms = BENCH_RETENTION_MS;
    s.topics.push(topic);
    let keys: Vec<String> = (0..32).map(|i| format!("k{i}")).collect();
    let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
    s.producers.push(keyed("p1", "events", 1000, &refs));
    s.producers.push(keyed("p2", "events", 1000, &refs));
    // 3 groups × 2 instances × 4 threads = 24 threads.
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

/// The preset called `name`, if any.
pub fn preset(name: &str) -> Option<Scenario> {
    match name {
        "default" => Some(default_scenario()),
        "bench" => Some(bench_scenario()),
        "empty" => Some(Scenario::default()),
        _ => None,
    }
}

#[cfg(test)]
#[path = "../../kplay-core/benches/support/bench_preset.rs"]
mod core_bench_preset;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_valid() {
        for n in NAMES {
            let s = preset(n).unwrap_or_default();
            assert!(s.validate().is_ok(), "{n}: {:?}", s.validate());
        }
        assert!(preset("nope").is_none());
    }

    #[test]
    fn every_preset_is_described_in_the_catalogue() {
        let en = crate::i18n::I18n::english();
        for n in NAMES {
            let key = format!("scenario.preset.{n}");
            assert_ne!(
                en.t(&key),
                key,
                "the Scenario tab shows it as the button's title"
            );
        }
    }

    #[test]
    fn bench_is_what_the_engine_measurements_run() {
        // kplay-core's time-travel measurements (examples/timeline_budget.rs, tests/wasm_timeline.rs) build the
        // preset from their own copy: the numbers in docs/benchmarks/engine.md are for this very scenario.
        assert_eq!(bench_scenario(), core_bench_preset::bench_preset());
    }

    #[test]
    fn bench_has_the_documented_size() {
        let s = bench_scenario();
        assert_eq!(s.topics[0].partitions, 64);
        assert_eq!(s.groups.len(), 3);
        let threads: u32 = s
            .groups
            .iter()
            .flat_map(|g| &g.instances)
            .map(|i| i.threads)
            .sum();
        assert_eq!(threads, 24);
        assert_eq!(s.producers.iter().map(|p| p.rate_per_s).sum::<u32>(), 2000);
        assert_eq!(s.topics[0].retention_ms, 600_000);
    }

    /// A long run keeps the log bounded: Kafka's retention deletes old segments, so the records the world holds
    /// stop growing (the memory bench, issue 18, runs this preset for an hour at 50×). The groups do not change
    /// what the log keeps, so they are left out to keep the test quick.
    #[test]
    fn bench_log_is_cut_by_retention() {
        let mut s = bench_scenario();
        s.groups.clear();
        let mut w = kplay_core::World::new(&s, 1).unwrap_or_else(|e| panic!("{e:?}"));
        let mut held = Vec::new();
        for minute in [9u64, 20] {
            w.run_until(minute * 60_000);
            w.drain_events();
            let parts = &w.snapshot().topics[0].partitions;
            held.push(parts.iter().map(|p| p.log_end - p.log_start).sum::<u64>());
        }
        // 2,000 records/s. At 9 minutes nothing is old enough; at 20, the checks (every second) have deleted the
        // segments older than 10 minutes, whole segments at a time, so a little more than 10 minutes remains.
        let minutes = |m: u64| m * 60 * 2000;
        assert!(held[0] >= minutes(9) - 2000, "{held:?}");
        assert!(
            minutes(10) - 2000 <= held[1] && held[1] < minutes(11),
            "{held:?}"
        );
    }

    #[test]
    fn default_has_one_more_thread_than_partitions() {
        let s = default_scenario();
        let threads: u32 = s.groups[0].instances.iter().map(|i| i.threads).sum();
        assert_eq!(threads, s.topics[0].partitions + 1);
    }
}
