//! How a group commits offsets: the plain Kafka client or Spring Kafka's listener container.
//!
//! JSON: `{"client":"kafka","mode":"auto","interval_ms":5000}` or `{"client":"spring","ack_mode":"batch"}`
//! (plus `ack_time_ms` / `ack_count` for the modes that use them). A missing `client` is `kafka`, so scenario
//! files written before the field existed keep their behaviour. Each client's fields are written only for that
//! client, and the validator rejects the other client's fields.

use super::defaults as d;
use super::validate::Problems;
use alloc::format;

/// Which client commits the group's offsets.
///
/// ```
/// assert_eq!(kplay_core::scenario::Client::default(), kplay_core::scenario::Client::Kafka);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Client {
    /// The plain Java `KafkaConsumer` driven by the application's own poll loop (`mode`, `interval_ms`).
    #[default]
    Kafka,
    /// Spring Kafka's listener container (`@KafkaListener`): `enable.auto.commit=false` (Spring sets it unless
    /// the application does) and the container commits by `ack_mode`, with `commitSync` (`syncCommits=true`).
    Spring,
}

// The JSON words (with the aliases the derive accepted) in serde's order; one shared reader.
crate::scenario::word_enum::deserialize_words!(
    Client,
    [Kafka, Spring],
    [
        "kafka" => 0,
        "spring" => 1,
    ]
);

/// How a group commits offsets.
///
/// ```
/// use kplay_core::scenario::{AckMode, Client, CommitMode, CommitSpec};
/// let c = CommitSpec::default();
/// assert_eq!((c.client, c.mode, c.interval_ms), (Client::Kafka, CommitMode::Auto, 5000));
/// assert_eq!(CommitSpec::spring(AckMode::Batch).client, Client::Spring);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CommitSpec {
    /// The client model (default `kafka`).
    pub client: Client,
    /// Plain client: the commit mode.
    pub mode: CommitMode,
    /// Plain client: `auto.commit.interval.ms` (auto mode only), 1..=3600000.
    pub interval_ms: u32,
    /// Spring: `ContainerProperties.ackMode` (default `BATCH`).
    pub ack_mode: AckMode,
    /// Spring: `ackTime` in ms for `TIME` and `COUNT_TIME` (default 5000), 1..=3600000.
    pub ack_time_ms: u32,
    /// Spring: `ackCount` for `COUNT` and `COUNT_TIME` (default 1), 1..=1000000.
    pub ack_count: u32,
}

impl Default for CommitSpec {
    fn default() -> Self {
        CommitSpec {
            client: Client::Kafka,
            mode: CommitMode::Auto,
            interval_ms: d::AUTO_COMMIT_INTERVAL_MS,
            ack_mode: AckMode::Batch,
            ack_time_ms: d::ACK_TIME_MS,
            ack_count: d::ACK_COUNT,
        }
    }
}

impl CommitSpec {
    /// The plain Kafka client committing with `mode`.
    ///
    /// ```
    /// use kplay_core::scenario::{CommitMode, CommitSpec};
    /// assert_eq!(CommitSpec::kafka(CommitMode::Sync).mode, CommitMode::Sync);
    /// ```
    pub fn kafka(mode: CommitMode) -> Self {
        CommitSpec {
            mode,
            ..CommitSpec::default()
        }
    }

    /// Spring Kafka's listener container with `ack_mode` and Spring's other defaults.
    ///
    /// ```
    /// use kplay_core::scenario::{AckMode, CommitSpec};
    /// assert_eq!(CommitSpec::spring(AckMode::Time).ack_time_ms, 5000);
    /// ```
    pub fn spring(ack_mode: AckMode) -> Self {
        CommitSpec {
            client: Client::Spring,
            ack_mode,
            ..CommitSpec::default()
        }
    }

    /// Whether the Kafka client auto-commits (`enable.auto.commit=true`).
    ///
    /// ```
    /// use kplay_core::scenario::{AckMode, CommitSpec};
    /// assert!(CommitSpec::default().auto_commit());
    /// assert!(!CommitSpec::spring(AckMode::Batch).auto_commit());
    /// ```
    pub fn auto_commit(&self) -> bool {
        self.client == Client::Kafka && self.mode == CommitMode::Auto
    }

    /// Whether each record's offset is committed right after the listener handled it (plain `per_record`,
    /// Spring `RECORD`, and Spring `MANUAL_IMMEDIATE` with a listener that acknowledges every record).
    ///
    /// ```
    /// use kplay_core::scenario::{AckMode, CommitSpec};
    /// assert!(CommitSpec::spring(AckMode::ManualImmediate).per_record());
    /// assert!(!CommitSpec::spring(AckMode::Manual).per_record());
    /// ```
    pub fn per_record(&self) -> bool {
        match self.client {
            Client::Kafka => self.mode == CommitMode::PerRecord,
            Client::Spring => matches!(self.ack_mode, AckMode::Record | AckMode::ManualImmediate),
        }
    }

