//! One test per seed concept, each on a shipped scenario file (scenarios/*.json).

mod common;

use common::{load, processed, produced, run};
use kplay_core::sim::{Command, EventKind, GroupState, World};
use std::collections::{BTreeMap, BTreeSet};

#[test]
fn shared_group_splits_records_between_instances() {
    let s = load("shared-group.json");
    let (w, events) = run(&s, 7, 30_000);
    let done = processed(&events);
    let by_instance: BTreeMap<String, BTreeSet<(u32, u64)>> =
        done.iter().fold(BTreeMap::new(), |mut m, p| {
            m.entry(p.1.clone()).or_default().insert((p.3, p.4));
            m
        });
    assert_eq!(by_instance.len(), 2, "both instances processed records");
    let a = &by_instance["billing-1"];
    let b = &by_instance["billing-2"];
    assert!(
        a.is_disjoint(b),
        "each record goes to one instance of the group"
    );
    let partitions_a: BTreeSet<u32> = a.iter().map(|x| x.0).collect();
    let partitions_b: BTreeSet<u32> = b.iter().map(|x| x.0).collect();
    assert_eq!(
        partitions_a,
        BTreeSet::from([0, 1]),
        "range gives the first member partitions 0-1"
    );
    assert_eq!(partitions_b, BTreeSet::from([2, 3]));
    assert_eq!(w.snapshot().groups[0].state, GroupState::Stable);
}

#[test]
fn two_groups_each_get_every_record() {
    let s = load("two-groups.json");
    let (_, events) = run(&s, 7, 30_000);
    let all: BTreeSet<(u32, u64)> = produced(&events).iter().map(|p| (p.1, p.2)).collect();
    for group in ["billing", "shipping"] {
        let seen: BTreeSet<(u32, u64)> = processed(&events)
            .iter()
            .filter(|p| p.0 == group)
            .map(|p| (p.3, p.4))
            .collect();
        // Everything produced up to the last poll is processed; only the final millisecond may be in flight.
        let missing: Vec<_> = all.difference(&seen).collect();
        assert!(missing.len() <= 4, "{group} missed {missing:?}");
        assert!(seen.len() > 500);
    }
}

#[test]
fn mixed_listeners_warn_and_each_listener_misses_records() {
    let s = load("mixed-listeners.json");
    let (w, events) = run(&s, 7, 30_000);
    let warning = events.iter().find_map(|e| match &e.kind {
        EventKind::Warning {
            code,
            group,
            message,
        } if code == "mixed_listeners" => Some((group.clone(), message.clone())),
        _ => None,
    });
    let (group, message) = warning.expect("mixed_listeners warning");
    assert_eq!(group.as_deref(), Some("app"));
    assert!(
        message.contains("BillingListener") && message.contains("ShippingListener"),
        "{message}"
    );
    let snap = w.snapshot();
    let missed: BTreeMap<_, _> = snap.groups[0].missed_by_listener.iter().cloned().collect();
    let total = snap.groups[0].processed;
    assert!(
        missed["BillingListener"] > 0 && missed["ShippingListener"] > 0,
        "{missed:?}"
    );
    assert_eq!(
        missed["BillingListener"] + missed["ShippingListener"],
        total,
        "every record missed by exactly one"
    );
}

