//! RustSec advisories: their TOML front matter, and whether a locked version is affected.
//!
//! An advisory is a Markdown file whose first ```` ```toml ```` block holds `[advisory] id, package, date,
//! withdrawn?, informational?` and `[versions] patched = [...], unaffected = [...]`, each item a semver
//! requirement (`">= 1.2.3, < 1.3.0"`). A version is affected when it matches none of them. `[affected]`
//! (functions, os, arch) is not read: a version in range counts, as in cargo-audit. A pre-release version only
//! matches requirements naming its own pre-release (semver's rule), which errs towards reporting it.

use super::toml;
use semver::{Version, VersionReq};

/// What the audit needs of one advisory.
#[derive(Debug, Clone)]
pub struct Advisory {
    pub id: String,
    pub package: String,
    pub date: String,
    /// The date it was withdrawn: such an advisory is skipped.
    pub withdrawn: Option<String>,
    /// `unmaintained`, `unsound`, `notice`: reported as a warning, not a failure.
    pub informational: Option<String>,
    pub patched: Vec<VersionReq>,
    pub unaffected: Vec<VersionReq>,
}

impl Advisory {
    /// Whether `version` is affected: it matches no `patched` and no `unaffected` requirement.
    pub fn affects(&self, version: &Version) -> bool {
        !self
            .patched
            .iter()
            .chain(&self.unaffected)
            .any(|req| req.matches(version))
    }
}

/// The text of the first ```` ```toml ```` block.
pub fn front_matter(markdown: &str) -> Result<&str, String> {
    let start = markdown.find("```toml").ok_or("no ```toml front matter")?;
    let body = &markdown[start + "```toml".len()..];
    let end = body
        .find("\n```")
        .ok_or("the ```toml front matter is not closed")?;
    Ok(&body[..end])
}

/// Reads one advisory file's front matter; errors name the field.
pub fn parse(markdown: &str) -> Result<Advisory, String> {
    let tables = toml::parse(front_matter(markdown)?)?;
    let table = |name: &str| {
        tables
            .iter()
            .find(|t| t.name == name)
            .ok_or(format!("no [{name}] table"))
    };
    let advisory = table("advisory")?;
    let versions = table("versions")?;
    let required = |key: &str| -> Result<String, String> {
        advisory
            .str(key)?
            .map(str::to_string)
            .ok_or(format!("[advisory] {key}: missing"))
    };
    let requirements = |key: &str| -> Result<Vec<VersionReq>, String> {
        versions
            .strings(key)?
            .iter()
            .map(|r| {
                VersionReq::parse(r).map_err(|e| {
                    format!("[versions] {key}: {r:?} is not a semver requirement: {e}")
                })
            })
            .collect()
    };
    Ok(Advisory {
        id: required("id")?,
        package: required("package")?,
        date: required("date")?,
        withdrawn: advisory.str("withdrawn")?.map(str::to_string),
        informational: advisory.str("informational")?.map(str::to_string),
        patched: requirements("patched")?,
        unaffected: requirements("unaffected")?,
    })
}

/// A crate from the registry as a Cargo.lock pins it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Locked {
    pub name: String,
    pub version: String,
}

/// The registry crates of one Cargo.lock (path and git packages are ours or not on crates.io).
pub fn locked(cargo_lock: &str) -> Result<Vec<Locked>, String> {
    let mut out = Vec::new();
    for table in toml::parse(cargo_lock)?
        .iter()
        .filter(|t| t.name == "package")
    {
        let field = |key: &str| -> Result<&str, String> {
            table.str(key)?.ok_or(format!("a [[package]] has no {key}"))
        };
        if table
            .str("source")?
            .is_some_and(|s| s.starts_with("registry+"))
        {
            out.push(Locked {
                name: field("name")?.to_string(),
                version: field("version")?.to_string(),
            });
        }
    }
    Ok(out)
}

/// One advisory that applies to one locked crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub id: String,
    /// The advisory's date.
    pub date: String,
    pub name: String,
    pub version: String,
    /// `None` for a vulnerability; the kind for an informational advisory (a warning).
    pub informational: Option<String>,
}

