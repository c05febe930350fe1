//! Request-response vs messaging.

use super::*;

#[test]
fn http_without_outage_or_failures_never_fails_and_latency_is_the_sum_of_the_hops() {
    let spec = HttpSpec::default();
    let mut f = HttpFlow::new(&spec, 3).unwrap();
    f.run_until(60_000);
    let m = f.metrics();
    assert_eq!(m.requests, 1_200);
    assert_eq!((m.failed_timeout, m.failed_error), (0, 0));
    assert_eq!(m.requests, m.ok + m.in_flight);
    let lo = u64::from(spec.order_ms + spec.payment.latency.fixed_ms + spec.email.latency.fixed_ms);
    let hi = lo + u64::from(spec.payment.latency.jitter_ms + spec.email.latency.jitter_ms);
    assert!(m.latency.p50 >= lo && m.latency.max <= hi, "{m:?}");
    assert_eq!(m.throughput_per_s, m.ok * 1000 / 60_000);

    let mut f = HttpFlow::new(&fixed_http(), 3).unwrap();
    f.run_until(60_000);
    let m = f.metrics();
    assert_eq!((m.latency.p50, m.latency.p99, m.latency.max), (55, 55, 55));
    assert_eq!(m.latency.sum, 55 * m.latency.count);
}

#[test]
fn http_with_email_down_longer_than_its_timeout_fails_exactly_the_calls_that_reached_email_then() {
    for mode in [OutageMode::Hang, OutageMode::Refuse] {
        let mut spec = fixed_http();
        spec.outage = email_down(10_000, 70_000, mode);
        let mut f = HttpFlow::new(&spec, 9).unwrap();
        f.run_until(90_000);
        let m = f.metrics();
        let expected = email_calls_in(&spec, 10_000, 70_000);
        assert_eq!(expected, 1_200);
        assert_eq!(m.outage_calls, expected);
        let (timeouts, errors) = match mode {
            OutageMode::Hang => (expected, 0),
            OutageMode::Refuse => (0, expected),
        };
        assert_eq!(
            (m.failed_timeout, m.failed_error),
            (timeouts, errors),
            "{mode:?}"
        );
        assert_eq!(
            m.requests,
            m.ok + m.failed_timeout + m.failed_error + m.in_flight
        );
        // A hung call holds the client for the whole timeout.
        if mode == OutageMode::Hang {
            assert_eq!(m.latency.max, 5 + 30 + 1_000);
        }
    }
}

#[test]
fn http_failure_rate_and_short_timeouts_fail_requests_with_their_cause() {
    let mut spec = fixed_http();
    spec.payment.failure = Ratio::from_millionths(100_000);
    let mut f = HttpFlow::new(&spec, 5).unwrap();
    f.run_until(100_000);
    let m = f.metrics();
    // 10% of 2000 calls: the count is binomial, far inside 150..250.
    assert!((150..250).contains(&m.failed_error), "{m:?}");
    assert_eq!(m.failed_timeout, 0);

    let mut spec = fixed_http();
    spec.email.timeout_ms = 19;
    let mut f = HttpFlow::new(&spec, 5).unwrap();
    f.run_until(10_000);
    let m = f.metrics();
    assert_eq!((m.ok, m.failed_timeout), (0, m.requests - m.in_flight));
}

