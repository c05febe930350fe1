//! `cargo xtask setup`: installs what the project needs on a fresh machine, skipping what is already there.
//!
//! Everything comes from the package registries through their ordinary clients (rustup, cargo, npm, apt-get,
//! pip); nothing downloads a prebuilt binary or a browser of its own.

use crate::util::{exec, is_root, probe, step};
use anyhow::{bail, Context};
use std::path::Path;
use std::process::Command;

pub const TRUNK_VERSION: &str = "0.21.14";
pub const BINARYEN_VERSION: &str = "132";
pub const RUST_TARGETS: [&str; 2] = ["wasm32-unknown-unknown", "thumbv7em-none-eabihf"];
pub const VENV: &str = ".venv";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

pub fn run() -> anyhow::Result<()> {
    rust_targets()?;
    locked_crates()?;
    trunk()?;
    wasm_bindgen_cli()?;
    wasm_opt()?;
    chromium()?;
    node_packages()?;
    python_venv()?;
    fuzz_toolchain()?;
    println!("\nsetup: every tool is in place");
    Ok(())
}

fn rust_targets() -> anyhow::Result<()> {
    step("rust targets (wasm32 for the web app, thumbv7em to prove the core is no_std)");
    let installed =
        probe(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    let missing: Vec<&str> = RUST_TARGETS
        .into_iter()
        .filter(|t| !installed.lines().any(|l| l.trim() == *t))
        .collect();
    if missing.is_empty() {
        println!("present: {}", RUST_TARGETS.join(", "));
        return Ok(());
    }
    exec(
        Command::new("rustup")
            .args(["target", "add"])
            .args(&missing),
    )
}

/// Every crate of Cargo.lock, for every platform: `cargo xtask audit` reads their manifests through
/// `cargo metadata --offline`, and a build fetches only its own platform's.
fn locked_crates() -> anyhow::Result<()> {
    step("the workspace's locked crates, all platforms (the audit reads them offline)");
    exec(
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["fetch", "--locked"]),
    )
}

fn trunk() -> anyhow::Result<()> {
    step(&format!(
        "trunk {TRUNK_VERSION} (builds and serves the web app)"
    ));
    let have = probe(Command::new("trunk").arg("--version")).unwrap_or_default();
    if have.split_whitespace().any(|w| w == TRUNK_VERSION) {
        println!("present: {have}");
        return Ok(());
    }
    println!("installing (compiles from source; about 5 minutes on 2 cores)");
    exec(Command::new("cargo").args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]))
}

/// The wasm-bindgen version in Cargo.lock: the CLI must match it exactly or the generated glue breaks.
pub fn locked_wasm_bindgen_version() -> anyhow::Result<String> {
    let lock = std::fs::read_to_string("Cargo.lock").context("reading Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
            {
                return Ok(version.trim_end_matches('"').to_string());
            }
        }
    }
    bail!("Cargo.lock has no wasm-bindgen package")
}

fn wasm_bindgen_cli() -> anyhow::Result<()> {
    let version = locked_wasm_bindgen_version()?;
    step(&format!(
        "wasm-bindgen-cli {version} (must equal Cargo.lock's wasm-bindgen)"
    ));
    let have = probe(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    let runner =
        probe(Command::new("wasm-bindgen-test-runner").arg("--version")).unwrap_or_default();
    if have.split_whitespace().any(|w| w == version)
        && runner.split_whitespace().any(|w| w == version)
    {
        println!("present: {have}");
        return Ok(());
    }
    // Not --locked: one of the CLI's locked dependencies is not in the registry.
    exec(Command::new("cargo").args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &version,
        "--force",
    ]))
}

fn wasm_opt() -> anyhow::Result<()> {
    step(&format!("wasm-opt from binaryen {BINARYEN_VERSION} (npm; Debian's is too old for current rustc output)"));
    let have = probe(Command::new("wasm-opt").arg("--version")).unwrap_or_default();
    if have.contains(&format!("version {BINARYEN_VERSION}")) {
        println!("present: {have}");
        return Ok(());
    }
    exec(
        Command::new("npm")
            .args(["install", "--global", "--no-audit", "--no-fund"])
            .arg(format!("binaryen@{BINARYEN_VERSION}")),
    )
}

