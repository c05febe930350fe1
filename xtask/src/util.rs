//! Running commands: echo them, stream their output, fail with the step's name.

use anyhow::{bail, Context};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

/// Prints a step header so logs show where time goes and what failed.
pub fn step(title: &str) {
    println!("\n==> {title}");
}

fn describe(cmd: &Command) -> String {
    let mut line = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        line.push(' ');
        line.push_str(&arg.to_string_lossy());
    }
    line
}

/// Runs `cmd` with inherited stdio; an error names the command and its exit status.
pub fn exec(cmd: &mut Command) -> anyhow::Result<()> {
    let line = describe(cmd);
    println!("$ {line}");
    let status = cmd
        .status()
        .with_context(|| format!("could not start `{line}`"))?;
    if !status.success() {
        bail!("`{line}` failed ({status})");
    }
    Ok(())
}

/// Runs `cmd` and returns its trimmed stdout, or `None` when it can't start or fails (used to probe versions).
pub fn probe(cmd: &mut Command) -> Option<String> {
    let out = cmd.stderr(Stdio::null()).output().ok()?;
    if !out.status.success() {
        return None;
    }
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Test counts gathered from runners' closing lines.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.passed += other.passed;
        self.failed += other.failed;
    }
}

/// Reads the counts out of one output line of cargo's test harness, wasm-bindgen-test, node's test runner, or
/// any tool printing the plain `N passed, M failed`.
pub fn parse_counts(line: &str) -> Option<Counts> {
    let line = line.trim();
    if let Some(rest) = line.strip_prefix("test result: ") {
        // cargo / libtest: "test result: ok. 12 passed; 0 failed; 0 ignored; ..."
        let number_before = |word: &str| -> Option<u64> {
            let idx = rest.find(word)?;
            rest[..idx].split_whitespace().last()?.parse().ok()
        };
        return Some(Counts {
            passed: number_before(" passed")?,
            failed: number_before(" failed")?,
        });
    }
    if let Some(n) = line.strip_prefix("# pass ") {
        return Some(Counts {
            passed: n.trim().parse().ok()?,
            failed: 0,
        });
    }
    if let Some(n) = line.strip_prefix("# fail ") {
        return Some(Counts {
            passed: 0,
            failed: n.trim().parse().ok()?,
        });
    }
    // Plain "N passed, M failed" (optionally behind one word and a colon).
    let body = line.split_once(": ").map_or(line, |(_, b)| b);
    let (passed, failed) = body.split_once(", ")?;
    let passed = passed.strip_suffix(" passed")?.trim().parse().ok()?;
    let failed = failed
        .split(',')
        .next()?
        .strip_suffix(" failed")?
        .trim()
        .parse()
        .ok()?;
    Some(Counts { passed, failed })
}

/// Runs `cmd`, echoing its stdout line by line while adding up test counts; fails when the command fails.
pub fn run_counting(cmd: &mut Command) -> anyhow::Result<Counts> {
    let line = describe(cmd);
    println!("$ {line}");
    let mut child = cmd
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("could not start `{line}`"))?;
    let mut counts = Counts::default();
    if let Some(stdout) = child.stdout.take() {
        for out_line in BufReader::new(stdout).lines() {
            let out_line = out_line.unwrap_or_default();
            println!("{out_line}");
            if let Some(c) = parse_counts(&out_line) {
                counts += c;
            }
        }
    }
    let status = child.wait()?;
    if !status.success() {
        bail!("`{line}` failed ({status})");
    }
    Ok(counts)
}

/// Whether this process runs as root (so apt-get can install system packages).
pub fn is_root() -> bool {
    probe(Command::new("id").arg("-u")).is_some_and(|uid| uid == "0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_libtest_node_and_plain_summaries() {
        assert_eq!(
            parse_counts(
                "test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.1s"
            ),
            Some(Counts { passed: 12, failed: 0 })
        );
        assert_eq!(
            parse_counts("test result: FAILED. 3 passed; 2 failed;"),
            Some(Counts {
                passed: 3,
                failed: 2
            })
        );
        assert_eq!(
            parse_counts("# pass 4"),
            Some(Counts {
                passed: 4,
                failed: 0
            })
        );
        assert_eq!(
            parse_counts("# fail 1"),
            Some(Counts {
                passed: 0,
                failed: 1
            })
        );
        assert_eq!(
            parse_counts("differential: 7 passed, 0 failed"),
            Some(Counts {
                passed: 7,
                failed: 0
            })
        );
        assert_eq!(parse_counts("compiling foo, bar"), None);
        assert_eq!(parse_counts("running 3 tests"), None);
    }
}
