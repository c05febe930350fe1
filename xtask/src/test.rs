//! `cargo xtask test`: every check and test, in order from fastest feedback to slowest; stops at the first failure.

use crate::util::{exec, run_counting, step, Counts};
use crate::{dist, setup};
use anyhow::Context;
use std::path::Path;
use std::process::Command;

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

pub fn run(skip_setup: bool) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let result = run_all(skip_setup);
    let minutes = started.elapsed().as_secs_f64() / 60.0;
    match result {
        Ok(counts) => {
            println!("\nall checks passed in {minutes:.1} min");
            println!(
                "summary: {} passed, {} failed",
                counts.passed, counts.failed
            );
            Ok(())
        }
        Err(err) => {
            println!("\nFAILED after {minutes:.1} min: {err:#}");
            Err(err)
        }
    }
}

/// `cargo` with whitespace-separated arguments, so each step reads like the command a person would type.
fn cargo_with(args: &str) -> Command {
    let mut cmd = cargo();
    cmd.args(args.split_whitespace());
    cmd
}

/// Runs wasm tests of one package through wasm-bindgen-test-runner (Node, or Chromium when the tests ask for a
/// browser), from `dir` so the runner finds that crate's webdriver.json.
fn wasm_tests(args: &str, dir: &str) -> anyhow::Result<Counts> {
    run_counting(
        cargo_with(&format!("test --target wasm32-unknown-unknown {args}"))
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                "wasm-bindgen-test-runner",
            )
            .env("CHROMEDRIVER", setup::CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
            .current_dir(dir),
    )
}

fn run_all(skip_setup: bool) -> anyhow::Result<Counts> {
    if !skip_setup {
        setup::run().context("step `setup`")?;
    }
    let mut counts = Counts::default();

    step("rustfmt");
    exec(&mut cargo_with("fmt --all --check")).context("step `fmt`: run `cargo fmt --all`")?;

    step("clippy (host, all targets)");
    exec(&mut cargo_with(
        "clippy --workspace --all-targets -- -D warnings",
    ))
    .context("step `clippy`")?;

    step("clippy (web app for wasm32)");
    exec(&mut cargo_with(
        "clippy -p kplay-web --target wasm32-unknown-unknown --all-targets -- -D warnings",
    ))
    .context("step `clippy wasm32`")?;

    crate::audit::run(None).context("step `audit`")?;

    step("cargo test --workspace (unit, integration, property, doc tests)");
    counts += run_counting(&mut cargo_with("test --workspace")).context("step `cargo test`")?;

    step("kplay-core on a bare-metal target (proves no_std, with and without serde)");
    exec(&mut cargo_with(
        "build -p kplay-core --target thumbv7em-none-eabihf",
    ))
    .context("step `no_std build`")?;
    exec(&mut cargo_with(
        "build -p kplay-core --target thumbv7em-none-eabihf --no-default-features",
    ))
    .context("step `no_std build without serde`")?;

    let fuzz_bins = crate::fuzz::build().context("step `fuzz build`")?;
    for target in crate::fuzz::TARGETS {
        crate::fuzz::run_one(&fuzz_bins, target, crate::fuzz::SMOKE_SECONDS)
            .with_context(|| format!("step `fuzz smoke {target}`"))?;
    }

    step("golden trace on wasm32 (Node): byte-identical to the native golden file");
    counts += wasm_tests("-p kplay-core --test wasm_golden", ".")
        .context("step `wasm32 golden trace`")?;

    step("web component tests (wasm-bindgen-test in headless Chromium)");
    counts +=
        wasm_tests("-p kplay-web", "crates/kplay-web").context("step `web component tests`")?;

    step("build tools (node --test tools/: the wasm import renaming the release build applies)");
    counts += node_tests("tools/").context("step `tools tests`")?;

    dist::build_release(false).context("step `trunk build --release`")?;
    dist::check_budget().context("step `bundle size`")?;

    step("end-to-end (served dist/ under a subpath, in an iframe, headless Chromium)");
    counts += node_tests("e2e/").context("step `e2e`")?;

    let differential = Path::new("tools/differential/kafka_python_diff.py");
    step("differential tests against kafka-python");
    exec(&mut cargo_with("build --release -p kplay-cli")).context("step `build kplay`")?;
    // The script prints its own comparison counts and exits non-zero on any mismatch; it counts as one test.
    exec(
        Command::new(setup::venv_python())
            .arg(differential)
            .args(["--kplay", "target/release/kplay"]),
    )
    .context("step `differential`")?;
    counts += Counts {
        passed: 1,
        failed: 0,
    };
    Ok(counts)
}

/// `node --test DIR` with TAP output, counted like the cargo tests.
fn node_tests(dir: &str) -> anyhow::Result<Counts> {
    run_counting(
        Command::new("node")
            .args(["--test", "--test-reporter=tap"])
            .arg(dir),
    )
}
