#![cfg(not(target_arch = "wasm32"))]
//! Property test over random groups whose instances subscribe to different topic sets (debug builds check the
//! engine's invariants after every simulated millisecond): the never-saw counts per listener class equal what
//! the trace shows (records produced while the class and the class that processed them were both in the
//! group), and once all is quiet every record of a subscribed topic was processed.

mod common;

use kplay_core::scenario::{
    FaultKind, FaultSpec, GroupSpec, InstanceSpec, OffsetReset, PartitionerKind, Processing,
    ProducerSpec, Scenario, Strategy, TopicSpec,
};
use kplay_core::sim::{Command, World};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

type Rec = (String, u32, u64);

prop_compose! {
    fn scenario()(
        partitions in prop::collection::vec(1u32..5, 2..4),
        strategy in 0usize..4,
        insts in prop::collection::vec((1u32..3, 0u32..4, 0u8..2, 0u8..4), 2..5),
        crashes in prop::collection::vec((1_000u64..12_000, 0usize..4), 0..3),
    ) -> Scenario {
        let mut s = Scenario::default();
        let names: Vec<String> = (0..partitions.len()).map(|i| format!("t{i}")).collect();
        for (name, p) in names.iter().zip(&partitions) {
            s.topics.push(TopicSpec::new(name, *p));
            let mut p = ProducerSpec::new(&format!("p-{name}"), name, 40);
            p.partitioner = PartitionerKind::RoundRobin;
            s.producers.push(p);
        }
        let mut g = GroupSpec::new("g", names.iter().map(String::as_str));
        g.strategy = [Strategy::Range, Strategy::RoundRobin, Strategy::Sticky, Strategy::CooperativeSticky][strategy];
        g.auto_offset_reset = OffsetReset::Earliest;
        g.initial_rebalance_delay_ms = 500;
        for (k, (threads, proc_ms, listener, own)) in insts.iter().enumerate() {
            let mut i = InstanceSpec::new(&format!("i{k}"), &format!("L{listener}"), *threads);
            i.processing_ms = Processing::Fixed(*proc_ms);
            i.topics = match own {
                0 => None,
                1 => Some(vec![names[0].clone()]),
                2 => Some(vec![names[names.len() - 1].clone()]),
                _ => Some(names[..2].to_vec()),
            };
            g.instances.push(i);
        }
        for (at, who) in &crashes {
            s.faults.push(FaultSpec::new(*at, FaultKind::Crash).instance(&format!("i{}", who % insts.len())));
            s.faults.push(FaultSpec::new(at + 4_000, FaultKind::Restart).instance(&format!("i{}", who % insts.len())));
        }
        s.groups.push(g);
        s
    }
}

/// For each record produced, the listener classes in the group when it was produced, read off the trace: an
/// instance joins (JoinGroup) in the consumers' part of the millisecond it starts or restarts, after that
/// millisecond's records are produced, and is out of the group from its crash on (a crash is applied before
/// the producers run).
fn classes_present(
    events: &[kplay_core::sim::Event],
    g: &GroupSpec,
) -> BTreeMap<Rec, BTreeSet<String>> {
    use kplay_core::sim::EventKind;
    // Per instance: `Some(t)` while up, having joined at millisecond `t`.
    let mut up: BTreeMap<&str, Option<u64>> = g
        .instances
        .iter()
        .map(|i| (i.id.as_str(), Some(0)))
        .collect();
    let listener = |id: &str| {
        g.instances
            .iter()
            .find(|i| i.id == id)
            .map(|i| i.listener.clone())
    };
    let mut out = BTreeMap::new();
    for e in events {
        match &e.kind {
            EventKind::Fault {
                fault,
                instance: Some(id),
                ..
            } => {
                if let Some(state) = up.get_mut(id.as_str()) {
                    match fault.as_str() {
                        "crash" => *state = None,
                        "restart" => *state = Some(e.t_ms),
                        _ => {}
                    }
                }
            }
            EventKind::Produced {
                topic,
                partition,
                offset,
                ..
            } => {
                let classes = up
                    .iter()
                    .filter(|(_, joined)| joined.is_some_and(|t| e.t_ms > t))
                    .filter_map(|(id, _)| listener(id))
                    .collect();
                out.insert((topic.clone(), *partition, *offset), classes);
            }
            _ => {}
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn never_saw_counts_match_the_trace(s in scenario(), seed in any::<u64>(), resubscribe in 0usize..4) {
        let mut w = World::new(&s, seed).expect("generated scenarios are valid");
        w.set_event_capacity(usize::MAX);
        w.run_until(8_000);
        // One instance changes its subscription mid-run (KafkaConsumer.subscribe).
        let g = &s.groups[0];
        let who = &g.instances[resubscribe % g.instances.len()].id;
        let to = vec![s.topics[resubscribe % s.topics.len()].name.clone()];
        w.apply(Command::Subscribe { instance: who.clone(), topics: to.clone() }).expect("valid");
        w.run_until(20_000);
        for p in &s.producers {
            w.apply(Command::PauseProducer { producer: p.id.clone() }).expect("known");
        }
        for i in &g.instances {
            let _ = w.apply(Command::Restart { instance: i.id.clone() });
        }
        w.run_until(40_000);
        prop_assert!(w.check_invariants().is_ok());
        let events = w.drain_events();
        let subscription = |i: &InstanceSpec| {
            if &i.id == who { to.clone() } else { i.topics.clone().unwrap_or_else(|| g.topics.clone()) }
        };

        let mut by: BTreeMap<String, BTreeSet<Rec>> = BTreeMap::new();
        for p in common::processed(&events) {
            let l = g.instances.iter().find(|i| i.id == p.1).map(|i| i.listener.clone()).unwrap_or_default();
            by.entry(l).or_default().insert((p.2, p.3, p.4));
        }
        let all: BTreeSet<Rec> = by.values().flatten().cloned().collect();
        let present = classes_present(&events, g);
        for (l, n) in &w.snapshot().groups[0].missed_by_listener {
            let topics: BTreeSet<String> =
                g.instances.iter().filter(|i| &i.listener == l).flat_map(subscription).collect();
            let mine = by.get(l).cloned().unwrap_or_default();
            // Produced while `l` was in the group, processed by another class that was in the group then.
            let want = all
                .iter()
                .filter(|r| topics.contains(&r.0) && !mine.contains(*r))
                .filter(|r| present.get(*r).is_some_and(|c| c.contains(l)))
                .filter(|r| by.iter().any(|(o, done)| o != l && done.contains(*r) && present[*r].contains(o)))
                .count() as u64;
            prop_assert_eq!(*n, want, "listener {}", l);
        }

        // At-least-once for the topics subscribed at the end, from their committed position on: every record
        // produced is processed (earliest, no retention: nothing is skipped).
        let subscribed: BTreeSet<String> = g.instances.iter().flat_map(subscription).collect();
        let missing: Vec<_> = common::produced(&events)
            .into_iter()
            .filter(|p| subscribed.contains(&p.0))
            .map(|p| (p.0, p.1, p.2))
            .filter(|r| !all.contains(r))
            .take(5)
            .collect();
        prop_assert!(missing.is_empty(), "never processed {:?}", missing);
    }
}