/// The "never saw" count is about the shared group id: a listener class misses a record only if it was
/// produced while that class and the class that processed it were both in the group. Here ShippingListener's
/// instance joins 10 s after BillingListener's; then (the fix) it runs in a group of its own.
#[test]
fn a_listener_joining_later_never_saw_only_what_was_produced_while_both_were_in_the_group() {
    let mut s = load("mixed-listeners.json");
    let shipping = s.groups[0].instances.remove(1);
    let mut w = World::new(&s, 7).expect("valid scenario");
    w.set_event_capacity(usize::MAX);
    w.run_until(10_000);
    let add = Command::AddInstance {
        group: "app".into(),
        instance: shipping.clone(),
    };
    w.apply(add).expect("valid instance");
    w.run_until(30_000);
    let events = w.drain_events();
    // Its threads send JoinGroup in the consumers' part of millisecond 10 000, after that millisecond's records.
    let joined = 10_000;
    let produced_at: BTreeMap<(u32, u64), u64> = events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Produced {
                partition, offset, ..
            } => Some(((*partition, *offset), e.t_ms)),
            _ => None,
        })
        .collect();
    let by = |instance: &str| -> BTreeSet<(u32, u64)> {
        let done = processed(&events).into_iter().filter(|p| p.1 == instance);
        done.map(|p| (p.3, p.4)).collect()
    };
    let (billing, shipping_seen) = (by("app-1"), by("app-2"));
    let after = |r: &&(u32, u64)| produced_at[*r] > joined;
    let billing_only = billing.difference(&shipping_seen);
    let (before_join, while_both): (Vec<&(u32, u64)>, Vec<_>) =
        billing_only.partition(|r| !after(r));
    assert!(
        before_join.len() > 150,
        "Billing processed the first 10 s alone: {}",
        before_join.len()
    );
    assert!(
        !while_both.is_empty(),
        "and some records after Shipping came"
    );
    let missed: BTreeMap<_, _> = w.snapshot().groups[0]
        .missed_by_listener
        .iter()
        .cloned()
        .collect();
    assert_eq!(
        missed["ShippingListener"],
        while_both.len() as u64,
        "records produced before Shipping joined do not count"
    );
    let shipping_only = shipping_seen.difference(&billing).filter(after).count();
    assert!(shipping_only > 0);
    assert_eq!(missed["BillingListener"], shipping_only as u64);

    // The fix: ShippingListener in a group of its own, joining at the same time, misses nothing and the
    // mixed-listener warning never comes.
    let mut w = World::new(&s, 7).expect("valid scenario");
    w.run_until(10_000);
    let mut own = s.groups[0].clone();
    own.id = "shipping".into();
    own.instances = vec![shipping];
    w.apply(Command::AddGroup { group: own })
        .expect("valid group");
    w.run_until(30_000);
    let snap = w.snapshot();
    assert_eq!(snap.groups.len(), 2);
    assert!(
        snap.groups[1].processed > 300,
        "{}",
        snap.groups[1].processed
    );
    for g in &snap.groups {
        assert!(g.missed_by_listener.iter().all(|(_, n)| *n == 0), "{g:?}");
        assert!(g.warnings.is_empty(), "{:?}", g.warnings);
    }
}

#[test]
fn crash_leads_to_rebalance_after_session_timeout_and_duplicates() {
    let s = load("crash-duplicates.json");
    let (_, events) = run(&s, 7, 40_000);
    let crash_at = 12_000;
    let rebalance = events
        .iter()
        .find(|e| {
            e.t_ms > crash_at && matches!(&e.kind, EventKind::GroupState { state, .. } if state == "PreparingRebalance")
        })
        .expect("rebalance after the crash");
    let session = u64::from(s.groups[0].session_timeout_ms);
    let hb = u64::from(s.groups[0].heartbeat_interval_ms);
    assert!(
        rebalance.t_ms > crash_at + session - hb && rebalance.t_ms <= crash_at + session + 1,
        "{}",
        rebalance.t_ms
    );
    let dups: Vec<_> = processed(&events).into_iter().filter(|p| p.6).collect();
    assert!(
        !dups.is_empty(),
        "records processed but not committed before the crash are processed again"
    );
    assert!(
        dups.iter().all(|p| p.1 == "billing-2" && p.3 <= 1),
        "the survivor reprocesses the crashed partitions"
    );
    let lost = events
        .iter()
        .any(|e| matches!(&e.kind, EventKind::Lost { instance, .. } if instance == "billing-1"));
    assert!(lost);
}

#[test]
fn new_group_with_earliest_replays_everything_retained() {
    let s = load("new-group-earliest.json");
    let (_, events) = run(&s, 7, 40_000);
    let audit: Vec<_> = processed(&events)
        .into_iter()
        .filter(|p| p.0 == "audit")
        .collect();
    let first = audit.iter().map(|p| p.4).min().expect("audit processed");
    assert_eq!(
        first, 0,
        "earliest starts at offset 0 although the group joined at 20 s"
    );
    let before_join = audit.iter().filter(|p| p.4 < 40).count();
    assert!(
        before_join > 100,
        "records produced before the group existed are replayed"
    );
}

#[test]
fn threads_beyond_partitions_are_idle() {
    let s = load("idle-threads.json");
    let (w, _) = run(&s, 7, 10_000);
    let g = &w.snapshot().groups[0];
    assert_eq!(g.members.len(), 6);
    assert_eq!(g.members.iter().filter(|m| m.idle).count(), 2);
    assert_eq!(
        g.members.iter().filter(|m| m.partitions.len() == 1).count(),
        4
    );
}

