//! `kplay`: the command-line face of kplay-core (DESIGN.md §3 is the contract).
//!
//! Every input error prints `error: <where>: <what is wrong>` on stderr, nothing on stdout, and exits with 2.

mod assign;
mod coordinator;
mod error;
mod flows;
mod import;
mod json;
mod keys;
mod lesson;
mod place;
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
  place --brokers 1,2,3 [--racks a,a,b] --partitions N --replication-factor R [--start-index I [--shift S]]
        [--start-partition P] [--seed X]   replica placement of a new topic as Kafka's AdminUtils (JSON)
  coordinator [--partitions 50]         __consumer_offsets partition (group coordinator) of each stdin group id
  run SCENARIO.json --until-ms T [--seed S] [--trace FILE|-]   an engine or a flow scenario (docs/scenario.md)
  validate SCENARIO.json
  flows http|pool|polling|system [--key value…] [--seed N] [--until-ms T] [--json]   the notes' contrasts side by side (docs/flows.md)
  import FILE... [--interval-s N]       scenario JSON from kafka-consumer-groups / kafka-topics output (explanation on stderr)
  lesson check [LESSON.json…]           run lessons (default lessons/*.json) and check every fact (exit 1 on a failure)
  lesson show LESSON.json [--lang ko|en] [--step N]   print a lesson's steps, questions and choices";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match dispatch(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(err) => {
            eprintln!("{err}");
            ExitCode::from(2)
        }
    }
}

/// `Ok(false)`: the command ran but found a failure (exit 1), as `lesson check` on a fact that does not hold.
fn dispatch(args: &[String]) -> Result<bool, CliError> {
    let Some((command, rest)) = args.split_first() else {
        return Err(CliError::new(
            "arguments",
            format!("missing command\n{USAGE}"),
        ));
    };
    match command.as_str() {
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(true)
        }
        "assign" => assign::run(rest).map(|()| true),
        "coordinator" => coordinator::run(rest).map(|()| true),
        "flows" => flows::run(rest).map(|()| true),
        "import" => import::run(rest).map(|()| true),
        "hash" => keys::run_hash(rest).map(|()| true),
        "partition" => keys::run_partition(rest).map(|()| true),
        "place" => place::run(rest).map(|()| true),
        "lesson" => lesson::run(rest),
        "run" => run::run(rest).map(|()| true),
        "validate" => validate::run(rest).map(|()| true),
        other => Err(CliError::new(
            "command",
            format!("unknown command {other:?}\n{USAGE}"),
        )),
    }
}
