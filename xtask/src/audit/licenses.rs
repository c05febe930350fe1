//! The license policy (`audit/licenses.toml`) and the packages it is checked against: every crate of
//! `cargo metadata` (all targets and platforms, dev dependencies included) and every npm package of
//! package-lock.json.

use super::{spdx, toml};
use serde_json::Value;

/// Allowed licenses and exceptions, and the packages allowed otherwise (each with its reason).
#[derive(Debug, Default)]
pub struct Policy {
    pub licenses: Vec<String>,
    pub exceptions: Vec<String>,
    /// `(kind, name, expression)`: `[crate.NAME]` or `[npm.NAME]` accepts exactly that `expression` ("" for a
    /// package without a license field).
    pub packages: Vec<(String, String, String)>,
}

impl Policy {
    pub fn parse(text: &str) -> Result<Policy, String> {
        let mut policy = Policy::default();
        for table in toml::parse(text)? {
            let name = table.name.as_str();
            if name == "licenses" {
                policy.licenses = table.strings("allow")?;
                policy.exceptions = table.strings("exceptions")?;
                continue;
            }
            let Some((kind, package)) = name
                .split_once('.')
                .filter(|(kind, _)| *kind == "crate" || *kind == "npm")
            else {
                if name.is_empty() && table.entries.is_empty() {
                    continue;
                }
                return Err(format!(
                    "[{name}]: expected [licenses], [crate.NAME] or [npm.NAME]"
                ));
            };
            let expression = table
                .str("expression")?
                .ok_or(format!("[{name}] expression: missing"))?;
            if table.str("reason")?.is_none_or(|r| r.trim().is_empty()) {
                return Err(format!("[{name}] reason: say why this package is allowed"));
            }
            policy
                .packages
                .push((kind.into(), package.into(), expression.into()));
        }
        if policy.licenses.is_empty() {
            return Err("[licenses] allow: missing or empty".into());
        }
        Ok(policy)
    }

    /// `Ok` when the package's license is allowed; otherwise why not.
    pub fn check(&self, kind: &str, name: &str, license: Option<&str>) -> Result<(), String> {
        let expression = license.unwrap_or_default();
        if self
            .packages
            .iter()
            .any(|(k, n, e)| k == kind && n == name && e == expression)
        {
            return Ok(());
        }
        let Some(license) = license else {
            return Err("has no license field".into());
        };
        if spdx::parse(license)?.allowed(&self.licenses, &self.exceptions) {
            Ok(())
        } else {
            Err(format!(
                "license `{license}` is not made of allowed licenses ({})",
                self.licenses.join(", ")
            ))
        }
    }
}

/// A package's name, version and license field.
pub type Package = (String, String, Option<String>);

/// The packages of `cargo metadata --format-version 1` output.
pub fn cargo_packages(metadata: &str) -> Result<Vec<Package>, String> {
    let json: Value = serde_json::from_str(metadata).map_err(|e| e.to_string())?;
    let packages = json["packages"]
        .as_array()
        .ok_or("cargo metadata has no packages array")?;
    packages
        .iter()
        .map(|p| {
            let text = |key: &str| p[key].as_str().map(str::to_string);
            Ok((
                text("name").ok_or("a package without a name")?,
                text("version").unwrap_or_default(),
                text("license"),
            ))
        })
        .collect()
}

