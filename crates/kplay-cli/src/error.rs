//! The one error shape of the CLI: `error: <where>: <what is wrong>`.

use std::fmt;

/// An input problem, located.
#[derive(Debug)]
pub struct CliError {
    location: String,
    problem: String,
}

impl CliError {
    /// `location` names the argument, line or JSON path; `problem` says which rule it broke.
    pub fn new(location: impl Into<String>, problem: impl Into<String>) -> Self {
        CliError {
            location: location.into(),
            problem: problem.into(),
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: {}: {}", self.location, self.problem)
    }
}

/// Writes a command's whole answer to stdout; a failed write (a closed pipe) is reported like any input problem.
pub(crate) fn write_stdout(out: &[u8]) -> Result<(), CliError> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(out)
        .and_then(|()| stdout.flush())
        .map_err(|e| CliError::new("stdout", format!("cannot write: {e}")))
}
