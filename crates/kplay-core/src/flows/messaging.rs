//! The same business flow as [`super::http`] with a topic in the middle: the order service writes an `orders`
//! event and answers the client at once; payment and email are consumer groups that process every event in
//! their own time. This is the engine ([`World`]) running a scenario built from the HTTP spec, not a second
//! model of Kafka:
//!
//! - the client's requests are the records of the producer `order-service` (same rate, same milliseconds as
//!   the HTTP client, [`super::arrivals`]), spread evenly over the partitions (`RoundRobinPartitioner`: the
//!   default sticky partitioner would fill one partition with `batch.size` bytes at a time, so one thread would
//!   do all the work); the client's latency is the order service's `order_ms` plus the
//!   produce acknowledgement `ack_ms`, so it is the same for every request;
//! - groups `payment` and `email` (one instance each, `threads` consumer threads, Spring Kafka's listener
//!   container with `AckMode.BATCH`, `auto.offset.reset=earliest`) take a hop's latency draw as processing time
//!   per record (`Processing::Range { fixed, fixed + jitter }`);
//! - a hop's [`Outage`](super::http::Outage) stops that group's instance at `from_ms` and restarts it at `to_ms`
//!   (scenario faults `stop` and `restart`): its records wait in the partitions, its lag grows, then drains.
//!   Failure rates and timeouts are HTTP-only: a consumer waits for records, it has no caller to time out.
//!
//! ```
//! use kplay_core::flows::messaging::{MessagingFlow, MessagingSpec};
//! let mut f = MessagingFlow::new(&MessagingSpec::default(), 1).unwrap();
//! f.run_until(20_000);
//! let m = f.metrics();
//! assert_eq!(m.requests, 400);
//! assert_eq!(m.latency.max, 7); // order_ms 5 + ack_ms 2
//! assert!(m.groups.iter().all(|g| g.distinct_processed + g.waiting == m.requests));
//! ```

use super::http::{Hop, HttpSpec};
use super::stats::{Check, MAX_MS};
use super::Summary;
use crate::scenario::{
    AckMode, CommitSpec, FaultKind, FaultSpec, GroupSpec, InstanceSpec, OffsetReset,
    PartitionerKind, Processing, ProducerSpec, Scenario, ScenarioProblem, TopicSpec,
};
use crate::sim::{EventKind, World};
use alloc::string::String;
use alloc::vec::Vec;

/// The topic the order service writes.
pub const TOPIC: &str = "orders";

/// The messaging setup: the business flow of an [`HttpSpec`] plus what Kafka adds.
///
/// ```
/// let s = kplay_core::flows::messaging::MessagingSpec::default();
/// assert_eq!((s.partitions, s.threads, s.ack_ms), (3, 3, 2));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct MessagingSpec {
    /// Rate, the order service's work, the hops' latencies and the outage.
    pub flow: HttpSpec,
    /// The produce acknowledgement as the order service waits for it (ms, 0..=3600000).
    pub ack_ms: u32,
    /// Partitions of `orders` (1..=64).
    pub partitions: u32,
    /// Consumer threads of each group's instance (1..=64; threads beyond the partitions stay idle).
    pub threads: u32,
}

impl Default for MessagingSpec {
    fn default() -> Self {
        MessagingSpec {
            flow: HttpSpec::default(),
            ack_ms: 2,
            partitions: 3,
            threads: 3,
        }
    }
}

impl MessagingSpec {
    /// Every broken rule with its field path (the flow's under `flow.`).
    ///
    /// ```
    /// let mut s = kplay_core::flows::messaging::MessagingSpec::default();
    /// s.partitions = 0;
    /// assert_eq!(s.validate().unwrap_err()[0].path, "partitions");
    /// ```
    pub fn validate(&self) -> Result<(), Vec<ScenarioProblem>> {
        let mut c = Check::default();
        if let Err(ps) = self.flow.validate() {
            for mut p in ps {
                p.path = alloc::format!("flow.{}", p.path);
                c.0.push(p);
            }
        }
        c.range("ack_ms", self.ack_ms.into(), 0, MAX_MS);
        c.range("partitions", self.partitions.into(), 1, 64);
        c.range("threads", self.threads.into(), 1, 64);
        c.done()
    }

