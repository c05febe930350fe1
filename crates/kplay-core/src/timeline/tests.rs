use super::*;
use crate::scenario::{
    GroupSpec, InstanceSpec, KeyKind, ProducerSpec, Scenario, Strategy, TopicSpec,
};
use crate::sim::TraceLevel;
use alloc::string::ToString;
use alloc::vec;
use proptest::prelude::*;

fn scenario(strategy: Strategy) -> Scenario {
    let mut s = Scenario::default();
    s.topics.push(TopicSpec::new("orders", 4));
    let mut p = ProducerSpec::new("shop", "orders", 120);
    p.keys.kind = KeyKind::Random;
    p.keys.values = ["a", "b", "c", "d", "e"].map(String::from).to_vec();
    s.producers.push(p);
    let mut g = GroupSpec::new("billing", ["orders"]);
    g.strategy = strategy;
    for i in 1..=3 {
        let mut inst = InstanceSpec::new(&alloc::format!("b{i}"), "Billing", 2);
        inst.processing_ms = crate::scenario::Processing::Fixed(3);
        g.instances.push(inst);
    }
    s.groups.push(g);
    s
}

fn world(s: &Scenario, seed: u64) -> World {
    // Every event, as the web records them: commits become markers.
    let mut w = World::new(s, seed).unwrap_or_else(|e| panic!("{e:?}"));
    w.set_trace_level(TraceLevel::All);
    w
}

/// A learner's action, chosen by the property test.
fn action(kind: u8, instance: u8, n: u32) -> Command {
    let instance = alloc::format!("b{}", 1 + instance % 3);
    match kind % 5 {
        0 => Command::Crash { instance },
        1 => Command::Restart { instance },
        2 => Command::Stop { instance },
        3 => Command::SetThreads {
            instance,
            threads: 1 + n % 4,
        },
        _ => Command::AddPartitions {
            topic: "orders".to_string(),
            partitions: 5 + n % 4,
        },
    }
}

/// Runs the live world in uneven frames like the web does, applying the actions when due (the refused ones are
/// not recorded), and returns the timeline.
fn live_run(
    s: &Scenario,
    seed: u64,
    plan: &[(u64, Command)],
    frames: &[u64],
    end: u64,
) -> Timeline {
    let mut live = world(s, seed);
    let mut timeline = Timeline::new(&live, 700, 4);
    let mut next = 0;
    let mut frame = 0;
    while live.now_ms() < end {
        let dt = frames[frame % frames.len()];
        frame += 1;
        let target = (live.now_ms() + dt).min(end);
        while next < plan.len() && plan[next].0 <= target {
            live.run_until(plan[next].0);
            if live.apply(plan[next].1.clone()).is_ok() {
                timeline.record(live.now_ms(), plan[next].1.clone());
            }
            next += 1;
        }
        live.run_until(target);
        let events = live.drain_events();
        timeline.observe(&live, &events);
    }
    timeline
}

fn straight(s: &Scenario, seed: u64, commands: &[TimedCommand], t: u64) -> World {
    let mut w = world(s, seed);
    replay(&mut w, commands, t).unwrap_or_else(|e| panic!("{e}"));
    w
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Any moment rebuilt from the checkpoints is the moment a straight run reaches, and stays so afterwards
    /// (the random streams were restored too).
    #[test]
    fn any_moment_equals_a_straight_run(
        seed in 0u64..1_000,
        cooperative in any::<bool>(),
        raw_plan in proptest::collection::vec((0u64..20_000, any::<u8>(), any::<u8>(), any::<u32>()), 0..6),
        frames in proptest::collection::vec(1u64..250, 1..5),
        probes in proptest::collection::vec(0u64..20_000, 1..4),
    ) {
        let s = scenario(if cooperative { Strategy::CooperativeSticky } else { Strategy::Range });
        let mut plan: Vec<(u64, Command)> =
            raw_plan.iter().map(|&(t, k, i, n)| (t, action(k, i, n))).collect();
        plan.sort_by_key(|(t, _)| *t);
        let timeline = live_run(&s, seed, &plan, &frames, 20_000);
        prop_assert!(timeline.checkpoint_count() <= 4);
        for t in probes {
            let mut rebuilt = timeline.world_at(t);
            let mut direct = straight(&s, seed, timeline.commands(), t);
            prop_assert_eq!(rebuilt.now_ms(), t);
            prop_assert_eq!(rebuilt.snapshot(), direct.snapshot());
            rebuilt.step(3_000);
            direct.step(3_000);
            prop_assert_eq!(rebuilt.snapshot(), direct.snapshot());
        }
    }
}

