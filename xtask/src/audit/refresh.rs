//! The pruned advisory snapshot in `audit/advisory-db/`: reading it, and `--refresh-db PATH`, which re-prunes
//! it from a checkout of the RustSec database (a clone, or a bare git directory).
//!
//! The snapshot keeps `crates/<name>/RUSTSEC-*.md` for every crate name in the lock files, `crates.txt` (the
//! names it was pruned for, so the audit notices a crate added since) and a README with the source commit.

use super::advisory::{self, Advisory};
use super::{DB, LOCKS};
use anyhow::{bail, Context};
use std::path::Path;
use std::process::Command;

const NAMES: &str = "crates.txt";

/// The crate names the snapshot in `db` was pruned for.
pub fn covered_names(db: &Path) -> anyhow::Result<Vec<String>> {
    let path = db.join(NAMES);
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect())
}

/// Every advisory of the snapshot; an unreadable one fails with its path.
pub fn load(db: &Path) -> anyhow::Result<Vec<Advisory>> {
    let crates = db.join("crates");
    let mut out = Vec::new();
    let mut dirs: Vec<_> = std::fs::read_dir(&crates)
        .with_context(|| format!("reading {}", crates.display()))?
        .collect::<Result<_, _>>()?;
    dirs.sort_by_key(|d| d.file_name());
    for dir in dirs {
        let name = dir.file_name().to_string_lossy().into_owned();
        let mut files: Vec<_> = std::fs::read_dir(dir.path())?.collect::<Result<_, _>>()?;
        files.sort_by_key(|f| f.file_name());
        for file in files {
            let path = file.path();
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("reading {}", path.display()))?;
            let adv =
                advisory::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            if adv.package != name {
                bail!(
                    "{}: [advisory] package is {:?}, not its folder's {name:?}",
                    path.display(),
                    adv.package
                );
            }
            out.push(adv);
        }
    }
    Ok(out)
}

