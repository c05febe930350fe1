//! `cargo xtask bench`: criterion benchmarks of the core plus the bundle-size report; `cargo xtask bench memory`:
//! the UI's memory over a long run (issue 18).

use crate::util::{self, step};
use std::process::Command;

pub fn run(quick: bool) -> anyhow::Result<()> {
    step("criterion benchmarks (kplay-core)");
    let mut cmd = Command::new("cargo");
    cmd.args(["bench", "-p", "kplay-core"]);
    if quick {
        cmd.args(["--", "--quick"]);
    }
    util::exec(&mut cmd)?;
    crate::dist::run(false)?;
    println!("\nrecord the numbers above in BENCHMARKS.md with the command that produced them");
    Ok(())
}

/// `cargo xtask bench memory`: the `bench` preset at 50× for `minutes` in headless Chromium, memory sampled every
/// minute (e2e/bench/memory.mjs). Builds dist/ first when it is missing; an existing dist/ is used as it is.
pub fn memory(minutes: u32) -> anyhow::Result<()> {
    if !std::path::Path::new("dist/index.html").exists() {
        crate::dist::build_release(false)?;
    }
    step(&format!(
        "memory over {minutes} min: bench preset at 50x (node e2e/bench/memory.mjs)"
    ));
    util::exec(Command::new("node").args([
        "e2e/bench/memory.mjs",
        "--minutes",
        &minutes.to_string(),
    ]))?;
    println!("\nrecord start / 10 min / end in BENCHMARKS.md and docs/reliability.md (the JSON is in e2e/artifacts/)");
    Ok(())
}