#[test]
fn static_member_restart_within_session_timeout_causes_no_rebalance() {
    let s = load("static-restart.json");
    let (w, events) = run(&s, 7, 40_000);
    let states: Vec<_> = events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::GroupState { .. }))
        .collect();
    assert_eq!(states.len(), 3, "only the initial rebalance: {states:?}");
    let g = &w.snapshot().groups[0];
    assert_eq!(g.generation, 1);
    let reassigned = events.iter().find_map(|e| match &e.kind {
        EventKind::Assigned {
            instance,
            generation,
            partitions,
            ..
        } if e.t_ms == 14_000 => Some((instance.clone(), *generation, partitions.clone())),
        _ => None,
    });
    let (instance, generation, partitions) =
        reassigned.expect("restarted member gets its assignment back");
    assert_eq!(instance, "billing-1");
    assert_eq!(generation, 1);
    assert_eq!(
        partitions,
        vec![("orders".to_string(), 0), ("orders".to_string(), 1)]
    );
}

#[test]
fn slow_member_is_kicked_after_max_poll_interval() {
    let s = load("slow-consumer.json");
    let (_, events) = run(&s, 7, 60_000);
    let timeout = events
        .iter()
        .find(|e| matches!(&e.kind, EventKind::Warning { code, .. } if code == "poll_timeout"));
    assert!(timeout.is_some());
    let lost = events
        .iter()
        .any(|e| matches!(&e.kind, EventKind::Lost { instance, .. } if instance == "billing-1"));
    assert!(lost, "the kicked member finds out at its next poll");
    let failed = events
        .iter()
        .any(|e| matches!(&e.kind, EventKind::Warning { code, .. } if code == "commit_failed"));
    let dups = processed(&events).iter().any(|p| p.6);
    assert!(failed || dups, "the zombie's progress is not committed");
}

/// Between leaving the group (the heartbeat thread's poll-timeout check, AbstractCoordinator.HeartbeatThread.run
/// → maybeLeaveGroup) and its next poll, the slow thread still works through the batch in hand: the snapshot
/// marks it `kicked_out` (a zombie) while it still holds records.
#[test]
fn a_thread_kicked_out_by_the_poll_timeout_is_marked_while_it_finishes_its_batch() {
    let s = load("slow-consumer.json");
    let mut w = kplay_core::sim::World::new(&s, 7).unwrap();
    let mut zombie = None;
    while w.now_ms() < 60_000 && zombie.is_none() {
        w.step(50);
        zombie = w.snapshot().groups[0]
            .members
            .iter()
            .find(|m| m.kicked_out)
            .cloned();
    }
    let m = zombie.expect("a member is kicked out within 60 s");
    assert_eq!(m.instance, "billing-1");
    assert!(m.in_flight > 0, "it still holds its batch: {m:?}");
}

#[test]
fn added_partitions_are_noticed_after_metadata_refresh() {
    let s = load("add-partitions.json");
    let (w, events) = run(&s, 7, 40_000);
    let rebalance = events
        .iter()
        .find(|e| {
            e.t_ms > 8_000 && matches!(&e.kind, EventKind::GroupState { state, .. } if state == "PreparingRebalance")
        })
        .expect("rebalance after add_partitions");
    // The group formed at 6 s (two initial-delay windows: the second member joined in the first) and the
    // partitions were added at 8 s: the leader notices at its next metadata refresh.
    assert!(
        rebalance.t_ms > 8_000
            && rebalance.t_ms <= 6_000 + 2 * u64::from(s.groups[0].metadata_max_age_ms)
    );
    let owned: usize = w.snapshot().groups[0]
        .members
        .iter()
        .map(|m| m.partitions.len())
        .sum();
    assert_eq!(owned, 4);
}

#[test]
fn one_record_can_be_followed_from_produced_to_committed() {
    use kplay_core::sim::{RecordStage, World};
    let s = load("two-groups.json");
    let mut w = World::new(&s, 7).unwrap();
    w.run_until(2_000);
    let j = w.follow("orders", 0, 0).expect("offset 0 exists");
    assert!(j.retained);
    assert_eq!(j.producer.as_deref(), Some("shop"));
    assert_eq!(
        j.groups.iter().map(|g| g.1.clone()).collect::<Vec<_>>(),
        vec![RecordStage::Waiting; 2]
    );
    // Joined at 3 s, processed soon after, committed by the auto-commit 5 s after the assignment.
    w.run_until(3_500);
    assert!(w
        .follow("orders", 0, 0)
        .unwrap()
        .groups
        .iter()
        .all(|g| g.1 == RecordStage::Processed));
    w.run_until(8_500);
    assert!(w
        .follow("orders", 0, 0)
        .unwrap()
        .groups
        .iter()
        .all(|g| g.1 == RecordStage::Committed));
    assert!(w.follow("orders", 0, 1_000_000).is_none());
    assert!(w.follow("nope", 0, 0).is_none());
}
