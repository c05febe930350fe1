//! Tests of the story buffer: rebalances, faults and warnings outlive the busy recent log, and stay bounded.

use super::*;
use kplay_core::{Command, World};

fn warning(t_ms: u64, code: &str) -> Event {
    Event {
        t_ms,
        kind: EventKind::Warning {
            code: code.into(),
            group: Some("g".into()),
            message: "m".into(),
        },
    }
}

/// The bench preset (2,000 records/s read by 3 groups), `audit-1` crashed after 2 s, then 3 virtual minutes: the
/// recent log holds only the last fraction of a second, the story still has the crash and the rebalance it caused
/// (a crashed member stops heartbeating; the coordinator removes it and rebalances the group to a new generation:
/// GroupMetadataManager.removeMemberAndUpdateClassicGroup → maybePrepareRebalanceOrCompleteJoin), and every chart mark lies in the charts' sample window.
#[test]
fn a_busy_run_keeps_the_crash_and_the_rebalance() {
    let mut w =
        World::new(&kplay_core::scenario::bench_preset(), 1).unwrap_or_else(|e| panic!("{e:?}"));
    let mut t = Trace::default();
    let run = |w: &mut World, t: &mut Trace, ms: u64| {
        for _ in 0..ms / 100 {
            w.step(100);
            t.absorb(w.drain_events(), 0.0, false);
            t.sample(&w.snapshot());
        }
    };
    run(&mut w, &mut t, 2000);
    let gen = w.snapshot().groups[0].generation;
    assert!(w
        .apply(Command::Crash {
            instance: "audit-1".into()
        })
        .is_ok());
    run(&mut w, &mut t, 60_000);
    let in_window = |t: &Trace| {
        let (a, b) = (
            t.samples.front().map(|s| s.t_ms),
            t.samples.back().map(|s| s.t_ms),
        );
        t.story
            .marks
            .iter()
            .all(|m| Some(m.t_ms) >= a && Some(m.t_ms) <= b)
    };
    assert!(
        in_window(&t),
        "marks inside the window: {:?}",
        t.story.marks
    );
    assert!(
        t.story.marks.iter().any(|m| m.kind == MarkKind::Fault
            && m.label(&crate::i18n::I18n::english()).contains("audit-1")),
        "the crash is marked while it is in the charts' window: {:?}",
        t.story.marks
    );
    run(&mut w, &mut t, 120_000);
    let crashed =
        |e: &Event| matches!(&e.kind, EventKind::Fault { instance: Some(i), .. } if i == "audit-1");
    let rebalanced = |e: &Event| matches!(&e.kind, EventKind::GroupState { group, generation, .. } if group == "audit" && *generation > gen);
    assert!(
        t.story.events.iter().any(crashed),
        "the crash is still in the story"
    );
    assert!(
        t.story.events.iter().any(rebalanced),
        "the rebalance is still in the story"
    );
    assert!(
        !t.events.iter().any(crashed),
        "the 300-event log dropped the crash long ago"
    );
    assert!(t.events.len() <= EVENT_LOG_CAP);
    assert!(t.story.events.len() <= STORY_CAP);
    assert!(t.story.events.iter().all(|e| is_story(&e.kind)));
    let log = |f: &'static str| {
        crate::components::event_log::shown(&t, f)
            .cloned()
            .collect::<Vec<_>>()
    };
    assert!(
        log("story").iter().any(rebalanced),
        "the default view shows the rebalance"
    );
    assert!(
        log("fault").iter().any(crashed),
        "the fault filter finds the crash"
    );
    assert!(!log("all").iter().any(crashed));
    assert!(!log("processed").is_empty());
    assert!(log("processed")
        .iter()
        .all(|e| e.kind.name() == "processed"));
    assert!(
        in_window(&t),
        "old marks are pruned with the samples: {:?}",
        t.story.marks
    );
    assert!(
        !t.story.marks.iter().any(|m| m.t_ms < 100_000),
        "the crash at 2 s is outside the last 120 s"
    );
}

#[test]
fn the_story_stays_bounded_and_drops_its_oldest_only() {
    let mut s = Story::default();
    for i in 0..(STORY_CAP as u64 + 500) {
        s.keep(&warning(i * 10, "commit_failed"));
    }
    s.keep(&Event {
        t_ms: 0,
        kind: EventKind::Produced {
            topic: "t".into(),
            partition: 0,
            offset: 0,
            key: None,
            producer: "p".into(),
            tombstone: false,
        },
    });
    assert_eq!(s.events.len(), STORY_CAP);
    assert_eq!(s.dropped, 500);
    assert_eq!(
        s.events.front().map(|e| e.t_ms),
        Some(5000),
        "the oldest 500 went first"
    );
    assert!(
        s.events.iter().all(|e| is_story(&e.kind)),
        "a produced event is no story"
    );
    assert!(s.marks.len() <= MARK_CAP);
}

#[test]
fn repeated_warnings_make_one_mark_per_second() {
    let mut s = Story::default();
    for t in [0, 100, 200, 999, 1000, 1500] {
        s.keep(&warning(t, "commit_failed"));
    }
    s.keep(&warning(1500, "poll_timeout"));
    let times: Vec<u64> = s.marks.iter().map(|m| m.t_ms).collect();
    assert_eq!(times, vec![0, 1000, 1500]);
    assert_eq!(s.events.len(), 7, "the story itself keeps every warning");
}

/// A mark and a record's step are data put in words when shown: the same mark reads in either language.
#[test]
fn marks_and_steps_are_worded_in_the_language_shown() {
    use crate::i18n::{preload_korean, I18n, Lang};
    let mut s = Story::default();
    let state = |generation| Event {
        t_ms: 5,
        kind: EventKind::GroupState {
            group: "billing".into(),
            state: "PreparingRebalance".into(),
            generation,
        },
    };
    s.keep(&state(1));
    s.keep(&state(1));
    assert_eq!(s.marks.len(), 1, "one mark per new generation");
    let en = I18n::english();
    preload_korean(include_str!("../../i18n/ko.txt")).unwrap_or_else(|e| panic!("{e:?}"));
    let ko = I18n::loaded(Lang::Ko).unwrap_or_else(|| unreachable!());
    assert_eq!(
        s.marks[0].label(&en),
        "billing: generation 1 (PreparingRebalance)"
    );
    assert_eq!(
        s.marks[0].label(&ko),
        "billing: 제너레이션 1 (PreparingRebalance)"
    );
    let step = super::Step::Processed {
        group: "billing".into(),
        instance: "billing-1".into(),
        thread: 0,
        again: true,
    };
    assert!(step.again());
    assert_eq!(
        step.text(&en, ("orders", 0, 3)),
        "REPROCESSED: processed again by billing / billing-1 thread 0"
    );
    assert_eq!(
        step.text(&ko, ("orders", 0, 3)),
        "재처리: billing / billing-1 스레드 0이(가) 다시 처리"
    );
}
