//! Command-line flags of `cargo xtask`.

use anyhow::{bail, Context};

pub const USAGE: &str = "usage: cargo xtask <task>

tasks:
  setup              install every tool the project needs (skips what is already there)
  serve [--port N]   set up if needed, then `trunk serve` the playground
  build [--packed]   trunk build --release into dist/
  dist [--packed]    build dist/ and report wasm/js sizes (raw and gzip) against the 300 KB budget
                     --packed: ship the wasm LZMA-packed, unpacked by the page (an experiment, not the shipped
                     build: docs/benchmarks/web.md, Packed wasm); keeps the unpacked build in target/dist-unpacked
  test               set up if needed, then run every check and test (stops at the first failure)
  bench [--quick]    run the benchmarks (criterion, bundle size) and print where results go
  bench memory [--minutes N]
                     the `bench` preset at 50× in headless Chromium for N minutes (default 60): JS heap, wasm
                     memory and DOM nodes every minute (builds dist/ first if it is missing)
  soak [--cases N] [--seed S]
                     run the fault storms with N cases (default 10000) from base seed S
  fuzz [--target T] [--seconds N]
                     coverage-guided fuzzing (libFuzzer on stable) of one target or all, N s each (default 60)
  audit [--refresh-db PATH]
                     check dependency licenses and RustSec advisories offline; with --refresh-db, re-prune
                     audit/advisory-db/ from a checkout of the advisory database";

/// One `cargo xtask` invocation.
#[derive(Debug, PartialEq, Eq)]
pub enum Task {
    Help,
    Setup,
    Serve {
        port: u16,
    },
    Build {
        packed: bool,
    },
    Dist {
        packed: bool,
    },
    Test {
        skip_setup: bool,
    },
    Bench {
        quick: bool,
    },
    BenchMemory {
        minutes: u32,
    },
    Soak {
        cases: u64,
        seed: Option<u64>,
    },
    Fuzz {
        target: Option<String>,
        seconds: u64,
    },
    Audit {
        refresh_db: Option<String>,
    },
}

