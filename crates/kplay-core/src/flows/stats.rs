//! What every flow model shares: the arrival schedule (the engine producer's), latency draws from the seeded
//! [`Rng`], exact quantiles over recorded samples, and the rule checks of the specs.

use crate::rng::Rng;
use crate::scenario::{range_rule, ScenarioProblem};
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

/// Arrivals in millisecond `t_ms` at `rate_per_s`: `floor((t+1)·rate/1000) − floor(t·rate/1000)`, the engine
/// producer's cumulative formula, so a flow's clients and the engine's producer send at the same milliseconds.
///
/// ```
/// use kplay_core::flows::arrivals;
/// assert_eq!((0..1000).map(|t| arrivals(t, 20)).sum::<u64>(), 20);
/// assert_eq!(arrivals(49, 20), 1);
/// assert_eq!(arrivals(48, 20), 0);
/// ```
pub fn arrivals(t_ms: u64, rate_per_s: u32) -> u64 {
    let r = u128::from(rate_per_s);
    let t = u128::from(t_ms);
    ((t + 1) * r / 1000 - t * r / 1000) as u64
}

/// `n` per second over `ms` milliseconds, rounded down (0 over no time).
///
/// ```
/// assert_eq!(kplay_core::flows::per_second(30, 2_000), 15);
/// assert_eq!(kplay_core::flows::per_second(30, 0), 0);
/// ```
pub fn per_second(n: u64, ms: u64) -> u64 {
    n.saturating_mul(1000).checked_div(ms).unwrap_or(0)
}

/// A latency: `fixed_ms` plus a uniform whole number of ms in `0..=jitter_ms`, drawn from a seeded stream.
///
/// ```
/// use kplay_core::flows::Latency;
/// use kplay_core::rng::Rng;
/// let l = Latency { fixed_ms: 20, jitter_ms: 10 };
/// let d = l.draw(&mut Rng::new(1));
/// assert!((20..=30).contains(&d));
/// assert_eq!(Latency::fixed(7).draw(&mut Rng::new(1)), 7);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct Latency {
    /// The constant part, in ms.
    pub fixed_ms: u32,
    /// The largest extra delay, in ms (uniform from 0).
    pub jitter_ms: u32,
}

impl Latency {
    /// A latency without jitter.
    ///
    /// ```
    /// assert_eq!(kplay_core::flows::Latency::fixed(5).jitter_ms, 0);
    /// ```
    pub const fn fixed(ms: u32) -> Self {
        Latency {
            fixed_ms: ms,
            jitter_ms: 0,
        }
    }

    /// One draw. It always takes one value from `rng`, jitter or not, so a change of jitter does not shift the
    /// other draws of the stream.
    ///
    /// ```
    /// let mut r = kplay_core::rng::Rng::new(3);
    /// assert!(kplay_core::flows::Latency { fixed_ms: 1, jitter_ms: 2 }.draw(&mut r) <= 3);
    /// ```
    pub fn draw(&self, rng: &mut Rng) -> u64 {
        u64::from(self.fixed_ms) + u64::from(rng.range_inclusive(0, self.jitter_ms))
    }

    /// The largest possible draw.
    ///
    /// ```
    /// assert_eq!(kplay_core::flows::Latency { fixed_ms: 1, jitter_ms: 2 }.max_ms(), 3);
    /// ```
    pub fn max_ms(&self) -> u64 {
        u64::from(self.fixed_ms) + u64::from(self.jitter_ms)
    }
}

/// Recorded samples (ms), kept as exact counts per value so quantiles are exact, never estimated.
///
/// ```
/// use kplay_core::flows::Samples;
/// let mut s = Samples::default();
/// for v in [5, 1, 3, 3, 100] { s.record(v); }
/// let sum = s.summary();
/// assert_eq!((sum.count, sum.sum, sum.p50, sum.p99, sum.max), (5, 112, 3, 100, 100));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Samples {
    /// Counts of the values below `dense.len()`, by value (fast for bounded delays).
    dense: Vec<u64>,
    /// Counts of the other values.
    counts: BTreeMap<u64, u64>,
    count: u64,
    sum: u128,
    max: u64,
}

impl Samples {
    /// Samples that count the values `0..dense` in an array (constant time per record) and larger ones in a
    /// map; the results are the same as [`Samples::default`]'s.
    ///
    /// ```
    /// let mut s = kplay_core::flows::Samples::with_dense(10);
    /// s.record(3);
    /// s.record(50);
    /// assert_eq!((s.summary().p50, s.summary().max), (3, 50));
    /// ```
    pub fn with_dense(dense: usize) -> Self {
        Samples {
            dense: alloc::vec![0; dense],
            ..Samples::default()
        }
    }

