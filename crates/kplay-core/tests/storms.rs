#![cfg(not(target_arch = "wasm32"))]
//! Fault storms (issue 18): random small worlds under random schedules of crash / restart / stop / scale
//! (threads, instances) / slow consumer / add partitions / producer pause / topic deletion, applied as
//! `Command`s at random virtual times over ten virtual minutes. Then the quiet phase: every instance up at
//! normal speed, producers resumed for 5 s and paused, and the world runs until every group's lag is 0 (or a
//! bound). Checked: the engine's invariants after every millisecond (debug builds: `sim/tick.rs`; the test
//! profile keeps debug assertions on) and at every chunk, the trace's rebalance rules, every retained record
//! processed by every subscribed group (at-least-once), and every duplicate explained by how its earlier
//! processor lost the partition before committing past it.
//!
//! `STORMS_CASES` (default [`DEFAULT_CASES`]), `STORMS_MINUTES` (default 10), `STORMS_BASE_SEED`,
//! `STORMS_THREADS`; `STORMS_SEED=n` runs the one case of seed n (what a failure prints), and
//! `STORMS_DUMP=file` appends its trace there as JSON lines. `cargo xtask soak` runs many more cases.
//!
//! A quiet phase may end at its bound with some lag left where Kafka and Spring leave it: Spring's `COUNT`
//! ack mode commits only once `ackCount` acks are pending, and a commit that failed during a rebalance is not
//! retried until the next record is processed. The records are processed all the same (at-least-once holds).

mod storm_support;

use kplay_core::scenario::{InstanceSpec, Processing};
use kplay_core::sim::{Command, World};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use storm_support::check::{Cause, Checker};
use storm_support::schedule::{self, Step};
use storm_support::{env_u64, Rng};

/// Cases in a plain `cargo test` (and so in `cargo xtask test`): the 1,000 storms of 10 virtual minutes.
/// One storm costs ~0.39 s of one core (725,000 simulated ms with the invariants checked after each; 0.73 s
/// before the check stopped building maps every millisecond), so 1,000 take ~6.5 CPU-minutes, ~3.3 min on 2 idle
/// cores. `cargo xtask soak` runs 10,000.
const DEFAULT_CASES: u64 = 1_000;
const CHUNK_MS: u64 = 1_000;
/// Producers resume for this long in the quiet phase before they pause for good.
const RESUME_MS: u64 = 5_000;
/// The quiet phase ends when every lag is 0 or after this long.
const QUIET_BOUND_MS: u64 = 120_000;

#[derive(Default)]
struct Report {
    cases: u64,
    virtual_ms: u64,
    applied: BTreeMap<Step, u64>,
    refused: BTreeMap<Step, u64>,
    produced: u64,
    processed: u64,
    checked: u64,
    duplicates: BTreeMap<Cause, u64>,
    quiet_ms_max: u64,
    lag_bound_hit: u64,
    /// Seeds whose quiet phase hit the bound (the first few).
    lag_bound_seeds: Vec<u64>,
}

impl Report {
    fn add(&mut self, o: Report) {
        self.cases += o.cases;
        self.virtual_ms += o.virtual_ms;
        for (k, v) in o.applied {
            *self.applied.entry(k).or_default() += v;
        }
        for (k, v) in o.refused {
            *self.refused.entry(k).or_default() += v;
        }
        self.produced += o.produced;
        self.processed += o.processed;
        self.checked += o.checked;
        for (k, v) in o.duplicates {
            *self.duplicates.entry(k).or_default() += v;
        }
        self.quiet_ms_max = self.quiet_ms_max.max(o.quiet_ms_max);
        self.lag_bound_hit += o.lag_bound_hit;
        self.lag_bound_seeds.extend(o.lag_bound_seeds);
        self.lag_bound_seeds.truncate(5);
    }
}

fn step_chunk(w: &mut World, c: &mut Checker, until: u64) -> Result<(), String> {
    w.run_until(until);
    w.check_invariants()
        .map_err(|e| format!("invariant at {until} ms: {e}"))?;
    let events = w.drain_events();
    if let Ok(path) = std::env::var("STORMS_DUMP") {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .expect("dump file");
        for e in &events {
            writeln!(f, "{}", serde_json::to_string(e).expect("serializable")).expect("dump");
        }
    }
    c.feed(&events);
    Ok(())
}

fn all_lag_zero(w: &World) -> bool {
    w.snapshot().groups.iter().all(|g| {
        g.partitions
            .iter()
            .all(|p| p.lag == Some(0) || (p.committed.is_none() && p.log_end == 0))
    })
}

