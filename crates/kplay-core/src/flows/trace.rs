//! What the flow models did, one event at a time. The buffers and the recording live behind the feature
//! `flow-trace`: the web leaves it out, so its models carry no buffer and no recording code. Each model keeps a bounded buffer, empty and off until the caller
//! sets a capacity, and the caller drains it (`kplay run FLOW.json --trace`). The engine sides keep the
//! engine's own [`crate::sim::Event`]s the same way.
//!
//! ```
//! use kplay_core::flows::http::{HttpFlow, HttpSpec};
//! use kplay_core::flows::trace::FlowEventKind;
//! let mut f = HttpFlow::new(&HttpSpec::default(), 1).unwrap();
//! f.set_trace_capacity(1_000);
//! f.run_until(200);
//! let events = f.drain_trace();
//! assert_eq!(events[0].kind, FlowEventKind::HttpRequest);
//! assert!(events.iter().any(|e| matches!(e.kind, FlowEventKind::HttpResponse { outcome: "ok", .. })));
//! assert!(f.drain_trace().is_empty());
//! ```

use alloc::collections::VecDeque;
use alloc::vec::Vec;

/// One line of a flow trace: when and what.
///
/// ```
/// use kplay_core::flows::trace::{FlowEvent, FlowEventKind};
/// let e = FlowEvent { t_ms: 3, kind: FlowEventKind::Published { events: 1 } };
/// assert_eq!(e.t_ms, 3);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct FlowEvent {
    /// Virtual time in ms.
    pub t_ms: u64,
    /// What happened.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub kind: FlowEventKind,
}

/// The flow models' event kinds (docs/scenario.md, "Flow traces"). A request of the HTTP and pool models is
/// named by the millisecond it was sent (`sent_ms`); the gateway system's by its id (0, 1, …).
///
/// ```
/// let k = kplay_core::flows::trace::FlowEventKind::PollSent { client: 2 };
/// assert_eq!(k, kplay_core::flows::trace::FlowEventKind::PollSent { client: 2 });
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
pub enum FlowEventKind {
    /// HTTP: the client sent a request.
    HttpRequest,
    /// HTTP: the order service called `hop` (`payment`, `email`) for the request sent at `sent_ms`.
    HttpCall {
        /// When the request was sent.
        sent_ms: u64,
        /// `payment` or `email`.
        hop: &'static str,
    },
    /// HTTP: the client got its answer (`ok`) or gave up (`timeout`, `error`).
    HttpResponse {
        /// When the request was sent.
        sent_ms: u64,
        /// `ok`, `timeout` or `error`.
        outcome: &'static str,
        /// What the client waited.
        latency_ms: u64,
    },
    /// Pool: a request arrived and took a thread (`started`), a queue place (`queued`) or was `refused`.
    PoolRequest {
        /// `started`, `queued` or `refused`.
        outcome: &'static str,
    },
    /// Pool: a queued request (sent at `sent_ms`) took a freed thread.
    PoolStarted {
        /// When the request arrived.
        sent_ms: u64,
    },
    /// Pool: a response was written and its thread freed.
    PoolResponse {
        /// When the request arrived.
        sent_ms: u64,
        /// Arrival to response.
        latency_ms: u64,
    },
    /// Polling vs push: `events` new events were published this millisecond.
    Published {
        /// How many.
        events: u64,
    },
    /// Polling: a client sent its poll.
    PollSent {
        /// Client number (0-based).
        client: u32,
    },
    /// Polling: the server answered a poll with `events` events (0: an empty response); the client gets it
    /// `latency_ms` later.
    PollAnswered {
        /// Client number.
        client: u32,
        /// Events in the answer.
        events: u64,
    },
    /// Push: the server sent `events` new events to each of `clients` connected clients.
    Pushed {
        /// How many events.
        events: u64,
        /// To how many clients.
        clients: u64,
    },
    /// Gateway system: the browser sent request `id`; the gateway or the API refused it (`refused`, each while
    /// down) or the API will write it.
    SystemRequest {
        /// Request id.
        id: u64,
        /// Whether the API was down when it arrived.
        refused: bool,
    },
    /// Gateway system: the WebSocket server pushed request `id`'s notification; it reaches the browser
    /// `delay_ms` after the request was sent (`again`: a re-delivered record pushed a second time).
    SystemPush {
        /// Request id.
        id: u64,
        /// Sent to arrival at the browser.
        delay_ms: u64,
        /// A duplicate push.
        again: bool,
    },
}

/// A bounded buffer: keeps the newest `capacity` items (0, the default: keeps nothing).
///
/// ```
/// let mut r = kplay_core::flows::trace::Ring::default();
/// r.set_capacity(2);
/// for i in 0..3 { r.push(i); }
/// assert_eq!((r.drain(), r.dropped()), (vec![1, 2], 1));
/// ```
#[derive(Clone, Debug)]
pub struct Ring<T> {
    items: VecDeque<T>,
    capacity: usize,
    dropped: u64,
}

impl<T> Default for Ring<T> {
    fn default() -> Self {
        Ring {
            items: VecDeque::new(),
            capacity: 0,
            dropped: 0,
        }
    }
}

impl<T> Ring<T> {
    /// Keeps at most `capacity` items from now on (the oldest go first).
    pub fn set_capacity(&mut self, capacity: usize) {
        self.capacity = capacity;
        while self.items.len() > capacity {
            self.items.pop_front();
            self.dropped += 1;
        }
    }

    /// Adds an item (nothing when the capacity is 0).
    pub fn push(&mut self, item: T) {
        if self.capacity == 0 {
            return;
        }
        if self.items.len() == self.capacity {
            self.items.pop_front();
            self.dropped += 1;
        }
        self.items.push_back(item);
    }

    /// Takes every item, oldest first.
    pub fn drain(&mut self) -> Vec<T> {
        self.items.drain(..).collect()
    }

    /// Items dropped because the buffer was full.
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// Whether it records (capacity above 0).
    pub fn on(&self) -> bool {
        self.capacity > 0
    }
}

/// Records a flow event into `$ring` at `$t` when the feature is on; expands to nothing otherwise.
macro_rules! record {
    ($ring:expr, $t:expr, $kind:expr) => {
        #[cfg(feature = "flow-trace")]
        $ring.push($crate::flows::trace::FlowEvent {
            t_ms: $t,
            kind: $kind,
        });
    };
}
pub(crate) use record;
