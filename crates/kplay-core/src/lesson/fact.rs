//! A fact: a measure of the engine, its selectors and the expected value.

use crate::sim::GroupState;
use alloc::string::String;
use core::fmt;

/// What a fact measures on the engine at the step's `run_ms` (docs/lessons.md lists each with its selectors).
///
/// ```
/// use kplay_core::lesson::Measure;
/// assert_eq!(Measure::IdleThreads.name(), "idle_threads");
/// assert_eq!(Measure::ALL.len(), 21);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Measure {
    /// Consumer threads of running instances that own no partition while the group is Stable.
    IdleThreads,
    /// Consumer threads of running instances that own at least one partition.
    BusyThreads,
    /// Consumer threads (members) of the group's running instances.
    Members,
    /// The group's generation.
    Generation,
    /// The coordinator's state (`is`: `Stable`, `PreparingRebalance`, `CompletingRebalance`, `Empty`, `Dead`).
    GroupState,
    /// Sum of the lag over the group's partitions (optionally one topic, or one partition of it); a partition
    /// without a committed offset counts its records still in the log.
    Lag,
    /// The committed offset (the next offset to read) of one partition.
    Committed,
    /// Log-end offset of a topic's partition, or the sum over the topic's partitions.
    LogEnd,
    /// Log-start offset of one partition.
    LogStart,
    /// Records still in the topic's log (all partitions).
    Retained,
    /// Distinct records the group processed (first deliveries).
    Processed,
    /// Deliveries of records the group had processed before (a record processed three times counts two).
    Reprocessed,
    /// Records of the group's topics that instances with `listener` never processed (0 with one listener class).
    NeverSaw,
    /// The topic's partition count.
    Partitions,
    /// Partitions the threads of `instance` own in `group`.
    Owned,
    /// Who in `group` owns one partition (`is`): `instance#thread` (`billing-1#0`), several joined by `,` while
    /// a zombie still holds it, `-` when nobody does.
    Owner,
    /// Keys the topic's producers wrote to more than one partition since the world started.
    KeysSplit,
    /// First deliveries of a keyed record processed after a record of the same key produced later had been
    /// processed by the group.
    OutOfOrder,
    /// First deliveries processed after a record produced later (of any key, in any topic the group reads).
    OrderInversions,
    /// Records handed to a worker that a crash or stop dropped after their offsets were committed.
    LostInHandoff,
    /// A number of a flow step's models, named by `metric` ([`super::flow_metrics`]).
    FlowMetric,
}

/// A selector a fact may name.
pub(crate) const GROUP: u8 = 1;
pub(crate) const TOPIC: u8 = 2;
pub(crate) const PARTITION: u8 = 4;
pub(crate) const INSTANCE: u8 = 8;
pub(crate) const LISTENER: u8 = 16;
pub(crate) const METRIC: u8 = 32;

impl Measure {
    /// Every measure, in documentation order.
    pub const ALL: [Measure; 21] = [
        Measure::IdleThreads,
        Measure::BusyThreads,
        Measure::Members,
        Measure::Generation,
        Measure::GroupState,
        Measure::Lag,
        Measure::Committed,
        Measure::LogEnd,
        Measure::LogStart,
        Measure::Retained,
        Measure::Processed,
        Measure::Reprocessed,
        Measure::NeverSaw,
        Measure::Partitions,
        Measure::Owned,
        Measure::Owner,
        Measure::KeysSplit,
        Measure::OutOfOrder,
        Measure::OrderInversions,
        Measure::LostInHandoff,
        Measure::FlowMetric,
    ];

