//! Built-in scenarios: the default one teaches at a glance, `bench` (kplay-core's `scenario::bench_preset`) is the
//! frame-time benchmark's load.

use kplay_core::scenario::{
    bench_preset, GroupSpec, InstanceSpec, KeyKind, KeySpec, OffsetReset, ProducerSpec, TopicSpec,
};
use kplay_core::Scenario;

/// Names accepted by `?preset=` / `#preset=`.
pub const NAMES: [&str; 3] = ["default", "bench", "empty"];

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

/// The preset called `name`, if any.
pub fn preset(name: &str) -> Option<Scenario> {
    match name {
        "default" => Some(default_scenario()),
        "bench" => Some(bench_preset()),
        "empty" => Some(Scenario::default()),
        _ => None,
    }
}

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
    fn bench_has_the_documented_size() {
        let s = bench_preset();
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
        let mut s = bench_preset();
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
