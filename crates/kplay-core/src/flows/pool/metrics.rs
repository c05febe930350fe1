//! What the thread-model comparison reports.

use super::ConsumerMetrics;
use crate::flows::Summary;
use alloc::vec::Vec;

/// Thread-milliseconds per state in one bucket.
///
/// ```
/// assert_eq!(kplay_core::flows::pool::ThreadStates::default().busy_ms, 0);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ThreadStates {
    /// Start of the bucket.
    pub start_ms: u64,
    /// Working (`cpu_ms`).
    pub busy_ms: u64,
    /// Waiting for the downstream answer.
    pub waiting_ms: u64,
    /// Free (a consumer thread: in `poll()` with nothing to process).
    pub idle_ms: u64,
}

impl ThreadStates {
    /// The last bucket of 1-second `buckets` that has ended by `now_ms` (the last whole second), or all zeros
    /// before the first one ends. Thread-ms, so `/ 1000` is the mean thread count in each state.
    ///
    /// ```
    /// use kplay_core::flows::pool::ThreadStates;
    /// let at = |start_ms, busy_ms| ThreadStates { start_ms, busy_ms, ..Default::default() };
    /// let buckets = [at(0, 5), at(1000, 7)];
    /// assert_eq!(ThreadStates::last_whole_second(&buckets, 999).busy_ms, 0);
    /// assert_eq!(ThreadStates::last_whole_second(&buckets, 1999).busy_ms, 5);
    /// assert_eq!(ThreadStates::last_whole_second(&buckets, 2000).busy_ms, 7);
    /// ```
    pub fn last_whole_second(buckets: &[ThreadStates], now_ms: u64) -> ThreadStates {
        buckets
            .iter()
            .rev()
            .find(|b| b.start_ms + 1000 <= now_ms)
            .copied()
            .unwrap_or_default()
    }
}

/// Adds one millisecond of thread states to the bucket of `now`.
pub(crate) fn add_states(series: &mut Vec<ThreadStates>, width: u32, now: u64, s: [u64; 3]) {
    let start = now / u64::from(width) * u64::from(width);
    if series.last().is_none_or(|b| b.start_ms != start) {
        series.push(ThreadStates {
            start_ms: start,
            ..ThreadStates::default()
        });
    }
    if let Some(b) = series.last_mut() {
        b.busy_ms += s[0];
        b.waiting_ms += s[1];
        b.idle_ms += s[2];
    }
}

/// One bucket of the server.
///
/// ```
/// assert_eq!(kplay_core::flows::pool::ServerBucket::default().rejected, 0);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ServerBucket {
    /// Start of the bucket.
    pub start_ms: u64,
    /// Requests that arrived.
    pub arrived: u64,
    /// Connections refused.
    pub rejected: u64,
    /// Accept queue length at its end.
    pub queue: u64,
}

/// The HTTP server's numbers.
///
/// ```
/// assert_eq!(kplay_core::flows::pool::ServerMetrics::default().requests, 0);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ServerMetrics {
    /// Requests that arrived.
    pub requests: u64,
    /// Requests answered.
    pub completed: u64,
    /// Connections refused (pool and accept queue full).
    pub rejected: u64,
    /// Requests holding a thread now.
    pub in_service: u64,
    /// Requests in the accept queue now.
    pub queued: u64,
    /// Longest accept queue seen.
    pub max_queue: u64,
    /// Milliseconds in which every thread was taken.
    pub exhausted_ms: u64,
    /// Arrival to response of every answered request (queue wait included).
    pub latency: Summary,
    /// Per bucket.
    pub buckets: Vec<ServerBucket>,
    /// Thread states per bucket.
    pub threads: Vec<ThreadStates>,
}

/// Both sides.
///
/// ```
/// let m = kplay_core::flows::pool::PoolFlow::new(&Default::default(), 1).unwrap().metrics();
/// assert_eq!(m.server.requests, m.consumer.produced);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PoolMetrics {
    /// Virtual time.
    pub now_ms: u64,
    /// The HTTP server.
    pub server: ServerMetrics,
    /// The consumer instance.
    pub consumer: ConsumerMetrics,
}
