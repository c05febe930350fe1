//! The consumer side of the thread models: the engine with topic `requests` (one partition per thread), the
//! producer `clients` at the pool's rates (round-robin over the partitions) (the burst is two `SetRate` commands) and group `workers` with one
//! instance of `consumer_threads` threads. A record takes `downstream + cpu_ms` to process
//! (`Processing::Range`); the thread waits on the downstream call first, so the last `cpu_ms` of a record are
//! *busy* and the rest *waiting*.

use super::{add_states, PoolSpec, ThreadStates};
use crate::scenario::{
    AckMode, CommitSpec, GroupSpec, InstanceSpec, OffsetReset, PartitionerKind, Processing,
    ProducerSpec, Scenario, ScenarioProblem, TopicSpec,
};
use crate::sim::{Command, TraceLevel, World};
use alloc::vec::Vec;

/// The consumer instance's numbers.
///
/// ```
/// assert_eq!(kplay_core::flows::pool::ConsumerMetrics::default().lag, 0);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ConsumerMetrics {
    /// Records written (the requests).
    pub produced: u64,
    /// Records processed.
    pub processed: u64,
    /// Lag now: log-end − committed offset over all partitions.
    pub lag: u64,
    /// Largest lag at a bucket's end.
    pub max_lag: u64,
    /// Lag at the end of each bucket.
    pub lag_series: Vec<u64>,
    /// Thread states per bucket.
    pub threads: Vec<ThreadStates>,
}

/// The engine run of the consumer side.
///
/// ```
/// let mut c = kplay_core::flows::pool::ConsumerSide::new(&Default::default(), 1).unwrap();
/// for _ in 0..1_000 { c.tick(); }
/// assert_eq!(c.metrics().produced, 200);
/// ```
#[derive(Clone, Debug)]
pub struct ConsumerSide {
    spec: PoolSpec,
    world: World,
    m: ConsumerMetrics,
    #[cfg(feature = "flow-trace")]
    engine: crate::flows::trace::Ring<crate::sim::Event>,
}

impl ConsumerSide {
    /// The engine at time 0.
    ///
    /// ```
    /// let s = kplay_core::flows::pool::PoolSpec { consumer_threads: 0, ..Default::default() };
    /// assert!(kplay_core::flows::pool::ConsumerSide::new(&s, 1).is_err());
    /// ```
    pub fn new(spec: &PoolSpec, seed: u64) -> Result<Self, Vec<ScenarioProblem>> {
        spec.validate()?;
        let mut s = Scenario::default();
        s.topics
            .push(TopicSpec::new("requests", spec.consumer_threads));
        let mut producer = ProducerSpec::new("clients", "requests", spec.rate_at(0));
        // Even spread, so every thread has work (the sticky default fills one partition at a time).
        producer.partitioner = PartitionerKind::RoundRobin;
        s.producers.push(producer);
        let mut g = GroupSpec::new("workers", ["requests"]);
        g.auto_offset_reset = OffsetReset::Earliest;
        g.commit = CommitSpec::spring(AckMode::Batch);
        let mut i = InstanceSpec::new("worker-1", "RequestListener", spec.consumer_threads);
        let d = spec.downstream;
        let min = d.fixed_ms.saturating_add(spec.cpu_ms);
        i.processing_ms = Processing::Range {
            min,
            max: min.saturating_add(d.jitter_ms),
        };
        g.instances.push(i);
        s.groups.push(g);
        let mut world = World::new(&s, seed)?;
        world.set_trace_level(TraceLevel::Lifecycle);
        world.set_event_capacity(1_024);
        Ok(ConsumerSide {
            spec: *spec,
            world,
            m: ConsumerMetrics::default(),
            #[cfg(feature = "flow-trace")]
            engine: Default::default(),
        })
    }

    /// The engine inside.
    ///
    /// ```
    /// let c = kplay_core::flows::pool::ConsumerSide::new(&Default::default(), 1).unwrap();
    /// assert_eq!(c.world().thread_work().len(), 32);
    /// ```
    pub fn world(&self) -> &World {
        &self.world
    }

    /// One millisecond: the burst's rate changes, the engine's millisecond, the thread states.
    ///
    /// ```
    /// let mut c = kplay_core::flows::pool::ConsumerSide::new(&Default::default(), 1).unwrap();
    /// c.tick();
    /// assert_eq!(c.world().now_ms(), 1);
    /// ```
    pub fn tick(&mut self) {
        let now = self.world.now_ms();
        if let Some(b) = self.spec.burst {
            if now == b.from_ms || now == b.to_ms {
                let rate_per_s = self.spec.rate_at(now);
                // The producer exists and the rate is within the validated range, so this cannot fail.
                let _ = self.world.apply(Command::SetRate {
                    producer: "clients".into(),
                    rate_per_s,
                });
            }
        }
        self.world.step(1);
        let _events = self.world.drain_events();
        #[cfg(feature = "flow-trace")]
        if self.engine.on() {
            for e in _events {
                self.engine.push(e);
            }
        }
        let cpu = u64::from(self.spec.cpu_ms);
        let (mut busy, mut waiting, mut idle) = (0, 0, 0);
        for done_at_ms in self.world.threads_done_at() {
            match done_at_ms {
                Some(done) if done > now && now + cpu >= done => busy += 1,
                Some(done) if done > now => waiting += 1,
                _ => idle += 1,
            }
        }
        add_states(
            &mut self.m.threads,
            self.spec.bucket_ms,
            now,
            [busy, waiting, idle],
        );
        let width = u64::from(self.spec.bucket_ms);
        if (now + 1).is_multiple_of(width) {
            let lag = self.lag();
            self.m.lag_series.push(lag);
            self.m.max_lag = self.m.max_lag.max(lag);
        }
    }

    /// Keeps the newest `capacity` engine events from now on, at the engine's full trace level (0, the
    /// default, keeps none and leaves the engine at its lifecycle level).
    ///
    /// ```
    /// let mut c = kplay_core::flows::pool::ConsumerSide::new(&Default::default(), 1).unwrap();
    /// c.set_trace_capacity(10_000);
    /// for _ in 0..100 { c.tick(); }
    /// assert!(c.drain_engine_trace().iter().any(|e| e.kind.name() == "produced"));
    /// ```
    #[cfg(feature = "flow-trace")]
    pub fn set_trace_capacity(&mut self, capacity: usize) {
        self.engine.set_capacity(capacity);
        let level = if capacity > 0 {
            TraceLevel::All
        } else {
            TraceLevel::Lifecycle
        };
        self.world.set_trace_level(level);
    }

    /// Takes the buffered engine events, oldest first.
    #[cfg(feature = "flow-trace")]
    pub fn drain_engine_trace(&mut self) -> Vec<crate::sim::Event> {
        self.engine.drain()
    }

    fn lag(&self) -> u64 {
        self.world
            .snapshot()
            .groups
            .iter()
            .flat_map(|g| &g.partitions)
            .map(|p| p.log_end - p.committed.unwrap_or(0).min(p.log_end))
            .sum()
    }

    /// The numbers so far.
    ///
    /// ```
    /// let c = kplay_core::flows::pool::ConsumerSide::new(&Default::default(), 1).unwrap();
    /// assert_eq!(c.metrics().processed, 0);
    /// ```
    pub fn metrics(&self) -> ConsumerMetrics {
        let snap = self.world.snapshot();
        let mut m = self.m.clone();
        m.produced = snap.totals.produced;
        m.processed = snap.totals.processed;
        m.lag = self.lag();
        m
    }
}