#[test]
fn messaging_with_email_down_loses_nothing_and_its_lag_drains_to_zero() {
    let mut spec = MessagingSpec {
        flow: fixed_http(),
        ..MessagingSpec::default()
    };
    spec.flow.outage = email_down(10_000, 70_000, OutageMode::Hang);
    let mut f = MessagingFlow::new(&spec, 42).unwrap();
    f.run_until(100_000);
    let m = f.metrics();
    assert_eq!(m.requests, 2_000);
    assert_eq!(m.latency.max, 7);
    let (payment, email) = (&m.groups[0], &m.groups[1]);
    // During the outage the email group's records wait: about 60 s × 20/s.
    assert!(email.max_lag >= 1_150, "{email:?}");
    // Payment keeps up once its group formed (the first join waits group.initial.rebalance.delay.ms).
    assert!(
        payment.lag_series[10..].iter().all(|&l| l < 20),
        "{payment:?}"
    );
    // The restart at 70 s joins after group.initial.rebalance.delay.ms, then drains at 150 - 20 records/s.
    assert!(email.lag_series[68] >= 1_150, "{:?}", email.lag_series);
    // Processing resumes before the lag falls: a thread commits (Spring BATCH) only after its whole poll of up to
    // max.poll.records, so records already processed stay in the committed lag for a while.
    assert!(
        email.waiting_series[80] + 500 < email.lag_series[80],
        "{email:?}"
    );
    // Then the email group is back to the steady state of payment, which was never down (at each sample the
    // record of the millisecond before is not processed yet).
    assert_eq!(email.lag_series[90..], payment.lag_series[90..]);
    assert_eq!(email.waiting_series[90..], payment.waiting_series[90..]);
    assert!(email.lag_series[90..].iter().all(|&l| l <= 1));
    // Nothing lost: every record older than a second is processed by both groups (the engine says so).
    let w = f.world();
    let snap = w.snapshot();
    let mut checked = 0;
    for (p, part) in snap.topics[0].partitions.iter().enumerate() {
        for offset in part.log_start..part.log_end {
            let j = w.follow(TOPIC, p as u32, offset).unwrap();
            if j.timestamp_ms.unwrap() + 1_000 > 100_000 {
                continue;
            }
            checked += 1;
            for (group, stage) in &j.groups {
                assert!(
                    matches!(stage, RecordStage::Processed | RecordStage::Committed),
                    "{group} {p}:{offset} {stage:?}"
                );
            }
        }
    }
    assert!(checked >= 1_950, "{checked}");
    for g in &m.groups {
        assert!(g.distinct_processed >= checked, "{g:?}");
    }

    // The same spec on the HTTP side: every request that reached email in the window failed.
    let mut h = HttpFlow::new(&spec.flow, 42).unwrap();
    h.run_until(100_000);
    let hm = h.metrics();
    assert_eq!(
        hm.failed_timeout,
        email_calls_in(&spec.flow, 10_000, 70_000)
    );
}

#[test]
fn messaging_answers_as_many_requests_as_http_sends_and_writes_one_record_each() {
    let spec = MessagingSpec::default();
    let mut f = MessagingFlow::new(&spec, 1).unwrap();
    let mut h = HttpFlow::new(&spec.flow, 1).unwrap();
    f.run_until(30_000);
    h.run_until(30_000);
    let m = f.metrics();
    assert_eq!(m.requests, h.metrics().requests);
    assert_eq!(f.world().snapshot().totals.produced, m.requests);
    assert_eq!(m.ok + m.in_flight, m.requests);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// requests = ok + failed + in flight after every step, and any split of time gives the same metrics.
    #[test]
    fn http_accounts_for_every_request_at_all_times(
        rate in 0u32..2_000,
        order in 0u32..20,
        fixed in 0u32..200,
        jitter in 0u32..200,
        failure in 0u32..=1_000_000,
        timeout in 1u32..300,
        outage in proptest::option::of((0u64..3_000, 1u64..3_000, any::<bool>())),
        steps in proptest::collection::vec(1u64..400, 1..12),
        seed in any::<u64>(),
    ) {
        let mut spec = HttpSpec { rate_per_s: rate, order_ms: order, ..HttpSpec::default() };
        spec.payment.latency = Latency { fixed_ms: fixed, jitter_ms: jitter };
        spec.email.failure = Ratio::from_millionths(failure);
        spec.email.timeout_ms = timeout;
        spec.outage = outage.map(|(from, len, hang)| Outage {
            hop: if hang { Hop::Email } else { Hop::Payment },
            from_ms: from,
            to_ms: from + len,
            mode: if hang { OutageMode::Hang } else { OutageMode::Refuse },
        });
        let mut f = HttpFlow::new(&spec, seed).unwrap();
        for &dt in &steps {
            f.step(dt);
            let m = f.metrics();
            prop_assert_eq!(m.requests, m.ok + m.failed_timeout + m.failed_error + m.in_flight);
            prop_assert_eq!(m.latency.count, m.ok + m.failed_timeout + m.failed_error);
            let sent: u64 = m.buckets.iter().map(|b| b.sent).sum();
            prop_assert_eq!(sent, m.requests);
        }
        let total: u64 = steps.iter().sum();
        let mut once = HttpFlow::new(&spec, seed).unwrap();
        once.step(total);
        prop_assert_eq!(once.metrics(), f.metrics());
    }
}
