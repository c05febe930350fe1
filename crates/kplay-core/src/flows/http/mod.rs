//! Request-response: a client calls the order service, which calls payment and then email synchronously and
//! answers only when both answered.
//!
//! Every millisecond: the client sends the requests due ([`super::arrivals`]); the order service works
//! `order_ms`, then calls payment; when payment answers it calls email; when email answers the client gets its
//! response. Each call draws a latency ([`super::Latency`]) and a failure from the hop's seeded stream when it
//! starts. The caller waits at most the hop's `timeout_ms`: a latency above it is a timeout (at start +
//! timeout), a failure is an error response (at start + latency); either ends the request as failed. During an
//! [`Outage`] of a hop, a call that starts in `from_ms..to_ms` is never answered (`hang`: timeout) or refused
//! at once (`refuse`: error). Services have unlimited threads here (the pool model is [`super::pool`]).
//!
//! ```
//! use kplay_core::flows::http::{HttpFlow, HttpSpec};
//! let mut spec = HttpSpec::default();
//! spec.payment.latency.jitter_ms = 0;
//! spec.email.latency.jitter_ms = 0;
//! let mut flow = HttpFlow::new(&spec, 7).unwrap();
//! flow.run_until(10_000);
//! let m = flow.metrics();
//! assert_eq!(m.requests, m.ok + m.failed_timeout + m.failed_error + m.in_flight);
//! // With fixed latencies every response takes order + payment + email.
//! let chain = u64::from(spec.order_ms + spec.payment.latency.fixed_ms + spec.email.latency.fixed_ms);
//! assert_eq!((m.latency.p50, m.latency.max), (chain, chain));
//! ```

mod spec;

pub use spec::{Hop, HopSpec, HttpSpec, Outage, OutageMode, MAX_RATE};

use super::trace::record;
#[cfg(feature = "flow-trace")]
use super::trace::{FlowEvent, FlowEventKind};
use super::{arrivals, Samples, Summary};
use crate::rng::Rng;
use crate::scenario::ScenarioProblem;
use alloc::collections::BinaryHeap;
use alloc::vec::Vec;
use core::cmp::Reverse;

/// One time bucket of the client's view.
///
/// ```
/// assert_eq!(kplay_core::flows::http::HttpBucket::default().ok, 0);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct HttpBucket {
    /// Start of the bucket (ms).
    pub start_ms: u64,
    /// Requests sent in it.
    pub sent: u64,
    /// Successful responses in it.
    pub ok: u64,
    /// Failed requests (timeout or error) in it.
    pub failed: u64,
    /// Requests in flight at its end (or now, for the current bucket).
    pub in_flight: u64,
}

/// The client's numbers so far.
///
/// ```
/// let m = kplay_core::flows::http::HttpFlow::new(&Default::default(), 1).unwrap().metrics();
/// assert_eq!(m.requests, 0);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct HttpMetrics {
    /// Virtual time.
    pub now_ms: u64,
    /// Requests sent.
    pub requests: u64,
    /// Successful responses.
    pub ok: u64,
    /// Requests failed because a hop did not answer within its timeout.
    pub failed_timeout: u64,
    /// Requests failed because a hop answered with an error (or refused the call).
    pub failed_error: u64,
    /// Requests sent and not answered yet.
    pub in_flight: u64,
    /// Client-side latency of every finished request, successful or failed (what the client waited).
    pub latency: Summary,
    /// Successful responses per second since time 0 (rounded down).
    pub throughput_per_s: u64,
    /// Calls that reached the down hop during the outage.
    pub outage_calls: u64,
    /// Per-bucket counts (`bucket_ms` wide), the current bucket last.
    pub buckets: Vec<HttpBucket>,
}

/// A scheduled step of one request: at `t`, `what` happens to the request sent at `start`.
type Due = Reverse<(u64, u64, u64, Step)>;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Call(u8),
    Ok,
    Timeout,
    Error,
}