    /// Records one sample.
    ///
    /// ```
    /// let mut s = kplay_core::flows::Samples::default();
    /// s.record(4);
    /// assert_eq!(s.summary().count, 1);
    /// ```
    pub fn record(&mut self, value: u64) {
        self.record_n(value, 1);
    }

    /// Records `n` samples of one value.
    ///
    /// ```
    /// let mut s = kplay_core::flows::Samples::default();
    /// s.record_n(4, 3);
    /// assert_eq!(s.summary().sum, 12);
    /// ```
    pub fn record_n(&mut self, value: u64, n: u64) {
        if n == 0 {
            return;
        }
        match usize::try_from(value)
            .ok()
            .and_then(|v| self.dense.get_mut(v))
        {
            Some(c) => *c += n,
            None => *self.counts.entry(value).or_insert(0) += n,
        }
        self.max = self.max.max(value);
        self.count += n;
        self.sum += u128::from(value) * u128::from(n);
    }

    /// The nearest-rank quantile for `permille` (500 = median, 990 = p99): the smallest sample with at least
    /// `ceil(permille × count / 1000)` samples at or below it; 0 without samples.
    ///
    /// ```
    /// let mut s = kplay_core::flows::Samples::default();
    /// for v in 1..=100 { s.record(v); }
    /// assert_eq!((s.quantile(500), s.quantile(990), s.quantile(1000)), (50, 99, 100));
    /// ```
    pub fn quantile(&self, permille: u32) -> u64 {
        if self.count == 0 {
            return 0;
        }
        let rank = (u128::from(self.count) * u128::from(permille.min(1000))).div_ceil(1000);
        let rank = (rank as u64).max(1);
        let mut seen = 0;
        let dense = self.dense.iter().enumerate().map(|(v, n)| (v as u64, n));
        for (v, &n) in dense.chain(self.counts.iter().map(|(&v, n)| (v, n))) {
            seen += n;
            if seen >= rank {
                return v;
            }
        }
        self.max
    }

    /// Count, sum, mean (rounded down), p50, p99 and max.
    ///
    /// ```
    /// assert_eq!(kplay_core::flows::Samples::default().summary().mean, 0);
    /// ```
    pub fn summary(&self) -> Summary {
        Summary {
            count: self.count,
            sum: u64::try_from(self.sum).unwrap_or(u64::MAX),
            mean: if self.count == 0 {
                0
            } else {
                (self.sum / u128::from(self.count)) as u64
            },
            p50: self.quantile(500),
            p99: self.quantile(990),
            max: self.max,
        }
    }
}

/// The exact summary of [`Samples`] (ms). The exact mean is `sum / count`; `mean` is it rounded down.
///
/// ```
/// assert_eq!(kplay_core::flows::Summary::default().count, 0);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Summary {
    /// Samples.
    pub count: u64,
    /// Their sum.
    pub sum: u64,
    /// `sum / count`, rounded down (0 without samples).
    pub mean: u64,
    /// Median (nearest rank).
    pub p50: u64,
    /// 99th percentile (nearest rank).
    pub p99: u64,
    /// Largest sample.
    pub max: u64,
}

/// Collects rule problems with their field paths (`payment.timeout_ms`).
#[derive(Default)]
pub(crate) struct Check(pub Vec<ScenarioProblem>);

impl Check {
    /// `value` must lie in `lo..=hi`.
    pub fn range(&mut self, path: &str, value: u64, lo: u64, hi: u64) {
        if !(lo..=hi).contains(&value) {
            let rule = range_rule(lo, hi);
            self.0.push(ScenarioProblem::new(
                path,
                alloc::format!("{rule}, got {value}"),
            ));
        }
    }

    /// A latency's two parts.
    pub fn latency(&mut self, path: &str, l: &Latency) {
        self.range(&join(path, "fixed_ms"), l.fixed_ms.into(), 0, MAX_MS);
        self.range(&join(path, "jitter_ms"), l.jitter_ms.into(), 0, MAX_MS);
    }

    /// A rule that is not a range.
    pub fn rule(&mut self, ok: bool, path: &str, problem: &str) {
        if !ok {
            self.0.push(ScenarioProblem::new(path, problem));
        }
    }

    pub fn done(self) -> Result<(), Vec<ScenarioProblem>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

/// The longest latency, timeout or window a flow accepts: one hour.
pub const MAX_MS: u64 = 3_600_000;

pub(crate) fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        String::from(field)
    } else {
        alloc::format!("{path}.{field}")
    }
}
