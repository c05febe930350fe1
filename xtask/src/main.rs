//! `cargo xtask <task>`: set-up, build, test, bench, soak, fuzz, audit and dist automation for kplay.
//!
//! Every task first moves to the workspace root, so it works from any directory. Tasks print each step before
//! running it and stop at the first failure with a message naming the step.

mod audit;
mod bench;
mod dist;
mod flags;
mod fuzz;
mod pack;
mod serve;
mod setup;
mod soak;
mod test;
mod tidy;
mod tidy_i18n;
mod util;

use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let task = flags::Task::parse(std::env::args().skip(1))?;
    let root = project_root();
    std::env::set_current_dir(&root)?;
    match task {
        flags::Task::Help => {
            println!("{}", flags::USAGE);
            Ok(())
        }
        flags::Task::Setup => setup::run(),
        flags::Task::Serve { port } => serve::run(port),
        flags::Task::Build { packed } => dist::build_release(packed),
        flags::Task::Dist { packed } => dist::run(packed),
        flags::Task::Test { skip_setup } => test::run(skip_setup),
        flags::Task::Bench { quick } => bench::run(quick),
        flags::Task::BenchMemory { minutes } => bench::memory(minutes),
        flags::Task::Soak { cases, seed } => soak::run(cases, seed),
        flags::Task::Fuzz { target, seconds } => fuzz::run(target, seconds),
        flags::Task::Audit { refresh_db } => audit::run(refresh_db.as_deref()),
    }
}

/// The workspace root: xtask lives one level below it.
fn project_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(PathBuf::from)
        .unwrap_or(manifest_dir)
}
