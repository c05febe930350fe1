//! What an imported group shows: idle members and why, where the lag is, whether the assignment is what the
//! group's strategy computes, and how long the lag takes to clear at the measured rates. Data, not text.

use super::collect::Group;
use super::{Assumed, PartitionRate};
use crate::assignor::{GroupSubscription, MemberSubscription, Strategy, TopicPartition};
use crate::scenario::{Cleanup, Ratio, Scenario, TopicSpec};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// How long until a lag is consumed.
///
/// ```
/// assert_ne!(kplay_core::import::ClearTime::Never, kplay_core::import::ClearTime::NoLag);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClearTime {
    /// There is no lag.
    NoLag,
    /// At the measured rates, in this many ms (rounded up).
    InMs(u64),
    /// Consumption is not above production: the lag never clears.
    Never,
    /// No rates were measured (one paste).
    Unknown,
}

/// A lagging partition.
///
/// ```
/// let l = kplay_core::import::LagShare { topic: "t".into(), partition: 0, lag: 5, clear: kplay_core::import::ClearTime::Unknown };
/// assert_eq!(l.lag, 5);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LagShare {
    /// Topic.
    pub topic: String,
    /// Partition.
    pub partition: u32,
    /// LAG (log-end minus committed).
    pub lag: u64,
    /// When it clears at the measured rates.
    pub clear: ClearTime,
}

/// A member with no partitions.
///
/// ```
/// let m = kplay_core::import::IdleMember { consumer_id: "c".into(), more_members_than_partitions: true };
/// assert!(m.more_members_than_partitions);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdleMember {
    /// CONSUMER-ID.
    pub consumer_id: String,
    /// The group has more members than its topics have partitions (the usual reason); `false`: the assignment
    /// left it idle for another reason (a rebalance in progress, another subscription, a custom assignor).
    pub more_members_than_partitions: bool,
}

/// The explanation of one imported group.
///
/// ```
/// let p = kplay_core::import::parse("GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID\ng t 0 5 9 4 a /h c-1\ng - - - - - b /h c-2");
/// let e = &kplay_core::import::build(&p, &[]).unwrap().explanation[0];
/// assert_eq!((e.members, e.partitions, e.idle.len()), (2, 1, 1));
/// assert_eq!(e.assignment_matches, Some(true));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// Group id.
    pub group: String,
    /// The strategy the check used.
    pub strategy: Strategy,
    /// Members (threads) in the paste.
    pub members: u32,
    /// Partitions of the group's topics.
    pub partitions: u32,
    /// Members without partitions.
    pub idle: Vec<IdleMember>,
    /// Partitions with lag, largest first.
    pub lag: Vec<LagShare>,
    /// Sum of the lag.
    pub total_lag: u64,
    /// Whether the pasted assignment equals what the strategy computes for these members (`None`: the paste
    /// does not show every member's partitions). A mismatch suggests a rebalance in progress, a member with
    /// another subscription, or a custom assignor.
    pub assignment_matches: Option<bool>,
    /// What the strategy computes: per member, its partitions.
    pub expected: super::MemberPartitions,
    /// When the whole lag clears (the slowest partition).
    pub clear: ClearTime,
}

/// `lag · interval / (consumed − produced)` in ms, rounded up; `Never` when consumption ≤ production.
fn clear_time(lag: u64, r: Option<&PartitionRate>) -> ClearTime {
    if lag == 0 {
        return ClearTime::NoLag;
    }
    let Some(r) = r else {
        return ClearTime::Unknown;
    };
    if r.consumed <= r.produced {
        return ClearTime::Never;
    }
    let net = u128::from(r.consumed - r.produced);
    let ms = (u128::from(lag) * u128::from(r.interval_s) * 1000).div_ceil(net);
    ClearTime::InMs(u64::try_from(ms).unwrap_or(u64::MAX))
}

fn slowest(a: ClearTime, b: ClearTime) -> ClearTime {
    use ClearTime::*;
    match (a, b) {
        (Never, _) | (_, Never) => Never,
        (Unknown, _) | (_, Unknown) => Unknown,
        (InMs(x), InMs(y)) => InMs(x.max(y)),
        (InMs(x), NoLag) | (NoLag, InMs(x)) => InMs(x),
        (NoLag, NoLag) => NoLag,
    }
}

