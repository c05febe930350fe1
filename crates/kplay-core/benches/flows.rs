//! The contrast models' speed (issue 12's budget: each model simulates ≥ 1 M events/s natively). An "event" is
//! one unit of the model's own traffic: an HTTP request through its hops, a poll or a push, a record through the
//! engine. Each model runs at its busiest allowed rate, warmed up for 5 virtual seconds, then stepped one virtual
//! second per iteration; criterion's throughput line is the events simulated per wall second.
//!
//! `cargo bench -p kplay-core --bench flows`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use kplay_core::flows::http::{HttpFlow, HttpSpec};
use kplay_core::flows::messaging::{MessagingFlow, MessagingSpec};
use kplay_core::flows::polling::{PollingFlow, PollingSpec};
use kplay_core::flows::pool::{PoolFlow, PoolSpec};
use kplay_core::flows::system::{SystemFlow, SystemSpec};
use std::time::{Duration, Instant};

const STEP_MS: u64 = 1_000;
const WARM_MS: u64 = 5_000;

/// Steps `flow` one virtual second per iteration, `events` events per second, under `name`.
fn measure<F>(c: &mut Criterion, name: &str, events: u64, mut step: F)
where
    F: FnMut(u64),
{
    let mut group = c.benchmark_group("flows");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    group.throughput(Throughput::Elements(events));
    step(WARM_MS);
    group.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            for _ in 0..iters {
                step(STEP_MS);
            }
            start.elapsed()
        })
    });
    group.finish();
}

fn bench(c: &mut Criterion) {
    // Request-response: 100,000 requests/s (the spec's cap), each through order → payment → email.
    let http = HttpSpec {
        rate_per_s: 100_000,
        ..HttpSpec::default()
    };
    let mut f = HttpFlow::new(&http, 1).expect("valid");
    measure(c, "http_100k_req_per_s", 100_000, |ms| f.step(ms));
    assert!(f.metrics().ok > 0, "requests complete");

    // Its messaging side: the same requests written to a topic and consumed by two groups on the engine.
    let msg = MessagingSpec {
        flow: HttpSpec {
            rate_per_s: 100_000,
            ..HttpSpec::default()
        },
        ..MessagingSpec::default()
    };
    let mut f = MessagingFlow::new(&msg, 1).expect("valid");
    measure(c, "messaging_100k_rec_per_s", 100_000, |ms| f.step(ms));
    assert!(f.metrics().ok > 0, "requests are answered");

    // Thread models: 100,000 requests/s at a pool big enough to serve them (10,000 threads holding each request
    // ~100 ms), and the same 100,000 records/s appended for the consumer threads.
    let pool = PoolSpec {
        threads: 10_000,
        accept_count: 100_000,
        rate_per_s: 100_000,
        burst: None,
        ..PoolSpec::default()
    };
    let mut f = PoolFlow::new(&pool, 1).expect("valid");
    measure(c, "pool_100k_req_per_s", 2 * 100_000, |ms| f.step(ms));
    assert!(f.metrics().server.completed > 0, "the pool serves requests");

    // Polling vs push: 100,000 clients polling every second (each poll and its answer simulated one by one) and
    // 1,000 events/s. Pushes are not counted: the model adds each event's pushes to all clients in one step.
    let polling = PollingSpec {
        clients: 100_000,
        period_ms: 1_000,
        rate_per_s: 1_000,
        ..PollingSpec::default()
    };
    let mut f = PollingFlow::new(&polling, 1).expect("valid");
    measure(c, "polling_100k_clients_1k_events", 100_000 + 1_000, |ms| {
        f.step(ms)
    });
    assert!(f.metrics().push.server_messages > 0, "pushes happen");

    // The gateway system at its cap: 10,000 browser requests/s, each written, consumed twice, pushed once.
    let system = SystemSpec {
        rate_per_s: 10_000,
        ..SystemSpec::default()
    };
    let mut f = SystemFlow::new(&system, 1).expect("valid");
    measure(c, "system_10k_req_per_s", 10_000, |ms| f.step(ms));
    assert!(f.metrics().notified > 0, "pushes reach the browser");
}

criterion_group!(benches, bench);
criterion_main!(benches);
