//! The notes' gateway system: browser → gateway → API server → topic `orders` → the `payment` microservice (its
//! own group) → topic `notifications` → the WebSocket server (group `websocket`) → push to the browser.
//!
//! The HTTP part is timed here: a request spends a gateway and an API latency draw, then the API writes one
//! `orders` record and answers after `ack_ms` (the browser's response latency). During `gateway_down` the gateway
//! refuses the requests sent to it, and during `api_down` the API refuses the requests that reach it (nothing is
//! written for either). The Kafka part is the engine: the API's writes are the records of
//! producer `api`, written in the millisecond the request reaches the API (its rate is set to `k × 1000` for that
//! one millisecond, which writes exactly `k` records). When `payment` has processed a record, its service writes
//! one `notifications` record in the next millisecond (producer `payment-out`, the same way): a re-processed
//! record (after a crash) writes again, as an at-least-once consumer does. When `websocket` has processed a
//! notification, the browser gets the push `push_ms` later. Engine faults (`crash`, `stop`, `restart`, `slow`
//! on instances `payment-1` and `websocket-1`) break or slow a box; every request can be followed hop by hop
//! ([`SystemFlow::follow`]).
//!
//! ```
//! use kplay_core::flows::system::{SystemFlow, SystemSpec};
//! let mut f = SystemFlow::new(&SystemSpec::default(), 1).unwrap();
//! f.run_until(15_000);
//! let m = f.metrics();
//! assert!(m.notified > 0 && m.notified <= m.written);
//! let j = f.follow(0).unwrap();
//! assert!(j.sent_ms < j.written_ms.unwrap() && j.paid_ms.unwrap() < j.pushed_ms.unwrap());
//! ```

mod spec;

pub use spec::{SystemSpec, Window};

use super::trace::record;
#[cfg(feature = "flow-trace")]
use super::trace::FlowEventKind;
use super::{arrivals, Samples, Summary};
use crate::rng::Rng;
use crate::scenario::ScenarioProblem;
use crate::sim::{Command, EventKind, World};
use alloc::collections::VecDeque;
use alloc::vec::Vec;

/// One request hop by hop (ms; `None`: not there yet, or never for a refused request).
///
/// ```
/// assert!(kplay_core::flows::system::Journey::default().pushed_ms.is_none());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Journey {
    /// The browser sent it.
    pub sent_ms: u64,
    /// The gateway (while down) or the API (while down) refused it.
    pub refused: bool,
    /// Its `orders` record was written, at `(partition, offset)`.
    pub written_ms: Option<u64>,
    /// Its `orders` record.
    pub order: Option<(u32, u64)>,
    /// `payment` first finished it.
    pub paid_ms: Option<u64>,
    /// Its first `notifications` record.
    pub notification: Option<(u32, u64)>,
    /// The browser first got the push.
    pub pushed_ms: Option<u64>,
}

/// The system's numbers so far.
///
/// ```
/// let m = kplay_core::flows::system::SystemFlow::new(&Default::default(), 1).unwrap().metrics();
/// assert_eq!(m.requests, 0);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SystemMetrics {
    /// Virtual time.
    pub now_ms: u64,
    /// Requests the browser sent.
    pub requests: u64,
    /// Requests the gateway or the API refused (each while down).
    pub refused: u64,
    /// Requests whose record was written (each answered `ack_ms` later).
    pub written: u64,
    /// Browser-side response latency of the written requests.
    pub response: Summary,
    /// Requests whose push reached the browser.
    pub notified: u64,
    /// Pushes of a request the browser already had (re-processing after a crash).
    pub duplicate_pushes: u64,
    /// Request sent to first push, of the notified requests.
    pub end_to_end: Summary,
    /// `(group, lag)` for `payment` then `websocket`: log-end − committed offset over the group's topic.
    pub lag: Vec<(alloc::string::String, u64)>,
}

/// The running gateway system.
///
/// ```
/// let mut f = kplay_core::flows::system::SystemFlow::new(&Default::default(), 1).unwrap();
/// f.step(1_000);
/// assert_eq!(f.metrics().requests, 20);
/// ```
#[derive(Clone, Debug)]
pub struct SystemFlow {
    spec: SystemSpec,
    world: World,
    rng: Rng,
    journeys: Vec<Journey>,
    /// Request ids to write to `orders` / `notifications`, by millisecond.
    /// `(ms, id)` in the order they were scheduled (a few milliseconds' worth: a list, not a map, which keeps the
    /// web bundle free of two more map types).
    to_write: [Vec<(u64, u64)>; 2],
    /// Ids written this millisecond, waiting for their `produced` events (in order).
    in_flight: [VecDeque<u64>; 2],
    /// `(partition, offset)` → request id, per topic.
    /// Per topic, per partition, by offset (offsets are dense from 0 here); `u64::MAX` for none.
    by_record: [Vec<Vec<u64>>; 2],
    m: SystemMetrics,
    response: Samples,
    end_to_end: Samples,
    #[cfg(feature = "flow-trace")]
    trace: crate::flows::trace::Ring<crate::flows::trace::FlowEvent>,
    #[cfg(feature = "flow-trace")]
    engine: crate::flows::trace::Ring<crate::sim::Event>,
}