pub(super) fn explain(id: &str, g: &Group, s: &Scenario, rates: &[PartitionRate]) -> Explanation {
    let strategy = s
        .groups
        .iter()
        .find(|x| x.id == id)
        .map_or(Strategy::Range, |x| x.strategy);
    let topics: Vec<(String, u32)> = g
        .topics
        .iter()
        .map(|t| {
            (
                t.clone(),
                s.topics
                    .iter()
                    .find(|x| &x.name == t)
                    .map_or(0, |x| x.partitions),
            )
        })
        .collect();
    let partitions: u32 = topics.iter().map(|t| t.1).sum();
    let members = g.members.len() as u32;
    let idle = g
        .members
        .iter()
        .filter(|m| m.parts.as_ref().is_some_and(|p| p.is_empty()))
        .map(|m| IdleMember {
            consumer_id: m.id.clone(),
            more_members_than_partitions: members > partitions,
        })
        .collect();
    let mut lag = Vec::new();
    let mut clear = ClearTime::NoLag;
    for super::collect::Row {
        topic: t,
        partition: p,
        current: cur,
        log_end: end,
        lag: l,
    } in &g.rows
    {
        let v = match (l, cur, end) {
            (Some(l), _, _) => u64::try_from(*l).unwrap_or(0),
            (None, Some(c), Some(e)) => e.saturating_sub(*c),
            _ => 0,
        };
        let r = rates
            .iter()
            .find(|r| r.group == id && &r.topic == t && r.partition == *p);
        let c = clear_time(v, r);
        clear = slowest(clear, c);
        if v > 0 {
            lag.push(LagShare {
                topic: t.clone(),
                partition: *p,
                lag: v,
                clear: c,
            });
        }
    }
    crate::sort::sort_by(&mut lag, &mut |a, b| {
        b.lag.cmp(&a.lag).then(a.partition.cmp(&b.partition))
    });
    let total_lag = lag.iter().map(|l| l.lag).sum();
    let (assignment_matches, expected) = check(g, &topics, strategy);
    Explanation {
        group: id.into(),
        strategy,
        members,
        partitions,
        idle,
        lag,
        total_lag,
        assignment_matches,
        expected,
        clear,
    }
}

/// Runs the group's assignor for its members (sticky ones keep what they own, as at a rebalance).
fn check(
    g: &Group,
    topics: &[(String, u32)],
    strategy: Strategy,
) -> (Option<bool>, super::MemberPartitions) {
    if g.members.is_empty() {
        return (None, Vec::new());
    }
    let subs = g.members.iter().map(|m| {
        let mut sub = MemberSubscription::new(m.id.clone(), g.topics.iter().cloned());
        if matches!(strategy, Strategy::Sticky | Strategy::CooperativeSticky) {
            sub.owned = m
                .parts
                .iter()
                .flatten()
                .map(|(t, p)| TopicPartition::new(t.clone(), *p))
                .collect();
            sub.generation = Some(1);
        }
        sub
    });
    let Ok(a) = strategy.assign(&GroupSubscription::new(topics.iter().cloned(), subs)) else {
        return (None, Vec::new());
    };
    let expected: super::MemberPartitions = a
        .members
        .iter()
        .map(|(m, map)| {
            (
                m.clone(),
                map.iter()
                    .flat_map(|(t, ps)| ps.iter().map(move |p| (t.clone(), *p)))
                    .collect(),
            )
        })
        .collect();
    let known = g.members.iter().all(|m| m.parts.is_some());
    let matches = known.then(|| {
        g.members.iter().all(|m| {
            // Compared as sets (a member holds each partition once): no sort instance in the web bundle.
            let have = m.parts.as_deref().unwrap_or_default();
            let want = expected
                .iter()
                .find(|(id, _)| id == &m.id)
                .map_or(&[][..], |e| &e.1[..]);
            have.len() == want.len() && have.iter().all(|x| want.contains(x))
        })
    });
    (matches, expected)
}

/// Puts the configs the scenario models on `spec`; the others are listed as not modelled.
pub(super) fn apply_configs(
    spec: &mut TopicSpec,
    configs: &[(String, String)],
    ti: usize,
    assumed: &mut Vec<Assumed>,
) {
    for (k, v) in configs {
        let ok = match k.as_str() {
            "retention.ms" => v.parse().map(|x| spec.retention_ms = x).is_ok(),
            "retention.bytes" => v.parse().map(|x| spec.retention_bytes = x).is_ok(),
            "segment.ms" => v.parse().map(|x| spec.segment_ms = x).is_ok(),
            "segment.bytes" => v.parse().map(|x| spec.segment_bytes = x).is_ok(),
            "delete.retention.ms" => v.parse().map(|x| spec.delete_retention_ms = x).is_ok(),
            "min.compaction.lag.ms" => v.parse().map(|x| spec.min_compaction_lag_ms = x).is_ok(),
            "max.compaction.lag.ms" => v.parse().map(|x| spec.max_compaction_lag_ms = x).is_ok(),
            "min.cleanable.dirty.ratio" => Ratio::from_decimal(v)
                .map(|x| spec.min_cleanable_dirty_ratio = x)
                .is_some(),
            "cleanup.policy" => {
                let c = match v.as_str() {
                    "delete" => Some(Cleanup::Delete),
                    "compact" => Some(Cleanup::Compact),
                    "compact,delete" | "delete,compact" => Some(Cleanup::CompactDelete),
                    _ => None,
                };
                c.map(|c| spec.cleanup = c).is_some()
            }
            _ => {
                let why = format!("config {k}={v} is not modelled by the playground");
                assumed.push(Assumed {
                    path: format!("topics[{ti}]"),
                    value: "ignored".into(),
                    why,
                });
                continue;
            }
        };
        if !ok {
            let why = format!("config {k}={v} could not be read; the default is used");
            assumed.push(Assumed {
                path: format!("topics[{ti}]"),
                value: "default".into(),
                why,
            });
        }
    }
}