/// Where the full database is read from.
enum Source<'a> {
    /// A work tree: `crates/` is a folder.
    Dir(&'a Path),
    /// A git directory (bare or not): read at HEAD.
    Git(&'a Path),
}

fn git(dir: &Path, args: &[&str]) -> anyhow::Result<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .context("running git")?;
    if !out.status.success() {
        bail!(
            "git -C {} {} failed: {}",
            dir.display(),
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

impl Source<'_> {
    /// The advisory files of one crate, as (file name, text).
    fn advisories(&self, name: &str) -> anyhow::Result<Vec<(String, String)>> {
        let mut out = Vec::new();
        match self {
            Source::Dir(root) => {
                let dir = root.join("crates").join(name);
                if !dir.is_dir() {
                    return Ok(out);
                }
                for file in std::fs::read_dir(&dir)? {
                    let path = file?.path();
                    let file_name = path.file_name().unwrap_or_default().to_string_lossy();
                    if file_name.starts_with("RUSTSEC-") && file_name.ends_with(".md") {
                        out.push((file_name.into_owned(), std::fs::read_to_string(&path)?));
                    }
                }
            }
            Source::Git(root) => {
                let list = git(
                    root,
                    &["ls-tree", "--name-only", "HEAD", &format!("crates/{name}/")],
                )?;
                for path in list.lines() {
                    let file_name = path.rsplit('/').next().unwrap_or_default();
                    if file_name.starts_with("RUSTSEC-") && file_name.ends_with(".md") {
                        out.push((
                            file_name.to_string(),
                            git(root, &["show", &format!("HEAD:{path}")])?,
                        ));
                    }
                }
            }
        }
        out.sort();
        Ok(out)
    }
}

/// `cargo xtask audit --refresh-db PATH`.
pub fn run(path: &Path) -> anyhow::Result<()> {
    crate::util::step(&format!("re-pruning {DB} from {}", path.display()));
    let source = if path.join("crates").is_dir() {
        Source::Dir(path)
    } else if git(path, &["cat-file", "-e", "HEAD:crates"]).is_ok() {
        Source::Git(path)
    } else {
        bail!(
            "{}: neither a checkout of the RustSec advisory database (no crates/ folder) nor its git directory",
            path.display()
        );
    };
    let (commit, date) = match git(path, &["log", "-1", "--format=%H %cs"]) {
        Ok(line) => {
            let mut parts = line.split_whitespace();
            let commit = parts.next().unwrap_or("unknown").to_string();
            (commit, parts.next().unwrap_or("unknown").to_string())
        }
        Err(_) => ("unknown (not a git checkout)".into(), "unknown".into()),
    };
    let mut names = Vec::new();
    for lock in LOCKS {
        let text = std::fs::read_to_string(lock).with_context(|| format!("reading {lock}"))?;
        names.extend(
            advisory::locked(&text)
                .map_err(|e| anyhow::anyhow!("{lock}: {e}"))?
                .into_iter()
                .map(|c| c.name),
        );
    }
    names.sort();
    names.dedup();

    let crates_dir = Path::new(DB).join("crates");
    if crates_dir.exists() {
        std::fs::remove_dir_all(&crates_dir)
            .with_context(|| format!("removing the old {}", crates_dir.display()))?;
    }
    let mut kept = Vec::new();
    for name in &names {
        for (file_name, text) in source.advisories(name)? {
            let adv = advisory::parse(&text)
                .map_err(|e| anyhow::anyhow!("crates/{name}/{file_name}: {e}"))?;
            let dir = crates_dir.join(name);
            std::fs::create_dir_all(&dir)?;
            std::fs::write(dir.join(&file_name), text)?;
            kept.push(adv.id);
        }
    }
    let mut list = String::from(
        "# Crate names of Cargo.lock and fuzz/Cargo.lock this snapshot was pruned for.\n",
    );
    for name in &names {
        list.push_str(name);
        list.push('\n');
    }
    std::fs::write(Path::new(DB).join(NAMES), list)?;
    std::fs::write(
        Path::new(DB).join("README.md"),
        readme(&commit, &date, names.len(), &kept),
    )?;
    println!(
        "kept {} advisories of {} locked crate names (database commit {commit}, {date})",
        kept.len(),
        names.len()
    );
    Ok(())
}

fn readme(commit: &str, date: &str, names: usize, kept: &[String]) -> String {
    format!(
        "# RustSec advisories, pruned to kplay's dependencies

A snapshot of the [RustSec advisory database](https://github.com/rustsec/advisory-db) (CC0-1.0), so that
`cargo xtask audit` (a step of `cargo xtask test`) checks advisories offline. It keeps only
`crates/<name>/RUSTSEC-*.md` for the {names} crate names of `Cargo.lock` and `fuzz/Cargo.lock` (listed in
`crates.txt`): {count} advisories.

- Database commit: `{commit}`
- Commit date: {date}

## Refresh

Get a checkout of the database (a clone, or its bare git directory), then, from the repository root:

```
cargo xtask audit --refresh-db PATH/TO/advisory-db
cargo xtask audit
```

The first command replaces `crates/`, `crates.txt` and this file; commit them together. Refresh whenever a
crate name is added to a lock file: the audit fails on a locked crate that `crates.txt` does not list.
",
        count = kept.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_snapshot_loads_and_covers_both_lock_files() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let db = root.join(DB);
        let advisories = load(&db).unwrap();
        assert!(advisories.len() >= 20, "{} advisories", advisories.len());
        let names = covered_names(&db).unwrap();
        for lock in LOCKS {
            let text = std::fs::read_to_string(root.join(lock)).unwrap();
            for krate in advisory::locked(&text).unwrap() {
                assert!(
                    names.contains(&krate.name),
                    "{lock}: {} is not in {DB}/{NAMES}; run cargo xtask audit --refresh-db",
                    krate.name
                );
            }
        }
        let readme = std::fs::read_to_string(db.join("README.md")).unwrap();
        assert!(readme.contains(&format!("{} advisories", advisories.len())));
    }
}
