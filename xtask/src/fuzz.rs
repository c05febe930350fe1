//! `cargo xtask fuzz [--target T] [--seconds N]`: coverage-guided fuzzing on the stable toolchain.
//!
//! cargo-fuzz needs nightly (`-Zsanitizer`); libFuzzer itself does not. The `fuzz/` crate (outside the workspace)
//! links libfuzzer-sys, which compiles libFuzzer with the C++ compiler, and rustc's own LLVM passes add the
//! coverage instrumentation libFuzzer reads: `-Cpasses=sancov-module` with the `-sanitizer-coverage-*` options
//! cargo-fuzz passes, plus `--cfg fuzzing`. No AddressSanitizer (nightly only); safe Rust needs it little, and
//! debug assertions, overflow checks and the engine's per-millisecond invariants are on instead. The flags go
//! through RUSTFLAGS with an explicit `--target`, so build scripts and proc macros are built without them.
//!
//! Each target keeps its corpus in `fuzz/target/corpus/T` (not committed), seeded from `fuzz/seeds/T`; a crash or
//! hang is written to `fuzz/target/artifacts/T-…` and fails the run.

use crate::util::{exec, probe, step};
use anyhow::{bail, Context};
use std::process::Command;

/// Every target in `fuzz/fuzz_targets/`.
pub const TARGETS: [&str; 7] = [
    "scenario_json",
    "share_link",
    "assign",
    "lesson",
    "import",
    "commands",
    "flow_file",
];

/// Seconds per target in `cargo xtask test` (7 × 20 s = 2 min 20 s).
pub const SMOKE_SECONDS: u64 = 20;

const FLAGS: &str = "-Cpasses=sancov-module \
    -Cllvm-args=-sanitizer-coverage-level=4 \
    -Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
    -Cllvm-args=-sanitizer-coverage-pc-table \
    -Cllvm-args=-sanitizer-coverage-trace-compares \
    --cfg fuzzing -Cdebug-assertions";

fn host() -> anyhow::Result<String> {
    let v = probe(Command::new("rustc").arg("-vV")).context("running rustc -vV")?;
    v.lines()
        .find_map(|l| l.strip_prefix("host: "))
        .map(str::to_string)
        .context("rustc -vV names no host")
}

/// Builds every target with the coverage flags; returns the directory of the binaries.
pub fn build() -> anyhow::Result<String> {
    let host = host()?;
    step("fuzz targets (libFuzzer, coverage through rustc's sancov pass on stable)");
    exec(
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["build", "--release", "--bins", "--target", &host])
            .current_dir("fuzz")
            .env("RUSTFLAGS", FLAGS),
    )
    .context("building the fuzz targets")?;
    Ok(format!("fuzz/target/{host}/release"))
}

/// Runs `target` for `seconds`; fails when libFuzzer reports a crash, a hang (10 s per input) or 1 GB of memory.
pub fn run_one(bin_dir: &str, target: &str, seconds: u64) -> anyhow::Result<()> {
    if !TARGETS.contains(&target) {
        bail!(
            "--target: unknown target {target:?}; known: {}",
            TARGETS.join(", ")
        );
    }
    step(&format!("fuzz {target} for {seconds} s"));
    let corpus = format!("fuzz/target/corpus/{target}");
    std::fs::create_dir_all(&corpus).with_context(|| format!("creating {corpus}"))?;
    std::fs::create_dir_all("fuzz/target/artifacts").context("creating fuzz/target/artifacts")?;
    exec(Command::new(format!("{bin_dir}/{target}")).args([
        format!("-max_total_time={seconds}"),
        "-timeout=10".into(),
        "-rss_limit_mb=1024".into(),
        "-max_len=16384".into(),
        "-print_final_stats=1".into(),
        format!("-artifact_prefix=fuzz/target/artifacts/{target}-"),
        corpus,
        format!("fuzz/seeds/{target}"),
    ]))
    .with_context(|| format!("fuzz target {target} found a problem (see fuzz/target/artifacts/)"))
}

/// `cargo xtask fuzz`: one target or all of them, `seconds` each.
pub fn run(target: Option<String>, seconds: u64) -> anyhow::Result<()> {
    let bins = build()?;
    match target {
        Some(t) => run_one(&bins, &t, seconds)?,
        None => {
            for t in TARGETS {
                run_one(&bins, t, seconds)?;
            }
        }
    }
    println!("\nrecord execs, coverage and findings in docs/reliability.md");
    Ok(())
}
