use super::*;
use crate::scenario::GroupSpec;

fn info() -> (Vec<&'static str>, Vec<u32>) {
    (alloc::vec!["t"], alloc::vec![4])
}

/// A JoinGroup with no owned partitions and the group's own subscription.
fn join(
    c: &mut Coordinator,
    spec: &GroupSpec,
    group: &str,
    ev: &mut EventLog,
    now: u64,
    member: &str,
    instance: Option<&str>,
) -> JoinReply {
    c.join(
        now,
        spec,
        group,
        ev,
        member,
        instance,
        Vec::new(),
        -1,
        spec.topics.clone(),
    )
}

#[test]
fn generation_bumps_when_the_join_completes_after_the_initial_delay() {
    let spec = GroupSpec::new("g", ["t"]);
    let (names, counts) = info();
    let topics = TopicsInfo {
        names: &names,
        counts: &counts,
    };
    let mut ev = EventLog::new(100);
    let mut c = Coordinator::new();
    assert_eq!(
        join(&mut c, &spec, "g", &mut ev, 0, "a", None),
        JoinReply::Pending
    );
    c.tick(1_000, &spec, "g", &topics, &mut ev);
    // A second member within the first window: when it ends (3 s) another window of min(delay, remaining)
    // starts (GroupMetadataManager.tryCompleteInitialRebalanceElseSchedule, formerly InitialDelayedJoin).
    join(&mut c, &spec, "g", &mut ev, 2_000, "b", None);
    c.tick(3_000, &spec, "g", &topics, &mut ev);
    assert_eq!((c.state, c.generation), (GroupState::PreparingRebalance, 0));
    c.tick(5_999, &spec, "g", &topics, &mut ev);
    assert_eq!((c.state, c.generation), (GroupState::PreparingRebalance, 0));
    // Nobody joined in the second window: the join completes when it ends.
    c.tick(6_000, &spec, "g", &topics, &mut ev);
    assert_eq!((c.state, c.generation), (GroupState::Stable, 1));
    assert_eq!(
        c.take_assignment("a"),
        Some((1, alloc::vec![(0, 0), (0, 1)]))
    );
    assert_eq!(
        c.take_assignment("a"),
        None,
        "SyncGroup answers once per round"
    );
}

#[test]
fn commits_follow_kafkas_error_rules() {
    let spec = GroupSpec::new("g", ["t"]);
    let (names, counts) = info();
    let topics = TopicsInfo {
        names: &names,
        counts: &counts,
    };
    let mut ev = EventLog::new(100);
    let mut c = Coordinator::new();
    join(&mut c, &spec, "g", &mut ev, 0, "a", None);
    c.tick(3_000, &spec, "g", &topics, &mut ev);
    assert_eq!(
        c.commit("a", 1, &[((0, 0), 5)]),
        Ok(alloc::vec![((0, 0), 5)])
    );
    assert_eq!(
        c.commit("a", 1, &[((0, 0), 5)]),
        Ok(Vec::new()),
        "unchanged offsets are not reported"
    );
    assert_eq!(
        c.commit("a", 0, &[((0, 0), 6)]),
        Err(CommitError::IllegalGeneration)
    );
    assert_eq!(
        c.commit("zombie", 1, &[((0, 0), 6)]),
        Err(CommitError::UnknownMember)
    );
    // A new member starts a rebalance; the current generation may still commit while it prepares.
    join(&mut c, &spec, "g", &mut ev, 3_001, "b", None);
    assert_eq!(c.state, GroupState::PreparingRebalance);
    assert!(c.commit("a", 1, &[((0, 0), 7)]).is_ok());
    assert_eq!(c.committed.get(&(0, 0)), Some(&7));
}

#[test]
fn session_timeout_removes_silent_members_and_static_rejoin_keeps_the_generation() {
    let spec = GroupSpec::new("g", ["t"]);
    let (names, counts) = info();
    let topics = TopicsInfo {
        names: &names,
        counts: &counts,
    };
    let mut ev = EventLog::new(100);
    let mut c = Coordinator::new();
    join(&mut c, &spec, "g", &mut ev, 0, "a-1", Some("sa"));
    join(&mut c, &spec, "g", &mut ev, 0, "b-1", None);
    c.tick(3_000, &spec, "g", &topics, &mut ev);
    c.tick(6_000, &spec, "g", &topics, &mut ev);
    let before = c.assignment.get("a-1").cloned();
    // The static member restarts with a new member id while the group is Stable: no rebalance.
    let reply = join(&mut c, &spec, "g", &mut ev, 7_000, "a-2", Some("sa"));
    assert_eq!(
        reply,
        JoinReply::StaticReplaced {
            generation: 1,
            partitions: before.unwrap_or_default()
        }
    );
    assert_eq!((c.state, c.generation), (GroupState::Stable, 1));
    // b stops heartbeating: removed after session.timeout.ms, which starts a rebalance.
    for t in (7_000..=17_000).step_by(1_000) {
        c.heartbeat(t, "a-2");
        c.tick(t, &spec, "g", &topics, &mut ev);
    }
    assert_eq!(c.state, GroupState::PreparingRebalance);
    assert!(c.member("b-1").is_none());
}

#[test]
fn the_initial_delay_opens_windows_only_for_members_added_after_the_first() {
    // GroupMetadataManager.addMemberThenRebalanceOrCompleteJoin sets newMemberAdded only when the group is
    // already PreparingRebalance coming from Empty: the member that creates the group does not set it.
    let spec = GroupSpec::new("g", ["t"]);
    let (names, counts) = info();
    let topics = TopicsInfo {
        names: &names,
        counts: &counts,
    };
    let mut ev = EventLog::new(100);
    let mut c = Coordinator::new();
    join(&mut c, &spec, "g", &mut ev, 0, "a", None);
    c.tick(3_000, &spec, "g", &topics, &mut ev);
    assert_eq!((c.state, c.generation), (GroupState::Stable, 1));

    // Windows are bounded by the rebalance timeout: with max.poll.interval.ms 4000 and a 3000 delay only
    // 1000 ms remain after the first window, so the second is 1000 ms long and the third never opens
    // (tryCompleteInitialRebalanceElseSchedule: newDelay = min(delay, remaining), newRemaining =
    // max(remaining - delay, 0)).
    let mut spec = GroupSpec::new("g2", ["t"]);
    spec.max_poll_interval_ms = 4_000;
    let mut c = Coordinator::new();
    join(&mut c, &spec, "g2", &mut ev, 0, "a", None);
    join(&mut c, &spec, "g2", &mut ev, 100, "b", None);
    c.tick(3_000, &spec, "g2", &topics, &mut ev);
    assert_eq!(c.state, GroupState::PreparingRebalance);
    join(&mut c, &spec, "g2", &mut ev, 3_500, "c", None);
    c.tick(3_999, &spec, "g2", &topics, &mut ev);
    assert_eq!(c.state, GroupState::PreparingRebalance);
    c.tick(4_000, &spec, "g2", &topics, &mut ev);
    assert_eq!((c.state, c.generation), (GroupState::Stable, 1));
    assert_eq!(c.members.len(), 3);
}
