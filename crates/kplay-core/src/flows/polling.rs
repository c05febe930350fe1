//! Polling vs push: `clients` clients want every event a server publishes (a mail box, a chat room, a ticker).
//!
//! **Polling** (the notes' mail client that asks every 10 s): each client sends a request every `period_ms`,
//! starting at a random phase in `0..period_ms` drawn from the seeded stream. A request reaches the server
//! `latency_ms` later; the server answers with every event published up to that millisecond that this client
//! has not received yet (an empty response if none), and the answer takes `latency_ms` back. An event published
//! at `e` and answered at `x` is delivered with delay `x + latency − e`, so the mean delay is about
//! `period / 2 + latency`.
//!
//! **Push** (WebSocket): every client opens one connection at time 0 (one request each) and keeps it; the
//! server sends each event to every client at once, so every delay is exactly `latency_ms`.
//!
//! Events are published at `rate_per_s`, evenly ([`super::arrivals`]) or at random (each millisecond an event
//! with probability `rate / 1000`, a Bernoulli process: the discrete Poisson process). Delays are counted when
//! the server sends the answer.
//!
//! ```
//! use kplay_core::flows::polling::{PollingFlow, PollingSpec};
//! let spec = PollingSpec { clients: 10, period_ms: 10_000, rate_per_s: 1, latency_ms: 50, ..PollingSpec::default() };
//! let mut f = PollingFlow::new(&spec, 1).unwrap();
//! f.run_until(60_000);
//! let m = f.metrics();
//! assert_eq!(m.push.delay.max, 50);
//! assert!(m.poll.delay.mean > 50 && m.poll.delay.max <= 10_000 + 50);
//! assert!(m.poll.empty_responses <= m.poll.requests);
//! ```

use super::stats::{Check, MAX_MS};
use super::trace::record;
#[cfg(feature = "flow-trace")]
use super::trace::FlowEventKind;
use super::{arrivals, Samples, Summary};
use crate::rng::Rng;
use crate::scenario::ScenarioProblem;
use alloc::collections::{BinaryHeap, VecDeque};
use alloc::vec::Vec;
use core::cmp::Reverse;

/// How events are spread in time.
///
/// ```
/// assert_eq!(kplay_core::flows::polling::Spread::default(), kplay_core::flows::polling::Spread::Even);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Spread {
    /// The engine producer's even schedule.
    #[default]
    Even,
    /// Each millisecond an event with probability `rate / 1000` (rate at most 1000).
    Random,
}

/// The polling-vs-push setup.
///
/// ```
/// let s = kplay_core::flows::polling::PollingSpec::default();
/// assert_eq!((s.clients, s.period_ms), (100, 10_000));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct PollingSpec {
    /// Clients (1..=100000).
    pub clients: u32,
    /// Polling period (1..=3600000 ms); the notes' mail client: 10 s.
    pub period_ms: u32,
    /// Events per second (0..=100000; at most 1000 with `random`).
    pub rate_per_s: u32,
    /// One-way network latency (ms).
    pub latency_ms: u32,
    /// Even or random events.
    pub spread: Spread,
}

impl Default for PollingSpec {
    fn default() -> Self {
        PollingSpec {
            clients: 100,
            period_ms: 10_000,
            rate_per_s: 1,
            latency_ms: 50,
            spread: Spread::Even,
        }
    }
}

impl PollingSpec {
    /// Every broken rule with its field path.
    ///
    /// ```
    /// let mut s = kplay_core::flows::polling::PollingSpec::default();
    /// s.period_ms = 0;
    /// assert_eq!(s.validate().unwrap_err()[0].to_string(), "period_ms: must be a whole number from 1 to 3600000, got 0");
    /// ```
    pub fn validate(&self) -> Result<(), Vec<ScenarioProblem>> {
        let mut c = Check::default();
        c.range("clients", self.clients.into(), 1, 100_000);
        c.range("period_ms", self.period_ms.into(), 1, MAX_MS);
        let max_rate = match self.spread {
            Spread::Even => super::http::MAX_RATE,
            Spread::Random => 1000,
        };
        c.range("rate_per_s", self.rate_per_s.into(), 0, max_rate);
        c.range("latency_ms", self.latency_ms.into(), 0, MAX_MS);
        c.done()
    }
}

/// One side's numbers.
///
/// ```
/// assert_eq!(kplay_core::flows::polling::SideMetrics::default().requests, 0);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SideMetrics {
    /// Requests the clients sent (push: one connection each).
    pub requests: u64,
    /// Answers that carried no event (push: none).
    pub empty_responses: u64,
    /// Messages the server sent (poll answers, or pushed events).
    pub server_messages: u64,
    /// Requests the server handled per second since time 0 (rounded down).
    pub server_requests_per_s: u64,
    /// Delivery delay of every (event, client) delivery so far.
    pub delay: Summary,
}