#[test]
fn forking_forgets_the_future_and_a_new_one_can_be_recorded() {
    let s = scenario(Strategy::Range);
    let crash = Command::Crash {
        instance: "b1".into(),
    };
    let mut timeline = live_run(&s, 3, &[(6_000, crash)], &[16], 12_000);
    assert_eq!(timeline.commands().len(), 1);
    assert!(timeline
        .markers()
        .any(|m| m.kind == MarkerKind::Fault && m.at_ms == 6_000));

    let mut live = timeline.fork_at(4_000);
    assert_eq!((live.now_ms(), timeline.present_ms()), (4_000, 4_000));
    assert!(timeline.commands().is_empty());
    assert!(timeline.markers().all(|m| m.at_ms <= 4_000));

    // A different future: b2 stops at 5 s.
    live.run_until(5_000);
    let stop = Command::Stop {
        instance: "b2".into(),
    };
    live.apply(stop.clone()).unwrap_or_else(|e| panic!("{e}"));
    timeline.record(5_000, stop);
    live.run_until(9_000);
    let events = live.drain_events();
    timeline.observe(&live, &events);

    let direct = straight(&s, 3, timeline.commands(), 9_000);
    assert_eq!(timeline.world_at(9_000).snapshot(), direct.snapshot());
    assert_eq!(timeline.world_at(9_000).snapshot(), live.snapshot());
    assert!(!timeline
        .markers()
        .any(|m| m.kind == MarkerKind::Fault && m.detail == "crash"));
    assert!(timeline
        .markers()
        .any(|m| m.kind == MarkerKind::Fault && m.detail == "stop"));
}

#[test]
fn checkpoints_stay_within_the_cap_over_a_long_run() {
    let s = scenario(Strategy::Range);
    let timeline = live_run(&s, 9, &[], &[16], 120_000);
    assert!(
        timeline.checkpoint_count() <= 4,
        "{}",
        timeline.checkpoint_count()
    );
    assert!(timeline.checkpoint_count() >= 2);
    // 700 ms doubled until four checkpoints span two minutes.
    assert!(
        timeline.checkpoint_interval_ms() >= 22_400,
        "{}",
        timeline.checkpoint_interval_ms()
    );
    let direct = straight(&s, 9, &[], 100_000);
    assert_eq!(timeline.world_at(100_000).snapshot(), direct.snapshot());
}

#[test]
fn markers_show_rebalances_faults_and_one_commit_per_group_and_moment() {
    let s = scenario(Strategy::Range);
    let crash = Command::Crash {
        instance: "b3".into(),
    };
    let timeline = live_run(&s, 5, &[(8_000, crash)], &[16], 30_000);
    let of = |kind| timeline.markers().filter(move |m| m.kind == kind);
    let generations: Vec<i32> = of(MarkerKind::Rebalance)
        .map(|m| m.detail.parse().unwrap_or(-1))
        .collect();
    // The first join, then the rebalance after the crash (b3's members leave when the session times out).
    assert!(generations.len() >= 2, "{generations:?}");
    assert!(
        generations.windows(2).all(|w| w[0] < w[1]),
        "{generations:?}"
    );
    let after_crash = of(MarkerKind::Rebalance).any(|m| m.at_ms > 8_000);
    assert!(after_crash);
    assert_eq!(of(MarkerKind::Fault).count(), 1);
    let commits: Vec<u64> = of(MarkerKind::Commit).map(|m| m.at_ms).collect();
    assert!(!commits.is_empty());
    assert!(
        commits.windows(2).all(|w| w[0] < w[1]),
        "one marker per moment"
    );
    assert!(timeline
        .markers()
        .collect::<Vec<_>>()
        .windows(2)
        .all(|w| w[0].at_ms <= w[1].at_ms));
}

#[test]
fn replay_names_the_refused_command_and_rejects_a_list_out_of_order() {
    let s = scenario(Strategy::Range);
    let mut w = world(&s, 1);
    let list = vec![
        TimedCommand {
            at_ms: 2_000,
            command: Command::Stop {
                instance: "b1".into(),
            },
        },
        TimedCommand {
            at_ms: 1_000,
            command: Command::Stop {
                instance: "b2".into(),
            },
        },
    ];
    let err = replay(&mut w, &list, 5_000).unwrap_err();
    assert_eq!((err.index, err.error.field.as_str()), (1, "at_ms"));
    let mut w = world(&s, 1);
    let unknown = [TimedCommand {
        at_ms: 10,
        command: Command::Restart {
            instance: "nobody".into(),
        },
    }];
    let err = replay(&mut w, &unknown, 50).unwrap_err();
    assert_eq!(
        err.to_string(),
        "commands[0] (at 10 ms): instance: unknown instance \"nobody\""
    );
}
