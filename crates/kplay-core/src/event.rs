//! The typed trace (DESIGN.md §3): one [`Event`] per thing that happened, in order, with a bounded buffer.

use alloc::collections::VecDeque;
use alloc::string::String;
use alloc::vec::Vec;

#[cfg(feature = "serde")]
fn is_false(b: &bool) -> bool {
    !*b
}

/// A consumer group's coordinator state.
///
/// ```
/// assert_eq!(kplay_core::sim::GroupState::PreparingRebalance.name(), "PreparingRebalance");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum GroupState {
    /// No members.
    Empty,
    /// Waiting for members to (re)join.
    PreparingRebalance,
    /// Join done, waiting for the leader's assignment.
    CompletingRebalance,
    /// Everyone has an assignment.
    Stable,
    /// The group was removed.
    Dead,
}

impl GroupState {
    /// Kafka's name for the state.
    ///
    /// ```
    /// assert_eq!(kplay_core::sim::GroupState::Stable.name(), "Stable");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            GroupState::Empty => "Empty",
            GroupState::PreparingRebalance => "PreparingRebalance",
            GroupState::CompletingRebalance => "CompletingRebalance",
            GroupState::Stable => "Stable",
            GroupState::Dead => "Dead",
        }
    }
}

/// One trace line: when and what.
///
/// ```
/// use kplay_core::sim::{Event, EventKind};
/// let e = Event { t_ms: 5, kind: EventKind::Warning { code: "x".into(), group: None, message: "m".into() } };
/// assert_eq!(e.kind.name(), "warning");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Event {
    /// Virtual time in ms.
    pub t_ms: u64,
    /// What happened.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub kind: EventKind,
}

/// The event kinds of DESIGN.md §3 with exactly its fields. Partitions are `[topic, partition]` pairs.
///
/// ```
/// let k = kplay_core::sim::EventKind::GroupState { group: "g".into(), state: "Stable".into(), generation: 1 };
/// assert_eq!(k.name(), "group_state");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
#[allow(missing_docs)]
pub enum EventKind {
    /// A record was appended; `tombstone` (in the trace only when true) when its value is null.
    Produced {
        topic: String,
        partition: u32,
        offset: u64,
        key: Option<String>,
        producer: String,
        #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "is_false"))]
        tombstone: bool,
    },
    /// A consumer thread finished processing a record; `duplicate` when its group processed this offset before.
    Processed {
        group: String,
        member: String,
        instance: String,
        thread: u32,
        topic: String,
        partition: u32,
        offset: u64,
        key: Option<String>,
        duplicate: bool,
    },
    /// A committed offset changed (offset = next to read).
    Committed {
        group: String,
        member: String,
        topic: String,
        partition: u32,
        offset: u64,
    },
    /// `onPartitionsAssigned`: partitions newly given to the member.
    Assigned {
        group: String,
        member: String,
        instance: String,
        generation: i32,
        partitions: Vec<(String, u32)>,
    },
    /// `onPartitionsRevoked`.
    Revoked {
        group: String,
        member: String,
        instance: String,
        generation: i32,
        partitions: Vec<(String, u32)>,
    },
    /// `onPartitionsLost`: crashed or kicked out.
    Lost {
        group: String,
        member: String,
        instance: String,
        partitions: Vec<(String, u32)>,
    },
    /// The coordinator changed state.
    GroupState {
        group: String,
        state: String,
        generation: i32,
    },
    /// The group's position on a partition jumped over `[from, to)` without processing it: `reason` `deleted`
    /// (retention removed those records before the group read them: the position fell below log-start) or
    /// `reset` (`auto.offset.reset=latest` moved the position to log-end, at a start without a committed offset
    /// or after an out-of-range position). Offsets the group had already processed or reported are left out,
    /// so one jump may give several events; each offset is reported at most once per group.
    Skipped {
        group: String,
        topic: String,
        partition: u32,
        from: u64,
        to: u64,
        reason: String,
    },
    /// The coordinator deleted the committed offsets of a group that stayed Empty for `offsets_retention_ms`.
    OffsetsExpired {
        group: String,
        partitions: Vec<(String, u32)>,
    },
    /// A fault or action was applied.
    Fault {
        fault: String,
        #[cfg_attr(
            feature = "serde",
            serde(default, skip_serializing_if = "Option::is_none")
        )]
        instance: Option<String>,
        #[cfg_attr(
            feature = "serde",
            serde(default, skip_serializing_if = "Option::is_none")
        )]
        producer: Option<String>,
        #[cfg_attr(
            feature = "serde",
            serde(default, skip_serializing_if = "Option::is_none")
        )]
        topic: Option<String>,
    },
    /// Something the user should notice (`mixed_listeners`, `commit_failed`, `poll_timeout`, `offset_reset_none`,
    /// `handoff_lost`, …).
    Warning {
        code: String,
        #[cfg_attr(
            feature = "serde",
            serde(default, skip_serializing_if = "Option::is_none")
        )]
        group: Option<String>,
        message: String,
    },
    /// A partition's leader changed (feature `brokers`): the new leader (`null` = offline: no ISR replica
    /// alive), the new leader epoch, and whether it came from outside the ISR (unclean election).
    #[cfg(feature = "brokers")]
    LeaderChanged {
        topic: String,
        partition: u32,
        leader: Option<u32>,
        epoch: u32,
        unclean: bool,
    },
    /// Replicas left a partition's ISR (feature `brokers`); `isr` is the new one.
    #[cfg(feature = "brokers")]
    IsrShrunk {
        topic: String,
        partition: u32,
        isr: Vec<u32>,
    },
    /// A replica joined a partition's ISR (feature `brokers`); `isr` is the new one.
    #[cfg(feature = "brokers")]
    IsrExpanded {
        topic: String,
        partition: u32,
        isr: Vec<u32>,
    },
    /// The end of what consumers can read moved (feature `brokers`): the high watermark, at most one event per
    /// partition per second of virtual time (the latest value).
    #[cfg(feature = "brokers")]
    HighWatermark {
        topic: String,
        partition: u32,
        hw: u64,
    },
    /// A replica cut its log to `to` where it diverged from the leader's (feature `brokers`), dropping `removed`
    /// records.
    #[cfg(feature = "brokers")]
    Truncated {
        topic: String,
        partition: u32,
        broker: u32,
        to: u64,
        removed: u64,
    },
    /// Records gone for good after a leader election (feature `brokers`): offsets `[from, to)` of the last
    /// leader's log, `acknowledged` of them acknowledged to their producer, `visible` of them already in the log
    /// consumers read (removed from it now).
    #[cfg(feature = "brokers")]
    RecordsLost {
        topic: String,
        partition: u32,
        from: u64,
        to: u64,
        acknowledged: u64,
        visible: u64,
    },
    /// A record written a second time (feature `brokers`, `enable_idempotence` off): a retry after a lost
    /// answer appended it again at `offset`.
    #[cfg(feature = "brokers")]
    Duplicated {
        topic: String,
        partition: u32,
        offset: u64,
        producer: String,
    },
    /// A broker fault was applied (feature `brokers`): `crash_broker` or `restart_broker`.
    #[cfg(feature = "brokers")]
    BrokerFault { fault: String, broker: u32 },
    /// A group's coordinator became unreachable (feature `brokers`): `broker`, the leader of the group's
    /// `__consumer_offsets` partition, crashed; until a new leader loads the group no session expires, joins
    /// wait, `commitSync` retries and `commitAsync` fails.
    #[cfg(feature = "brokers")]
    CoordinatorUnavailable { group: String, broker: u32 },
    /// A group's coordinator moved from broker `from` to `to` (feature `brokers`): `to` now leads the group's
    /// `__consumer_offsets` partition and has loaded the group; the consumers find it again (no rebalance by
    /// itself).
    #[cfg(feature = "brokers")]
    CoordinatorMoved { group: String, from: u32, to: u32 },
}