/// The installed packages of package-lock.json (v2/v3 `packages`; the root entry is the project itself).
pub fn npm_packages(lock: &str) -> Result<Vec<Package>, String> {
    let json: Value = serde_json::from_str(lock).map_err(|e| format!("package-lock.json: {e}"))?;
    let packages = json["packages"]
        .as_object()
        .ok_or("package-lock.json: no `packages` object (lockfileVersion 2 or 3 needed)")?;
    let mut out = Vec::new();
    for (path, p) in packages {
        let Some((_, name)) = path.rsplit_once("node_modules/") else {
            continue;
        };
        // Old packages wrote `{ "type": "MIT" }`.
        let license = p["license"].as_str().or(p["license"]["type"].as_str());
        out.push((
            name.to_string(),
            p["version"].as_str().unwrap_or_default().to_string(),
            license.map(str::to_string),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: &str =
        "[licenses]\nallow = [\"MIT\", \"Apache-2.0\"]\nexceptions = [\"LLVM-exception\"]\n\n\
        [crate.odd]\nexpression = \"MIT AND Custom-1.0\"\nreason = \"read it: permissive\"\n\n\
        [npm.bare]\nexpression = \"\"\nreason = \"no license field; its README says MIT\"\n";

    #[test]
    fn allows_expressions_of_the_list_and_the_named_exceptions() {
        let policy = Policy::parse(POLICY).unwrap();
        assert_eq!(policy.check("crate", "a", Some("MIT/Apache-2.0")), Ok(()));
        assert_eq!(
            policy.check("crate", "a", Some("Apache-2.0 WITH LLVM-exception")),
            Ok(())
        );
        let err = policy.check("crate", "a", Some("GPL-3.0")).unwrap_err();
        assert!(
            err.contains("`GPL-3.0` is not made of allowed licenses (MIT, Apache-2.0)"),
            "{err}"
        );
        assert!(policy
            .check("crate", "a", Some("MIT AND"))
            .unwrap_err()
            .contains("expected a license"));
        assert_eq!(
            policy.check("crate", "a", None),
            Err("has no license field".into())
        );
        // A package exception accepts exactly its expression, for its kind only.
        assert_eq!(
            policy.check("crate", "odd", Some("MIT AND Custom-1.0")),
            Ok(())
        );
        assert!(policy.check("crate", "odd", Some("Custom-1.0")).is_err());
        assert!(policy
            .check("npm", "odd", Some("MIT AND Custom-1.0"))
            .is_err());
        assert_eq!(policy.check("npm", "bare", None), Ok(()));
        assert!(policy.check("crate", "bare", None).is_err());
    }

    #[test]
    fn a_bad_policy_says_what_is_wrong() {
        for (text, expected) in [
            (
                "[licenses]\nallow = []\n",
                "[licenses] allow: missing or empty",
            ),
            (
                "[licenses]\nallow = \"MIT\"\n",
                "[licenses] allow: must be an array",
            ),
            (
                "[licence]\nallow = [\"MIT\"]\n",
                "expected [licenses], [crate.NAME] or [npm.NAME]",
            ),
            (
                "[crate.x]\nexpression = \"MIT\"\n",
                "[crate.x] reason: say why",
            ),
            ("[npm.x]\nreason = \"r\"\n", "[npm.x] expression: missing"),
        ] {
            let err = Policy::parse(text).unwrap_err();
            assert!(err.contains(expected), "{text:?}: {err}");
        }
    }

    #[test]
    fn reads_cargo_metadata_and_package_lock() {
        let metadata = r#"{"packages":[{"name":"a","version":"1.0.0","license":"MIT"},
            {"name":"b","version":"2.0.0","license":null}],"version":1}"#;
        assert_eq!(
            cargo_packages(metadata).unwrap(),
            [
                ("a".into(), "1.0.0".into(), Some("MIT".into())),
                ("b".into(), "2.0.0".into(), None)
            ]
        );
        let lock = r#"{"lockfileVersion":3,"packages":{
            "":{"name":"kplay-tools","license":"MIT OR Apache-2.0"},
            "node_modules/terser":{"version":"5.51.4","license":"BSD-2-Clause"},
            "node_modules/@scope/x/node_modules/old":{"version":"0.1.0","license":{"type":"ISC"}},
            "node_modules/none":{"version":"1.0.0"}}}"#;
        let mut npm = npm_packages(lock).unwrap();
        npm.sort();
        assert_eq!(
            npm,
            [
                ("none".into(), "1.0.0".into(), None),
                ("old".into(), "0.1.0".into(), Some("ISC".into())),
                (
                    "terser".into(),
                    "5.51.4".into(),
                    Some("BSD-2-Clause".into())
                ),
            ]
        );
        assert!(npm_packages(r#"{"dependencies":{}}"#)
            .unwrap_err()
            .contains("lockfileVersion 2 or 3"));
    }
}
