//! The lesson measures read from the trace (`keys_split`, `out_of_order`, `processed`, `reprocessed`,
//! `never_saw`) agree with a brute-force count over the whole trace of shipped scenarios.

use kplay_core::lesson::{Lesson, Value};
use std::path::PathBuf;

/// The value of each fact after `run_ms` of a shipped scenario, measured by the lesson runner.
fn measured(scenario: &str, run_ms: u64, facts: Vec<kplay_core::lesson::Fact>) -> Vec<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../scenarios")
        .join(scenario);
    let s: kplay_core::Scenario =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut lesson = Lesson::default();
    lesson.steps.push(kplay_core::lesson::Step {
        scenario: Some(s),
        run_ms,
        check: Some(kplay_core::lesson::Check {
            facts,
            ..Default::default()
        }),
        ..Default::default()
    });
    let report = lesson.run().remove(0);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    report.facts.into_iter().map(|r| r.actual).collect()
}

/// The whole trace of a shipped scenario up to `run_ms`.
fn trace(scenario: &str, run_ms: u64) -> Vec<kplay_core::sim::EventKind> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../scenarios")
        .join(scenario);
    let s: kplay_core::Scenario =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut w = kplay_core::World::new(&s, s.seed).unwrap();
    w.set_event_capacity(usize::MAX);
    w.run_until(run_ms);
    w.drain_events().into_iter().map(|e| e.kind).collect()
}

#[test]
fn trace_measures_agree_with_a_count_over_the_whole_trace() {
    use kplay_core::lesson::{Fact, Measure};
    use kplay_core::sim::EventKind;
    use std::collections::{BTreeMap, BTreeSet};

    // Adding partitions moves keys: keys_split and out_of_order, counted here by brute force.
    let events = trace("add-partitions.json", 30_000);
    let mut parts: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    let mut order: BTreeMap<(u32, u64), (String, usize)> = BTreeMap::new();
    let mut done: Vec<(String, usize)> = Vec::new();
    let mut late = 0;
    for e in &events {
        match e {
            EventKind::Produced {
                partition,
                offset,
                key: Some(k),
                ..
            } => {
                parts.entry(k.clone()).or_default().insert(*partition);
                order.insert((*partition, *offset), (k.clone(), order.len()));
            }
            EventKind::Processed {
                partition,
                offset,
                duplicate: false,
                ..
            } => {
                let (k, seq) = order[&(*partition, *offset)].clone();
                if done.iter().any(|(dk, ds)| *dk == k && *ds > seq) {
                    late += 1;
                }
                done.push((k, seq));
            }
            _ => {}
        }
    }
    let split = parts.values().filter(|p| p.len() > 1).count() as u64;
    assert!(split > 0, "adding partitions moved some keys");
    let got = measured(
        "add-partitions.json",
        30_000,
        vec![
            Fact::new(Measure::KeysSplit).topic("orders").at_least(0),
            Fact::new(Measure::OutOfOrder).group("billing").at_least(0),
            Fact::new(Measure::Partitions).topic("orders").at_least(0),
        ],
    );
    assert_eq!(got, [Value::Num(split), Value::Num(late), Value::Num(4)]);

    // Duplicates after a crash: reprocessed and processed.
    let events = trace("crash-duplicates.json", 30_000);
    let firsts: BTreeSet<(u32, u64)> = events
        .iter()
        .filter_map(|e| match e {
            EventKind::Processed {
                partition, offset, ..
            } => Some((*partition, *offset)),
            _ => None,
        })
        .collect();
    let dups = events
        .iter()
        .filter(|e| {
            matches!(
                e,
                EventKind::Processed {
                    duplicate: true,
                    ..
                }
            )
        })
        .count() as u64;
    assert!(dups > 0, "the crash redelivers");
    let got = measured(
        "crash-duplicates.json",
        30_000,
        vec![
            Fact::new(Measure::Processed).group("billing").at_least(0),
            Fact::new(Measure::Reprocessed).group("billing").at_least(0),
        ],
    );
    assert_eq!(got, [Value::Num(firsts.len() as u64), Value::Num(dups)]);

    // Two listener classes in one group: what each never processed.
    let events = trace("mixed-listeners.json", 30_000);
    let mut by: BTreeMap<String, BTreeSet<(u32, u64)>> = BTreeMap::new();
    for e in &events {
        if let EventKind::Processed {
            instance,
            partition,
            offset,
            ..
        } = e
        {
            by.entry(instance.clone())
                .or_default()
                .insert((*partition, *offset));
        }
    }
    let never = |me: &str, other: &str| by[other].difference(&by[me]).count() as u64;
    let (billing, shipping) = (never("app-1", "app-2"), never("app-2", "app-1"));
    assert!(billing > 0 && shipping > 0);
    let mut f = Fact::new(Measure::NeverSaw).group("app").at_least(0);
    f.listener = Some("BillingListener".into());
    let mut g = f.clone();
    g.listener = Some("ShippingListener".into());
    let mut h = f.clone();
    h.listener = Some("NoSuchListener".into());
    let got = measured("mixed-listeners.json", 30_000, vec![f, g, h]);
    assert_eq!(got[..2], [Value::Num(billing), Value::Num(shipping)]);
    assert!(matches!(got[2], Value::Missing(_)), "{:?}", got[2]);
}
