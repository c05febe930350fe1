//! `kplay import FILE... [--interval-s N]`: the scenario JSON of what Kafka's tools printed on stdout, the
//! explanation and the assumed values on stderr. Every unreadable line is `error: FILE: line N: …`; any problem
//! exits 2 with nothing on stdout.

use crate::error::CliError;
use kplay_core::import::{self, ClearTime, Imported, Parsed};

const USAGE: &str = "usage: kplay import FILE... [--interval-s N]";

pub fn run(args: &[String]) -> Result<(), CliError> {
    let mut files = Vec::new();
    let mut interval: Option<u64> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--interval-s" {
            let v = it
                .next()
                .ok_or_else(|| CliError::new("--interval-s", "missing value"))?;
            let n = v.parse::<u64>().ok().filter(|&n| n >= 1);
            let n = n.ok_or_else(|| {
                CliError::new(
                    "--interval-s",
                    format!("must be a whole number of seconds ≥ 1, got {v:?}"),
                )
            })?;
            interval = Some(n);
        } else if a.starts_with("--") {
            return Err(CliError::new(
                "arguments",
                format!("unknown option {a:?}\n{USAGE}"),
            ));
        } else {
            files.push(a.as_str());
        }
    }
    if files.is_empty() || (interval.is_some() && files.len() != 2) {
        let why = if files.is_empty() {
            "no FILE"
        } else {
            "--interval-s compares exactly two files: the earlier paste, then the later"
        };
        return Err(CliError::new("arguments", format!("{why}\n{USAGE}")));
    }
    let mut errors = Vec::new();
    let mut pastes = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f)
            .map_err(|e| CliError::new(*f, format!("cannot read: {e}")))?;
        let p = import::parse(&text);
        errors.extend(
            p.problems
                .iter()
                .map(|pr| CliError::new(*f, pr.to_string())),
        );
        pastes.push(p);
    }
    let (latest, rates) = match interval {
        Some(n) => {
            let (r, problems) = import::rates(&pastes[0], &pastes[1], n);
            errors.extend(
                problems
                    .iter()
                    .map(|pr| CliError::new(files[1], pr.to_string())),
            );
            (pastes.swap_remove(1), r)
        }
        None => {
            let mut all = Parsed::default();
            pastes.into_iter().for_each(|p| all.merge(p));
            (all, Vec::new())
        }
    };
    let built = import::build(&latest, &rates);
    if let Err(problems) = &built {
        errors.extend(
            problems
                .iter()
                .map(|pr| CliError::new("import", pr.to_string())),
        );
    }
    match built {
        Ok(imported) if errors.is_empty() => {
            let json = serde_json::to_string_pretty(&imported.scenario)
                .map_err(|e| CliError::new("import", format!("cannot write JSON: {e}")))?;
            println!("{json}");
            explain(&imported);
            Ok(())
        }
        _ => {
            let last = errors
                .pop()
                .unwrap_or_else(|| CliError::new("import", "unusable input"));
            for e in &errors {
                eprintln!("{e}");
            }
            Err(last)
        }
    }
}

fn parts(list: &[(String, u32)]) -> String {
    let v: Vec<String> = list.iter().map(|(t, p)| format!("{t}-{p}")).collect();
    if v.is_empty() {
        "nothing".into()
    } else {
        v.join(", ")
    }
}

fn explain(i: &Imported) {
    for g in &i.grouping {
        for inst in &g.instances {
            let ids: Vec<&str> = inst.members.iter().map(|m| m.1.as_str()).collect();
            eprintln!(
                "instance: {}: {} on {} ({} thread(s): {})",
                inst.id,
                inst.client_prefix,
                inst.host,
                inst.members.len(),
                ids.join(", ")
            );
        }
    }
    for e in &i.explanation {
        let g = &e.group;
        eprintln!(
            "group {g}: {} member(s), {} partition(s), strategy {}",
            e.members,
            e.partitions,
            e.strategy.name()
        );
        for m in &e.idle {
            let why = if m.more_members_than_partitions {
                "more members than partitions"
            } else {
                "the assignment gives it nothing (a rebalance in progress, another subscription or a custom assignor)"
            };
            eprintln!("group {g}: idle {}: {why}", m.consumer_id);
        }
        let lag: Vec<String> = e
            .lag
            .iter()
            .map(|l| format!("{}-{} {}", l.topic, l.partition, l.lag))
            .collect();
        eprintln!(
            "group {g}: lag {} ({})",
            e.total_lag,
            if lag.is_empty() {
                "none".into()
            } else {
                lag.join(", ")
            }
        );
        match e.assignment_matches {
            Some(true) => eprintln!(
                "group {g}: the assignment is what {} computes",
                e.strategy.name()
            ),
            Some(false) => {
                eprintln!("group {g}: the assignment differs from what {} computes (a rebalance in progress, a member with another subscription, or a custom assignor):", e.strategy.name());
                for (m, p) in &e.expected {
                    eprintln!("group {g}:   {m} would get {}", parts(p));
                }
            }
            None => eprintln!("group {g}: the paste does not show every member's partitions"),
        }
        let clear = match e.clear {
            ClearTime::NoLag => "no lag".to_string(),
            ClearTime::InMs(ms) => format!("the lag clears in {ms} ms at the measured rates"),
            ClearTime::Never => "the lag never clears: consumption is not above production".into(),
            ClearTime::Unknown => {
                "time to clear unknown: give two pastes taken N seconds apart (--interval-s N)"
                    .into()
            }
        };
        eprintln!("group {g}: {clear}");
    }
    for r in &i.rates {
        eprintln!(
            "rate: {} {}-{}: produced {} and consumed {} in {} s",
            r.group, r.topic, r.partition, r.produced, r.consumed, r.interval_s
        );
    }
    for a in &i.assumed {
        eprintln!("assumed: {}: {} ({})", a.path, a.value, a.why);
    }
}
