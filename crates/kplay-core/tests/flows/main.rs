//! The flows of issue 12: properties that must hold, each checked against a count computed independently from
//! the schedule (not read back from the model). One file per contrast; the shared helpers are here.

mod http_messaging;
mod polling;
mod pool;
mod system;
mod trace;

use kplay_core::flows::http::{Hop, HttpFlow, HttpSpec, Outage, OutageMode};
use kplay_core::flows::messaging::{MessagingFlow, MessagingSpec, TOPIC};
use kplay_core::flows::polling::{PollingFlow, PollingSpec};
use kplay_core::flows::pool::{PoolFlow, PoolSpec};
use kplay_core::flows::{arrivals, Latency};
use kplay_core::scenario::Ratio;
use kplay_core::sim::RecordStage;
use proptest::prelude::*;

pub fn fixed_http() -> HttpSpec {
    let mut s = HttpSpec::default();
    s.payment.latency = Latency::fixed(30);
    s.email.latency = Latency::fixed(20);
    s
}

pub fn email_down(from_ms: u64, to_ms: u64, mode: OutageMode) -> Option<Outage> {
    Some(Outage {
        hop: Hop::Email,
        from_ms,
        to_ms,
        mode,
    })
}

/// Requests whose email call starts in `from..to`: sent at `t` with `t + order + payment` in the window.
pub fn email_calls_in(spec: &HttpSpec, from: u64, to: u64) -> u64 {
    let before_email = u64::from(spec.order_ms + spec.payment.latency.fixed_ms);
    (0..to)
        .filter(|t| (from..to).contains(&(t + before_email)))
        .map(|t| arrivals(t, spec.rate_per_s))
        .sum()
}

#[test]
fn same_seed_same_metrics_and_another_seed_other_draws() {
    let spec = HttpSpec {
        outage: email_down(5_000, 8_000, OutageMode::Hang),
        ..HttpSpec::default()
    };
    let run = |seed| {
        let mut f = HttpFlow::new(&spec, seed).unwrap();
        f.run_until(20_000);
        f.metrics()
    };
    assert_eq!(run(4), run(4));
    assert_ne!(run(4).latency, run(5).latency);
    let pool = |seed| {
        let mut f = PoolFlow::new(&PoolSpec::default(), seed).unwrap();
        f.run_until(13_000);
        f.metrics()
    };
    assert_eq!(pool(4), pool(4));
    let msg = |seed| {
        let mut f = MessagingFlow::new(&MessagingSpec::default(), seed).unwrap();
        f.run_until(10_000);
        f.metrics()
    };
    assert_eq!(msg(4), msg(4));
    let poll = |seed| {
        let mut f = PollingFlow::new(&PollingSpec::default(), seed).unwrap();
        f.run_until(30_000);
        f.metrics()
    };
    assert_eq!(poll(4), poll(4));
}

#[test]
fn bad_specs_name_the_field_and_the_rule() {
    let mut s = HttpSpec {
        outage: email_down(5, 5, OutageMode::Hang),
        ..HttpSpec::default()
    };
    s.payment.failure = Ratio::from_millionths(2_000_000);
    let problems: Vec<String> = s
        .validate()
        .unwrap_err()
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(
        problems,
        [
            "payment.failure: must be a number from 0 to 1",
            "outage.to_ms: must be after outage.from_ms"
        ]
    );
    let mut m = MessagingSpec::default();
    m.flow.rate_per_s = 100_001;
    assert_eq!(
        MessagingFlow::new(&m, 1).unwrap_err()[0].to_string(),
        "flow.rate_per_s: must be a whole number from 0 to 100000, got 100001"
    );
}

#[test]
fn specs_read_json_with_defaults_round_trip_and_refuse_unknown_fields() {
    let s: HttpSpec = serde_json::from_str(
        r#"{"rate_per_s": 5, "email": {"timeout_ms": 300, "failure": 0.25},
            "outage": {"hop": "email", "from_ms": 1, "to_ms": 2}}"#,
    )
    .unwrap();
    assert_eq!((s.rate_per_s, s.email.timeout_ms), (5, 300));
    assert_eq!(s.email.failure, Ratio::from_millionths(250_000));
    assert_eq!(s.email.latency, HttpSpec::default().email.latency);
    assert_eq!(s.outage.map(|o| o.mode), Some(OutageMode::Hang));
    let err = serde_json::from_str::<PoolSpec>(r#"{"max_threads": 5}"#)
        .unwrap_err()
        .to_string();
    assert!(err.contains("unknown field `max_threads`"), "{err}");
    let err =
        serde_json::from_str::<HttpSpec>(r#"{"outage": {"hop": "db", "from_ms": 1, "to_ms": 2}}"#)
            .unwrap_err()
            .to_string();
    assert!(err.contains("unknown variant `db`"), "{err}");

    let http = HttpSpec {
        outage: email_down(1, 9, OutageMode::Refuse),
        ..fixed_http()
    };
    let text = serde_json::to_string(&http).unwrap();
    assert_eq!(serde_json::from_str::<HttpSpec>(&text).unwrap(), http);
    let msg = MessagingSpec::default();
    let text = serde_json::to_string(&msg).unwrap();
    assert_eq!(serde_json::from_str::<MessagingSpec>(&text).unwrap(), msg);
    let pool = PoolSpec::default();
    let text = serde_json::to_string(&pool).unwrap();
    assert_eq!(serde_json::from_str::<PoolSpec>(&text).unwrap(), pool);
    let poll = PollingSpec::default();
    let text = serde_json::to_string(&poll).unwrap();
    assert_eq!(serde_json::from_str::<PollingSpec>(&text).unwrap(), poll);
}

proptest! {
    /// The array-backed samples give the same exact summary as the map-backed ones.
    #[test]
    fn dense_samples_summarise_like_sparse_ones(
        values in proptest::collection::vec((0u64..300, 1u64..5), 0..200),
        dense in 0usize..400,
    ) {
        let (mut a, mut b) = (kplay_core::flows::Samples::default(), kplay_core::flows::Samples::with_dense(dense));
        for &(v, n) in &values {
            a.record_n(v, n);
            b.record_n(v, n);
        }
        prop_assert_eq!(a.summary(), b.summary());
        for q in [0, 1, 250, 500, 990, 999, 1000] {
            prop_assert_eq!(a.quantile(q), b.quantile(q));
        }
    }
}
