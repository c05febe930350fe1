//! A member that missed a whole generation and comes back to rejoin (found by the property test, 1 case in
//! ~30,000): the auto-commit of its onJoinPrepare is refused with ILLEGAL_GENERATION, which resets its
//! generation (OffsetCommitResponseHandler → resetStateOnResponseError); the next onJoinPrepare finds no
//! generation and gives all its partitions up as lost, so it cannot claim the partition another member got in
//! the generation it missed.

mod common;

use kplay_core::scenario::{
    CommitMode, CommitSpec, FaultKind, FaultSpec, GroupSpec, InstanceSpec, OffsetReset,
    PartitionerKind, ProducerSpec, Scenario, Strategy, TopicSpec,
};
use kplay_core::sim::{Command, EventKind, World};

/// One static instance of three cooperative threads on t0 (4 partitions) and t1 (2); t1 is deleted at 6,001 ms
/// (a rebalance) and the instance turns slow at 6,250 ms (600 ms a record), so thread 0 misses generation 2,
/// in which thread 1 gets its t0-3.
fn scenario() -> Scenario {
    let mut s = Scenario::default();
    s.topics.push(TopicSpec::new("t0", 4));
    s.topics.push(TopicSpec::new("t1", 2));
    let mut p = ProducerSpec::new("p0", "t0", 8);
    p.partitioner = PartitionerKind::StickyLegacy;
    p.batch_size = 300;
    s.producers.push(p);
    let mut g = GroupSpec::new("g0", ["t0", "t1"]);
    g.strategy = Strategy::CooperativeSticky;
    g.auto_offset_reset = OffsetReset::Earliest;
    g.commit = CommitSpec {
        interval_ms: 2_000,
        ..CommitSpec::kafka(CommitMode::Auto)
    };
    g.session_timeout_ms = 6_000;
    g.max_poll_interval_ms = 5_000;
    g.max_poll_records = 20;
    g.initial_rebalance_delay_ms = 500;
    g.metadata_max_age_ms = 3_000;
    let mut i = InstanceSpec::new("i0", "L0", 3);
    i.static_id = Some("s0".into());
    g.instances.push(i);
    s.groups.push(g);
    let mut f = FaultSpec::new(6_250, FaultKind::Slow);
    f.instance = Some("i0".into());
    f.processing_ms = Some(600);
    s.faults.push(f);
    s
}

fn holder_of(w: &World, partition: u32) -> Vec<String> {
    let snap = w.snapshot();
    snap.groups[0]
        .members
        .iter()
        .filter(|m| m.partitions.contains(&("t0".to_string(), partition)))
        .map(|m| m.member_id.clone())
        .collect()
}

#[test]
fn a_rejected_commit_drops_the_members_claims_to_a_later_generations_owner() {
    let mut w = World::new(&scenario(), 1_896_368_719_752_987_440).expect("valid scenario");
    w.set_event_capacity(usize::MAX);
    w.run_until(6_001);
    w.apply(Command::RemoveTopic { topic: "t1".into() })
        .expect("t1 has no producer");
    // Debug builds check after every millisecond that no partition has two owners among current members.
    w.run_until(14_000);
    let events = w.drain_events();
    let member = |thread: &str| {
        events
            .iter()
            .find_map(|e| match &e.kind {
                EventKind::Assigned { member, .. } if member.starts_with(thread) => {
                    Some(member.clone())
                }
                _ => None,
            })
            .expect("every thread got an assignment")
    };
    let (zero, one) = (member("i0-0-"), member("i0-1-"));
    // Thread 1 got t0-3 in generation 2, while thread 0 (slow) had not rejoined.
    assert!(events.iter().any(|e| matches!(&e.kind,
        EventKind::Assigned { member, generation: 2, partitions, .. }
            if *member == one && partitions.contains(&("t0".into(), 3)))));
    // Thread 0's next commit is refused for its generation; it rejoins, and generation 3 completes.
    let refused = events
        .iter()
        .find(|e| matches!(&e.kind, EventKind::Warning { code, message, .. }
            if code == "commit_failed" && message.contains(&zero) && message.ends_with("ILLEGAL_GENERATION")))
        .map(|e| e.t_ms)
        .expect("thread 0's commit is refused");
    assert!(events.iter().any(|e| e.t_ms > refused
        && matches!(&e.kind, EventKind::GroupState { state, generation: 3, .. } if state == "Stable")));
    // One commit, one answer: the loss that follows attempts no second commit (Kafka reads the first's answer).
    assert!(!events.iter().any(|e| e.t_ms >= refused
        && e.t_ms < refused + 100
        && matches!(&e.kind, EventKind::Warning { code, message, .. }
            if code == "commit_failed" && message.contains(&zero) && message.contains("in the client"))));
    // Its generation reset, thread 0 gives up everything it held as lost at its next poll (onJoinPrepare with
    // no generation) and joins owning nothing: generation 3 leaves t0-3 with thread 1.
    assert!(events.iter().any(|e| e.t_ms > refused
        && matches!(&e.kind, EventKind::Lost { member, partitions, .. }
            if *member == zero && partitions.contains(&("t0".into(), 3)))));
    assert!(!events.iter().any(|e| e.t_ms > refused
        && matches!(&e.kind, EventKind::Assigned { member, partitions, .. }
            if *member == zero && partitions.contains(&("t0".into(), 3)))));
    assert_eq!(holder_of(&w, 3), [one]);
}