/// Everything back up: a group left without instances gets one, every instance restarts at normal speed.
fn quiet(w: &mut World, restart: bool) {
    let snap = w.snapshot();
    for g in &snap.groups {
        if g.instances.is_empty() {
            let instance = InstanceSpec::new(&format!("{}-quiet", g.id), "L", 1);
            let group = g.id.clone();
            w.apply(Command::AddInstance { group, instance })
                .expect("a fresh instance id is accepted");
        }
    }
    for g in &w.snapshot().groups {
        for i in &g.instances {
            if restart {
                // Refused for a running instance: fine.
                let _ = w.apply(Command::Restart {
                    instance: i.id.clone(),
                });
            }
            let set = Command::SetProcessing {
                instance: i.id.clone(),
                processing_ms: Processing::Fixed(0),
            };
            w.apply(set).expect("known instance");
        }
    }
    for p in &snap.producers {
        let resume = Command::ResumeProducer {
            producer: p.id.clone(),
        };
        w.apply(resume).expect("known producer");
    }
}

/// One storm; `restart: false` is the mutation that must make at-least-once fail.
fn run_case(seed: u64, storm_ms: u64, restart: bool) -> Result<Report, String> {
    let mut rng = Rng::new(seed);
    let s = schedule::world(&mut rng);
    let n = rng.range(storm_ms / 15_000, storm_ms / 4_000) as usize;
    let steps = schedule::steps(&mut rng, n, storm_ms);
    let mut w = World::new(&s, seed).map_err(|p| format!("invalid world: {p:?}"))?;
    w.set_event_capacity(usize::MAX);
    let coop = s.groups.iter().filter(|g| g.strategy.is_cooperative());
    let mut c = Checker::new(coop.map(|g| g.id.clone()));
    let mut r = Report {
        cases: 1,
        ..Report::default()
    };
    let (mut deleted, mut serial, mut next) = (Vec::new(), 0u32, 0usize);
    let mut t = 0;
    while t < storm_ms {
        let until = (t + CHUNK_MS).min(storm_ms);
        while next < steps.len() && steps[next].0 < until {
            let (at, step, dice) = steps[next];
            step_chunk(&mut w, &mut c, at)?;
            for command in schedule::resolve(&w, step, dice, &mut deleted, &mut serial) {
                let name = command.name();
                if let Command::AddTopic { topic } = &command {
                    c.topic_created(&topic.name);
                }
                let counter = match w.apply(command) {
                    Ok(()) => &mut r.applied,
                    Err(_) => &mut r.refused,
                };
                *counter.entry(step).or_default() += 1;
                w.check_invariants()
                    .map_err(|e| format!("invariant after {name} at {at} ms: {e}"))?;
            }
            next += 1;
        }
        step_chunk(&mut w, &mut c, until)?;
        t = until;
    }
    quiet(&mut w, restart);
    step_chunk(&mut w, &mut c, storm_ms + RESUME_MS)?;
    for p in &w.snapshot().producers {
        let pause = Command::PauseProducer {
            producer: p.id.clone(),
        };
        w.apply(pause).expect("known producer");
    }
    let mut quiet_ms = RESUME_MS;
    while !all_lag_zero(&w) && quiet_ms < RESUME_MS + QUIET_BOUND_MS {
        quiet_ms += CHUNK_MS;
        step_chunk(&mut w, &mut c, storm_ms + quiet_ms)?;
    }
    r.lag_bound_hit = u64::from(!all_lag_zero(&w));
    if r.lag_bound_hit > 0 {
        r.lag_bound_seeds.push(seed);
    }
    r.quiet_ms_max = quiet_ms;
    r.virtual_ms = w.now_ms();
    c.finish();
    let (checked, missing) = c.at_least_once(&w);
    if !missing.is_empty() {
        return Err(format!("at-least-once broken: {missing:?}"));
    }
    if !c.problems.is_empty() {
        return Err(format!("trace: {:?}", c.problems));
    }
    let snap = w.snapshot();
    let dups: u64 = c.duplicates.values().sum();
    if dups != snap.totals.duplicates {
        return Err(format!(
            "{dups} duplicates explained, the world counts {}",
            snap.totals.duplicates
        ));
    }
    r.produced = snap.totals.produced;
    r.processed = c.processed_events;
    r.checked = checked;
    r.duplicates = c.duplicates;
    Ok(r)
}

fn guarded(seed: u64, storm_ms: u64) -> Result<Report, String> {
    std::panic::catch_unwind(|| run_case(seed, storm_ms, true)).unwrap_or_else(|p| {
        let msg = p
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        Err(format!("panicked: {msg}"))
    })
}

