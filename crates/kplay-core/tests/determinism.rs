//! Same inputs, same trace: twice in a row, across any split of step(), across save/restore, and against the
//! committed golden file (which the wasm32 run must also reproduce byte for byte).

mod common;

use common::{load, run, trace};
use kplay_core::sim::{Command, World};

const GOLDEN_SCENARIO: &str = "crash-duplicates.json";
const GOLDEN_UNTIL_MS: u64 = 30_000;

#[test]
fn same_scenario_and_seed_give_byte_identical_traces() {
    for name in [
        "crash-duplicates.json",
        "slow-consumer.json",
        "static-restart.json",
        "mixed-listeners.json",
    ] {
        let s = load(name);
        let a = trace(&run(&s, 11, 30_000).1);
        let b = trace(&run(&s, 11, 30_000).1);
        assert_eq!(a, b, "{name}");
        let c = trace(&run(&s, 12, 30_000).1);
        assert_ne!(a, c, "{name}: the seed matters (member ids)");
    }
}

#[test]
fn any_split_of_step_gives_the_same_trace_as_one_big_step() {
    let s = load("crash-duplicates.json");
    let whole = trace(&run(&s, 3, 25_000).1);
    let mut w = World::new(&s, 3).unwrap();
    w.set_event_capacity(usize::MAX);
    // Frame-like irregular steps, including zero.
    let steps = [16u64, 17, 0, 1, 33, 250, 7, 1000];
    let mut i = 0;
    while w.now_ms() < 25_000 {
        let dt = steps[i % steps.len()].min(25_000 - w.now_ms());
        w.step(dt);
        i += 1;
    }
    assert_eq!(trace(&w.drain_events()), whole);
}

#[test]
fn restore_then_rerun_reproduces_the_future() {
    let s = load("slow-consumer.json");
    let mut w = World::new(&s, 5).unwrap();
    w.set_event_capacity(usize::MAX);
    w.run_until(9_000);
    w.drain_events();
    let saved = w.save();
    w.run_until(30_000);
    let first = trace(&w.drain_events());
    let snap_first = w.snapshot();
    w.restore(&saved);
    assert_eq!(w.now_ms(), 9_000);
    w.run_until(30_000);
    assert_eq!(trace(&w.drain_events()), first);
    assert_eq!(w.snapshot(), snap_first);
}

#[test]
fn commands_at_the_same_times_replay_identically() {
    let s = load("shared-group.json");
    let go = || {
        let mut w = World::new(&s, 1).unwrap();
        w.set_event_capacity(usize::MAX);
        w.run_until(5_000);
        w.apply(Command::SetThreads {
            instance: "billing-1".into(),
            threads: 3,
        })
        .unwrap();
        w.run_until(9_000);
        w.apply(Command::Crash {
            instance: "billing-2".into(),
        })
        .unwrap();
        w.run_until(30_000);
        trace(&w.drain_events())
    };
    assert_eq!(go(), go());
}

fn golden_path() -> String {
    format!(
        "{}/tests/data/golden/crash-duplicates.seed42.jsonl",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// The committed golden trace. Regenerate deliberately with `KPLAY_BLESS=1 cargo test -p kplay-core golden`.
#[test]
fn golden_trace_matches_the_committed_file() {
    let s = load(GOLDEN_SCENARIO);
    let got = trace(&run(&s, 42, GOLDEN_UNTIL_MS).1);
    let path = golden_path();
    if std::env::var_os("KPLAY_BLESS").is_some() {
        std::fs::create_dir_all(std::path::Path::new(&path).parent().unwrap()).unwrap();
        std::fs::write(&path, &got).unwrap();
    }
    let want = std::fs::read_to_string(&path).expect("golden file (bless with KPLAY_BLESS=1)");
    assert!(got == want, "trace differs from {path}");
}

/// The engine takes a faster path when nothing is traced; it must simulate exactly the same world.
#[test]
fn the_trace_level_does_not_change_the_simulation() {
    let dir = format!("{}/../../scenarios", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json"))
        // Broker scenarios need the `brokers` feature.
        .filter(|n| cfg!(feature = "brokers") || !n.starts_with("broker"))
        .collect();
    names.sort();
    assert!(names.len() >= 4);
    for name in names {
        let mut ranged = load(&name);
        for g in &mut ranged.groups {
            for i in &mut g.instances {
                i.processing_ms = kplay_core::scenario::Processing::Range { min: 0, max: 3 };
            }
        }
        for s in [load(&name), ranged] {
            let snap = |level: kplay_core::sim::TraceLevel| {
                let mut w = World::new(&s, 9).unwrap();
                w.set_event_capacity(usize::MAX);
                w.set_trace_level(level);
                w.run_until(40_000);
                w.snapshot()
            };
            let all = snap(kplay_core::sim::TraceLevel::All);
            assert!(all.totals.processed > 0, "{name}");
            assert_eq!(all, snap(kplay_core::sim::TraceLevel::Off), "{name}");
            assert_eq!(all, snap(kplay_core::sim::TraceLevel::Lifecycle), "{name}");
        }
    }
}
