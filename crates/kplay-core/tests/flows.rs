//! The flows of issue 12: properties that must hold, each checked against a count computed independently from
//! the schedule (not read back from the model).

use kplay_core::flows::http::{Hop, HttpFlow, HttpSpec, Outage, OutageMode};
use kplay_core::flows::messaging::{MessagingFlow, MessagingSpec, TOPIC};
use kplay_core::flows::polling::{PollingFlow, PollingSpec};
use kplay_core::flows::pool::{PoolFlow, PoolSpec};
use kplay_core::flows::{arrivals, Latency};
use kplay_core::scenario::Ratio;
use kplay_core::sim::RecordStage;
use proptest::prelude::*;

fn fixed_http() -> HttpSpec {
    let mut s = HttpSpec::default();
    s.payment.latency = Latency::fixed(30);
    s.email.latency = Latency::fixed(20);
    s
}

fn email_down(from_ms: u64, to_ms: u64, mode: OutageMode) -> Option<Outage> {
    Some(Outage {
        hop: Hop::Email,
        from_ms,
        to_ms,
        mode,
    })
}

/// Requests whose email call starts in `from..to`: sent at `t` with `t + order + payment` in the window.
fn email_calls_in(spec: &HttpSpec, from: u64, to: u64) -> u64 {
    let before_email = u64::from(spec.order_ms + spec.payment.latency.fixed_ms);
    (0..to)
        .filter(|t| (from..to).contains(&(t + before_email)))
        .map(|t| arrivals(t, spec.rate_per_s))
        .sum()
}

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
    // After the restart the lag drains to zero and stays there (records of the last ms may still wait).
    // The restart at 70 s joins after group.initial.rebalance.delay.ms, then drains at 150 - 20 records/s.
    assert!(email.lag_series[68] >= 1_150, "{:?}", email.lag_series);
    let after = &email.lag_series[90..];
    assert!(after.iter().all(|&l| l < 20), "{after:?}");
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

#[test]
fn a_pool_of_two_with_a_queue_of_one_starts_two_queues_one_and_refuses_the_rest() {
    let spec = PoolSpec {
        threads: 2,
        accept_count: 1,
        rate_per_s: 1_000,
        burst: None,
        downstream: Latency::fixed(10),
        cpu_ms: 1,
        consumer_threads: 1,
        bucket_ms: 1_000,
    };
    let mut f = PoolFlow::new(&spec, 1).unwrap();
    f.run_until(5);
    let s = f.metrics().server;
    assert_eq!(
        (s.requests, s.in_service, s.queued, s.rejected),
        (5, 2, 1, 2)
    );
    // Thread states of those 5 ms: thread 1 waits 5 ms, thread 2 waits 4 ms and is idle 1 ms.
    assert_eq!(
        (
            s.threads[0].busy_ms,
            s.threads[0].waiting_ms,
            s.threads[0].idle_ms
        ),
        (0, 9, 1)
    );
    f.run_until(12);
    let s = f.metrics().server;
    // At 11 ms the first request finishes (10 ms waiting + 1 ms busy) and the queued one takes its thread.
    assert_eq!((s.completed, s.in_service), (1, 2));
}

#[test]
fn a_burst_above_the_pool_queues_then_refuses_while_the_consumer_buffers_and_drains() {
    let spec = PoolSpec::default();
    let mut f = PoolFlow::new(&spec, 7).unwrap();
    f.run_until(9_000);
    let before = f.metrics();
    assert_eq!((before.server.rejected, before.server.max_queue), (0, 0));
    f.run_until(60_000);
    let m = f.metrics();
    let s = &m.server;
    assert_eq!(s.max_queue, u64::from(spec.accept_count));
    assert!(s.rejected > 0 && s.exhausted_ms > 0, "{s:?}");
    assert_eq!(
        s.requests,
        s.completed + s.in_service + s.queued + s.rejected
    );
    assert!(s.buckets[10].rejected > 0 && s.buckets[20].rejected == 0);
    for t in &s.threads {
        assert_eq!(t.busy_ms + t.waiting_ms + t.idle_ms, 200 * 1_000);
    }
    let c = &m.consumer;
    assert_eq!(c.produced, s.requests);
    assert!(c.max_lag > 3_000, "{:?}", c.lag_series);
    assert!(c.lag < 200, "drained by 60 s: {:?}", c.lag_series);
    for t in &c.threads {
        assert_eq!(t.busy_ms + t.waiting_ms + t.idle_ms, 32 * 1_000);
    }
    // While lagging every consumer thread works all the time: about 5 ms busy per 100 ms record.
    let hot = &c.threads[15];
    assert_eq!(hot.idle_ms, 0, "{hot:?}");
    assert!(hot.waiting_ms > 15 * hot.busy_ms, "{hot:?}");
}

#[test]
fn a_pool_serves_at_most_threads_over_service_time_and_queues_only_above_it() {
    // 10 threads, 100 ms per request: Little's law caps the pool at 10 / 0.1 s = 100 requests/s.
    let pool = |rate| PoolSpec {
        threads: 10,
        accept_count: 100_000,
        rate_per_s: rate,
        burst: None,
        downstream: Latency::fixed(95),
        cpu_ms: 5,
        consumer_threads: 1,
        bucket_ms: 1_000,
    };
    let mut under = PoolFlow::new(&pool(90), 1).unwrap();
    under.run_until(20_000);
    let s = under.metrics().server;
    assert_eq!((s.max_queue, s.rejected), (0, 0));
    assert_eq!(s.latency.max, 100);
    let mut over = PoolFlow::new(&pool(150), 1).unwrap();
    over.run_until(20_000);
    let s = over.metrics().server;
    // Each thread finishes at most one request per 100 ms: 200 each in 20 s.
    assert!(
        s.completed <= 2_000 && s.completed >= 1_990,
        "{}",
        s.completed
    );
    assert!(
        s.max_queue >= 950,
        "the excess 50/s queues: {}",
        s.max_queue
    );
    // The 10th request (k = 9, at ⌈10 × 1000 / 150⌉ − 1 = 66 ms) takes the last thread; none frees after.
    assert_eq!(s.exhausted_ms + 66, 20_000);
}

