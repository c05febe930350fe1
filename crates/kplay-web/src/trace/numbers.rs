//! Tests of the numbers the charts and the time-to-clear line show (issue 17, "numbers that are right").

use super::*;
use crate::format::{clear_verdict, group_lag};
use kplay_core::scenario::{ProducerSpec, TopicSpec};
use kplay_core::sim::{InstanceStatus, World};
use kplay_core::Command;

/// The default scenario plus a busy topic `audit` that group `billing` does not read.
fn two_topics() -> World {
    let mut s = crate::presets::default_scenario();
    s.topics.push(TopicSpec::new("audit", 2));
    s.producers.push(ProducerSpec::new("auditor", "audit", 100));
    World::new(&s, 7).unwrap_or_else(|e| panic!("{e:?}"))
}

fn run(w: &mut World, t: &mut Trace, ms: u64, mut each: impl FnMut(&World, &Trace)) {
    for _ in 0..ms / 100 {
        w.step(100);
        t.absorb(w.drain_events(), 0.0, false);
        let snap = w.snapshot();
        t.clear_recovered(&snap);
        t.sample(&snap);
        each(w, t);
    }
}

/// Lag drains at the group's own consumption rate against the production rate of the topics it reads
/// (ConsumerGroupCommand's LAG is per partition of the group's topics): a busy topic the group does not read
/// must not enter the estimate, and a consumption rate is never negative, not even when the lag jumps at a
/// first commit, during a rebalance or after every instance crashed.
#[test]
fn group_rates_count_only_the_groups_topics_and_never_go_negative() {
    let mut w = two_topics();
    let mut t = Trace::default();
    let mut check = |_: &World, t: &Trace| {
        if let Some((p, c)) = t.group_rates("billing", 5) {
            assert!(
                p >= 0.0 && c >= 0.0,
                "rates ({p}, {c}) at {:?}",
                t.samples.back()
            );
        }
    };
    run(&mut w, &mut t, 20_000, &mut check);
    let (p, c) = t.group_rates("billing", 5).unwrap_or_default();
    assert!(
        (p - 4.0).abs() < 1.5,
        "billing reads orders at 4/s, got {p}"
    );
    assert!(c > 0.0 && (c - 4.0).abs() < 2.0, "billing keeps up: {c}");
    assert!(t.rates(5).0 > 90.0, "the header's total counts both topics");
    for i in ["billing-1", "billing-2"] {
        assert!(w.apply(Command::Crash { instance: i.into() }).is_ok());
    }
    run(&mut w, &mut t, 10_000, &mut check);
    assert_eq!(t.group_rates("billing", 5).map(|r| r.1), Some(0.0));
    assert_eq!(t.group_rates("nobody", 5), None);
}

/// One definition of lag (ConsumerGroupCommand.getLag: none without a committed offset): the per-group series
/// is the `--describe` sum, and the per-partition series has no point for a partition never committed.
#[test]
fn lag_series_use_the_describe_definition() {
    let mut w = two_topics();
    let mut t = Trace::default();
    run(&mut w, &mut t, 15_000, |w, t| {
        let snap = w.snapshot();
        let g = &snap.groups[0];
        let s = t.samples.back().unwrap_or_else(|| unreachable!());
        if s.t_ms != snap.now_ms {
            return;
        }
        assert_eq!(s.group_lag, vec![("billing".to_string(), group_lag(g))]);
        let committed = g
            .partitions
            .iter()
            .filter(|p| p.committed.is_some())
            .count();
        assert_eq!(s.partition_lag.len(), committed, "at {} ms", s.t_ms);
        let sum: u64 = s.partition_lag.iter().map(|x| x.3).sum();
        assert_eq!(sum, group_lag(g));
    });
    assert!(
        !t.samples[0].partition_lag.iter().any(|x| x.0 == "billing"),
        "nothing is committed in the first second"
    );
    assert!(t.samples.back().is_some_and(|s| s.partition_lag.len() == 3));
}

/// Before the first rebalance completes (6 s: two group.initial.rebalance.delay.ms windows while members keep
/// joining, GroupMetadataManager / InitialDelayedJoin) nothing is consumed yet: the estimate says so instead
/// of "never at these rates", and never says "never" while the group keeps up.
#[test]
fn the_first_seconds_do_not_say_never() {
    let mut w = two_topics();
    let mut t = Trace::default();
    let mut seen_waiting = false;
    run(&mut w, &mut t, 20_000, |w, t| {
        let snap = w.snapshot();
        let text = clear_verdict(
            &crate::i18n::I18n::english(),
            &snap.groups[0],
            t.group_rates("billing", 5),
        );
        assert!(!text.contains("never"), "at {} ms: {text}", snap.now_ms);
        seen_waiting |= text.starts_with("not consuming yet (group PreparingRebalance)");
    });
    assert!(seen_waiting);
}

/// Slow makes a record take `max.poll.interval.ms`, so the member leaves the group (the poll_timeout warning).
/// The banner stays while the instance is slow and clears once Slow was undone (SetProcessing) and the member
/// rejoined (AbstractCoordinator.ensureActiveGroup on its next poll) and the group is Stable again.
#[test]
fn a_poll_timeout_warning_clears_when_the_slow_instance_recovers() {
    let mut s = crate::presets::default_scenario();
    s.groups[0].max_poll_interval_ms = 10_000;
    let mut w = World::new(&s, 7).unwrap_or_else(|e| panic!("{e:?}"));
    let mut t = Trace::default();
    run(&mut w, &mut t, 8_000, |_, _| {});
    let slow = Command::Slow {
        instance: "billing-1".into(),
        processing_ms: None,
    };
    assert!(w.apply(slow).is_ok());
    let warned = |t: &Trace| t.warnings.iter().any(|(c, _, _)| c == "poll_timeout");
    run(&mut w, &mut t, 40_000, |_, _| {});
    assert!(warned(&t), "the slow member timed out: {:?}", t.warnings);
    assert_eq!(
        w.snapshot().groups[0].instances[0].status,
        InstanceStatus::Slow
    );
    let undo = Command::SetProcessing {
        instance: "billing-1".into(),
        processing_ms: s.groups[0].instances[0].processing_ms,
    };
    assert!(w.apply(undo).is_ok());
    assert_eq!(
        w.snapshot().groups[0].instances[0].status,
        InstanceStatus::Up
    );
    run(&mut w, &mut t, 40_000, |_, _| {});
    assert!(!warned(&t), "cleared after recovery: {:?}", t.warnings);
}