/// Every advisory, not withdrawn, that affects one of `crates`.
pub fn findings(advisories: &[Advisory], crates: &[Locked]) -> Result<Vec<Finding>, String> {
    let mut out = Vec::new();
    for krate in crates {
        let version = Version::parse(&krate.version).map_err(|e| {
            format!(
                "{} {}: not a semver version: {e}",
                krate.name, krate.version
            )
        })?;
        for adv in advisories
            .iter()
            .filter(|a| a.package == krate.name && a.withdrawn.is_none())
        {
            if adv.affects(&version) {
                out.push(Finding {
                    id: adv.id.clone(),
                    date: adv.date.clone(),
                    name: krate.name.clone(),
                    version: krate.version.clone(),
                    informational: adv.informational.clone(),
                });
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MADE_UP: &str = "```toml
[advisory]
id = \"RUSTSEC-2099-0001\"
package = \"widget\"
date = \"2099-01-02\"
url = \"https://example.com\"
categories = [\"memory-corruption\"]

[affected.functions]
\"widget::spin\" = [\"< 1.2.3\"]

[versions]
patched = [\">= 1.2.3\"]
unaffected = [\"< 0.5.0\", \">= 0.9.0, < 1.0.0\"]
```

# A made-up advisory

```rust
fn not_front_matter() {}
```
";

    fn crate_at(version: &str) -> Locked {
        Locked {
            name: "widget".into(),
            version: version.into(),
        }
    }

    fn affected(adv: &Advisory, versions: &[&str]) -> Vec<String> {
        let crates: Vec<Locked> = versions.iter().map(|v| crate_at(v)).collect();
        findings(std::slice::from_ref(adv), &crates)
            .unwrap()
            .into_iter()
            .map(|f| f.version)
            .collect()
    }

    #[test]
    fn reads_the_front_matter() {
        let adv = parse(MADE_UP).unwrap();
        assert_eq!(adv.id, "RUSTSEC-2099-0001");
        assert_eq!(adv.package, "widget");
        assert_eq!(adv.date, "2099-01-02");
        assert_eq!((adv.withdrawn, adv.informational), (None, None));
        assert_eq!(adv.patched, [VersionReq::parse(">= 1.2.3").unwrap()]);
        assert_eq!(adv.unaffected.len(), 2);
    }

    #[test]
    fn patched_and_unaffected_ranges_decide() {
        let adv = parse(MADE_UP).unwrap();
        assert_eq!(
            affected(
                &adv,
                &["1.2.2", "1.2.3", "1.3.0", "2.0.0", "1.0.0", "0.8.9"]
            ),
            ["1.2.2", "1.0.0", "0.8.9"]
        );
        // The unaffected ranges: below 0.5.0, and the 0.9 series.
        assert!(affected(&adv, &["0.4.9", "0.9.0", "0.9.7"]).is_empty());
        assert_eq!(affected(&adv, &["0.5.0"]), ["0.5.0"]);
        // Another crate of the same version is not concerned.
        let other = Locked {
            name: "gadget".into(),
            version: "1.2.2".into(),
        };
        assert!(findings(&[adv], &[other]).unwrap().is_empty());
    }

    #[test]
    fn requirements_in_rustsec_spellings() {
        // Forms the database uses: spaces after the operator, caret with a space, ranges, pre-releases.
        let text = MADE_UP.replace(
            "patched = [\">= 1.2.3\"]",
            "patched = [\"^ 0.6.1\", \">= 1.5.1, < 1.6.0\", \">= 2.0.0-alpha.1\"]",
        );
        let adv = parse(&text).unwrap();
        assert_eq!(
            affected(
                &adv,
                &["0.6.0", "0.6.4", "0.7.0", "1.5.0", "1.5.9", "1.6.0", "2.0.0"]
            ),
            ["0.6.0", "0.7.0", "1.5.0", "1.6.0"]
        );
        // No patched version at all (e.g. unmaintained): every version outside `unaffected` is affected.
        let none = parse(&MADE_UP.replace("patched = [\">= 1.2.3\"]", "patched = []")).unwrap();
        assert_eq!(affected(&none, &["1.2.3", "0.1.0"]), ["1.2.3"]);
    }

    #[test]
    fn withdrawn_is_skipped_and_informational_is_kept() {
        let withdrawn = parse(&MADE_UP.replace(
            "date = \"2099-01-02\"",
            "date = \"2099-01-02\"\nwithdrawn = \"2099-02-01\"",
        ))
        .unwrap();
        assert_eq!(withdrawn.withdrawn.as_deref(), Some("2099-02-01"));
        assert!(affected(&withdrawn, &["1.2.2"]).is_empty());
        let unsound = parse(&MADE_UP.replace(
            "date = \"2099-01-02\"",
            "date = \"2099-01-02\"\ninformational = \"unsound\"",
        ))
        .unwrap();
        let found = findings(&[unsound], &[crate_at("1.2.2")]).unwrap();
        assert_eq!(found[0].informational.as_deref(), Some("unsound"));
    }

    #[test]
    fn bad_advisories_name_the_field() {
        for (from, to, expected) in [
            ("```toml", "```text", "no ```toml front matter"),
            ("id = \"RUSTSEC-2099-0001\"\n", "", "[advisory] id: missing"),
            ("[versions]", "[version]", "no [versions] table"),
            (
                "\">= 1.2.3\"",
                "\"fixed in 1.2.3\"",
                "[versions] patched: \"fixed in 1.2.3\" is not a semver requirement",
            ),
            (
                "patched = [\">= 1.2.3\"]",
                "patched = \">= 1.2.3\"",
                "[versions] patched: must be an array",
            ),
            (
                "package = \"widget\"",
                "package = 7",
                "[advisory] package: must be a string",
            ),
        ] {
            let err = parse(&MADE_UP.replacen(from, to, 1)).unwrap_err();
            assert!(err.contains(expected), "{to:?}: {err}");
        }
        assert!(findings(&[], &[crate_at("one")])
            .unwrap_err()
            .contains("widget one"));
    }

    #[test]
    fn reads_registry_crates_of_a_cargo_lock() {
        let lock = "version = 4\n\n[[package]]\nname = \"anyhow\"\nversion = \"1.0.105\"\n\
                    source = \"registry+https://github.com/rust-lang/crates.io-index\"\nchecksum = \"ab\"\n\n\
                    [[package]]\nname = \"kplay-core\"\nversion = \"0.1.0\"\ndependencies = [\n \"serde\",\n]\n";
        assert_eq!(
            locked(lock).unwrap(),
            [Locked {
                name: "anyhow".into(),
                version: "1.0.105".into()
            }]
        );
        assert!(
            locked("[[package]]\nversion = \"1.0.0\"\nsource = \"registry+x\"\n")
                .unwrap_err()
                .contains("no name")
        );
    }
}