    /// The measure's name in the file.
    ///
    /// ```
    /// assert_eq!(kplay_core::lesson::Measure::LostInHandoff.name(), "lost_in_handoff");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Measure::IdleThreads => "idle_threads",
            Measure::BusyThreads => "busy_threads",
            Measure::Members => "members",
            Measure::Generation => "generation",
            Measure::GroupState => "group_state",
            Measure::Lag => "lag",
            Measure::Committed => "committed",
            Measure::LogEnd => "log_end",
            Measure::LogStart => "log_start",
            Measure::Retained => "retained",
            Measure::Processed => "processed",
            Measure::Reprocessed => "reprocessed",
            Measure::NeverSaw => "never_saw",
            Measure::Partitions => "partitions",
            Measure::Owned => "owned",
            Measure::Owner => "owner",
            Measure::KeysSplit => "keys_split",
            Measure::OutOfOrder => "out_of_order",
            Measure::OrderInversions => "order_inversions",
            Measure::LostInHandoff => "lost_in_handoff",
            Measure::FlowMetric => "flow_metric",
        }
    }

    /// The selectors this measure needs and those it may take, as bit sets.
    pub(crate) fn selectors(self) -> (u8, u8) {
        match self {
            Measure::Lag => (GROUP, GROUP | TOPIC | PARTITION),
            Measure::Committed | Measure::Owner => {
                (GROUP | TOPIC | PARTITION, GROUP | TOPIC | PARTITION)
            }
            Measure::LogEnd => (TOPIC, TOPIC | PARTITION),
            Measure::LogStart => (TOPIC | PARTITION, TOPIC | PARTITION),
            Measure::Retained | Measure::Partitions | Measure::KeysSplit => (TOPIC, TOPIC),
            Measure::NeverSaw => (GROUP | LISTENER, GROUP | LISTENER),
            Measure::Owned => (GROUP | INSTANCE, GROUP | INSTANCE),
            Measure::FlowMetric => (METRIC, METRIC),
            _ => (GROUP, GROUP),
        }
    }
}

/// One fact: `{"measure": "idle_threads", "group": "billing", "eq": 2}`. Exactly one of `eq`, `at_least`,
/// `at_most` (whole numbers) or `is` (a [`GroupState`] name for `group_state`, an owner for `owner`).
///
/// ```
/// use kplay_core::lesson::{Fact, Measure, Value};
/// let f = Fact::new(Measure::Members).group("g").eq(2);
/// assert!(f.holds(&Value::Num(2)) && !f.holds(&Value::Num(3)));
/// assert_eq!(f.to_string(), "members{group=g} = 2");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[allow(missing_docs)]
pub struct Fact {
    /// What is measured.
    pub measure: Measure,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub group: Option<String>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub topic: Option<String>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub partition: Option<u32>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub instance: Option<String>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub listener: Option<String>,
    /// The metric of a `flow_metric` fact (`email.lag_max`).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub metric: Option<String>,
    /// Expected exactly.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub eq: Option<u64>,
    /// Expected at least.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub at_least: Option<u64>,
    /// Expected at most.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub at_most: Option<u64>,
    /// Expected state name (`group_state`) or owner (`owner`: `billing-1#0`, `-`).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub is: Option<String>,
}

impl Fact {
    /// A fact on `measure` with no selector and no expectation (build it with the setters).
    ///
    /// ```
    /// let f = kplay_core::lesson::Fact::new(kplay_core::lesson::Measure::LogEnd).topic("t").at_least(1);
    /// assert_eq!(f.at_least, Some(1));
    /// ```
    pub fn new(measure: Measure) -> Self {
        Fact {
            measure,
            group: None,
            topic: None,
            partition: None,
            instance: None,
            listener: None,
            metric: None,
            eq: None,
            at_least: None,
            at_most: None,
            is: None,
        }
    }

    /// With `group`.
    ///
    /// ```
    /// assert!(kplay_core::lesson::Fact::new(kplay_core::lesson::Measure::Lag).group("g").group.is_some());
    /// ```
    pub fn group(mut self, group: &str) -> Self {
        self.group = Some(group.into());
        self
    }

    /// With `topic`.
    ///
    /// ```
    /// assert!(kplay_core::lesson::Fact::new(kplay_core::lesson::Measure::Lag).topic("t").topic.is_some());
    /// ```
    pub fn topic(mut self, topic: &str) -> Self {
        self.topic = Some(topic.into());
        self
    }

    /// With `metric` (for `flow_metric`).
    ///
    /// ```
    /// let f = kplay_core::lesson::Fact::new(kplay_core::lesson::Measure::FlowMetric).metric("http.failed").eq(0);
    /// assert_eq!(f.to_string(), "flow_metric{metric=http.failed} = 0");
    /// ```
    pub fn metric(mut self, metric: &str) -> Self {
        self.metric = Some(metric.into());
        self
    }