    /// A field of the other client model is an error, not silently ignored.
    pub(super) fn check(&self, p: &mut Problems, at: &str) {
        let c = self;
        let d = CommitSpec::default();
        let foreign: [(&str, bool); 3] = match c.client {
            Client::Kafka => [
                ("ack_mode", c.ack_mode != d.ack_mode),
                ("ack_time_ms", c.ack_time_ms != d.ack_time_ms),
                ("ack_count", c.ack_count != d.ack_count),
            ],
            Client::Spring => [
                ("mode", c.mode != d.mode),
                ("interval_ms", c.interval_ms != d.interval_ms),
                ("", false),
            ],
        };
        let rule = match c.client {
            Client::Kafka => "only for client spring",
            Client::Spring => "only for client kafka (Spring commits by ack_mode)",
        };
        for (field, set) in foreign {
            if set {
                p.add(format!("{at}.commit.{field}"), rule);
            }
        }
        p.range(
            format!("{at}.commit.ack_time_ms"),
            c.ack_time_ms.into(),
            1,
            3_600_000,
        );
        p.range(
            format!("{at}.commit.ack_count"),
            c.ack_count.into(),
            1,
            1_000_000,
        );
    }

    /// Whether Spring's container queues acks and commits them in `processCommits` before each poll.
    pub(crate) fn container_acks(&self) -> bool {
        self.client == Client::Spring && !self.per_record()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for CommitSpec {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut m = s.serialize_struct("CommitSpec", 4)?;
        m.serialize_field("client", &self.client)?;
        match self.client {
            Client::Kafka => {
                m.serialize_field("mode", &self.mode)?;
                m.serialize_field("interval_ms", &self.interval_ms)?;
            }
            Client::Spring => {
                m.serialize_field("ack_mode", &self.ack_mode)?;
                if matches!(self.ack_mode, AckMode::Time | AckMode::CountTime) {
                    m.serialize_field("ack_time_ms", &self.ack_time_ms)?;
                }
                if matches!(self.ack_mode, AckMode::Count | AckMode::CountTime) {
                    m.serialize_field("ack_count", &self.ack_count)?;
                }
            }
        }
        m.end()
    }
}

/// Commit modes of the plain Kafka client.
///
/// ```
/// assert_eq!(kplay_core::scenario::CommitMode::default(), kplay_core::scenario::CommitMode::Auto);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum CommitMode {
    /// `enable.auto.commit=true`: the next poll after the interval commits what poll returned so far.
    #[default]
    Auto,
    /// `commitSync()` after each processed batch.
    Sync,
    /// `commitAsync()` after each processed batch (no retry; in the zero-latency model it lands at once).
    Async,
    /// `commitSync` of each record's offset right after processing it.
    PerRecord,
}

// The JSON words (with the aliases the derive accepted) in serde's order; one shared reader.
crate::scenario::word_enum::deserialize_words!(
    CommitMode,
    [Auto, Sync, Async, PerRecord],
    [
        "auto" => 0,
        "sync" => 1,
        "async" => 2,
        "per_record" => 3,
    ]
);

/// Spring Kafka's `ContainerProperties.AckMode`: when the listener container commits (all with `commitSync`).
///
/// ```
/// assert_eq!(kplay_core::scenario::AckMode::default(), kplay_core::scenario::AckMode::Batch);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum AckMode {
    /// Spring's default: once every record the previous poll returned was processed, before the next poll.
    #[default]
    Batch,
    /// After each record the listener processed.
    Record,
    /// Before a poll, once more than `ack_time_ms` passed since the last time-triggered commit.
    Time,
    /// Before a poll, once at least `ack_count` records were processed since the last count-triggered commit.
    Count,
    /// `COUNT` or `TIME`, whichever comes first.
    CountTime,
    /// The listener acknowledges each record (modelled: every record, after processing it); the acks are
    /// committed before the next poll, as in `BATCH`.
    Manual,
    /// The listener acknowledges each record on the consumer thread (modelled: every record, after processing
    /// it); each acknowledgment commits at once, as in `RECORD`.
    ManualImmediate,
}

// The JSON words (with the aliases the derive accepted) in serde's order; one shared reader.
crate::scenario::word_enum::deserialize_words!(
    AckMode,
    [Batch, Record, Time, Count, CountTime, Manual, ManualImmediate],
    [
        "batch" => 0,
        "record" => 1,
        "time" => 2,
        "count" => 3,
        "count_time" => 4,
        "manual" => 5,
        "manual_immediate" => 6,
    ]
);

impl AckMode {
    /// Spring's constant name.
    ///
    /// ```
    /// assert_eq!(kplay_core::scenario::AckMode::CountTime.name(), "COUNT_TIME");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            AckMode::Batch => "BATCH",
            AckMode::Record => "RECORD",
            AckMode::Time => "TIME",
            AckMode::Count => "COUNT",
            AckMode::CountTime => "COUNT_TIME",
            AckMode::Manual => "MANUAL",
            AckMode::ManualImmediate => "MANUAL_IMMEDIATE",
        }
    }
}
