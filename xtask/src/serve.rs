//! `cargo xtask serve`: set up what is missing, then `trunk serve`.

use crate::util::{self, step};
use std::process::Command;

pub fn run(port: u16) -> anyhow::Result<()> {
    crate::setup::run()?;
    step("trunk serve");
    println!(
        "kplay will be at http://127.0.0.1:{port}/ once the first build finishes (Ctrl-C stops it)"
    );
    // A debug build of its own folder, so a release `dist/` (from `cargo xtask dist`) is never replaced.
    util::exec(Command::new("trunk").args([
        "serve",
        "--offline",
        "--dist",
        "target/serve-dist",
        "--port",
        &port.to_string(),
    ]))
}
