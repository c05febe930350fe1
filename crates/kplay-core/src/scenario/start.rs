//! Where logs and committed offsets stand at time 0: a scenario imported from a real cluster starts at the
//! cluster's offsets (log-end 1,234,567) without the engine storing the records below them.

use super::validate::Problems;
use super::{Cleanup, Scenario};
use alloc::format;
use alloc::string::String;

/// At most this many records, summed over all partitions, may exist at time 0 (`log_end - log_start` of each
/// [`InitialLog`]): each costs 32 bytes of memory.
pub const MAX_INITIAL_RECORDS: u64 = 1_000_000;

/// A partition's log at time 0: offsets below `log_start` are gone (as after retention); the records from
/// `log_start` to `log_end` exist, written at time 0 without keys, of [`super::RECORD_BYTES`] bytes each.
///
/// ```
/// use kplay_core::scenario::{InitialLog, Scenario, TopicSpec};
/// let mut s = Scenario::default();
/// let mut t = TopicSpec::new("orders", 2);
/// t.initial_logs.push(InitialLog { partition: 1, log_start: 1_234_000, log_end: 1_234_567 });
/// s.topics.push(t);
/// let w = kplay_core::World::new(&s, 1).unwrap();
/// let p = &w.snapshot().topics[0].partitions[1];
/// assert_eq!((p.log_start, p.log_end, p.records), (1_234_000, 1_234_567, 567));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct InitialLog {
    /// The partition (below the topic's partition count, each at most once).
    pub partition: u32,
    /// The first offset that exists at time 0.
    pub log_start: u64,
    /// The next offset to be written at time 0 (`log_start ≤ log_end ≤ 2^63 − 1`).
    pub log_end: u64,
}

/// A group's committed offset at time 0 (what `kafka-consumer-groups --describe` shows as CURRENT-OFFSET).
///
/// ```
/// use kplay_core::scenario::{CommittedOffset, GroupSpec, InitialLog, Scenario, TopicSpec};
/// let mut s = Scenario::default();
/// let mut t = TopicSpec::new("orders", 1);
/// t.initial_logs.push(InitialLog { partition: 0, log_start: 90, log_end: 100 });
/// s.topics.push(t);
/// let mut g = GroupSpec::new("g", ["orders"]);
/// g.committed.push(CommittedOffset { topic: "orders".into(), partition: 0, offset: 101 });
/// s.groups.push(g);
/// let p = s.validate().unwrap_err();
/// assert_eq!(p[0].to_string(), "groups[0].committed[0].offset: must be at most the partition's log-end offset at time 0 (100)");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CommittedOffset {
    /// An existing topic.
    pub topic: String,
    /// A partition of it (each topic-partition at most once per group).
    pub partition: u32,
    /// The committed offset: at most the partition's log-end at time 0. Below its log-start, the group's
    /// `auto_offset_reset` decides where the member starts, as in Kafka.
    pub offset: u64,
}

/// Checks `topics[].initial_logs` and `groups[].committed`. Linear searches, no maps: the lists are short, and
/// each new `BTreeMap` instance costs kilobytes of the web bundle.
pub(super) fn check(s: &Scenario, p: &mut Problems) {
    let mut total: u64 = 0;
    for (i, t) in s.topics.iter().enumerate() {
        for (j, l) in t.initial_logs.iter().enumerate() {
            let at = format!("topics[{i}].initial_logs[{j}]");
            if l.partition >= t.partitions {
                let rule = format!("must be below the topic's partition count {}", t.partitions);
                p.add(format!("{at}.partition"), rule);
            } else if t.initial_logs[..j]
                .iter()
                .any(|x| x.partition == l.partition)
            {
                p.add(format!("{at}.partition"), "duplicate partition");
            }
            if l.log_end > i64::MAX as u64 {
                p.add(
                    format!("{at}.log_end"),
                    "must be at most 9223372036854775807",
                );
            } else if l.log_start > l.log_end {
                p.add(format!("{at}.log_start"), "must not exceed log_end");
            } else {
                let n = l.log_end - l.log_start;
                if n > 0 && t.cleanup != Cleanup::Delete {
                    let rule = "a compacted topic must start empty (log_start = log_end): the records' keys are unknown";
                    p.add(format!("{at}.log_start"), rule);
                }
                total = total.saturating_add(n);
                if total > MAX_INITIAL_RECORDS {
                    let rule = format!(
                        "the scenario's logs may hold at most {MAX_INITIAL_RECORDS} records at time 0 (log_end − log_start summed over partitions)"
                    );
                    p.add(format!("{at}.log_start"), rule);
                    total = 0; // report once
                }
            }
        }
    }
    for (i, g) in s.groups.iter().enumerate() {
        for (j, c) in g.committed.iter().enumerate() {
            let at = format!("groups[{i}].committed[{j}]");
            let Some(t) = s.topics.iter().find(|t| t.name == c.topic) else {
                p.add(
                    format!("{at}.topic"),
                    format!("unknown topic {:?}", c.topic),
                );
                continue;
            };
            if c.partition >= t.partitions {
                let rule = format!("must be below the topic's partition count {}", t.partitions);
                p.add(format!("{at}.partition"), rule);
                continue;
            }
            let same = |x: &CommittedOffset| x.topic == c.topic && x.partition == c.partition;
            if g.committed[..j].iter().any(same) {
                p.add(format!("{at}.partition"), "duplicate topic-partition");
            }
            let log = t.initial_logs.iter().find(|l| l.partition == c.partition);
            let end = log.map_or(0, |l| l.log_end);
            if c.offset > end {
                let rule =
                    format!("must be at most the partition's log-end offset at time 0 ({end})");
                p.add(format!("{at}.offset"), rule);
            }
        }
    }
}