const PRODUCERS: [&str; 2] = ["api", "payment-out"];

impl SystemFlow {
    /// The system at time 0 (the spec and its engine scenario are validated first).
    ///
    /// ```
    /// use kplay_core::flows::system::{SystemFlow, SystemSpec};
    /// use kplay_core::scenario::{FaultKind, FaultSpec};
    /// let s = SystemSpec { faults: vec![FaultSpec::new(5, FaultKind::Crash)], ..Default::default() };
    /// assert_eq!(SystemFlow::new(&s, 1).unwrap_err()[0].path, "faults[0].instance");
    /// ```
    pub fn new(spec: &SystemSpec, seed: u64) -> Result<Self, Vec<ScenarioProblem>> {
        spec.validate()?;
        Ok(SystemFlow {
            spec: spec.clone(),
            world: World::new(&spec.scenario(), seed)?,
            rng: Rng::derive(seed, 6),
            journeys: Vec::new(),
            to_write: [Vec::new(), Vec::new()],
            in_flight: [VecDeque::new(), VecDeque::new()],
            by_record: [Vec::new(), Vec::new()],
            m: SystemMetrics::default(),
            response: Samples::default(),
            end_to_end: Samples::default(),
            #[cfg(feature = "flow-trace")]
            trace: Default::default(),
            #[cfg(feature = "flow-trace")]
            engine: Default::default(),
        })
    }

    /// The engine inside.
    ///
    /// ```
    /// let f = kplay_core::flows::system::SystemFlow::new(&Default::default(), 1).unwrap();
    /// assert_eq!(f.world().snapshot().groups.len(), 2);
    /// ```
    pub fn world(&self) -> &World {
        &self.world
    }

    /// Request `id` (0 is the first sent) hop by hop.
    ///
    /// ```
    /// let f = kplay_core::flows::system::SystemFlow::new(&Default::default(), 1).unwrap();
    /// assert!(f.follow(0).is_none());
    /// ```
    pub fn follow(&self, id: u64) -> Option<Journey> {
        self.journeys.get(usize::try_from(id).ok()?).copied()
    }

    /// Virtual time in ms.
    ///
    /// ```
    /// assert_eq!(kplay_core::flows::system::SystemFlow::new(&Default::default(), 1).unwrap().now_ms(), 0);
    /// ```
    pub fn now_ms(&self) -> u64 {
        self.world.now_ms()
    }

    /// Advances `dt_ms` whole milliseconds.
    ///
    /// ```
    /// let mut f = kplay_core::flows::system::SystemFlow::new(&Default::default(), 1).unwrap();
    /// f.step(2);
    /// assert_eq!(f.now_ms(), 2);
    /// ```
    pub fn step(&mut self, dt_ms: u64) {
        for _ in 0..dt_ms {
            self.tick();
        }
    }

    /// Advances to `t_ms` (no-op if already there).
    ///
    /// ```
    /// let mut f = kplay_core::flows::system::SystemFlow::new(&Default::default(), 1).unwrap();
    /// f.run_until(3);
    /// assert_eq!(f.now_ms(), 3);
    /// ```
    pub fn run_until(&mut self, t_ms: u64) {
        self.step(t_ms.saturating_sub(self.now_ms()));
    }

    /// Keeps the newest `capacity` events of the system and of its engine from now on (0, the default,
    /// keeps none): see [`crate::flows::trace`].
    ///
    /// ```
    /// let mut f = kplay_core::flows::system::SystemFlow::new(&Default::default(), 1).unwrap();
    /// f.set_trace_capacity(1_000_000);
    /// f.step(1_000);
    /// assert_eq!(f.drain_trace().len(), 20);
    /// assert!(f.drain_engine_trace().iter().any(|e| e.kind.name() == "produced"));
    /// ```
    #[cfg(feature = "flow-trace")]
    pub fn set_trace_capacity(&mut self, capacity: usize) {
        self.trace.set_capacity(capacity);
        self.engine.set_capacity(capacity);
    }

    /// Takes the buffered system events (requests, pushes), oldest first.
    #[cfg(feature = "flow-trace")]
    pub fn drain_trace(&mut self) -> Vec<crate::flows::trace::FlowEvent> {
        self.trace.drain()
    }

    /// Takes the buffered engine events, oldest first.
    #[cfg(feature = "flow-trace")]
    pub fn drain_engine_trace(&mut self) -> Vec<crate::sim::Event> {
        self.engine.drain()
    }

