//! Reading a scenario file: JSON errors carry the JSON path of the offending field.

use crate::error::CliError;
use kplay_core::scenario::Scenario;

/// Reads and parses `path`; a parse error names the field path (`groups[0].instances[0].threads`).
pub fn load(path: &str) -> Result<Scenario, CliError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::new(path, format!("cannot read: {e}")))?;
    let mut de = serde_json::Deserializer::from_str(&text);
    let scenario: Scenario = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let at = e.path().to_string();
        let location = if at.is_empty() || at == "." {
            path.to_string()
        } else {
            format!("{path}: {at}")
        };
        CliError::new(location, e.into_inner().to_string())
    })?;
    de.end().map_err(|e| CliError::new(path, e.to_string()))?;
    Ok(scenario)
}

/// Every validation problem as `error: <path>: <rule>` lines; the last one is returned as the error.
pub fn check(scenario: &Scenario) -> Result<(), CliError> {
    match scenario.validate() {
        Ok(()) => Ok(()),
        Err(problems) => {
            let mut errors: Vec<CliError> = problems
                .into_iter()
                .map(|p| CliError::new(p.path, p.problem))
                .collect();
            let last = errors
                .pop()
                .unwrap_or_else(|| CliError::new("scenario", "invalid"));
            for e in errors {
                eprintln!("{e}");
            }
            Err(last)
        }
    }
}
