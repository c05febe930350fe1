//! `cargo xtask audit`: the licenses and the RustSec advisories of every locked dependency, offline.
//!
//! Licenses: every crate `cargo metadata --locked --offline` lists for the workspace and for `fuzz/` (all
//! targets and platforms, dev dependencies included) and every npm package of package-lock.json must carry a
//! license expression made of the licenses `audit/licenses.toml` allows, or be named there with its reason.
//! Advisories: the pruned snapshot of the RustSec database in `audit/advisory-db/` (the advisories of the crates
//! in Cargo.lock and fuzz/Cargo.lock) against every locked version. Vulnerabilities fail; informational
//! advisories (unmaintained, unsound, notice) are listed as warnings. `--refresh-db PATH` re-prunes the
//! snapshot from a checkout of the database.

mod advisory;
mod licenses;
mod refresh;
mod spdx;
mod toml;

use crate::util::step;
use anyhow::{bail, Context};
use std::path::Path;
use std::process::Command;

/// The pruned advisory snapshot.
pub const DB: &str = "audit/advisory-db";
/// The license allow-list.
pub const POLICY: &str = "audit/licenses.toml";
/// The lock files whose crates are checked against advisories: the workspace's and the fuzz crate's.
pub const LOCKS: [&str; 2] = ["Cargo.lock", "fuzz/Cargo.lock"];
/// The cargo manifests whose dependency graphs are checked for licenses.
const MANIFESTS: [&str; 2] = ["Cargo.toml", "fuzz/Cargo.toml"];

pub fn run(refresh_from: Option<&str>) -> anyhow::Result<()> {
    if let Some(path) = refresh_from {
        return refresh::run(Path::new(path));
    }
    step("audit: licenses and RustSec advisories of every locked dependency (offline)");
    let policy = std::fs::read_to_string(POLICY).with_context(|| format!("reading {POLICY}"))?;
    let policy = licenses::Policy::parse(&policy).map_err(|e| anyhow::anyhow!("{POLICY}: {e}"))?;
    let mut problems = Vec::new();
    let mut seen = Vec::new();

    for manifest in MANIFESTS {
        let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["metadata", "--format-version", "1", "--locked", "--offline"])
            .args(["--manifest-path", manifest])
            .output()
            .context("running cargo metadata")?;
        if !out.status.success() {
            bail!(
                "cargo metadata --locked --offline --manifest-path {manifest} failed (run `cargo xtask setup`, \
                 which fetches every locked crate):\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let packages = licenses::cargo_packages(&String::from_utf8_lossy(&out.stdout))
            .map_err(|e| anyhow::anyhow!("cargo metadata for {manifest}: {e}"))?;
        println!(
            "licenses: {} crates in the graph of {manifest}",
            packages.len()
        );
        for (name, version, license) in packages {
            if let Err(why) = policy.check("crate", &name, license.as_deref()) {
                problems.push(format!("crate {name} {version}: {why}"));
            }
            seen.push(("crate".to_string(), name, license.unwrap_or_default()));
        }
    }
    let lock = std::fs::read_to_string("package-lock.json").context("reading package-lock.json")?;
    let npm = licenses::npm_packages(&lock).map_err(anyhow::Error::msg)?;
    println!("licenses: {} npm packages in package-lock.json", npm.len());
    for (name, version, license) in npm {
        if let Err(why) = policy.check("npm", &name, license.as_deref()) {
            problems.push(format!("npm package {name} {version}: {why}"));
        }
        seen.push(("npm".to_string(), name, license.unwrap_or_default()));
    }
    for (kind, name, expression) in &policy.packages {
        if !seen
            .iter()
            .any(|(k, n, e)| k == kind && n == name && e == expression)
        {
            problems.push(format!(
                "{POLICY}: [{kind}.{name}] with expression {expression:?} matches no package; remove it"
            ));
        }
    }

    let (crates, advisories, findings) = advisories(&mut problems)?;
    let (warnings, vulnerable): (Vec<_>, Vec<_>) =
        findings.iter().partition(|f| f.informational.is_some());
    for f in &warnings {
        let kind = f.informational.as_deref().unwrap_or_default();
        println!(
            "warning: {} {}: {} ({kind}, {})",
            f.name, f.version, f.id, f.date
        );
    }
    for f in &vulnerable {
        problems.push(format!(
            "{} {} is vulnerable: {} of {} (see {DB}/crates/{}/{}.md)",
            f.name, f.version, f.id, f.date, f.name, f.id
        ));
    }
    for p in &problems {
        println!("error: {p}");
    }
    println!(
        "audit: {crates} crates, {advisories} advisories checked, {} vulnerable, {} warnings",
        vulnerable.len(),
        warnings.len()
    );
    if !problems.is_empty() {
        bail!("audit: {} problem(s), listed above", problems.len());
    }
    Ok(())
}

/// Checks every locked registry crate against the snapshot; returns (crates, advisories, findings).
fn advisories(
    problems: &mut Vec<String>,
) -> anyhow::Result<(usize, usize, Vec<advisory::Finding>)> {
    let mut crates = Vec::new();
    for lock in LOCKS {
        let text = std::fs::read_to_string(lock).with_context(|| format!("reading {lock}"))?;
        crates.extend(advisory::locked(&text).map_err(|e| anyhow::anyhow!("{lock}: {e}"))?);
    }
    crates.sort();
    crates.dedup();
    let covered = refresh::covered_names(Path::new(DB))?;
    let missing: Vec<&str> = crates
        .iter()
        .map(|c| c.name.as_str())
        .filter(|n| !covered.iter().any(|c| c == n))
        .collect();
    if !missing.is_empty() {
        problems.push(format!(
            "the advisory snapshot was pruned without {}: refresh it (`cargo xtask audit --refresh-db PATH`, \
             {DB}/README.md)",
            missing.join(", ")
        ));
    }
    let advisories = refresh::load(Path::new(DB))?;
    let findings = advisory::findings(&advisories, &crates).map_err(anyhow::Error::msg)?;
    Ok((crates.len(), advisories.len(), findings))
}
