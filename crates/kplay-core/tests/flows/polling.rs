//! Polling vs push.

use super::*;

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
