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

/// Every poll answer's delays, counted from the schedule alone: client `c` sends at `phase + k × period`, the
/// server answers `latency` later with every event published up to then and not yet received, and the answer
/// arrives `latency` after that. Returns the sorted delays, the requests sent and the empty answers, up to `end`.
fn poll_schedule(phases: &[u32], spec: &PollingSpec, end: u64) -> (Vec<u64>, u64, u64) {
    let (p, l) = (u64::from(spec.period_ms), u64::from(spec.latency_ms));
    let events: Vec<u64> = (0..end)
        .flat_map(|t| std::iter::repeat_n(t, arrivals(t, spec.rate_per_s) as usize))
        .collect();
    let (mut delays, mut requests, mut empty) = (Vec::new(), 0u64, 0u64);
    for &phase in phases {
        let mut sent = u64::from(phase);
        let mut received = 0usize;
        while sent < end {
            requests += 1;
            let answered = sent + l;
            if answered < end {
                let upto = events.partition_point(|&e| e <= answered);
                if upto == received {
                    empty += 1;
                }
                delays.extend(events[received..upto].iter().map(|&e| answered + l - e));
                received = upto;
            }
            sent += p;
        }
    }
    delays.sort_unstable();
    (delays, requests, empty)
}

/// The nearest-rank quantile, as `Samples::quantile` defines it.
fn nearest_rank(sorted: &[u64], permille: u64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = (permille * sorted.len() as u64).div_ceil(1000).max(1);
    sorted[rank as usize - 1]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Many clients on a short period share their answer milliseconds, the case the model records once per run
    /// of clients: the whole delay distribution must still be the schedule's.
    #[test]
    fn crowded_polling_gives_the_schedule_s_delays_exactly(
        clients in 1u32..400,
        period_ms in 1u32..60,
        rate_per_s in 0u32..3_000,
        latency_ms in 0u32..40,
        end in 500u64..3_000,
        seed in any::<u64>(),
    ) {
        let spec = PollingSpec { clients, period_ms, rate_per_s, latency_ms, ..PollingSpec::default() };
        let mut f = PollingFlow::new(&spec, seed).unwrap();
        f.run_until(end);
        let m = f.metrics();
        let (delays, requests, empty) = poll_schedule(f.phases(), &spec, end);
        let d = m.poll.delay;
        prop_assert_eq!(m.poll.requests, requests);
        prop_assert_eq!(m.poll.empty_responses, empty);
        prop_assert_eq!(d.count, delays.len() as u64);
        prop_assert_eq!(d.sum, delays.iter().sum::<u64>());
        prop_assert_eq!(d.max, delays.last().copied().unwrap_or(0));
        prop_assert_eq!((d.p50, d.p99), (nearest_rank(&delays, 500), nearest_rank(&delays, 990)));
    }
}