#[test]
fn polling_delay_and_requests_match_the_schedule_exactly_and_push_delay_is_the_latency() {
    let spec = PollingSpec {
        clients: 200,
        period_ms: 10_000,
        rate_per_s: 3,
        latency_ms: 50,
        ..PollingSpec::default()
    };
    let end = 300_000u64;
    let mut f = PollingFlow::new(&spec, 11).unwrap();
    f.run_until(end);
    let m = f.metrics();
    let (p, l) = (u64::from(spec.period_ms), u64::from(spec.latency_ms));
    let events: Vec<u64> = (0..end)
        .flat_map(|t| std::iter::repeat_n(t, arrivals(t, spec.rate_per_s) as usize))
        .collect();
    assert_eq!(m.events, events.len() as u64);
    let (mut requests, mut count, mut sum) = (0u64, 0u64, 0u64);
    for &phase in f.phases() {
        let phase = u64::from(phase);
        requests += (end - phase).div_ceil(p);
        for &e in &events {
            // The first request that reaches the server at or after e, answered before the end.
            let k = if e > phase + l {
                (e - phase - l).div_ceil(p)
            } else {
                0
            };
            let x = phase + k * p + l;
            if x < end {
                count += 1;
                sum += x + l - e;
            }
        }
    }
    assert_eq!(m.poll.requests, requests);
    assert_eq!((m.poll.delay.count, m.poll.delay.sum), (count, sum));
    // ≈ P/2 + latency: over 180 000 deliveries with random phases, within 3%.
    let expect = (p - 1) / 2 + l;
    assert!(
        m.poll.delay.mean.abs_diff(expect) * 100 <= expect * 3,
        "{m:?}"
    );
    assert!(m.poll.delay.max < p + l);
    assert!(m.poll.empty_responses > 0 && m.poll.empty_responses < m.poll.requests);
    // 200 clients every 10 s: 20 requests per second (those still on the way are not handled yet).
    assert!(m.poll.server_requests_per_s.abs_diff(20) <= 1, "{m:?}");
    let push = m.push.delay;
    assert_eq!((push.p50, push.p99, push.max, push.mean), (l, l, l, l));
    assert_eq!(push.count, m.events * 200);
    assert_eq!(m.push.empty_responses, 0);
}

#[test]
fn random_events_still_average_half_a_period_plus_latency() {
    let spec = PollingSpec {
        clients: 100,
        period_ms: 2_000,
        rate_per_s: 20,
        latency_ms: 10,
        spread: kplay_core::flows::polling::Spread::Random,
    };
    let mut f = PollingFlow::new(&spec, 2).unwrap();
    f.run_until(120_000);
    let m = f.metrics();
    // About 2400 events × 100 clients; Bernoulli arrivals are uniform within a period.
    let expect = 999 + 10;
    assert!(
        m.poll.delay.mean.abs_diff(expect) * 100 <= expect * 3,
        "{m:?}"
    );
    assert!(m.events.abs_diff(2_400) < 200, "{}", m.events);
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Every request is answered, in service, queued or refused; the queue never exceeds accept_count; thread
    /// states fill every thread-millisecond on both sides.
    #[test]
    fn a_pool_accounts_for_every_request_and_every_thread_millisecond(
        threads in 1u32..20,
        accept_count in 0u32..30,
        rate in 0u32..600,
        burst in proptest::option::of((0u64..2_000, 1u64..1_500, 0u32..3_000)),
        fixed in 0u32..150,
        jitter in 0u32..50,
        cpu in 1u32..20,
        consumer_threads in 1u32..4,
        steps in proptest::collection::vec(1u64..700, 1..6),
        seed in any::<u64>(),
    ) {
        let spec = PoolSpec {
            threads,
            accept_count,
            rate_per_s: rate,
            burst: burst.map(|(from, len, r)| kplay_core::flows::pool::Burst {
                from_ms: from,
                to_ms: from + len,
                rate_per_s: r,
            }),
            downstream: Latency { fixed_ms: fixed, jitter_ms: jitter },
            cpu_ms: cpu,
            consumer_threads,
            bucket_ms: 250,
        };
        let mut f = PoolFlow::new(&spec, seed).unwrap();
        for &dt in &steps {
            f.step(dt);
            let m = f.metrics();
            let s = &m.server;
            prop_assert_eq!(s.requests, s.completed + s.in_service + s.queued + s.rejected);
            prop_assert!(s.max_queue <= u64::from(accept_count));
            prop_assert!(s.rejected == 0 || s.max_queue == u64::from(accept_count));
            prop_assert_eq!(m.consumer.produced, s.requests);
            let full = (m.now_ms / 250) as usize;
            for (t, c) in s.threads.iter().zip(&m.consumer.threads).take(full) {
                prop_assert_eq!(t.busy_ms + t.waiting_ms + t.idle_ms, u64::from(threads) * 250);
                prop_assert_eq!(c.busy_ms + c.waiting_ms + c.idle_ms, u64::from(consumer_threads) * 250);
            }
        }
    }

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
