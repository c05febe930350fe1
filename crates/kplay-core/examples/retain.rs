//! Peak memory for N retained records: `cargo run --release -p kplay-core --example retain -- 3500000`
//! under `/usr/bin/time -v` (see docs/benchmarks/engine.md). N stays below the world's memory guard
//! (`sim::MAX_RETAINED_RECORDS`, 4 M), which deletes the oldest records past it.

use kplay_core::scenario::{ProducerSpec, Scenario, TopicSpec};
use kplay_core::sim::{TraceLevel, World};

fn main() {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(3_500_000);
    let mut s = Scenario::default();
    let mut t = TopicSpec::new("events", 64);
    t.retention_ms = -1;
    t.segment_bytes = 1 << 30;
    s.topics.push(t);
    // The playground's cap: 100,000 records per virtual second.
    s.producers.push(ProducerSpec::new("p", "events", 100_000));
    let mut w = World::new(&s, 1).expect("valid");
    w.set_trace_level(TraceLevel::Off);
    w.run_until(n / 100);
    let snap = w.snapshot();
    let retained: u64 = snap.topics[0]
        .partitions
        .iter()
        .map(|p| p.log_end - p.log_start)
        .sum();
    println!(
        "retained {retained} records; record size {} bytes",
        std::mem::size_of::<kplay_core::log::Record>()
    );
}