/// A Korean font for the headless browser: without one, Korean screenshots and text measurements show empty boxes.
const KOREAN_FONT: &str = "/usr/share/fonts/truetype/nanum";

fn chromium() -> anyhow::Result<()> {
    step("chromium, chromium-driver and a Korean font (Debian packages, for browser tests)");
    let font = Path::new(KOREAN_FONT).exists();
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() && font {
        let version = probe(Command::new(CHROMEDRIVER).arg("--version")).unwrap_or_default();
        println!("present: {version}");
        return Ok(());
    }
    if !is_root() {
        bail!(
            "chromium is missing and this user can't install it; as root run:\n  \
             apt-get update && apt-get install -y chromium chromium-driver fonts-nanum"
        );
    }
    exec(Command::new("apt-get").arg("update"))?;
    exec(Command::new("apt-get").args([
        "install",
        "-y",
        "--no-install-recommends",
        "chromium",
        "chromium-driver",
        "fonts-nanum",
    ]))
}

/// What `cargo xtask fuzz` needs beyond stable Rust: a C++ compiler (libfuzzer-sys compiles libFuzzer from the
/// source it ships) and the fuzz crate's dependencies fetched, so fuzzing works offline after set-up.
fn fuzz_toolchain() -> anyhow::Result<()> {
    step(
        "a C++ compiler and the fuzz crate's dependencies (cargo xtask fuzz, libFuzzer on stable)",
    );
    let have = probe(Command::new("c++").arg("--version")).unwrap_or_default();
    if have.is_empty() {
        if !is_root() {
            bail!("no C++ compiler and this user can't install one; as root run:\n  apt-get install -y g++");
        }
        exec(Command::new("apt-get").arg("update"))?;
        exec(Command::new("apt-get").args(["install", "-y", "--no-install-recommends", "g++"]))?;
    } else {
        println!("present: {}", have.lines().next().unwrap_or_default());
    }
    exec(
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["fetch", "--locked"])
            .current_dir("fuzz"),
    )
}

/// Versions in package-lock.json that node_modules must hold.
fn locked_node_packages() -> anyhow::Result<Vec<(String, String)>> {
    let lock = std::fs::read_to_string("package-lock.json").context("reading package-lock.json")?;
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in lock.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("\"node_modules/") {
            current = rest.split('"').next().map(str::to_string);
        } else if let (Some(name), Some(rest)) = (&current, line.strip_prefix("\"version\": \"")) {
            out.push((name.clone(), rest.trim_end_matches(['"', ',']).to_string()));
            current = None;
        }
    }
    Ok(out)
}

fn node_packages() -> anyhow::Result<()> {
    step("Node packages from package-lock.json (playwright-core and axe-core for e2e, kafkajs for the comparison bench)");
    let wanted = locked_node_packages()?;
    let installed = |name: &str, version: &str| {
        std::fs::read_to_string(format!("node_modules/{name}/package.json"))
            .is_ok_and(|json| json.contains(&format!("\"version\": \"{version}\"")))
    };
    if !wanted.is_empty() && wanted.iter().all(|(n, v)| installed(n, v)) {
        println!(
            "present: {}",
            wanted
                .iter()
                .map(|(n, v)| format!("{n}@{v}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        return Ok(());
    }
    exec(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]))
}

pub fn venv_python() -> String {
    format!("{VENV}/bin/python")
}

fn python_venv() -> anyhow::Result<()> {
    step("Python venv with kafka-python (differential tests)");
    let wanted =
        std::fs::read_to_string("requirements-dev.txt").context("reading requirements-dev.txt")?;
    let pins: Vec<&str> = wanted
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let frozen =
        probe(Command::new(venv_python()).args(["-m", "pip", "freeze"])).unwrap_or_default();
    let frozen_lower = frozen.to_lowercase();
    if !frozen.is_empty()
        && pins
            .iter()
            .all(|p| frozen_lower.lines().any(|l| l == p.to_lowercase()))
    {
        println!("present: {}", pins.join(", "));
        return Ok(());
    }
    if !Path::new(&venv_python()).exists() {
        exec(Command::new("python3").args(["-m", "venv", VENV]))?;
    }
    exec(Command::new(venv_python()).args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "-r",
        "requirements-dev.txt",
    ]))
}
