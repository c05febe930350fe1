//! Kafka's own sticky scale tests, timed once each: 500 topics × 2,000 partitions and 2,000 members with the
//! same subscription (fresh, then one member leaves while the others own their partitions), and 100 topics ×
//! 200 partitions with 500 members split over two halves of the topics.
//!
//! `cargo run -p kplay-core --profile release-fast --example sticky_scale [topics partitions members] [--only-uniform] [--twice] [--dump DIR]`

use std::time::Instant;

use kplay_core::assignor::{Assignment, GroupSubscription, Strategy};

#[path = "../benches/support/sticky_groups.rs"]
mod sticky_groups;
use sticky_groups::{non_equal, one_left, uniform};

/// On-CPU time of this thread in nanoseconds (Linux `schedstat`), so a busy machine inflates the numbers less.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Peak resident memory so far in MiB (Linux `VmHWM`).
fn peak_mib() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    Some(line.split_whitespace().nth(1)?.parse::<u64>().ok()? / 1024)
}

/// With `--dump DIR`, writes `DIR/<label>.txt`: one `member topic partition` line per assigned partition,
/// sorted, to compare with another implementation's output.
fn dump(label: &str, a: &Assignment) {
    let args: Vec<String> = std::env::args().collect();
    let Some(dir) = args
        .iter()
        .position(|a| a == "--dump")
        .and_then(|i| args.get(i + 1))
    else {
        return;
    };
    let mut lines: Vec<String> = a
        .members
        .iter()
        .flat_map(|(m, topics)| {
            topics
                .iter()
                .flat_map(move |(t, ps)| ps.iter().map(move |p| format!("{m} {t} {p}")))
        })
        .collect();
    lines.sort();
    lines.push(String::new());
    let path = format!("{dir}/{}.txt", label.replace([' ', '/'], "-"));
    if let Err(e) = std::fs::write(&path, lines.join("\n")) {
        eprintln!("cannot write {path}: {e}");
    }
}

fn timed(label: &str, strategy: Strategy, group: &GroupSubscription) -> Assignment {
    let (start, cpu) = (Instant::now(), cpu_ns());
    let a = strategy.assign(group).expect("valid group");
    let wall = start.elapsed().as_secs_f64();
    match (cpu, cpu_ns()) {
        (Some(a), Some(b)) => println!(
            "{label:<48} wall {wall:>7.3} s  cpu {:>7.3} s  peak so far {} MiB",
            (b - a) as f64 / 1e9,
            peak_mib().unwrap_or(0)
        ),
        _ => println!("{label:<48} wall {wall:>7.3} s"),
    }
    dump(label, &a);
    a
}

fn main() {
    let args: Vec<u32> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    // `--only-uniform` skips the non-equal case (handy under a profiler).
    let only_uniform = std::env::args().any(|a| a == "--only-uniform");
    let (topics, partitions, members) = match args.as_slice() {
        [t, p, m] => (*t, *p, *m),
        _ => (500, 2_000, 2_000),
    };
    println!("{topics} topics x {partitions} partitions, {members} members");
    let fresh = uniform(topics, partitions, members);
    if let Some(p) = peak_mib() {
        println!("input built, peak so far {p} MiB");
    }
    // `--twice` runs the uniform case twice: the first pass includes growing the heap (costly in wasm).
    let passes = if std::env::args().any(|a| a == "--twice") {
        2
    } else {
        1
    };
    let strategies = [Strategy::Sticky, Strategy::CooperativeSticky];
    for strategy in strategies.iter().copied().cycle().take(2 * passes) {
        let first = timed(&format!("{} fresh", strategy.name()), strategy, &fresh);
        let next = one_left(&fresh, &first);
        timed(
            &format!("{} one member left", strategy.name()),
            strategy,
            &next,
        );
    }
    if only_uniform {
        return;
    }
    let general = non_equal(100, 200, 500);
    for strategy in [Strategy::Sticky, Strategy::CooperativeSticky] {
        let first = timed(
            &format!("{} 100x200/500 non-equal fresh", strategy.name()),
            strategy,
            &general,
        );
        let next = one_left(&general, &first);
        timed(
            &format!("{} 100x200/500 non-equal one left", strategy.name()),
            strategy,
            &next,
        );
    }
}
