//! The gateway system: what degrades and what Kafka buffers.

use super::*;
use kplay_core::flows::system::{SystemFlow, SystemSpec, Window};
use kplay_core::scenario::{FaultKind, FaultSpec};

/// Every request sent before `until` (and not refused) was pushed to the browser, with its hops in order.
fn all_followed(f: &SystemFlow, until: u64) -> u64 {
    let mut n = 0;
    for id in 0.. {
        let Some(j) = f.follow(id) else { break };
        if j.sent_ms >= until || j.refused {
            continue;
        }
        let (w, p, push) = (
            j.written_ms.unwrap(),
            j.paid_ms.unwrap(),
            j.pushed_ms.unwrap(),
        );
        assert!(j.sent_ms < w && w < p && p < push, "{id}: {j:?}");
        n += 1;
    }
    n
}

#[test]
fn without_faults_every_request_is_answered_and_pushed() {
    let spec = SystemSpec::default();
    let mut f = SystemFlow::new(&spec, 8).unwrap();
    f.run_until(60_000);
    let m = f.metrics();
    assert_eq!((m.requests, m.refused, m.duplicate_pushes), (1_200, 0, 0));
    // Response: gateway 10..=15 + api 5 + ack 2.
    assert!(m.response.p50 >= 17 && m.response.max <= 22, "{m:?}");
    assert_eq!(all_followed(&f, 55_000), 1_100);
    // End to end once the groups formed: at least response + payment + push.
    let late = f.follow(1_000).unwrap();
    assert!(late.pushed_ms.unwrap() - late.sent_ms >= 15 + 20 + 50);
}

#[test]
fn a_crashed_payment_service_delays_pushes_but_loses_none_and_answers_stay_fast() {
    let spec = SystemSpec {
        faults: vec![
            FaultSpec::new(10_000, FaultKind::Crash).instance("payment-1"),
            FaultSpec::new(40_000, FaultKind::Restart).instance("payment-1"),
        ],
        ..SystemSpec::default()
    };
    let mut f = SystemFlow::new(&spec, 8).unwrap();
    f.run_until(90_000);
    let m = f.metrics();
    // The browser's answers never depend on payment.
    assert!(m.response.max <= 22, "{m:?}");
    // Nothing lost: every request is pushed; those of the crash window waited for the restart.
    assert_eq!(all_followed(&f, 85_000), 1_700);
    let waited = f.follow(400).unwrap(); // sent at 20 s, while payment was down
    assert!(waited.paid_ms.unwrap() > 40_000, "{waited:?}");
    assert!(m.end_to_end.max > 20_000, "{m:?}");
    // Every written request was pushed once; a crash re-delivers only what was processed but not committed
    // (Spring BATCH commits after each poll, so here nothing), which would show as duplicate pushes.
    assert_eq!(m.notified, m.written);
    assert_eq!(m.lag, [("payment".into(), 0), ("websocket".into(), 0)]);
}

#[test]
fn an_api_outage_refuses_exactly_the_requests_that_reach_it_in_the_window() {
    let spec = SystemSpec {
        gateway: Latency::fixed(10),
        api_down: Some(Window {
            from_ms: 5_000,
            to_ms: 8_000,
        }),
        ..SystemSpec::default()
    };
    let mut f = SystemFlow::new(&spec, 2).unwrap();
    f.run_until(20_000);
    let m = f.metrics();
    let expected: u64 = (0..20_000u64)
        .filter(|t| (5_000..8_000).contains(&(t + 10)))
        .map(|t| arrivals(t, 20))
        .sum();
    assert_eq!(m.refused, expected);
    assert_eq!(m.refused, 60);
    assert_eq!(all_followed(&f, 15_000), 300 - 60);
}

#[test]
fn a_gateway_outage_refuses_the_requests_sent_in_the_window_and_kafka_still_drains_the_rest() {
    // The gateway sits before every other box: what the browser sends while it is down never reaches the API,
    // so nothing is written for it, whatever the gateway's latency; every other request is written and pushed.
    let spec = SystemSpec {
        gateway: Latency::fixed(10),
        gateway_down: Some(Window {
            from_ms: 5_000,
            to_ms: 8_000,
        }),
        ..SystemSpec::default()
    };
    let mut f = SystemFlow::new(&spec, 2).unwrap();
    f.run_until(20_000);
    let m = f.metrics();
    let expected: u64 = (5_000..8_000u64).map(|t| arrivals(t, 20)).sum();
    assert_eq!(m.refused, expected);
    assert_eq!(m.refused, 60);
    assert_eq!(all_followed(&f, 15_000), 300 - 60);
    // Only the last few milliseconds' requests are still on their way to the API.
    assert!(m.requests - m.refused - m.written <= 1, "{m:?}");
}

#[test]
fn the_system_is_deterministic() {
    let run = |seed| {
        let mut f = SystemFlow::new(&SystemSpec::default(), seed).unwrap();
        f.run_until(12_000);
        f.metrics()
    };
    assert_eq!(run(3), run(3));
}

#[test]
fn a_crash_in_the_middle_of_a_batch_pushes_some_notifications_twice() {
    // A backlog makes each poll return many records; Spring BATCH commits only after the whole batch, so the
    // crash re-delivers the processed but uncommitted ones (at-least-once) and the browser gets them twice.
    let spec = SystemSpec {
        // 6 threads × 25 records/s = 150/s against 100/s: the first join's backlog drains at 50/s.
        rate_per_s: 100,
        partitions: 6,
        threads: 6,
        payment: Latency::fixed(40),
        faults: vec![
            FaultSpec::new(8_000, FaultKind::Crash).instance("payment-1"),
            FaultSpec::new(10_000, FaultKind::Restart).instance("payment-1"),
        ],
        ..SystemSpec::default()
    };
    let mut f = SystemFlow::new(&spec, 8).unwrap();
    f.run_until(60_000);
    let m = f.metrics();
    assert!(m.duplicate_pushes > 0, "{m:?}");
    // Still nothing lost: every request older than a second was pushed (at least once).
    assert_eq!(all_followed(&f, 59_000), 5_900);
}
