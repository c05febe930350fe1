//! The lesson measures read from the trace (`keys_split`, `out_of_order`, `order_inversions`, `processed`,
//! `reprocessed`, `never_saw`) agree with a brute-force count over the whole trace of shipped scenarios, and
//! `owner` with replaying the rebalance listener callbacks.

use kplay_core::lesson::{Fact, Lesson, Measure, Value};
use kplay_core::sim::EventKind;
use kplay_core::Scenario;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// A shipped scenario, changed by `edit` (on its JSON) before it is read.
fn load(scenario: &str, edit: impl FnOnce(&mut serde_json::Value)) -> Scenario {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../scenarios")
        .join(scenario);
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    edit(&mut v);
    serde_json::from_value(v).unwrap()
}

/// The value of each fact after `run_ms` of a shipped scenario, measured by the lesson runner.
fn measured(scenario: &str, run_ms: u64, facts: Vec<Fact>) -> Vec<Value> {
    measured_on(load(scenario, |_| {}), run_ms, facts)
}

fn measured_on(s: Scenario, run_ms: u64, facts: Vec<Fact>) -> Vec<Value> {
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
fn trace(scenario: &str, run_ms: u64) -> Vec<EventKind> {
    trace_of(&load(scenario, |_| {}), run_ms)
}

fn trace_of(s: &Scenario, run_ms: u64) -> Vec<EventKind> {
    let mut w = kplay_core::World::new(s, s.seed).unwrap();
    w.set_event_capacity(usize::MAX);
    w.run_until(run_ms);
    w.drain_events().into_iter().map(|e| e.kind).collect()
}

#[test]
fn trace_measures_agree_with_a_count_over_the_whole_trace() {
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

#[test]
fn order_inversions_agree_with_a_pairwise_count_over_the_trace() {
    // Keyed records, and an unkeyed second producer on the same topic; a crash adds redeliveries, which are
    // not first deliveries.
    let s = load("crash-duplicates.json", |v| {
        let mut clicks = v["producers"][0].clone();
        clicks["id"] = "clicks".into();
        clicks["keys"] = serde_json::json!({ "kind": "none" });
        v["producers"].as_array_mut().unwrap().push(clicks);
    });
    let events = trace_of(&s, 20_000);
    let mut seq: BTreeMap<(u32, u64), usize> = BTreeMap::new();
    let mut done: Vec<usize> = Vec::new();
    let (mut late, mut unkeyed) = (0, 0);
    for e in &events {
        match e {
            EventKind::Produced {
                partition,
                offset,
                key,
                ..
            } => {
                seq.insert((*partition, *offset), seq.len());
                unkeyed += u64::from(key.is_none());
            }
            EventKind::Processed {
                partition,
                offset,
                duplicate: false,
                ..
            } => {
                let me = seq[&(*partition, *offset)];
                // Late: some record processed before it was produced after it.
                late += u64::from(done.iter().any(|&d| d > me));
                done.push(me);
            }
            _ => {}
        }
    }
    assert!(
        unkeyed > 0 && late > 0 && late < done.len() as u64,
        "{late} of {}",
        done.len()
    );
    let facts = vec![
        Fact::new(Measure::OrderInversions)
            .group("billing")
            .eq(late),
        Fact::new(Measure::Processed)
            .group("billing")
            .eq(done.len() as u64),
        Fact::new(Measure::OrderInversions)
            .group("nope")
            .at_least(0),
    ];
    let got = measured_on(s.clone(), 20_000, facts.clone());
    assert_eq!(got[..2], [Value::Num(late), Value::Num(done.len() as u64)]);
    assert!(matches!(got[2], Value::Missing(_)), "{:?}", got[2]);
    // A wrong expectation fails.
    assert!(facts[0].holds(&got[0]) && !facts[0].clone().eq(late + 1).holds(&got[0]));
}

/// Owners replayed from `onPartitionsAssigned`, `onPartitionsRevoked` and `onPartitionsLost`: instance
/// `#0` (the scenarios here run one thread per instance), in instance order.
fn replayed_owners(events: &[EventKind], group: &str) -> BTreeMap<(String, u32), BTreeSet<String>> {
    let mut owners: BTreeMap<(String, u32), BTreeSet<String>> = BTreeMap::new();
    for e in events {
        let (g, inst, parts, add) = match e {
            EventKind::Assigned {
                group,
                instance,
                partitions,
                ..
            } => (group, instance, partitions, true),
            EventKind::Revoked {
                group,
                instance,
                partitions,
                ..
            }
            | EventKind::Lost {
                group,
                instance,
                partitions,
                ..
            } => (group, instance, partitions, false),
            _ => continue,
        };
        if g != group {
            continue;
        }
        for tp in parts {
            let set = owners.entry(tp.clone()).or_default();
            let who = format!("{inst}#0");
            if add {
                set.insert(who);
            } else {
                set.remove(&who);
            }
        }
    }
    owners
}

#[test]
fn owner_agrees_with_replaying_the_rebalance_callbacks() {
    // A cooperative group losing and regaining a member, and an eager group growing its topic.
    let cases = [
        (
            "cooperative-rebalance.json",
            6,
            [9_000, 10_200, 12_000, 20_300, 30_000],
        ),
        (
            "add-partitions.json",
            4,
            [7_000, 8_500, 9_500, 12_000, 30_000],
        ),
    ];
    let mut seen = BTreeSet::new();
    for (scenario, parts, times) in cases {
        for run_ms in times {
            let owners = replayed_owners(&trace(scenario, run_ms), "billing");
            let facts = (0..parts)
                .map(|p| {
                    let mut f = Fact::new(Measure::Owner)
                        .group("billing")
                        .topic("orders")
                        .partition(p);
                    f.is = Some("?".into());
                    f
                })
                .collect();
            for (p, v) in measured(scenario, run_ms, facts).into_iter().enumerate() {
                let Value::Name(v) = v else {
                    // Before the partitions are added, their rows do not exist yet.
                    assert!(
                        run_ms < 8_000 && p >= 2,
                        "{scenario} at {run_ms}: orders-{p} {v:?}"
                    );
                    continue;
                };
                let want = owners
                    .get(&("orders".into(), p as u32))
                    .cloned()
                    .unwrap_or_default();
                let want: Vec<_> = want.into_iter().collect();
                let want = if want.is_empty() {
                    "-".into()
                } else {
                    want.join(",")
                };
                assert_eq!(v, want, "{scenario} at {run_ms}: orders-{p}");
                seen.insert(v);
            }
        }
    }
    // Owners, nobody (mid-rebalance, or a new partition not yet assigned), and never two at once here.
    assert!(
        seen.contains("-") && seen.contains("billing-3#0"),
        "{seen:?}"
    );
    assert!(!seen.iter().any(|v| v.contains(',')), "{seen:?}");
}

#[test]
fn owner_takes_is_and_a_wrong_owner_fails() {
    let mut f = Fact::new(Measure::Owner)
        .group("billing")
        .topic("orders")
        .partition(0);
    let mut lesson = Lesson::default();
    lesson.steps.push(kplay_core::lesson::Step {
        check: Some(kplay_core::lesson::Check {
            facts: vec![f.clone().eq(1)],
            ..Default::default()
        }),
        ..Default::default()
    });
    let problems = lesson.validate().unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.path == "steps[0].check.facts[0].is"
                && p.problem.starts_with("owner takes is")),
        "{problems:?}"
    );
    let got = measured("add-partitions.json", 30_000, vec![f.clone().at_least(0)]);
    let Value::Name(owner) = &got[0] else {
        panic!("{got:?}")
    };
    assert!(
        owner.starts_with("billing-") && owner.ends_with("#0"),
        "{owner}"
    );
    f.is = Some(owner.clone());
    assert!(f.holds(&got[0]));
    f.is = Some(format!("{owner}x"));
    assert!(!f.holds(&got[0]), "a wrong owner fails");
    assert!(!f.holds(&Value::Num(0)), "a number is no owner");
    let missing = measured(
        "add-partitions.json",
        30_000,
        vec![Fact::new(Measure::Owner)
            .group("billing")
            .topic("orders")
            .partition(9)
            .at_least(0)],
    );
    assert!(
        matches!(&missing[0], Value::Missing(m) if m.contains("no row orders-9")),
        "{missing:?}"
    );
}