/// Both sides under the same events.
///
/// ```
/// let m = kplay_core::flows::polling::PollingFlow::new(&Default::default(), 1).unwrap().metrics();
/// assert_eq!(m.events, 0);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PollingMetrics {
    /// Virtual time.
    pub now_ms: u64,
    /// Events published.
    pub events: u64,
    /// Polling clients.
    pub poll: SideMetrics,
    /// WebSocket clients.
    pub push: SideMetrics,
}

/// The running polling-vs-push model.
///
/// ```
/// let mut f = kplay_core::flows::polling::PollingFlow::new(&Default::default(), 1).unwrap();
/// f.step(20_000);
/// assert_eq!(f.metrics().poll.requests, 200);
/// ```
#[derive(Clone, Debug)]
pub struct PollingFlow {
    spec: PollingSpec,
    /// Each client's first poll (ms).
    phases: Vec<u32>,
    rng: Rng,
    now_ms: u64,
    /// `(publication ms, events)` of the milliseconds with events not yet received by every client, oldest
    /// first; the first is pair number `trimmed`.
    events: VecDeque<(u64, u64)>,
    trimmed: usize,
    published: u64,
    /// `(next send time, client)`.
    next_poll: BinaryHeap<Reverse<(u64, u32)>>,
    /// `(arrival at the server, client)`, in send order (the latency is constant).
    on_the_way: VecDeque<(u64, u32)>,
    /// Per client: how many `(ms, events)` pairs it has received (absolute pair numbers).
    seen: Vec<usize>,
    poll: SideMetrics,
    push: SideMetrics,
    handled: u64,
    poll_delay: Samples,
    push_delay: Samples,
    #[cfg(feature = "flow-trace")]
    trace: super::trace::Ring<super::trace::FlowEvent>,
}

impl PollingFlow {
    /// A flow at time 0 (the spec is validated first).
    ///
    /// ```
    /// let s = kplay_core::flows::polling::PollingSpec { clients: 0, ..Default::default() };
    /// assert!(kplay_core::flows::polling::PollingFlow::new(&s, 1).is_err());
    /// ```
    pub fn new(spec: &PollingSpec, seed: u64) -> Result<Self, Vec<ScenarioProblem>> {
        spec.validate()?;
        // Poll delays lie in latency..=period + 2 × latency: count them in an array (at most 8 MB of it).
        let bound = 2 * u64::from(spec.latency_ms) + u64::from(spec.period_ms) + 1;
        let dense_len = bound.min(1 << 20) as usize;
        let mut draw = Rng::derive(seed, 3);
        let phases: Vec<u32> = (0..spec.clients)
            .map(|_| draw.below(spec.period_ms))
            .collect();
        let next_poll = phases
            .iter()
            .zip(0..)
            .map(|(&p, c)| Reverse((u64::from(p), c)))
            .collect();
        let push = SideMetrics {
            requests: u64::from(spec.clients),
            ..SideMetrics::default()
        };
        Ok(PollingFlow {
            spec: *spec,
            phases,
            rng: Rng::derive(seed, 4),
            now_ms: 0,
            events: VecDeque::new(),
            trimmed: 0,
            published: 0,
            next_poll,
            on_the_way: VecDeque::new(),
            seen: alloc::vec![0; spec.clients as usize],
            poll: SideMetrics::default(),
            push,
            handled: 0,
            poll_delay: Samples::with_dense(dense_len),
            push_delay: Samples::default(),
            #[cfg(feature = "flow-trace")]
            trace: Default::default(),
        })
    }

    /// Each polling client's first request time (ms, below `period_ms`); client `c` sends at
    /// `phase + k × period_ms`.
    ///
    /// ```
    /// let f = kplay_core::flows::polling::PollingFlow::new(&Default::default(), 1).unwrap();
    /// assert!(f.phases().iter().all(|&p| p < 10_000));
    /// ```
    pub fn phases(&self) -> &[u32] {
        &self.phases
    }

    /// Virtual time in ms.
    ///
    /// ```
    /// assert_eq!(kplay_core::flows::polling::PollingFlow::new(&Default::default(), 1).unwrap().now_ms(), 0);
    /// ```
    pub fn now_ms(&self) -> u64 {
        self.now_ms
    }

    /// Advances `dt_ms` whole milliseconds.
    ///
    /// ```
    /// let mut f = kplay_core::flows::polling::PollingFlow::new(&Default::default(), 1).unwrap();
    /// f.step(3);
    /// assert_eq!(f.now_ms(), 3);
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
    /// let mut f = kplay_core::flows::polling::PollingFlow::new(&Default::default(), 1).unwrap();
    /// f.run_until(10);
    /// assert_eq!(f.now_ms(), 10);
    /// ```
    pub fn run_until(&mut self, t_ms: u64) {
        self.step(t_ms.saturating_sub(self.now_ms));
    }

