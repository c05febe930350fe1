//! Cooperative-sticky vs eager sticky in the engine, on `scenarios/cooperative-rebalance.json`: three members,
//! billing-3 stops at 10 s and restarts at 20 s.

mod common;

use common::load;
use kplay_core::scenario::{Scenario, Strategy};
use kplay_core::sim::{Event, EventKind, World};
use std::collections::{BTreeMap, BTreeSet};

type Tp = (String, u32);

/// Runs millisecond by millisecond, checking the invariants (which include "no partition held by two current
/// members at once") and the snapshot's owners after every step.
fn run_checked(s: &Scenario, until_ms: u64) -> (World, Vec<Event>) {
    let mut w = World::new(s, 7).expect("valid scenario");
    w.set_event_capacity(usize::MAX);
    while w.now_ms() < until_ms {
        w.step(1);
        if let Err(e) = w.check_invariants() {
            panic!("at {} ms: {e}", w.now_ms());
        }
        let snap = w.snapshot();
        let mut owners: BTreeMap<&Tp, &str> = BTreeMap::new();
        for g in &snap.groups {
            for m in g.members.iter().filter(|m| !m.member_id.is_empty()) {
                for tp in &m.partitions {
                    if let Some(other) = owners.insert(tp, &m.member_id) {
                        panic!(
                            "at {} ms: {tp:?} owned by {other} and {}",
                            w.now_ms(),
                            m.member_id
                        );
                    }
                }
            }
        }
    }
    let events = w.drain_events();
    (w, events)
}

/// `(t_ms, kind name, instance, generation, partitions)` of the assigned/revoked events.
fn rebalance_events(events: &[Event]) -> Vec<(u64, &'static str, String, i32, BTreeSet<Tp>)> {
    events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Assigned {
                instance,
                generation,
                partitions,
                ..
            } => Some((
                e.t_ms,
                "assigned",
                instance.clone(),
                *generation,
                partitions.iter().cloned().collect(),
            )),
            EventKind::Revoked {
                instance,
                generation,
                partitions,
                ..
            } => Some((
                e.t_ms,
                "revoked",
                instance.clone(),
                *generation,
                partitions.iter().cloned().collect(),
            )),
            _ => None,
        })
        .collect()
}

fn generations_completed(events: &[Event], from_ms: u64) -> Vec<i32> {
    events
        .iter()
        .filter(|e| e.t_ms >= from_ms)
        .filter_map(|e| match &e.kind {
            EventKind::GroupState {
                state, generation, ..
            } if state == "CompletingRebalance" => Some(*generation),
            _ => None,
        })
        .collect()
}