/// The running request-response model.
///
/// ```
/// let mut f = kplay_core::flows::http::HttpFlow::new(&Default::default(), 1).unwrap();
/// f.step(1_000);
/// assert_eq!(f.now_ms(), 1_000);
/// assert_eq!(f.metrics().requests, 20);
/// ```
#[derive(Clone, Debug)]
pub struct HttpFlow {
    spec: HttpSpec,
    rngs: [Rng; 2],
    now_ms: u64,
    seq: u64,
    due: BinaryHeap<Due>,
    m: HttpMetrics,
    samples: Samples,
    #[cfg(feature = "flow-trace")]
    trace: super::trace::Ring<super::trace::FlowEvent>,
}

impl HttpFlow {
    /// A flow at time 0 (the spec is validated first). Each hop draws from its own stream of `seed`.
    ///
    /// ```
    /// let mut s = kplay_core::flows::http::HttpSpec::default();
    /// s.rate_per_s = 200_000;
    /// assert!(kplay_core::flows::http::HttpFlow::new(&s, 1).is_err());
    /// ```
    pub fn new(spec: &HttpSpec, seed: u64) -> Result<Self, Vec<ScenarioProblem>> {
        spec.validate()?;
        Ok(HttpFlow {
            spec: spec.clone(),
            rngs: [Rng::derive(seed, 1), Rng::derive(seed, 2)],
            now_ms: 0,
            seq: 0,
            due: BinaryHeap::new(),
            m: HttpMetrics::default(),
            samples: Samples::default(),
            #[cfg(feature = "flow-trace")]
            trace: Default::default(),
        })
    }

    /// Virtual time in ms.
    ///
    /// ```
    /// assert_eq!(kplay_core::flows::http::HttpFlow::new(&Default::default(), 1).unwrap().now_ms(), 0);
    /// ```
    pub fn now_ms(&self) -> u64 {
        self.now_ms
    }

    /// Advances `dt_ms` whole milliseconds (any split of time gives the same result).
    ///
    /// ```
    /// let mut f = kplay_core::flows::http::HttpFlow::new(&Default::default(), 1).unwrap();
    /// f.step(5);
    /// assert_eq!(f.now_ms(), 5);
    /// ```
    pub fn step(&mut self, dt_ms: u64) {
        for _ in 0..dt_ms {
            self.tick();
            self.now_ms += 1;
        }
    }

    /// Advances to `t_ms` (no-op if already there).
    ///
    /// ```
    /// let mut f = kplay_core::flows::http::HttpFlow::new(&Default::default(), 1).unwrap();
    /// f.run_until(50);
    /// assert_eq!(f.now_ms(), 50);
    /// ```
    pub fn run_until(&mut self, t_ms: u64) {
        self.step(t_ms.saturating_sub(self.now_ms));
    }

    fn push(&mut self, t: u64, start: u64, step: Step) {
        self.seq += 1;
        self.due.push(Reverse((t, self.seq, start, step)));
    }

    fn bucket(&mut self) -> &mut HttpBucket {
        let width = u64::from(self.spec.bucket_ms);
        let start = self.now_ms / width * width;
        if self.m.buckets.last().is_none_or(|b| b.start_ms != start) {
            self.m.buckets.push(HttpBucket {
                start_ms: start,
                ..HttpBucket::default()
            });
        }
        let in_flight = self.m.in_flight;
        let b = self.m.buckets.last_mut().expect("pushed above");
        b.in_flight = in_flight;
        b
    }

    fn tick(&mut self) {
        let now = self.now_ms;
        let n = arrivals(now, self.spec.rate_per_s);
        self.m.requests += n;
        self.m.in_flight += n;
        self.bucket().sent += n;
        for _ in 0..n {
            record!(self.trace, now, FlowEventKind::HttpRequest);
            self.push(now + u64::from(self.spec.order_ms), now, Step::Call(0));
        }
        while let Some(&Reverse((t, _, start, step))) = self.due.peek() {
            if t > now {
                break;
            }
            self.due.pop();
            match step {
                Step::Call(h) => self.call(h, start),
                Step::Ok => self.finish(start, 0),
                Step::Timeout => self.finish(start, 1),
                Step::Error => self.finish(start, 2),
            }
        }
        self.bucket();
    }

