//! Project hygiene checks, run as tests by `cargo test --workspace`.

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    }

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn core_uses_no_std_paths_and_no_hash_maps() {
        let mut files = Vec::new();
        rust_files(&root().join("crates/kplay-core/src"), &mut files);
        assert!(!files.is_empty(), "kplay-core sources not found");
        let mut offenders = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            // Unit tests may use std; only the code above `mod tests` must be no_std.
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for (n, line) in code.lines().enumerate() {
                let line = line.trim_start();
                if line.starts_with("//") {
                    continue;
                }
                if line.contains("std::")
                    || line.contains("HashMap")
                    || line.contains("Instant::now")
                    || line.contains("SystemTime")
                {
                    offenders.push(format!("{}:{}: {line}", file.display(), n + 1));
                }
            }
        }
        assert!(
            offenders.is_empty(),
            "core must stay no_std, clock-free and HashMap-free:\n{}",
            offenders.join("\n")
        );
    }

    /// The engine's layers read top-down (docs/architecture.md): each module may use the ones below it only.
    #[test]
    fn core_layers_import_only_downwards() {
        let src = root().join("crates/kplay-core/src");
        // (path under src, modules it must not use)
        const ABOVE_BASE: &[&str] = &["crate::sim", "crate::consumer", "crate::group"];
        let rules: [(&str, &[&str]); 9] = [
            ("consumer", &["crate::sim"]),
            ("group", &["crate::sim", "crate::consumer"]),
            ("event.rs", ABOVE_BASE),
            ("offsets.rs", ABOVE_BASE),
            ("topic.rs", ABOVE_BASE),
            ("log.rs", ABOVE_BASE),
            ("log", ABOVE_BASE),
            ("producer.rs", ABOVE_BASE),
            // A doc link to `crate::sim::World` is fine; code paths are not.
            (
                "scenario",
                &["crate::sim::", "crate::consumer", "crate::group"],
            ),
        ];
        let mut offenders = Vec::new();
        for (path, banned) in rules {
            let mut files = Vec::new();
            let full = src.join(path);
            if full.is_dir() {
                rust_files(&full, &mut files);
            } else {
                files.push(full);
            }
            assert!(!files.is_empty(), "{path} not found");
            for file in files {
                let text = std::fs::read_to_string(&file).unwrap_or_default();
                for (n, line) in text.lines().enumerate() {
                    let code = line.trim_start();
                    if code.starts_with("//") {
                        continue;
                    }
                    if let Some(b) = banned.iter().find(|b| code.contains(**b)) {
                        offenders.push(format!("{}:{}: uses {b}", file.display(), n + 1));
                    }
                }
            }
        }
        assert!(
            offenders.is_empty(),
            "a lower layer imports a higher one:\n{}",
            offenders.join("\n")
        );
    }

    #[test]
    fn source_files_stay_small() {
        const LIMIT: usize = 600;
        let mut files = Vec::new();
        for dir in ["crates", "xtask/src"] {
            rust_files(&root().join(dir), &mut files);
        }
        let long: Vec<String> = files
            .iter()
            .filter_map(|f| {
                let lines = std::fs::read_to_string(f).ok()?.lines().count();
                (lines > LIMIT).then(|| format!("{} has {lines} lines", f.display()))
            })
            .collect();
        assert!(
            long.is_empty(),
            "split these files (aim for ~400 lines, hard limit {LIMIT}):\n{}",
            long.join("\n")
        );
    }

    #[test]
    fn every_crate_inherits_workspace_lints() {
        for krate in [
            "crates/kplay-core",
            "crates/kplay-web",
            "crates/kplay-cli",
            "xtask",
        ] {
            let manifest =
                std::fs::read_to_string(root().join(krate).join("Cargo.toml")).unwrap_or_default();
            assert!(
                manifest.contains("[lints]\nworkspace = true"),
                "{krate}/Cargo.toml must have `[lints] workspace = true`"
            );
        }
    }

    #[test]
    fn no_unsafe_in_our_crates() {
        let mut files = Vec::new();
        for dir in ["crates", "xtask/src"] {
            rust_files(&root().join(dir), &mut files);
        }
        let word = ["uns", "afe "].concat();
        let offenders: Vec<String> = files
            .iter()
            .filter(|f| {
                std::fs::read_to_string(f).is_ok_and(|t| {
                    t.contains(&format!("{word}{{")) || t.contains(&format!("{word}fn"))
                })
            })
            .map(|f| f.display().to_string())
            .collect();
        assert!(offenders.is_empty(), "unsafe code found in: {offenders:?}");
    }
}