impl EventKind {
    /// The `kind` string of the trace.
    ///
    /// ```
    /// let k = kplay_core::sim::EventKind::Lost { group: "g".into(), member: "m".into(), instance: "i".into(), partitions: vec![] };
    /// assert_eq!(k.name(), "lost");
    /// ```
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::Produced { .. } => "produced",
            EventKind::Processed { .. } => "processed",
            EventKind::Committed { .. } => "committed",
            EventKind::Assigned { .. } => "assigned",
            EventKind::Revoked { .. } => "revoked",
            EventKind::Lost { .. } => "lost",
            EventKind::GroupState { .. } => "group_state",
            EventKind::OffsetsExpired { .. } => "offsets_expired",
            EventKind::Skipped { .. } => "skipped",
            EventKind::Fault { .. } => "fault",
            EventKind::Warning { .. } => "warning",
            #[cfg(feature = "brokers")]
            EventKind::LeaderChanged { .. } => "leader_changed",
            #[cfg(feature = "brokers")]
            EventKind::IsrShrunk { .. } => "isr_shrunk",
            #[cfg(feature = "brokers")]
            EventKind::IsrExpanded { .. } => "isr_expanded",
            #[cfg(feature = "brokers")]
            EventKind::HighWatermark { .. } => "high_watermark",
            #[cfg(feature = "brokers")]
            EventKind::Truncated { .. } => "truncated",
            #[cfg(feature = "brokers")]
            EventKind::RecordsLost { .. } => "records_lost",
            #[cfg(feature = "brokers")]
            EventKind::Duplicated { .. } => "duplicated",
            #[cfg(feature = "brokers")]
            EventKind::BrokerFault { .. } => "broker_fault",
            #[cfg(feature = "brokers")]
            EventKind::CoordinatorUnavailable { .. } => "coordinator_unavailable",
            #[cfg(feature = "brokers")]
            EventKind::CoordinatorMoved { .. } => "coordinator_moved",
        }
    }

    /// Whether this is a per-record event (produced, processed, committed), which [`TraceLevel::Lifecycle`] skips.
    ///
    /// ```
    /// let k = kplay_core::sim::EventKind::GroupState { group: "g".into(), state: "Empty".into(), generation: 0 };
    /// assert!(!k.is_per_record());
    /// ```
    pub fn is_per_record(&self) -> bool {
        matches!(
            self,
            EventKind::Produced { .. } | EventKind::Processed { .. } | EventKind::Committed { .. }
        )
    }
}

