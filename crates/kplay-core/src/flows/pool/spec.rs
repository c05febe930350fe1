//! What a thread-model comparison is given: the pool, the arrivals (with an optional burst), the downstream
//! wait and the consumer side's threads.

use crate::flows::stats::{Check, MAX_MS};
use crate::flows::Latency;
use crate::scenario::ScenarioProblem;
use alloc::vec::Vec;

/// The largest worker pool (`PoolSpec::validate`).
pub(super) const MAX_THREADS: u32 = 10_000;

/// A higher rate for a while.
///
/// ```
/// let b = kplay_core::flows::pool::Burst { from_ms: 0, to_ms: 10, rate_per_s: 5 };
/// assert_eq!(b.rate_at(9, 1), 5);
/// assert_eq!(b.rate_at(10, 1), 1);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Burst {
    /// First millisecond of the burst.
    pub from_ms: u64,
    /// First millisecond after it (> `from_ms`).
    pub to_ms: u64,
    /// Requests per second during it.
    pub rate_per_s: u32,
}

impl Burst {
    /// The rate at `t_ms` given the base rate.
    ///
    /// ```
    /// let b = kplay_core::flows::pool::Burst { from_ms: 5, to_ms: 6, rate_per_s: 9 };
    /// assert_eq!(b.rate_at(4, 1), 1);
    /// ```
    pub fn rate_at(&self, t_ms: u64, base: u32) -> u32 {
        if (self.from_ms..self.to_ms).contains(&t_ms) {
            self.rate_per_s
        } else {
            base
        }
    }
}

/// The thread-model setup.
///
/// ```
/// let s = kplay_core::flows::pool::PoolSpec::default();
/// assert_eq!((s.threads, s.accept_count), (200, 100));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct PoolSpec {
    /// Worker threads (`maxThreads`, 1..=10000; Tomcat's default 200).
    pub threads: u32,
    /// Accept queue length (`acceptCount`, 0..=100000; Tomcat's default 100).
    pub accept_count: u32,
    /// Requests (records) per second outside the burst (0..=100000).
    pub rate_per_s: u32,
    /// The burst, if any.
    pub burst: Option<Burst>,
    /// The downstream call each request (record) waits for.
    pub downstream: Latency,
    /// Work after the call (1..=3600000 ms).
    pub cpu_ms: u32,
    /// Consumer threads of the instance, also the partition count (1..=64).
    pub consumer_threads: u32,
    /// Width of a bucket (1..=3600000 ms).
    pub bucket_ms: u32,
}

impl Default for PoolSpec {
    fn default() -> Self {
        PoolSpec {
            threads: 200,
            accept_count: 100,
            rate_per_s: 200,
            burst: Some(Burst {
                from_ms: 10_000,
                to_ms: 12_000,
                rate_per_s: 2_500,
            }),
            downstream: Latency {
                fixed_ms: 90,
                jitter_ms: 10,
            },
            cpu_ms: 5,
            consumer_threads: 32,
            bucket_ms: 1_000,
        }
    }
}

impl PoolSpec {
    /// Every broken rule with its field path.
    ///
    /// ```
    /// let mut s = kplay_core::flows::pool::PoolSpec::default();
    /// s.cpu_ms = 0;
    /// assert_eq!(s.validate().unwrap_err()[0].path, "cpu_ms");
    /// ```
    pub fn validate(&self) -> Result<(), Vec<ScenarioProblem>> {
        let mut c = Check::default();
        c.range("threads", self.threads.into(), 1, MAX_THREADS.into());
        c.range("accept_count", self.accept_count.into(), 0, 100_000);
        c.range(
            "rate_per_s",
            self.rate_per_s.into(),
            0,
            crate::flows::http::MAX_RATE,
        );
        if let Some(b) = &self.burst {
            c.rule(
                b.from_ms < b.to_ms,
                "burst.to_ms",
                "must be after burst.from_ms",
            );
            c.range(
                "burst.rate_per_s",
                b.rate_per_s.into(),
                0,
                crate::flows::http::MAX_RATE,
            );
        }
        c.latency("downstream", &self.downstream);
        c.range("cpu_ms", self.cpu_ms.into(), 1, MAX_MS);
        c.range("consumer_threads", self.consumer_threads.into(), 1, 64);
        c.range("bucket_ms", self.bucket_ms.into(), 1, MAX_MS);
        c.done()
    }

    /// The rate at `t_ms`.
    ///
    /// ```
    /// assert_eq!(kplay_core::flows::pool::PoolSpec::default().rate_at(11_000), 2_500);
    /// ```
    pub fn rate_at(&self, t_ms: u64) -> u32 {
        self.burst
            .map_or(self.rate_per_s, |b| b.rate_at(t_ms, self.rate_per_s))
    }
}
