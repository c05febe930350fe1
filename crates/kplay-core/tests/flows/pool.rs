//! Worker pool vs consumer threads.

use super::*;

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
}