/// How much of the trace the world records.
///
/// ```
/// assert_eq!(kplay_core::sim::TraceLevel::default(), kplay_core::sim::TraceLevel::All);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum TraceLevel {
    /// Every event.
    #[default]
    All,
    /// Group, fault and warning events only (no per-record events): for long runs and benchmarks.
    Lifecycle,
    /// Nothing.
    Off,
}

/// How many lifecycle events a full ring keeps aside until the next drain.
const KEPT_CAP: usize = 1_024;

/// The bounded event buffer: the oldest events are dropped (and counted) when it is full, but for up to
/// [`KEPT_CAP`] lifecycle events, kept until the next drain.
#[derive(Clone, Debug)]
pub(crate) struct EventLog {
    buf: VecDeque<Event>,
    /// Lifecycle events (rebalances, states, warnings, faults) pushed out of a full ring before anyone drained
    /// them: a flood of per-record events (100,000 records/s at 50× is over 65,536 events a frame) must not make
    /// a rebalance or a warning vanish. Older than everything in `buf`; bounded by [`KEPT_CAP`].
    kept: VecDeque<Event>,
    cap: usize,
    pub(crate) dropped: u64,
    pub(crate) level: TraceLevel,
}

impl EventLog {
    pub(crate) fn new(cap: usize) -> Self {
        EventLog {
            buf: VecDeque::new(),
            kept: VecDeque::new(),
            cap: cap.max(1),
            dropped: 0,
            level: TraceLevel::All,
        }
    }

    /// Whether per-record events are wanted (callers skip building them otherwise).
    pub(crate) fn records_on(&self) -> bool {
        self.level == TraceLevel::All
    }

    pub(crate) fn push(&mut self, t_ms: u64, kind: EventKind) {
        let wanted = match self.level {
            TraceLevel::All => true,
            TraceLevel::Lifecycle => !kind.is_per_record(),
            TraceLevel::Off => false,
        };
        if !wanted {
            return;
        }
        if self.buf.len() == self.cap {
            self.evict();
        }
        self.buf.push_back(Event { t_ms, kind });
    }

    /// Drops the oldest event of the ring, keeping it aside when it is a lifecycle event and there is room.
    fn evict(&mut self) {
        match self.buf.pop_front() {
            Some(e) if !e.kind.is_per_record() && self.kept.len() < KEPT_CAP => {
                self.kept.push_back(e)
            }
            Some(_) => self.dropped += 1,
            None => {}
        }
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &Event> {
        self.kept.iter().chain(self.buf.iter())
    }

    pub(crate) fn drain(&mut self) -> Vec<Event> {
        // Whole buffers taken rather than `drain(..)`ed through a `Chain` (drop glue for an optional `Drain`
        // in the wasm bundle, 1 KB raw) or turned into a `Vec` (a rotation routine of its own).
        let mut all = Vec::with_capacity(self.kept.len() + self.buf.len());
        all.extend(core::mem::take(&mut self.kept));
        all.extend(core::mem::take(&mut self.buf));
        all
    }

    pub(crate) fn set_capacity(&mut self, cap: usize) {
        self.cap = cap.max(1);
        while self.buf.len() > self.cap {
            self.evict();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A full ring drops per-record events but keeps lifecycle ones aside, in time order, until drained.
    #[test]
    fn a_full_ring_keeps_lifecycle_events_for_the_next_drain() {
        let mut log = EventLog::new(4);
        let warning = |code: &str| EventKind::Warning {
            code: code.into(),
            group: None,
            message: String::new(),
        };
        log.push(1, warning("first"));
        for t in 2..100 {
            let produced = EventKind::Produced {
                topic: "t".into(),
                partition: 0,
                offset: t,
                key: None,
                producer: "p".into(),
                tombstone: false,
            };
            log.push(t, produced);
        }
        log.push(100, warning("last"));
        let codes: Vec<(u64, bool)> = log
            .iter()
            .map(|e| (e.t_ms, e.kind.is_per_record()))
            .collect();
        assert_eq!(
            codes.first(),
            Some(&(1, false)),
            "the first warning survived: {codes:?}"
        );
        assert!(
            codes.windows(2).all(|w| w[0].0 <= w[1].0),
            "in time order: {codes:?}"
        );
        assert_eq!(codes.len(), 4 + 1, "the ring of 4 and the one kept aside");
        assert_eq!(log.dropped, 98 - 4 + 1, "per-record events dropped");
        let drained = log.drain();
        assert_eq!(drained.len(), codes.len());
        assert!(log.drain().is_empty());
    }
}
