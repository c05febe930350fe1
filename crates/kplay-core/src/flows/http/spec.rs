//! The request-response setup: the hops, the outage and their rules.

use crate::flows::stats::{join, Check, MAX_MS};
use crate::flows::Latency;
use crate::scenario::{Ratio, ScenarioProblem};
use alloc::vec::Vec;

/// A downstream service as its caller sees it. Default: 20 + 0..=10 ms, no failures, 1000 ms timeout (both
/// hops; in JSON a hop's missing fields take these values).
///
/// ```
/// let h = kplay_core::flows::http::HopSpec::default();
/// assert_eq!(h.failure.millionths(), 0);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct HopSpec {
    /// Time to the answer (network both ways and the service's work).
    pub latency: Latency,
    /// Share of calls answered with an error (drawn per call).
    pub failure: Ratio,
    /// How long the caller waits for an answer (1..=3600000 ms).
    pub timeout_ms: u32,
}

impl Default for HopSpec {
    fn default() -> Self {
        HopSpec {
            latency: Latency {
                fixed_ms: 20,
                jitter_ms: 10,
            },
            failure: Ratio::from_millionths(0),
            timeout_ms: 1_000,
        }
    }
}

/// The two downstream services of the order service.
///
/// ```
/// assert_eq!(kplay_core::flows::http::Hop::Email.name(), "email");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Hop {
    /// Called first.
    Payment,
    /// Called after payment answered.
    Email,
}

impl Hop {
    /// Its name.
    ///
    /// ```
    /// assert_eq!(kplay_core::flows::http::Hop::Payment.name(), "payment");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Hop::Payment => "payment",
            Hop::Email => "email",
        }
    }
}

/// What a down service does to a call.
///
/// ```
/// assert_eq!(kplay_core::flows::http::OutageMode::default(), kplay_core::flows::http::OutageMode::Hang);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum OutageMode {
    /// No answer: the caller waits its whole timeout.
    #[default]
    Hang,
    /// Connection refused: an error at once.
    Refuse,
}

/// A hop is down for calls starting in `from_ms..to_ms`.
///
/// ```
/// use kplay_core::flows::http::{Hop, Outage, OutageMode};
/// let o = Outage { hop: Hop::Email, from_ms: 10_000, to_ms: 70_000, mode: OutageMode::Hang };
/// assert!(o.covers(Hop::Email, 10_000) && !o.covers(Hop::Email, 70_000) && !o.covers(Hop::Payment, 20_000));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Outage {
    /// Which service.
    pub hop: Hop,
    /// First down millisecond.
    pub from_ms: u64,
    /// First millisecond up again (> `from_ms`).
    pub to_ms: u64,
    /// Hang or refuse (default hang).
    #[cfg_attr(feature = "serde", serde(default))]
    pub mode: OutageMode,
}

impl Outage {
    /// Whether a call to `hop` starting at `t_ms` meets the outage.
    ///
    /// ```
    /// use kplay_core::flows::http::{Hop, Outage, OutageMode};
    /// let o = Outage { hop: Hop::Payment, from_ms: 1, to_ms: 2, mode: OutageMode::Refuse };
    /// assert!(o.covers(Hop::Payment, 1));
    /// ```
    pub fn covers(&self, hop: Hop, t_ms: u64) -> bool {
        self.hop == hop && (self.from_ms..self.to_ms).contains(&t_ms)
    }
}

/// The whole request-response setup.
///
/// ```
/// let s = kplay_core::flows::http::HttpSpec::default();
/// assert!(s.validate().is_ok());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct HttpSpec {
    /// Client requests per second (0..=100000).
    pub rate_per_s: u32,
    /// The order service's own work before it calls payment (ms).
    pub order_ms: u32,
    /// The payment service.
    pub payment: HopSpec,
    /// The email service.
    pub email: HopSpec,
    /// An optional outage window.
    pub outage: Option<Outage>,
    /// Width of one [`HttpBucket`] (1..=3600000 ms).
    pub bucket_ms: u32,
}

impl Default for HttpSpec {
    fn default() -> Self {
        HttpSpec {
            rate_per_s: 20,
            order_ms: 5,
            payment: HopSpec::default(),
            email: HopSpec::default(),
            outage: None,
            bucket_ms: 1_000,
        }
    }
}

/// Largest client rate a flow accepts.
pub const MAX_RATE: u64 = 100_000;

fn check_hop(c: &mut Check, path: &str, h: &HopSpec) {
    c.latency(&join(path, "latency"), &h.latency);
    c.rule(
        h.failure.valid().is_some(),
        &join(path, "failure"),
        "must be a number from 0 to 1",
    );
    c.range(&join(path, "timeout_ms"), h.timeout_ms.into(), 1, MAX_MS);
}

impl HttpSpec {
    /// Every broken rule with its field path.
    ///
    /// ```
    /// let mut s = kplay_core::flows::http::HttpSpec::default();
    /// s.email.timeout_ms = 0;
    /// assert_eq!(s.validate().unwrap_err()[0].path, "email.timeout_ms");
    /// ```
    pub fn validate(&self) -> Result<(), Vec<ScenarioProblem>> {
        let mut c = Check::default();
        c.range("rate_per_s", self.rate_per_s.into(), 0, MAX_RATE);
        c.range("order_ms", self.order_ms.into(), 0, MAX_MS);
        check_hop(&mut c, "payment", &self.payment);
        check_hop(&mut c, "email", &self.email);
        if let Some(o) = &self.outage {
            c.rule(
                o.from_ms < o.to_ms,
                "outage.to_ms",
                "must be after outage.from_ms",
            );
        }
        c.range("bucket_ms", self.bucket_ms.into(), 1, MAX_MS);
        c.done()
    }
}
