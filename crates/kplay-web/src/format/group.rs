//! The group card's, the header's and the time-to-clear line's words around numbers: one definition of lag
//! (the `--describe` one), threads versus partitions, first-time versus repeated processing.

use super::{duration_text, group_lag, thousands, time_to_clear_s};
use crate::i18n::I18n;
use kplay_core::sim::{GroupState, GroupView, Totals};

/// The catalogue key of how the group card and the charts count lag, in plain words (the tooltip of every lag
/// number).
pub const LAG_RULE: &str = "format.lag_rule";

/// The group's lag as the card shows it: the `--describe` sum, and the never-committed partitions named apart.
/// E.g. `lag 7 + 2 partitions never committed (lag -, not counted)`.
pub fn lag_text(i18n: &I18n, g: &GroupView) -> String {
    let never = g
        .partitions
        .iter()
        .filter(|p| p.committed.is_none())
        .count() as u64;
    let lag = thousands(group_lag(g));
    if never > 0 {
        i18n.tn("format.lag_never", never, &[("lag", &lag)])
    } else {
        i18n.tf("format.lag", &[("lag", &lag)])
    }
}

/// The group's threads: how many are live, how many of them own partitions (and how many partitions that is),
/// how many are idle. "4 own partitions" read as a partition count; this says threads.
/// E.g. `3 live threads: 2 threads own 4 partitions, 1 idle`.
pub fn threads_text(i18n: &I18n, g: &GroupView) -> String {
    let owners = g
        .members
        .iter()
        .filter(|m| !m.partitions.is_empty())
        .count() as u64;
    let owned = g.partitions.iter().filter(|p| p.owner.is_some()).count() as u64;
    let idle = g.members.iter().filter(|m| m.idle).count() as u64;
    let live = i18n.tn("format.live_threads", g.members.len() as u64, &[]);
    let owners_text = i18n.tn("format.threads", owners, &[]);
    let owned_text = i18n.tn("format.partitions", owned, &[]);
    // Neither owning nor idle: joined, waiting for a rebalance to give them partitions (e.g. the first 6 s).
    let waiting = (g.members.len() as u64).saturating_sub(owners + idle);
    let key = if waiting > 0 {
        "format.thread_use_waiting"
    } else {
        "format.thread_use"
    };
    i18n.tf(
        key,
        &[
            ("live", &live),
            ("owners", &owners_text),
            ("owned", &owned_text),
            ("idle", &idle),
            ("waiting", &waiting),
        ],
    )
}

/// The group's processing: records processed for the first time, and records processed again apart.
pub fn processed_text(i18n: &I18n, g: &GroupView) -> String {
    i18n.tf(
        "format.processed",
        &[
            (
                "first",
                &thousands(g.processed.saturating_sub(g.duplicates)),
            ),
            ("again", &thousands(g.duplicates)),
        ],
    )
}

/// The header's running totals. Every group reads every record of its topics, so processed counts are summed
/// over the groups and say so; records processed again are shown apart.
///
/// ```
/// let t = kplay_core::sim::Totals { produced: 10, processed: 25, duplicates: 5, ..Default::default() };
/// let en = kplay_web::i18n::I18n::english();
/// assert_eq!(kplay_web::format::totals_text(&en, &t, 2),
///     "produced 10 · processed 20 + reprocessed 5 (sum over 2 groups) · rebalances 0");
/// ```
pub fn totals_text(i18n: &I18n, t: &Totals, groups: usize) -> String {
    i18n.tf(
        "format.totals",
        &[
            ("produced", &thousands(t.produced)),
            (
                "first",
                &thousands(t.processed.saturating_sub(t.duplicates)),
            ),
            ("again", &thousands(t.duplicates)),
            ("groups", &i18n.tn("format.groups", groups as u64, &[])),
            ("rebalances", &t.rebalances),
        ],
    )
}