    /// The engine scenario this spec stands for.
    ///
    /// ```
    /// let s = kplay_core::flows::messaging::MessagingSpec::default().scenario();
    /// assert_eq!(s.groups.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(), ["payment", "email"]);
    /// assert!(s.validate().is_ok());
    /// ```
    pub fn scenario(&self) -> Scenario {
        let mut s = Scenario::default();
        s.topics.push(TopicSpec::new(TOPIC, self.partitions));
        let mut producer = ProducerSpec::new("order-service", TOPIC, self.flow.rate_per_s);
        producer.partitioner = PartitionerKind::RoundRobin;
        s.producers.push(producer);
        for (hop, spec, listener) in [
            (Hop::Payment, &self.flow.payment, "PaymentListener"),
            (Hop::Email, &self.flow.email, "EmailListener"),
        ] {
            let mut g = GroupSpec::new(hop.name(), [TOPIC]);
            g.auto_offset_reset = OffsetReset::Earliest;
            g.commit = CommitSpec::spring(AckMode::Batch);
            let id = instance_id(hop);
            let mut i = InstanceSpec::new(&id, listener, self.threads);
            let l = spec.latency;
            i.processing_ms = Processing::Range {
                min: l.fixed_ms,
                max: l.fixed_ms.saturating_add(l.jitter_ms),
            };
            g.instances.push(i);
            s.groups.push(g);
        }
        if let Some(o) = self.flow.outage {
            let id = instance_id(o.hop);
            s.faults
                .push(FaultSpec::new(o.from_ms, FaultKind::Stop).instance(&id));
            s.faults
                .push(FaultSpec::new(o.to_ms, FaultKind::Restart).instance(&id));
        }
        s
    }
}

fn instance_id(hop: Hop) -> String {
    alloc::format!("{}-1", hop.name())
}

/// One consumer group's progress.
///
/// ```
/// assert_eq!(kplay_core::flows::messaging::GroupFlow::default().lag, 0);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GroupFlow {
    /// Group id (`payment`, `email`).
    pub id: String,
    /// Distinct records the group has processed.
    pub distinct_processed: u64,
    /// Records processed again (at-least-once re-deliveries).
    pub duplicates: u64,
    /// Records in the log the group has not processed yet.
    pub waiting: u64,
    /// Lag now: log-end − committed offset, summed over partitions (no commit yet counts from 0).
    pub lag: u64,
    /// The largest lag seen at a sample.
    pub max_lag: u64,
    /// Lag at the end of each `flow.bucket_ms`.
    pub lag_series: Vec<u64>,
    /// Records waiting at the end of each `flow.bucket_ms`.
    pub waiting_series: Vec<u64>,
}

/// The messaging side's numbers so far.
///
/// ```
/// let m = kplay_core::flows::messaging::MessagingFlow::new(&Default::default(), 1).unwrap().metrics();
/// assert_eq!(m.groups.len(), 2);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MessagingMetrics {
    /// Virtual time.
    pub now_ms: u64,
    /// Requests sent (= records the order service wrote).
    pub requests: u64,
    /// Requests answered (after `order_ms + ack_ms`).
    pub ok: u64,
    /// Requests not answered yet.
    pub in_flight: u64,
    /// Client latency (the same for every request).
    pub latency: Summary,
    /// Answers per second since time 0 (rounded down).
    pub throughput_per_s: u64,
    /// `payment` then `email`.
    pub groups: Vec<GroupFlow>,
}

