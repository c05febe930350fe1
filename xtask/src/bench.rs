//! `cargo xtask bench`: criterion benchmarks of the core plus the bundle-size report.

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
    crate::dist::run()?;
    println!("\nrecord the numbers above in BENCHMARKS.md with the command that produced them");
    Ok(())
}