    fn set_rate(&mut self, k: usize, records: u64) {
        let rate_per_s = u32::try_from(records.saturating_mul(1000)).unwrap_or(u32::MAX);
        // Both producers exist; the rate stays within the engine's limit because at most 10000 requests per
        // second (and their re-processings) are written, so a refusal only leaves this millisecond unwritten.
        let _ = self.world.apply(Command::SetRate {
            producer: PRODUCERS[k].into(),
            rate_per_s,
        });
    }

    fn tick(&mut self) {
        let now = self.now_ms();
        let n = arrivals(now, self.spec.rate_per_s);
        for _ in 0..n {
            let id = self.journeys.len() as u64;
            let at_api = now + self.spec.gateway.draw(&mut self.rng);
            let write = at_api + self.spec.api.draw(&mut self.rng);
            let refused = self.spec.gateway_down.is_some_and(|w| w.covers(now))
                || self.spec.api_down.is_some_and(|w| w.covers(at_api));
            record!(
                self.trace,
                now,
                FlowEventKind::SystemRequest { id, refused }
            );
            self.journeys.push(Journey {
                sent_ms: now,
                refused,
                ..Journey::default()
            });
            if refused {
                self.m.refused += 1;
            } else {
                self.to_write[0].push((write, id));
            }
        }
        self.m.requests += n;
        let mut writing = [0; 2];
        for (k, w) in writing.iter_mut().enumerate() {
            let (list, queue) = (&mut self.to_write[k], &mut self.in_flight[k]);
            list.retain(|&(t, id)| {
                if t == now {
                    queue.push_back(id);
                    *w += 1;
                }
                t != now
            });
            if *w > 0 {
                self.set_rate(k, *w);
            }
        }
        self.world.step(1);
        for (k, &w) in writing.iter().enumerate() {
            if w > 0 {
                self.set_rate(k, 0);
            }
        }
        for e in self.world.drain_events() {
            #[cfg(feature = "flow-trace")]
            if self.engine.on() {
                self.engine.push(e.clone());
            }
            self.read(e.t_ms, e.kind);
        }
    }

    fn read(&mut self, t: u64, kind: EventKind) {
        match kind {
            EventKind::Produced {
                producer,
                partition,
                offset,
                ..
            } => {
                let k = usize::from(producer == PRODUCERS[1]);
                let Some(id) = self.in_flight[k].pop_front() else {
                    return;
                };
                let parts = &mut self.by_record[k];
                let p = partition as usize;
                if parts.len() <= p {
                    parts.resize(p + 1, Vec::new());
                }
                let o = offset as usize;
                if parts[p].len() <= o {
                    parts[p].resize(o + 1, u64::MAX);
                }
                parts[p][o] = id;
                let j = &mut self.journeys[id as usize];
                if k == 0 {
                    j.written_ms = Some(t);
                    j.order = Some((partition, offset));
                    self.m.written += 1;
                    let latency = t - j.sent_ms + u64::from(self.spec.ack_ms);
                    self.response.record(latency);
                } else if j.notification.is_none() {
                    j.notification = Some((partition, offset));
                }
            }
            EventKind::Processed {
                group,
                partition,
                offset,
                ..
            } => {
                let k = usize::from(group == "websocket");
                let id = self.by_record[k]
                    .get(partition as usize)
                    .and_then(|p| p.get(offset as usize))
                    .copied()
                    .unwrap_or(u64::MAX);
                if id == u64::MAX {
                    return;
                }
                let j = &mut self.journeys[id as usize];
                if k == 0 {
                    j.paid_ms.get_or_insert(t);
                    self.to_write[1].push((t + 1, id));
                } else {
                    let arrives = t + u64::from(self.spec.push_ms);
                    record!(
                        self.trace,
                        t,
                        FlowEventKind::SystemPush {
                            id,
                            delay_ms: arrives - j.sent_ms,
                            again: j.pushed_ms.is_some(),
                        }
                    );
                    if j.pushed_ms.is_some() {
                        self.m.duplicate_pushes += 1;
                    } else {
                        j.pushed_ms = Some(arrives);
                        self.m.notified += 1;
                        self.end_to_end.record(arrives - j.sent_ms);
                    }
                }
            }
            _ => {}
        }
    }

    /// The numbers so far.
    ///
    /// ```
    /// let mut f = kplay_core::flows::system::SystemFlow::new(&Default::default(), 1).unwrap();
    /// f.step(1_000);
    /// assert_eq!(f.metrics().lag.len(), 2);
    /// ```
    pub fn metrics(&self) -> SystemMetrics {
        let snap = self.world.snapshot();
        let mut m = self.m.clone();
        m.now_ms = self.now_ms();
        m.response = self.response.summary();
        m.end_to_end = self.end_to_end.summary();
        m.lag = snap
            .groups
            .iter()
            .zip(&snap.topics)
            .map(|(g, t)| {
                let end: u64 = t.partitions.iter().map(|p| p.log_end).sum();
                let done: u64 = g.partitions.iter().filter_map(|p| p.committed).sum();
                (g.id.clone(), end - done.min(end))
            })
            .collect();
        m
    }
}
