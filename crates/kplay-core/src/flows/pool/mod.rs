//! Thread models under a burst: an HTTP server's worker pool against a consumer instance's threads.
//!
//! **HTTP server** (Tomcat's connector): `threads` worker threads (`maxThreads`, default 200) and an accept
//! queue of `accept_count` connections (`acceptCount`, default 100). A request that finds a free thread holds
//! it for its whole life: it waits for the downstream call (`downstream`, a latency draw: state *waiting on
//! I/O*), then works `cpu_ms` to build the response (state *busy*). A request that finds every thread taken
//! waits in the accept queue (first come, first served); when the queue is full too, the connection is
//! refused. Each millisecond: finished requests free their threads, free threads take queued requests, then
//! the new requests arrive.
//!
//! **Consumer** ([`consumer`]): the engine with one topic of `consumer_threads` partitions, a producer at the
//! same rates and one instance of `consumer_threads` threads that loop poll → process → commit, each record
//! taking the same downstream wait then `cpu_ms`. Nothing is refused: the records wait in the partitions and the
//! lag grows, then drains.
//!
//! Thread states are thread-milliseconds per bucket (`busy_ms + waiting_ms + idle_ms = threads × bucket_ms`);
//! divide by `bucket_ms` for the mean number of threads in each state.
//!
//! ```
//! use kplay_core::flows::pool::{PoolFlow, PoolSpec};
//! let spec = PoolSpec::default();
//! let mut f = PoolFlow::new(&spec, 1).unwrap();
//! f.run_until(15_000);
//! let m = f.metrics();
//! assert!(m.server.rejected > 0, "the burst exceeds 200 threads + 100 queued");
//! assert_eq!(m.server.max_queue, 100);
//! assert!(m.consumer.max_lag > 1_000, "the consumer buffers the burst instead");
//! ```

mod calendar;
pub mod consumer;
mod metrics;
mod spec;

use super::trace::record;
#[cfg(feature = "flow-trace")]
use super::trace::FlowEventKind;
use super::{arrivals, Samples};
use crate::rng::Rng;
use crate::scenario::ScenarioProblem;
use alloc::collections::VecDeque;
use alloc::vec::Vec;
use calendar::Calendar;
pub use consumer::{ConsumerMetrics, ConsumerSide};
pub(crate) use metrics::add_states;
pub use metrics::{PoolMetrics, ServerBucket, ServerMetrics, ThreadStates};
use spec::MAX_THREADS;
pub use spec::{Burst, PoolSpec};

/// Bits of a worker's number in its [`PoolFlow::ends`] key (`threads` is at most 10,000 < 2^14).
const WORKER_BITS: u32 = 14;
const WORKER_MASK: u64 = (1 << WORKER_BITS) - 1;
// Every worker number fits in the low bits of a key.
const _: () = assert!(MAX_THREADS as u64 <= WORKER_MASK);

/// A worker thread's request: `(arrival, end of the downstream wait, end)`.
type Work = (u64, u64, u64);

/// The running thread-model comparison.
///
/// ```
/// let mut f = kplay_core::flows::pool::PoolFlow::new(&Default::default(), 1).unwrap();
/// f.step(1_000);
/// assert_eq!(f.metrics().server.requests, 200);
/// ```
#[derive(Clone, Debug)]
pub struct PoolFlow {
    spec: PoolSpec,
    rng: Rng,
    now_ms: u64,
    workers: Vec<Option<Work>>,
    free: Vec<usize>,
    /// `end << WORKER_BITS | worker` of every busy worker, soonest first, then in worker order: a millisecond
    /// costs what ends in it, not one look at each of up to 10,000 threads.
    ends: Calendar,
    /// The ends of the downstream waits still running, soonest first; `waiting` counts them.
    io_ends: Calendar,
    waiting: u64,
    queue: VecDeque<u64>,
    m: ServerMetrics,
    samples: Samples,
    consumer: ConsumerSide,
    #[cfg(feature = "flow-trace")]
    trace: super::trace::Ring<super::trace::FlowEvent>,
}