    /// Keeps the newest `capacity` events from now on (0, the default, keeps none): see
    /// [`crate::flows::trace`].
    ///
    /// ```
    /// let mut f = kplay_core::flows::polling::PollingFlow::new(&Default::default(), 1).unwrap();
    /// f.set_trace_capacity(1_000_000);
    /// f.step(20_000);
    /// assert!(!f.drain_trace().is_empty());
    /// ```
    #[cfg(feature = "flow-trace")]
    pub fn set_trace_capacity(&mut self, capacity: usize) {
        self.trace.set_capacity(capacity);
    }

    /// Takes the buffered events, oldest first.
    #[cfg(feature = "flow-trace")]
    pub fn drain_trace(&mut self) -> Vec<crate::flows::trace::FlowEvent> {
        self.trace.drain()
    }

    fn tick(&mut self) {
        let now = self.now_ms;
        let latency = u64::from(self.spec.latency_ms);
        let n = match self.spec.spread {
            Spread::Even => arrivals(now, self.spec.rate_per_s),
            Spread::Random => u64::from(self.rng.below(1000) < self.spec.rate_per_s),
        };
        let clients = u64::from(self.spec.clients);
        if n > 0 {
            self.events.push_back((now, n));
            self.published += n;
            record!(self.trace, now, FlowEventKind::Published { events: n });
            record!(
                self.trace,
                now,
                FlowEventKind::Pushed { events: n, clients }
            );
        }
        // Push: each new event goes to every connected client.
        self.push.server_messages += n * clients;
        self.push_delay.record_n(latency, n * clients);
        // Polling clients send.
        while let Some(&Reverse((t, c))) = self.next_poll.peek() {
            if t > now {
                break;
            }
            self.next_poll.pop();
            self.poll.requests += 1;
            record!(self.trace, now, FlowEventKind::PollSent { client: c });
            self.on_the_way.push_back((now + latency, c));
            self.next_poll
                .push(Reverse((now + u64::from(self.spec.period_ms), c)));
        }
        // The server answers the requests that reached it. Clients answered in the same millisecond that had seen
        // the same events get the same delays, so a run of them is recorded once, times the run's length: with
        // many clients this is what keeps a poll at a few operations instead of one per pending event.
        let end = self.trimmed + self.events.len();
        let mut run: Option<(usize, u64)> = None;
        while let Some(&(t, c)) = self.on_the_way.front() {
            if t > now {
                break;
            }
            self.on_the_way.pop_front();
            self.handled += 1;
            self.poll.server_messages += 1;
            let seen = core::mem::replace(&mut self.seen[c as usize], end);
            #[cfg(feature = "flow-trace")]
            if self.trace.on() {
                let got = self
                    .events
                    .range(seen - self.trimmed..)
                    .map(|&(_, n)| n)
                    .sum();
                record!(
                    self.trace,
                    now,
                    FlowEventKind::PollAnswered {
                        client: c,
                        events: got
                    }
                );
            }
            if seen == end {
                self.poll.empty_responses += 1;
                continue;
            }
            match &mut run {
                Some((from, clients)) if *from == seen => *clients += 1,
                _ => {
                    if let Some((from, clients)) = run.replace((seen, 1)) {
                        self.record_poll_delays(now + latency, from, clients);
                    }
                }
            }
        }
        if let Some((from, clients)) = run {
            self.record_poll_delays(now + latency, from, clients);
        }
        // Once a period, forget the milliseconds every client has received (memory stays bounded).
        if (now + 1).is_multiple_of(u64::from(self.spec.period_ms)) {
            let oldest = self.seen.iter().copied().min().unwrap_or(0);
            while self.trimmed < oldest && self.events.pop_front().is_some() {
                self.trimmed += 1;
            }
        }
    }

    /// Records the delays of `clients` answers received at `answered_ms` that bring their clients from event pair
    /// number `from` to the newest.
    fn record_poll_delays(&mut self, answered_ms: u64, from: usize, clients: u64) {
        for &(e, n) in self.events.range(from - self.trimmed..) {
            self.poll_delay.record_n(answered_ms - e, n * clients);
        }
    }

    /// The numbers so far.
    ///
    /// ```
    /// let mut f = kplay_core::flows::polling::PollingFlow::new(&Default::default(), 1).unwrap();
    /// f.step(1_000);
    /// assert_eq!(f.metrics().events, 1);
    /// ```
    pub fn metrics(&self) -> PollingMetrics {
        let per_s = |n: u64| super::per_second(n, self.now_ms);
        let mut poll = self.poll;
        poll.delay = self.poll_delay.summary();
        poll.server_requests_per_s = per_s(self.handled);
        let mut push = self.push;
        push.delay = self.push_delay.summary();
        push.server_requests_per_s = per_s(self.push.requests);
        PollingMetrics {
            now_ms: self.now_ms,
            events: self.published,
            poll,
            push,
        }
    }
}
