//! `cargo xtask <task>`: set-up, build, test, bench and dist automation for kplay.

fn main() -> anyhow::Result<()> {
    Ok(())
}