impl PoolFlow {
    /// Both sides at time 0 (the spec is validated first).
    ///
    /// ```
    /// let s = kplay_core::flows::pool::PoolSpec { threads: 0, ..Default::default() };
    /// assert_eq!(kplay_core::flows::pool::PoolFlow::new(&s, 1).unwrap_err()[0].path, "threads");
    /// ```
    pub fn new(spec: &PoolSpec, seed: u64) -> Result<Self, Vec<ScenarioProblem>> {
        spec.validate()?;
        let n = spec.threads as usize;
        Ok(PoolFlow {
            spec: *spec,
            rng: Rng::derive(seed, 5),
            now_ms: 0,
            workers: alloc::vec![None; n],
            free: (0..n).rev().collect(),
            ends: Calendar::default(),
            io_ends: Calendar::default(),
            waiting: 0,
            queue: VecDeque::new(),
            m: ServerMetrics::default(),
            // Latencies below 4 s (the defaults' ~100 ms, a queue's wait) are counted in an array.
            samples: Samples::with_dense(4_096),
            consumer: ConsumerSide::new(spec, seed)?,
            #[cfg(feature = "flow-trace")]
            trace: Default::default(),
        })
    }

    /// Virtual time in ms.
    ///
    /// ```
    /// assert_eq!(kplay_core::flows::pool::PoolFlow::new(&Default::default(), 1).unwrap().now_ms(), 0);
    /// ```
    pub fn now_ms(&self) -> u64 {
        self.now_ms
    }

    /// Advances both sides `dt_ms` whole milliseconds.
    ///
    /// ```
    /// let mut f = kplay_core::flows::pool::PoolFlow::new(&Default::default(), 1).unwrap();
    /// f.step(3);
    /// assert_eq!(f.now_ms(), 3);
    /// ```
    pub fn step(&mut self, dt_ms: u64) {
        for _ in 0..dt_ms {
            self.tick();
            self.consumer.tick();
            self.now_ms += 1;
        }
    }

    /// Advances to `t_ms` (no-op if already there).
    ///
    /// ```
    /// let mut f = kplay_core::flows::pool::PoolFlow::new(&Default::default(), 1).unwrap();
    /// f.run_until(7);
    /// assert_eq!(f.now_ms(), 7);
    /// ```
    pub fn run_until(&mut self, t_ms: u64) {
        self.step(t_ms.saturating_sub(self.now_ms));
    }

    /// Keeps the newest `capacity` events from now on (0, the default, keeps none): see
    /// [`crate::flows::trace`].
    ///
    /// ```
    /// let mut f = kplay_core::flows::pool::PoolFlow::new(&Default::default(), 1).unwrap();
    /// f.set_trace_capacity(1_000_000);
    /// f.step(20_000);
    /// assert!(!f.drain_trace().is_empty());
    /// ```
    #[cfg(feature = "flow-trace")]
    pub fn set_trace_capacity(&mut self, capacity: usize) {
        self.trace.set_capacity(capacity);
        self.consumer.set_trace_capacity(capacity);
    }

    /// Takes the buffered events of the HTTP server, oldest first (the consumer's are
    /// [`PoolFlow::drain_engine_trace`]).
    #[cfg(feature = "flow-trace")]
    pub fn drain_trace(&mut self) -> Vec<crate::flows::trace::FlowEvent> {
        self.trace.drain()
    }

    /// Takes the buffered engine events of the consumer side, oldest first.
    #[cfg(feature = "flow-trace")]
    pub fn drain_engine_trace(&mut self) -> Vec<crate::sim::Event> {
        self.consumer.drain_engine_trace()
    }

    fn start(&mut self, w: usize, arrival: u64) {
        let now = self.now_ms;
        let io_end = now + self.spec.downstream.draw(&mut self.rng);
        let end = io_end + u64::from(self.spec.cpu_ms);
        self.workers[w] = Some((arrival, io_end, end));
        self.ends.push(end << WORKER_BITS | w as u64);
        if io_end > now {
            self.waiting += 1;
            self.io_ends.push(io_end);
        }
    }