#[test]
fn storms_keep_invariants_and_at_least_once() {
    let storm_ms = env_u64("STORMS_MINUTES", 10) * 60_000;
    let started = std::time::Instant::now();
    let (first, cases) = match std::env::var("STORMS_SEED") {
        Ok(_) => (env_u64("STORMS_SEED", 0), 1),
        Err(_) => (
            env_u64("STORMS_BASE_SEED", 0x5707_0000),
            env_u64("STORMS_CASES", DEFAULT_CASES),
        ),
    };
    let threads = env_u64(
        "STORMS_THREADS",
        std::thread::available_parallelism().map_or(2, |n| n.get() as u64),
    );
    let next = AtomicU64::new(0);
    let total = Mutex::new(Report::default());
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= cases {
                    break;
                }
                let seed = first.wrapping_add(i);
                match guarded(seed, storm_ms) {
                    Ok(r) => total.lock().expect("no poisoned lock").add(r),
                    Err(e) => failures.lock().expect("no poisoned lock").push((seed, e)),
                }
            });
        }
    });
    let r = total.into_inner().expect("no poisoned lock");
    let failures = failures.into_inner().expect("no poisoned lock");
    let dup_total: u64 = r.duplicates.values().sum();
    println!(
        "storms: {} cases passed, {} failed; {:.1} virtual hours ({} min storm each); {:.1} s wall on {threads} threads",
        r.cases,
        failures.len(),
        r.virtual_ms as f64 / 3_600_000.0,
        storm_ms / 60_000,
        started.elapsed().as_secs_f64()
    );
    println!("storms: commands applied {:?}", r.applied);
    println!("storms: commands refused {:?}", r.refused);
    println!(
        "storms: {} records produced, {} processings, {} retained records checked at-least-once per group, 0 lost",
        r.produced, r.processed, r.checked
    );
    println!(
        "storms: {dup_total} duplicates, by cause {:?}",
        r.duplicates
    );
    println!(
        "storms: longest quiet phase {} ms; lag bound hit in {} cases {:?}",
        r.quiet_ms_max, r.lag_bound_hit, r.lag_bound_seeds
    );
    if let Some((seed, e)) = failures.first() {
        panic!(
            "{} storm(s) failed; first: seed {seed}: {e}\nrerun: STORMS_SEED={seed} cargo test -p kplay-core --test storms",
            failures.len()
        );
    }
}

/// The at-least-once check can fail: a storm whose quiet phase forgets to restart what crashed or stopped
/// leaves records unprocessed, and the checker says so for some seed.
#[test]
fn at_least_once_check_fails_without_the_restart() {
    let failed = (0..40u64).find_map(|seed| run_case(0x5707_0000 + seed, 60_000, false).err());
    let msg = failed.expect("some storm leaves a group without a running instance");
    assert!(msg.starts_with("at-least-once broken"), "{msg}");
}

/// The duplicate check can fail: a record processed twice with no hand-over of its partition in between is
/// reported; the same pair with the first owner losing the partition to a crash before committing is
/// explained as a crash.
#[test]
fn duplicate_check_explains_a_crash_and_reports_the_rest() {
    use kplay_core::sim::{Event, EventKind};
    let processed = |t_ms, member: &str, duplicate| Event {
        t_ms,
        kind: EventKind::Processed {
            group: "g".into(),
            member: member.into(),
            instance: member[..2].into(),
            thread: 0,
            topic: "t".into(),
            partition: 0,
            offset: 4,
            key: None,
            duplicate,
        },
    };
    let crash = vec![
        Event {
            t_ms: 20,
            kind: EventKind::Fault {
                fault: "crash".into(),
                instance: Some("i1".into()),
                producer: None,
                topic: None,
            },
        },
        Event {
            t_ms: 20,
            kind: EventKind::Lost {
                group: "g".into(),
                member: "i1-m".into(),
                instance: "i1".into(),
                partitions: vec![("t".into(), 0)],
            },
        },
    ];
    let assigned = |t_ms, member: &str| Event {
        t_ms,
        kind: EventKind::Assigned {
            group: "g".into(),
            member: member.into(),
            instance: member[..2].into(),
            generation: 1,
            partitions: vec![("t".into(), 0)],
        },
    };

    let mut c = Checker::new([]);
    c.feed(&[assigned(5, "i1-m"), processed(10, "i1-m", false)]);
    c.feed(&crash);
    c.feed(&[assigned(30, "i2-m"), processed(40, "i2-m", true)]);
    c.finish();
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    assert_eq!(c.duplicates.get(&Cause::Crash), Some(&1));

    let mut c = Checker::new([]);
    c.feed(&[
        assigned(5, "i1-m"),
        processed(10, "i1-m", false),
        processed(40, "i1-m", true),
    ]);
    c.finish();
    assert_eq!(c.problems.len(), 1, "{:?}", c.problems);
    assert!(c.problems[0].contains("no lost commit"), "{:?}", c.problems);
}