    /// With `partition`.
    ///
    /// ```
    /// assert_eq!(kplay_core::lesson::Fact::new(kplay_core::lesson::Measure::Lag).partition(1).partition, Some(1));
    /// ```
    pub fn partition(mut self, partition: u32) -> Self {
        self.partition = Some(partition);
        self
    }

    /// Expecting exactly `n`.
    ///
    /// ```
    /// assert_eq!(kplay_core::lesson::Fact::new(kplay_core::lesson::Measure::Lag).eq(3).eq, Some(3));
    /// ```
    pub fn eq(mut self, n: u64) -> Self {
        self.eq = Some(n);
        self
    }

    /// Expecting at least `n`.
    ///
    /// ```
    /// assert_eq!(kplay_core::lesson::Fact::new(kplay_core::lesson::Measure::Lag).at_least(3).at_least, Some(3));
    /// ```
    pub fn at_least(mut self, n: u64) -> Self {
        self.at_least = Some(n);
        self
    }

    /// Whether `actual` meets the expectation (a missing value never does).
    ///
    /// ```
    /// use kplay_core::lesson::{Fact, Measure, Value};
    /// let mut f = Fact::new(Measure::GroupState).group("g");
    /// f.is = Some("Stable".into());
    /// assert!(f.holds(&Value::State(kplay_core::sim::GroupState::Stable)));
    /// assert!(!f.holds(&Value::Missing("no group \"g\"".into())));
    /// let mut o = Fact::new(Measure::Owner).group("g").topic("t").partition(0);
    /// o.is = Some("billing-1#0".into());
    /// assert!(o.holds(&Value::Name("billing-1#0".into())) && !o.holds(&Value::Name("-".into())));
    /// ```
    pub fn holds(&self, actual: &Value) -> bool {
        match actual {
            Value::Num(n) => {
                self.is.is_none()
                    && self.eq.is_none_or(|e| *n == e)
                    && self.at_least.is_none_or(|e| *n >= e)
                    && self.at_most.is_none_or(|e| *n <= e)
            }
            Value::State(s) => self.is.as_deref() == Some(s.name()),
            Value::Name(s) => self.is.as_deref() == Some(s),
            Value::Missing(_) => false,
        }
    }
}

impl fmt::Display for Fact {
    /// `lag{group=billing,topic=orders} <= 3`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.measure.name())?;
        let sel = [
            ("group", self.group.as_deref()),
            ("topic", self.topic.as_deref()),
            ("instance", self.instance.as_deref()),
            ("listener", self.listener.as_deref()),
            ("metric", self.metric.as_deref()),
        ];
        let mut sep = '{';
        for (k, v) in sel.iter().filter_map(|(k, v)| v.map(|v| (k, v))) {
            write!(f, "{sep}{k}={v}")?;
            sep = ',';
        }
        if let Some(p) = self.partition {
            write!(f, "{sep}partition={p}")?;
            sep = ',';
        }
        if sep == ',' {
            f.write_str("}")?;
        }
        if let Some(e) = self.eq {
            write!(f, " = {e}")?;
        }
        if let Some(e) = self.at_least {
            write!(f, " >= {e}")?;
        }
        if let Some(e) = self.at_most {
            write!(f, " <= {e}")?;
        }
        if let Some(e) = &self.is {
            write!(f, " is {e}")?;
        }
        Ok(())
    }
}

/// A measure's value on the engine.
///
/// ```
/// use kplay_core::lesson::Value;
/// assert_eq!(Value::Num(3).to_string(), "3");
/// assert_eq!(Value::State(kplay_core::sim::GroupState::Empty).to_string(), "Empty");
/// assert_eq!(Value::Name("billing-1#0".into()).to_string(), "billing-1#0");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A count or offset.
    Num(u64),
    /// A group's state.
    State(GroupState),
    /// An owner: `billing-1#0` (instance `#` thread), `-` for nobody.
    Name(String),
    /// Not measurable, and why (`no group "x"`, `no committed offset`).
    Missing(String),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Num(n) => write!(f, "{n}"),
            Value::State(s) => f.write_str(s.name()),
            Value::Name(s) => f.write_str(s),
            Value::Missing(why) => write!(f, "missing ({why})"),
        }
    }
}