    fn tick(&mut self) {
        let now = self.now_ms;
        // A worker ends at least 1 ms after it starts and every millisecond is ticked, so the ones ending now all
        // end exactly now and leave in worker order, as a scan of the workers would free them.
        while let Some(key) = self.ends.pop_le(now << WORKER_BITS | WORKER_MASK) {
            debug_assert_eq!(key >> WORKER_BITS, now);
            let w = (key & WORKER_MASK) as usize;
            if let Some((arrival, _, _)) = self.workers[w].take() {
                self.free.push(w);
                self.m.completed += 1;
                self.samples.record(now - arrival);
                record!(
                    self.trace,
                    now,
                    FlowEventKind::PoolResponse {
                        sent_ms: arrival,
                        latency_ms: now - arrival
                    }
                );
            }
        }
        while !self.queue.is_empty() {
            let Some(w) = self.free.pop() else { break };
            if let Some(arrival) = self.queue.pop_front() {
                record!(
                    self.trace,
                    now,
                    FlowEventKind::PoolStarted { sent_ms: arrival }
                );
                self.start(w, arrival);
            }
        }
        let n = arrivals(now, self.spec.rate_at(now));
        let mut rejected = 0;
        for _ in 0..n {
            let _outcome = if let Some(w) = self.free.pop() {
                self.start(w, now);
                "started"
            } else if self.queue.len() < self.spec.accept_count as usize {
                self.queue.push_back(now);
                "queued"
            } else {
                rejected += 1;
                "refused"
            };
            record!(
                self.trace,
                now,
                FlowEventKind::PoolRequest { outcome: _outcome }
            );
        }
        self.m.requests += n;
        self.m.rejected += rejected;
        let queued = self.queue.len() as u64;
        self.m.max_queue = self.m.max_queue.max(queued);
        let width = u64::from(self.spec.bucket_ms);
        let start = now / width * width;
        if self.m.buckets.last().is_none_or(|b| b.start_ms != start) {
            self.m.buckets.push(ServerBucket {
                start_ms: start,
                ..ServerBucket::default()
            });
        }
        if let Some(b) = self.m.buckets.last_mut() {
            b.arrived += n;
            b.rejected += rejected;
            b.queue = queued;
        }
        while self.io_ends.pop_le(now).is_some() {
            self.waiting -= 1;
        }
        let waiting = self.waiting;
        let idle = self.free.len() as u64;
        let busy = self.workers.len() as u64 - idle - waiting;
        debug_assert_eq!(
            (busy, waiting),
            self.workers
                .iter()
                .flatten()
                .fold((0, 0), |(b, w), &(_, io_end, _)| if now < io_end {
                    (b, w + 1)
                } else {
                    (b + 1, w)
                }),
            "the heaps' counts are the workers' states"
        );
        if idle == 0 {
            self.m.exhausted_ms += 1;
        }
        add_states(
            &mut self.m.threads,
            self.spec.bucket_ms,
            now,
            [busy, waiting, idle],
        );
    }

    /// The numbers so far.
    ///
    /// ```
    /// let mut f = kplay_core::flows::pool::PoolFlow::new(&Default::default(), 1).unwrap();
    /// f.step(1_000);
    /// let t = f.metrics().server.threads[0];
    /// assert_eq!(t.busy_ms + t.waiting_ms + t.idle_ms, 200 * 1_000);
    /// ```
    pub fn metrics(&self) -> PoolMetrics {
        let mut server = self.m.clone();
        server.in_service = (self.workers.len() - self.free.len()) as u64;
        server.queued = self.queue.len() as u64;
        server.latency = self.samples.summary();
        PoolMetrics {
            now_ms: self.now_ms,
            server,
            consumer: self.consumer.metrics(),
        }
    }
}
