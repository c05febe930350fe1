//! Produce and consume rates from two pastes taken a known number of seconds apart.

use super::{Parsed, Problem};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// What one partition did between two pastes: exact counts over `interval_s` seconds.
///
/// ```
/// let r = kplay_core::import::PartitionRate {
///     group: "g".into(), topic: "t".into(), partition: 0, produced: 300, consumed: 120, interval_s: 60,
/// };
/// assert_eq!(r.produce_per_s(), (300, 60)); // 5 records/s
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartitionRate {
    /// The group whose CURRENT-OFFSET gave `consumed` (`imported` for rows without a GROUP column or note).
    pub group: String,
    /// Topic.
    pub topic: String,
    /// Partition.
    pub partition: u32,
    /// LOG-END-OFFSET later minus earlier.
    pub produced: u64,
    /// CURRENT-OFFSET later minus earlier (what the group committed meanwhile).
    pub consumed: u64,
    /// Seconds between the pastes.
    pub interval_s: u64,
}

impl PartitionRate {
    /// Records per second produced, as the exact fraction `(records, seconds)`.
    ///
    /// ```
    /// let r = kplay_core::import::PartitionRate { group: "g".into(), topic: "t".into(), partition: 0, produced: 10, consumed: 4, interval_s: 3 };
    /// assert_eq!(r.produce_per_s(), (10, 3));
    /// ```
    pub fn produce_per_s(&self) -> (u64, u64) {
        (self.produced, self.interval_s)
    }

    /// Records per second consumed (committed), as the exact fraction `(records, seconds)`.
    ///
    /// ```
    /// let r = kplay_core::import::PartitionRate { group: "g".into(), topic: "t".into(), partition: 0, produced: 10, consumed: 4, interval_s: 3 };
    /// assert_eq!(r.consume_per_s(), (4, 3));
    /// ```
    pub fn consume_per_s(&self) -> (u64, u64) {
        (self.consumed, self.interval_s)
    }
}

/// Compares every row of `later` with the same group, topic and partition in `earlier` (both offsets given).
/// Offsets that went down (a reset, a recreated topic) are problems on the later paste's line.
///
/// ```
/// use kplay_core::import::{parse, rates};
/// let h = "GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID\n";
/// let a = parse(&format!("{h}g t 0 100 200 100 c /h c"));
/// let b = parse(&format!("{h}g t 0 160 500 340 c /h c"));
/// let (r, problems) = rates(&a, &b, 30);
/// assert!(problems.is_empty());
/// assert_eq!((r[0].produced, r[0].consumed), (300, 60));
/// ```
pub fn rates(
    earlier: &Parsed,
    later: &Parsed,
    interval_s: u64,
) -> (Vec<PartitionRate>, Vec<Problem>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    if interval_s == 0 {
        problems.push(Problem {
            line: 0,
            message: "the interval between the pastes must be at least 1 second".into(),
        });
        return (out, problems);
    }
    for b in &later.offsets {
        let (Some(topic), Some(p), Some(c1), Some(e1)) =
            (&b.topic, b.partition, b.current, b.log_end)
        else {
            continue;
        };
        let unnamed = || String::from(super::collect::UNNAMED);
        let group = b.group.clone().unwrap_or_else(unnamed);
        let a = earlier.offsets.iter().find(|a| {
            a.group.clone().unwrap_or_else(unnamed) == group
                && a.topic.as_ref() == Some(topic)
                && a.partition == Some(p)
        });
        let Some((c0, e0)) = a.and_then(|a| Some((a.current?, a.log_end?))) else {
            continue;
        };
        if c1 < c0 || e1 < e0 {
            let message = format!("{topic}-{p}: an offset went down between the pastes (CURRENT-OFFSET {c0} → {c1}, LOG-END-OFFSET {e0} → {e1}): a reset or a recreated topic, so no rate");
            problems.push(Problem {
                line: b.line,
                message,
            });
            continue;
        }
        out.push(PartitionRate {
            group,
            topic: topic.clone(),
            partition: p,
            produced: e1 - e0,
            consumed: c1 - c0,
            interval_s,
        });
    }
    (out, problems)
}

/// Processing time per record for one instance, from the rates: a thread whose partitions still had lag at the
/// later paste was busy the whole interval, so it took `interval / consumed` per record; the instance gets the
/// average over such threads (whole ms, rounded down). Otherwise 0 ms. The reason is returned for the
/// "assumed" list.
pub(super) fn processing_ms(
    group: &str,
    g: &super::collect::Group,
    inst: &super::ImportedInstance,
    rates: &[PartitionRate],
) -> (u32, String) {
    if rates.is_empty() {
        return (
            0,
            "processing time is not in one paste (give two with --interval-s N)".into(),
        );
    }
    let (mut busy, mut per_record_ms_sum) = (0u64, 0u64);
    for (member, _) in &inst.members {
        let Some(m) = g.members.iter().find(|m| &m.id == member) else {
            continue;
        };
        let parts = m.parts.iter().flatten();
        let (mut consumed, mut lagging, mut interval) = (0u64, false, 0u64);
        for (t, p) in parts {
            let r = rates
                .iter()
                .find(|r| r.group == group && &r.topic == t && r.partition == *p);
            let row = g.rows.iter().find(|r| &r.topic == t && r.partition == *p);
            if let Some(r) = r {
                consumed += r.consumed;
                interval = r.interval_s;
            }
            lagging |= row.is_some_and(|r| r.lag.is_some_and(|l| l > 0));
        }
        if lagging && consumed > 0 {
            busy += 1;
            per_record_ms_sum += interval.saturating_mul(1000) / consumed;
        }
    }
    if busy == 0 {
        return (0, "no thread of this instance was behind at both pastes, so its processing time is unknown".into());
    }
    let ms = u32::try_from(per_record_ms_sum / busy)
        .unwrap_or(3_600_000)
        .min(3_600_000);
    let why = format!("{busy} thread(s) still behind after the interval: their measured time per record (whole ms)");
    (ms, why)
}