/// The running messaging side: the engine plus the bookkeeping of what each group processed.
///
/// ```
/// let mut f = kplay_core::flows::messaging::MessagingFlow::new(&Default::default(), 1).unwrap();
/// f.step(1_000);
/// assert_eq!(f.world().snapshot().totals.produced, 20);
/// ```
#[derive(Clone, Debug)]
pub struct MessagingFlow {
    spec: MessagingSpec,
    world: World,
    /// Per group, per partition: which offsets it processed.
    seen: [Vec<Vec<bool>>; 2],
    groups: [GroupFlow; 2],
    next_sample_ms: u64,
    #[cfg(feature = "flow-trace")]
    engine: super::trace::Ring<crate::sim::Event>,
}

impl MessagingFlow {
    /// The flow at time 0: the spec is validated, then the engine built from [`MessagingSpec::scenario`].
    ///
    /// ```
    /// let mut s = kplay_core::flows::messaging::MessagingSpec::default();
    /// s.threads = 0;
    /// assert_eq!(kplay_core::flows::messaging::MessagingFlow::new(&s, 1).unwrap_err()[0].path, "threads");
    /// ```
    pub fn new(spec: &MessagingSpec, seed: u64) -> Result<Self, Vec<ScenarioProblem>> {
        spec.validate()?;
        let world = World::new(&spec.scenario(), seed)?;
        let parts = alloc::vec![Vec::new(); spec.partitions as usize];
        let group = |id: &str| GroupFlow {
            id: id.into(),
            ..GroupFlow::default()
        };
        Ok(MessagingFlow {
            spec: spec.clone(),
            world,
            seen: [parts.clone(), parts],
            groups: [group("payment"), group("email")],
            next_sample_ms: u64::from(spec.flow.bucket_ms),
            #[cfg(feature = "flow-trace")]
            engine: Default::default(),
        })
    }

    /// The engine inside (for its snapshot, trace and record journeys).
    ///
    /// ```
    /// let f = kplay_core::flows::messaging::MessagingFlow::new(&Default::default(), 1).unwrap();
    /// assert_eq!(f.world().now_ms(), 0);
    /// ```
    pub fn world(&self) -> &World {
        &self.world
    }

    /// Virtual time in ms.
    ///
    /// ```
    /// assert_eq!(kplay_core::flows::messaging::MessagingFlow::new(&Default::default(), 1).unwrap().now_ms(), 0);
    /// ```
    pub fn now_ms(&self) -> u64 {
        self.world.now_ms()
    }

    /// Advances `dt_ms` milliseconds of the engine, reading its `processed` events.
    ///
    /// ```
    /// let mut f = kplay_core::flows::messaging::MessagingFlow::new(&Default::default(), 1).unwrap();
    /// f.step(10);
    /// assert_eq!(f.now_ms(), 10);
    /// ```
    pub fn step(&mut self, dt_ms: u64) {
        let end = self.now_ms().saturating_add(dt_ms);
        while self.now_ms() < end {
            // Chunks of at most 100 ms keep the engine's event buffer far from full.
            let to = end.min(self.next_sample_ms).min(self.now_ms() + 100);
            self.world.run_until(to);
            self.read_events();
            if self.now_ms() == self.next_sample_ms {
                self.sample();
                self.next_sample_ms += u64::from(self.spec.flow.bucket_ms);
            }
        }
    }

    /// Advances to `t_ms` (no-op if already there).
    ///
    /// ```
    /// let mut f = kplay_core::flows::messaging::MessagingFlow::new(&Default::default(), 1).unwrap();
    /// f.run_until(2_000);
    /// assert_eq!(f.metrics().groups[0].lag_series.len(), 2);
    /// ```
    pub fn run_until(&mut self, t_ms: u64) {
        self.step(t_ms.saturating_sub(self.now_ms()));
    }