/// The time-to-clear verdict for a group, given its (produce, consume) rates in records per virtual second
/// (`None` before two samples exist). It says "never at these rates" only when the group consumes and still
/// falls behind; before the first assignment, during a rebalance with nothing consumed, or with no committed
/// offset yet it says so instead.
pub fn clear_verdict(i18n: &I18n, g: &GroupView, rates: Option<(f64, f64)>) -> String {
    let Some((produce, consume)) = rates else {
        return i18n.t("format.measuring");
    };
    let lag = group_lag(g);
    if consume <= 0.0 && g.state != GroupState::Stable {
        return i18n.tf("format.not_consuming", &[("state", &g.state.name())]);
    }
    let key = if lag == 0 && g.partitions.iter().any(|p| p.committed.is_none()) {
        "format.unknown_lag"
    // Consuming as fast as producing: the lag is the steady in-between of commits, not a backlog.
    } else if lag > 0 && produce > 0.0 && (consume - produce).abs() <= produce * 0.05 {
        "format.keeping_up"
    } else if lag > 0 && consume <= 0.0 {
        "format.nothing_consumed"
    } else {
        return duration_text(i18n, time_to_clear_s(lag, produce, consume));
    };
    i18n.t(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use kplay_core::sim::{MemberView, PartitionLag};

    fn en() -> I18n {
        I18n::english()
    }

    fn ko() -> I18n {
        crate::i18n::preload_korean(include_str!("../../i18n/ko.txt"))
            .unwrap_or_else(|e| panic!("{e:?}"));
        I18n::loaded(crate::i18n::Lang::Ko).unwrap_or_else(|| unreachable!())
    }

    /// Group `g` in `state`: 3 members of which 2 own partitions and 1 is idle; 5 partitions, 4 owned, lag 7 on
    /// the 3 committed ones, 2 never committed.
    fn group(state: GroupState) -> GroupView {
        let member = |id: &str, ps: &[u32], idle: bool| MemberView {
            member_id: id.into(),
            partitions: ps.iter().map(|p| ("t".to_string(), *p)).collect(),
            idle,
            ..MemberView::default()
        };
        let part = |p: u32, committed: Option<u64>, owner: Option<&str>| PartitionLag {
            topic: "t".into(),
            partition: p,
            committed,
            log_end: 10,
            lag: committed.map(|c| 10 - c),
            owner: owner.map(String::from),
            ..PartitionLag::default()
        };
        GroupView {
            id: "g".into(),
            state,
            members: vec![
                member("a", &[0, 1, 2], false),
                member("b", &[3], false),
                member("c", &[], true),
            ],
            partitions: vec![
                part(0, Some(8), Some("a")),
                part(1, Some(7), Some("a")),
                part(2, None, Some("a")),
                part(3, Some(8), Some("b")),
                part(4, None, None),
            ],
            processed: 30,
            duplicates: 4,
            generation: 1,
            strategy: "range".into(),
            instances: Vec::new(),
            lost_in_handoff: 0,
            deleted_before_read: 0,
            skipped_by_reset: 0,
            missed_by_listener: Vec::new(),
            shared_topics: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// ConsumerGroupCommand.getLag: no committed offset → no lag (`-`), not summed; the card says so.
    #[test]
    fn lag_text_counts_like_describe_and_names_never_committed_partitions() {
        let g = group(GroupState::Stable);
        assert_eq!(
            lag_text(&en(), &g),
            "lag 7 + 2 partitions never committed (lag -, not counted)"
        );
        let mut one = g.clone();
        one.partitions.truncate(3);
        assert_eq!(
            lag_text(&en(), &one),
            "lag 5 + 1 partition never committed (lag -, not counted)"
        );
    }

    #[test]
    fn threads_text_says_threads_own_partitions() {
        assert_eq!(
            threads_text(&en(), &group(GroupState::Stable)),
            "3 live threads: 2 threads own 4 partitions, 1 idle"
        );
        let mut joining = group(GroupState::PreparingRebalance);
        for m in &mut joining.members {
            m.partitions.clear();
            m.idle = false;
        }
        joining.partitions.iter_mut().for_each(|p| p.owner = None);
        assert_eq!(
            threads_text(&en(), &joining),
            "3 live threads: 0 threads own 0 partitions, 0 idle, 3 waiting for the rebalance"
        );
        assert_eq!(
            threads_text(&ko(), &group(GroupState::Stable)),
            "실행 중인 스레드 3개: 스레드 2개가 파티션 4개를 맡음, 유휴 1개"
        );
        assert_eq!(
            lag_text(&ko(), &group(GroupState::Stable)),
            "랙 7 + 한 번도 커밋하지 않은 파티션 2개 (랙 -, 합산 안 함)"
        );
    }

    #[test]
    fn processed_counts_first_time_and_reprocessed_apart() {
        assert_eq!(
            processed_text(&en(), &group(GroupState::Stable)),
            "processed 26 · reprocessed 4"
        );
        let t = Totals {
            produced: 1000,
            processed: 2005,
            duplicates: 5,
            rebalances: 2,
            ..Totals::default()
        };
        assert_eq!(
            totals_text(&en(), &t, 2),
            "produced 1,000 · processed 2,000 + reprocessed 5 (sum over 2 groups) · rebalances 2"
        );
        assert!(totals_text(&en(), &t, 1).contains("(sum over 1 group)"));
    }

    #[test]
    fn the_verdict_says_never_only_when_consuming_too_slowly() {
        let stable = group(GroupState::Stable);
        assert_eq!(clear_verdict(&en(), &stable, None), "measuring the rates…");
        assert_eq!(
            clear_verdict(
                &en(),
                &group(GroupState::PreparingRebalance),
                Some((4.0, 0.0))
            ),
            "not consuming yet (group PreparingRebalance)"
        );
        assert_eq!(
            clear_verdict(&en(), &stable, Some((4.0, 0.0))),
            "never: nothing is being consumed"
        );
        assert_eq!(
            clear_verdict(&en(), &stable, Some((4.0, 2.0))),
            "never at these rates"
        );
        assert_eq!(
            clear_verdict(&en(), &stable, Some((4.0, 4.1))),
            "keeping up (lag holds steady)"
        );
        assert_eq!(clear_verdict(&en(), &stable, Some((1.0, 8.0))), "1 s");
        let mut fresh = group(GroupState::Stable);
        for p in &mut fresh.partitions {
            p.committed = None;
            p.lag = None;
        }
        assert_eq!(
            clear_verdict(&en(), &fresh, Some((4.0, 4.0))),
            "unknown until the first commit"
        );
    }
}
