//! The gateway system's setup and the engine scenario it stands for.

use crate::flows::stats::{Check, MAX_MS};
use crate::flows::Latency;
use crate::scenario::{
    AckMode, CommitSpec, FaultSpec, GroupSpec, InstanceSpec, OffsetReset, PartitionerKind,
    Processing, ProducerSpec, Scenario, ScenarioProblem, TopicSpec,
};
use alloc::vec::Vec;

/// A time window `from_ms..to_ms`.
///
/// ```
/// let w = kplay_core::flows::system::Window { from_ms: 1, to_ms: 3 };
/// assert!(w.covers(2) && !w.covers(3));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Window {
    /// First millisecond in it.
    pub from_ms: u64,
    /// First millisecond after it.
    pub to_ms: u64,
}

impl Window {
    /// Whether `t_ms` is in it.
    ///
    /// ```
    /// assert!(kplay_core::flows::system::Window { from_ms: 0, to_ms: 1 }.covers(0));
    /// ```
    pub fn covers(&self, t_ms: u64) -> bool {
        (self.from_ms..self.to_ms).contains(&t_ms)
    }
}

/// The gateway system's setup.
///
/// ```
/// assert!(kplay_core::flows::system::SystemSpec::default().validate().is_ok());
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct SystemSpec {
    /// Browser requests per second (0..=10000).
    pub rate_per_s: u32,
    /// Browser to API through the gateway.
    pub gateway: Latency,
    /// When the gateway is down: requests sent in this window are refused at the gateway.
    pub gateway_down: Option<Window>,
    /// The API server's work before it writes.
    pub api: Latency,
    /// The produce acknowledgement (ms).
    pub ack_ms: u32,
    /// When the API server refuses requests.
    pub api_down: Option<Window>,
    /// Partitions of both topics (1..=64).
    pub partitions: u32,
    /// Consumer threads of each service's instance (1..=64).
    pub threads: u32,
    /// The payment service's processing per record.
    pub payment: Latency,
    /// The WebSocket server's processing per notification.
    pub websocket: Latency,
    /// WebSocket server to browser (ms).
    pub push_ms: u32,
    /// Engine faults on `payment-1` and `websocket-1`.
    pub faults: Vec<FaultSpec>,
}

impl Default for SystemSpec {
    fn default() -> Self {
        SystemSpec {
            rate_per_s: 20,
            gateway: Latency {
                fixed_ms: 10,
                jitter_ms: 5,
            },
            gateway_down: None,
            api: Latency::fixed(5),
            ack_ms: 2,
            api_down: None,
            partitions: 3,
            threads: 3,
            payment: Latency {
                fixed_ms: 20,
                jitter_ms: 10,
            },
            websocket: Latency::fixed(1),
            push_ms: 50,
            faults: Vec::new(),
        }
    }
}

impl SystemSpec {
    /// Every broken rule with its field path (engine faults are checked by the engine's scenario rules).
    ///
    /// ```
    /// let s = kplay_core::flows::system::SystemSpec { threads: 0, ..Default::default() };
    /// assert_eq!(s.validate().unwrap_err()[0].path, "threads");
    /// ```
    pub fn validate(&self) -> Result<(), Vec<ScenarioProblem>> {
        let mut c = Check::default();
        c.range("rate_per_s", self.rate_per_s.into(), 0, 10_000);
        c.latency("gateway", &self.gateway);
        c.latency("api", &self.api);
        c.range("ack_ms", self.ack_ms.into(), 0, MAX_MS);
        if let Some(w) = &self.gateway_down {
            c.rule(
                w.from_ms < w.to_ms,
                "gateway_down.to_ms",
                "must be after gateway_down.from_ms",
            );
        }
        if let Some(w) = &self.api_down {
            c.rule(
                w.from_ms < w.to_ms,
                "api_down.to_ms",
                "must be after api_down.from_ms",
            );
        }
        c.range("partitions", self.partitions.into(), 1, 64);
        c.range("threads", self.threads.into(), 1, 64);
        c.latency("payment", &self.payment);
        c.latency("websocket", &self.websocket);
        c.range("push_ms", self.push_ms.into(), 0, MAX_MS);
        c.done()
    }

    /// The engine scenario: two topics, the two writing producers (rate 0 until a write) and the two groups.
    ///
    /// ```
    /// let s = kplay_core::flows::system::SystemSpec::default().scenario();
    /// assert_eq!(s.topics.len(), 2);
    /// assert!(s.validate().is_ok());
    /// ```
    pub fn scenario(&self) -> Scenario {
        let mut s = Scenario::default();
        for (topic, producer, group, listener, work) in [
            ("orders", "api", "payment", "PaymentListener", self.payment),
            (
                "notifications",
                "payment-out",
                "websocket",
                "PushListener",
                self.websocket,
            ),
        ] {
            s.topics.push(TopicSpec::new(topic, self.partitions));
            let mut p = ProducerSpec::new(producer, topic, 0);
            p.partitioner = PartitionerKind::RoundRobin;
            s.producers.push(p);
            let mut g = GroupSpec::new(group, [topic]);
            g.auto_offset_reset = OffsetReset::Earliest;
            g.commit = CommitSpec::spring(AckMode::Batch);
            let mut i = InstanceSpec::new(&alloc::format!("{group}-1"), listener, self.threads);
            i.processing_ms = Processing::Range {
                min: work.fixed_ms,
                max: work.fixed_ms.saturating_add(work.jitter_ms),
            };
            g.instances.push(i);
            s.groups.push(g);
        }
        s.faults = self.faults.clone();
        s
    }
}