    /// Keeps the newest `capacity` engine events from now on (0, the default, keeps none): see
    /// [`crate::flows::trace`].
    ///
    /// ```
    /// let mut f = kplay_core::flows::messaging::MessagingFlow::new(&Default::default(), 1).unwrap();
    /// f.set_trace_capacity(1_000_000);
    /// f.step(1_000);
    /// assert!(f.drain_engine_trace().iter().any(|e| e.kind.name() == "produced"));
    /// ```
    #[cfg(feature = "flow-trace")]
    pub fn set_trace_capacity(&mut self, capacity: usize) {
        self.engine.set_capacity(capacity);
    }

    /// Takes the buffered engine events, oldest first.
    ///
    /// ```
    /// let mut f = kplay_core::flows::messaging::MessagingFlow::new(&Default::default(), 1).unwrap();
    /// f.step(100);
    /// assert!(f.drain_engine_trace().is_empty(), "off until a capacity is set");
    /// ```
    #[cfg(feature = "flow-trace")]
    pub fn drain_engine_trace(&mut self) -> Vec<crate::sim::Event> {
        self.engine.drain()
    }

    fn read_events(&mut self) {
        for e in self.world.drain_events() {
            #[cfg(feature = "flow-trace")]
            if self.engine.on() {
                self.engine.push(e.clone());
            }
            let EventKind::Processed {
                group,
                partition,
                offset,
                ..
            } = e.kind
            else {
                continue;
            };
            let gi = usize::from(group == "email");
            let Some(part) = self.seen[gi].get_mut(partition as usize) else {
                continue;
            };
            let at = offset as usize;
            if part.len() <= at {
                part.resize(at + 1, false);
            }
            if part[at] {
                self.groups[gi].duplicates += 1;
            } else {
                part[at] = true;
                self.groups[gi].distinct_processed += 1;
            }
        }
    }

    /// Lag and waiting records of both groups now.
    fn current(&self) -> [(u64, u64); 2] {
        let snap = self.world.snapshot();
        let produced = snap.totals.produced;
        let mut out = [(0, 0); 2];
        for (gi, g) in snap.groups.iter().take(2).enumerate() {
            let lag = g
                .partitions
                .iter()
                .map(|p| p.log_end - p.committed.unwrap_or(0).min(p.log_end))
                .sum();
            out[gi] = (lag, produced - self.groups[gi].distinct_processed);
        }
        out
    }

    fn sample(&mut self) {
        let now = self.current();
        for (g, (lag, waiting)) in self.groups.iter_mut().zip(now) {
            g.lag_series.push(lag);
            g.waiting_series.push(waiting);
            g.max_lag = g.max_lag.max(lag);
        }
    }

    /// The numbers so far.
    ///
    /// ```
    /// let mut f = kplay_core::flows::messaging::MessagingFlow::new(&Default::default(), 1).unwrap();
    /// f.step(1_000);
    /// // Requests of the last 7 ms (order_ms + ack_ms) are not answered yet.
    /// assert_eq!((f.metrics().requests, f.metrics().ok), (20, 19));
    /// ```
    pub fn metrics(&self) -> MessagingMetrics {
        let now = self.now_ms();
        let rate = u128::from(self.spec.flow.rate_per_s);
        let sent_by = |t: u64| (u128::from(t) * rate / 1000) as u64;
        let d = u64::from(self.spec.flow.order_ms) + u64::from(self.spec.ack_ms);
        let requests = sent_by(now);
        // A request sent at ms t is answered at t + d, so by now those sent before now − d are.
        let ok = sent_by(now.saturating_sub(d));
        let latency = if ok == 0 {
            Summary::default()
        } else {
            Summary {
                count: ok,
                sum: ok * d,
                mean: d,
                p50: d,
                p99: d,
                max: d,
            }
        };
        let mut groups = self.groups.to_vec();
        for (g, (lag, waiting)) in groups.iter_mut().zip(self.current()) {
            g.lag = lag;
            g.waiting = waiting;
        }
        MessagingMetrics {
            now_ms: now,
            requests,
            ok,
            in_flight: requests - ok,
            latency,
            throughput_per_s: super::per_second(ok, now),
            groups,
        }
    }
}
