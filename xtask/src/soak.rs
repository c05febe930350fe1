//! `cargo xtask soak`: the fault storms of `crates/kplay-core/tests/storms.rs` with many more cases than
//! `cargo xtask test` runs (the count and seed go through the test's `STORMS_*` environment variables).

use crate::util::{self, step};
use std::process::Command;

/// Cases when `--cases` is not given: ten times the 1,000 storms of 10 virtual minutes `cargo xtask test` runs.
pub const DEFAULT_CASES: u64 = 10_000;

pub fn run(cases: u64, seed: Option<u64>) -> anyhow::Result<()> {
    step(&format!(
        "fault storms: {cases} cases of 10 virtual minutes (kplay-core tests/storms.rs)"
    ));
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.args([
        "test",
        "-p",
        "kplay-core",
        "--test",
        "storms",
        "storms_keep_invariants_and_at_least_once",
        "--",
        "--nocapture",
    ]);
    cmd.env("STORMS_CASES", cases.to_string());
    if let Some(seed) = seed {
        cmd.env("STORMS_BASE_SEED", seed.to_string());
    }
    util::exec(&mut cmd)?;
    println!(
        "\nrecord the figures above in docs/reliability.md with the command that produced them"
    );
    Ok(())
}