impl Task {
    pub fn parse(mut args: impl Iterator<Item = String>) -> anyhow::Result<Task> {
        let Some(task) = args.next() else {
            return Ok(Task::Help);
        };
        let rest: Vec<String> = args.collect();
        let task = match task.as_str() {
            "help" | "-h" | "--help" => Task::Help,
            "setup" => Task::Setup,
            "build" | "dist" => {
                let packed = rest.iter().any(|a| a == "--packed");
                if let Some(other) = rest.iter().find(|a| *a != "--packed") {
                    bail!("{task}: unknown argument {other:?}\n{USAGE}");
                }
                return Ok(if task == "build" {
                    Task::Build { packed }
                } else {
                    Task::Dist { packed }
                });
            }
            "serve" => {
                let mut port = 8080;
                let mut it = rest.iter();
                while let Some(arg) = it.next() {
                    match arg.as_str() {
                        "--port" => {
                            let value = it.next().context("--port needs a value")?;
                            port = value.parse().with_context(|| {
                                format!("--port: {value:?} is not a port number")
                            })?;
                        }
                        other => bail!("serve: unknown argument {other:?}\n{USAGE}"),
                    }
                }
                return Ok(Task::Serve { port });
            }
            "test" => {
                let skip_setup = rest.iter().any(|a| a == "--skip-setup");
                if let Some(other) = rest.iter().find(|a| *a != "--skip-setup") {
                    bail!("test: unknown argument {other:?}\n{USAGE}");
                }
                return Ok(Task::Test { skip_setup });
            }
            "bench" if rest.first().is_some_and(|a| a == "memory") => {
                let mut minutes = 60;
                let mut it = rest.iter().skip(1);
                while let Some(arg) = it.next() {
                    match arg.as_str() {
                        "--minutes" => {
                            let v = it.next().context("--minutes needs a value")?;
                            minutes = v.parse().with_context(|| {
                                format!("--minutes: {v:?} is not a whole number")
                            })?;
                        }
                        other => bail!("bench memory: unknown argument {other:?}\n{USAGE}"),
                    }
                }
                if minutes == 0 {
                    bail!("--minutes: must be at least 1");
                }
                return Ok(Task::BenchMemory { minutes });
            }
            "bench" => {
                let quick = rest.iter().any(|a| a == "--quick");
                if let Some(other) = rest.iter().find(|a| *a != "--quick") {
                    bail!("bench: unknown argument {other:?}\n{USAGE}");
                }
                return Ok(Task::Bench { quick });
            }
            "soak" => {
                let (mut cases, mut seed) = (crate::soak::DEFAULT_CASES, None);
                let mut it = rest.iter();
                while let Some(arg) = it.next() {
                    let mut value = |flag: &str| -> anyhow::Result<u64> {
                        let v = it.next().with_context(|| format!("{flag} needs a value"))?;
                        v.parse()
                            .with_context(|| format!("{flag}: {v:?} is not a whole number"))
                    };
                    match arg.as_str() {
                        "--cases" => cases = value("--cases")?,
                        "--seed" => seed = Some(value("--seed")?),
                        other => bail!("soak: unknown argument {other:?}\n{USAGE}"),
                    }
                }
                if cases == 0 {
                    bail!("--cases: must be at least 1");
                }
                return Ok(Task::Soak { cases, seed });
            }
            "fuzz" => {
                let (mut target, mut seconds) = (None, 60);
                let mut it = rest.iter();
                while let Some(arg) = it.next() {
                    let value = it.next().with_context(|| format!("{arg} needs a value"))?;
                    match arg.as_str() {
                        "--target" => target = Some(value.clone()),
                        "--seconds" => {
                            seconds = value.parse().with_context(|| {
                                format!("--seconds: {value:?} is not a whole number")
                            })?
                        }
                        other => bail!("fuzz: unknown argument {other:?}\n{USAGE}"),
                    }
                }
                if seconds == 0 {
                    bail!("--seconds: must be at least 1");
                }
                return Ok(Task::Fuzz { target, seconds });
            }
            "audit" => {
                return match rest.as_slice() {
                    [] => Ok(Task::Audit { refresh_db: None }),
                    [flag, path] if flag == "--refresh-db" => Ok(Task::Audit {
                        refresh_db: Some(path.clone()),
                    }),
                    [flag] if flag == "--refresh-db" => bail!("--refresh-db needs a path"),
                    _ => bail!("audit: unknown arguments {rest:?}\n{USAGE}"),
                };
            }
            other => bail!("unknown task {other:?}\n{USAGE}"),
        };
        if let Some(extra) = rest.first() {
            bail!("{task:?} takes no arguments, got {extra:?}");
        }
        Ok(task)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> anyhow::Result<Task> {
        Task::parse(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn parses_tasks_and_their_flags() {
        assert_eq!(parse(&[]).unwrap(), Task::Help);
        assert_eq!(
            parse(&["serve", "--port", "9000"]).unwrap(),
            Task::Serve { port: 9000 }
        );
        assert_eq!(parse(&["test"]).unwrap(), Task::Test { skip_setup: false });
        assert_eq!(parse(&["build"]).unwrap(), Task::Build { packed: false });
        assert_eq!(
            parse(&["dist", "--packed"]).unwrap(),
            Task::Dist { packed: true }
        );
        assert!(parse(&["dist", "--pack"]).is_err());
        assert_eq!(
            parse(&["bench", "--quick"]).unwrap(),
            Task::Bench { quick: true }
        );
        assert_eq!(
            parse(&["bench", "memory"]).unwrap(),
            Task::BenchMemory { minutes: 60 }
        );
        assert_eq!(
            parse(&["bench", "memory", "--minutes", "2"]).unwrap(),
            Task::BenchMemory { minutes: 2 }
        );
        assert_eq!(
            parse(&["soak"]).unwrap(),
            Task::Soak {
                cases: 10_000,
                seed: None
            }
        );
        assert_eq!(
            parse(&["fuzz"]).unwrap(),
            Task::Fuzz {
                target: None,
                seconds: 60
            }
        );
        assert_eq!(
            parse(&["fuzz", "--target", "commands", "--seconds", "600"]).unwrap(),
            Task::Fuzz {
                target: Some("commands".into()),
                seconds: 600
            }
        );
        assert_eq!(
            parse(&["soak", "--cases", "20000", "--seed", "7"]).unwrap(),
            Task::Soak {
                cases: 20_000,
                seed: Some(7)
            }
        );
        assert_eq!(parse(&["audit"]).unwrap(), Task::Audit { refresh_db: None });
        assert_eq!(
            parse(&["audit", "--refresh-db", "/tmp/db"]).unwrap(),
            Task::Audit {
                refresh_db: Some("/tmp/db".into())
            }
        );
    }

    #[test]
    fn rejects_unknown_tasks_and_bad_values() {
        assert!(parse(&["deploy"]).is_err());
        assert!(parse(&["serve", "--port", "http"]).is_err());
        assert!(parse(&["setup", "--force"]).is_err());
        assert!(parse(&["soak", "--cases"]).is_err());
        assert!(parse(&["soak", "--cases", "many"]).is_err());
        assert!(parse(&["soak", "--cases", "0"]).is_err());
        assert!(parse(&["soak", "--minutes", "5"]).is_err());
        assert!(parse(&["fuzz", "--seconds", "0"]).is_err());
        assert!(parse(&["fuzz", "--seconds"]).is_err());
        assert!(parse(&["fuzz", "--runs", "5"]).is_err());
        assert!(parse(&["audit", "--refresh-db"]).is_err());
        assert!(parse(&["audit", "--fix"]).is_err());
        assert!(parse(&["bench", "memory", "--minutes", "0"]).is_err());
        assert!(parse(&["bench", "memory", "--minutes"]).is_err());
        assert!(parse(&["bench", "memory", "--quick"]).is_err());
        assert!(parse(&["bench", "--quick", "memory"]).is_err());
    }
}
