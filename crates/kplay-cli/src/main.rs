//! `kplay`: the command-line face of kplay-core (DESIGN.md §3 is the contract).
//!
//! Every input error prints `error: <where>: <what is wrong>` on stderr, nothing on stdout, and exits with 2.

mod assign;
mod error;
mod json;
mod keys;
mod run;
mod scenario_file;
mod validate;

use error::CliError;
use std::process::ExitCode;

const USAGE: &str = "usage: kplay <command> [options]

commands:
  hash                                  murmur2 of each stdin line (signed i32)
  partition --partitions N              partition of each stdin line's key
  assign --strategy S                   run an assignor on stdin JSON (range|roundrobin|sticky|cooperative-sticky)
  run SCENARIO.json --until-ms T [--seed S] [--trace FILE|-]
  validate SCENARIO.json";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match dispatch(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("{err}");
            ExitCode::from(2)
        }
    }
}

fn dispatch(args: &[String]) -> Result<(), CliError> {
    let Some((command, rest)) = args.split_first() else {
        return Err(CliError::new(
            "arguments",
            format!("missing command\n{USAGE}"),
        ));
    };
    match command.as_str() {
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        "assign" => assign::run(rest),
        "hash" => keys::run_hash(rest),
        "partition" => keys::run_partition(rest),
        "run" => run::run(rest),
        "validate" => validate::run(rest),
        other => Err(CliError::new(
            "command",
            format!("unknown command {other:?}\n{USAGE}"),
        )),
    }
}