    /// A call to hop `h` starts now: draw its latency and failure, then schedule its outcome.
    fn call(&mut self, h: u8, start: u64) {
        let now = self.now_ms;
        let (hop, spec) = if h == 0 {
            (Hop::Payment, self.spec.payment)
        } else {
            (Hop::Email, self.spec.email)
        };
        record!(
            self.trace,
            now,
            FlowEventKind::HttpCall {
                sent_ms: start,
                hop: hop.name()
            }
        );
        let rng = &mut self.rngs[usize::from(h)];
        let latency = spec.latency.draw(rng);
        let failed = rng.below(1_000_000) < spec.failure.valid().unwrap_or(0);
        let timeout = u64::from(spec.timeout_ms);
        let down = self.spec.outage.filter(|o| o.covers(hop, now));
        if let Some(o) = down {
            self.m.outage_calls += 1;
            match o.mode {
                OutageMode::Hang => self.push(now + timeout, start, Step::Timeout),
                OutageMode::Refuse => self.push(now, start, Step::Error),
            }
        } else if latency > timeout {
            self.push(now + timeout, start, Step::Timeout);
        } else if failed {
            self.push(now + latency, start, Step::Error);
        } else if h == 0 {
            self.push(now + latency, start, Step::Call(1));
        } else {
            self.push(now + latency, start, Step::Ok);
        }
    }

    fn finish(&mut self, start: u64, outcome: u8) {
        self.m.in_flight -= 1;
        self.samples.record(self.now_ms - start);
        record!(
            self.trace,
            self.now_ms,
            FlowEventKind::HttpResponse {
                sent_ms: start,
                outcome: ["ok", "timeout", "error"][usize::from(outcome.min(2))],
                latency_ms: self.now_ms - start,
            }
        );
        match outcome {
            0 => self.m.ok += 1,
            1 => self.m.failed_timeout += 1,
            _ => self.m.failed_error += 1,
        }
        let b = self.bucket();
        if outcome == 0 {
            b.ok += 1;
        } else {
            b.failed += 1;
        }
    }

    /// Keeps the newest `capacity` events from now on (0, the default, keeps none): see [`super::trace`].
    ///
    /// ```
    /// let mut f = kplay_core::flows::http::HttpFlow::new(&Default::default(), 1).unwrap();
    /// f.set_trace_capacity(10);
    /// f.step(1_000);
    /// assert_eq!(f.drain_trace().len(), 10);
    /// ```
    #[cfg(feature = "flow-trace")]
    pub fn set_trace_capacity(&mut self, capacity: usize) {
        self.trace.set_capacity(capacity);
    }

    /// Takes the buffered events, oldest first.
    ///
    /// ```
    /// let mut f = kplay_core::flows::http::HttpFlow::new(&Default::default(), 1).unwrap();
    /// f.step(1_000);
    /// assert!(f.drain_trace().is_empty(), "off until a capacity is set");
    /// ```
    #[cfg(feature = "flow-trace")]
    pub fn drain_trace(&mut self) -> Vec<FlowEvent> {
        self.trace.drain()
    }

    /// The numbers so far.
    ///
    /// ```
    /// let mut f = kplay_core::flows::http::HttpFlow::new(&Default::default(), 1).unwrap();
    /// f.step(2_000);
    /// assert_eq!(f.metrics().buckets.len(), 2);
    /// ```
    pub fn metrics(&self) -> HttpMetrics {
        let mut m = self.m.clone();
        m.now_ms = self.now_ms;
        m.latency = self.samples.summary();
        m.throughput_per_s = super::per_second(m.ok, self.now_ms);
        m
    }
}