/// Replays assigned/revoked per instance; returns what each instance owns at `until_ms`.
fn owned_at(
    events: &[(u64, &'static str, String, i32, BTreeSet<Tp>)],
    until_ms: u64,
) -> BTreeMap<String, BTreeSet<Tp>> {
    let mut owned: BTreeMap<String, BTreeSet<Tp>> = BTreeMap::new();
    for (t, kind, inst, _, parts) in events.iter().filter(|e| e.0 < until_ms) {
        let mine = owned.entry(inst.clone()).or_default();
        if *kind == "assigned" {
            mine.extend(parts.iter().cloned());
        } else {
            assert!(
                parts.is_subset(mine),
                "{inst} revoked {parts:?} it did not own at {t}"
            );
            mine.retain(|tp| !parts.contains(tp));
        }
    }
    owned
}

#[test]
fn cooperative_join_revokes_only_moved_partitions_and_takes_two_generations() {
    let s = load("cooperative-rebalance.json");
    assert_eq!(s.groups[0].strategy, Strategy::CooperativeSticky);
    let (w, events) = run_checked(&s, 30_000);
    let rb = rebalance_events(&events);
    let before = owned_at(&rb, 20_000);
    let after = owned_at(&rb, 30_001);

    // billing-3 rejoins at 20 s: the join round and the follow-up round each bump the generation.
    assert_eq!(generations_completed(&events, 20_000), vec![3, 4]);
    let revoked: Vec<_> = rb
        .iter()
        .filter(|e| e.0 >= 20_000 && e.1 == "revoked")
        .collect();
    let moved: BTreeSet<Tp> = after["billing-3"].clone();
    assert_eq!(moved.len(), 2, "6 partitions over 3 members");
    let mut revoked_union = BTreeSet::new();
    for (_, _, inst, generation, parts) in &revoked {
        assert_eq!(*generation, 3, "revoked after the first round's assignment");
        assert!(
            parts.len() < before[inst].len(),
            "{inst} keeps some of {:?}",
            before[inst]
        );
        revoked_union.extend(parts.iter().cloned());
    }
    assert_eq!(
        revoked_union, moved,
        "exactly the partitions that move are revoked"
    );
    // Every member's onPartitionsAssigned runs in both rounds, with an empty set when nothing was added
    // (ConsumerCoordinator.onJoinComplete).
    let all_assigned = rb
        .iter()
        .filter(|e| e.0 >= 20_000 && e.1 == "assigned")
        .count();
    assert_eq!(all_assigned, 6, "3 members x 2 rounds");
    // The moved partitions are handed out only in the follow-up round.
    let assigned: Vec<_> = rb
        .iter()
        .filter(|e| e.0 >= 20_000 && e.1 == "assigned" && !e.4.is_empty())
        .collect();
    assert_eq!(assigned.len(), 1, "{assigned:?}");
    assert_eq!((assigned[0].2.as_str(), assigned[0].3), ("billing-3", 4));
    assert_eq!(assigned[0].4, moved);
    // Everyone else kept what was not moved.
    for inst in ["billing-1", "billing-2"] {
        let kept: BTreeSet<Tp> = before[inst].difference(&moved).cloned().collect();
        assert_eq!(after[inst], kept, "{inst}");
    }
    assert_eq!(w.snapshot().groups[0].generation, 4);
}

#[test]
fn eager_sticky_revokes_everything_and_assigns_whole_assignments_in_one_generation() {
    let mut s = load("cooperative-rebalance.json");
    s.groups[0].strategy = Strategy::Sticky;
    let (w, events) = run_checked(&s, 30_000);
    let rb = rebalance_events(&events);
    let before = owned_at(&rb, 20_000);
    assert_eq!(generations_completed(&events, 20_000), vec![3], "one round");
    for inst in ["billing-1", "billing-2"] {
        let revoked: Vec<_> = rb
            .iter()
            .filter(|e| e.0 >= 20_000 && e.1 == "revoked" && e.2 == inst)
            .collect();
        assert_eq!(revoked.len(), 1);
        assert_eq!(
            revoked[0].4, before[inst],
            "{inst} revokes its whole assignment"
        );
    }
    let assigned: BTreeMap<&str, &BTreeSet<Tp>> = rb
        .iter()
        .filter(|e| e.0 >= 20_000 && e.1 == "assigned")
        .map(|e| (e.2.as_str(), &e.4))
        .collect();
    assert_eq!(assigned.len(), 3, "every member gets its whole assignment");
    assert_eq!(assigned.values().map(|p| p.len()).sum::<usize>(), 6);
    // Sticky: the members that stayed keep 2 of their 3 partitions.
    for inst in ["billing-1", "billing-2"] {
        assert_eq!(
            assigned[inst].intersection(&before[inst]).count(),
            2,
            "{inst}"
        );
    }
    assert_eq!(w.snapshot().groups[0].generation, 3);
}

#[test]
fn a_leaving_member_costs_one_cooperative_round_and_no_revocations() {
    let s = load("cooperative-rebalance.json");
    let (_, events) = run_checked(&s, 19_000);
    let rb = rebalance_events(&events);
    let revoked: Vec<_> = rb
        .iter()
        .filter(|e| e.0 >= 10_000 && e.1 == "revoked")
        .collect();
    assert_eq!(
        revoked.len(),
        1,
        "only the stopping member revokes: {revoked:?}"
    );
    assert_eq!(revoked[0].2, "billing-3");
    assert_eq!(generations_completed(&events, 10_000), vec![2]);
}
