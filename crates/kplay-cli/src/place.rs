//! `kplay place`: where Kafka's `AdminUtils.assignReplicasToBrokers` puts the replicas of a new topic
//! (docs/brokers.md).
//!
//! ```text
//! kplay place --brokers 1,2,3 [--racks a,a,b] --partitions N --replication-factor R
//!             [--start-index I [--shift S]] [--start-partition P] [--seed X]
//! ```
//!
//! Prints one JSON object on one line, partition id → replica list, partitions ascending, the first replica of
//! each list being the partition's preferred leader: `{"0":[1,2,3],"1":[2,3,1]}`.
//!
//! Kafka draws the start index and the replica shift at random unless a start index is fixed, which then serves as
//! both. So: `--start-index I` alone is Kafka's fixed start index (shift = I); `--shift S` sets the shift apart;
//! without `--start-index` both are drawn from kplay's generator seeded with `--seed` (default 0), and a `note:`
//! line on stderr says which values were drawn.

use crate::error::CliError;
use kplay_core::cluster::{assign_replicas_to_brokers, Broker, PlacementError, Start};
use kplay_core::rng::Rng;

const USAGE: &str = "usage: kplay place --brokers ID,ID,… [--racks R,R,…] --partitions N \
--replication-factor R [--start-index I [--shift S]] [--start-partition P] [--seed X]";

const OPTIONS: [&str; 8] = [
    "--brokers",
    "--racks",
    "--partitions",
    "--replication-factor",
    "--start-index",
    "--shift",
    "--start-partition",
    "--seed",
];

/// kplay's own bound: the answer holds one list per partition (Kafka's own limit is Java's `int`).
const MAX_PARTITIONS: i64 = 1_000_000;
const MAX_INT: i64 = 2_147_483_647;

/// Entry point of `kplay place`.
pub fn run(args: &[String]) -> Result<(), CliError> {
    let values = parse_options(args)?;
    let get = |name: &str| values[OPTIONS.iter().position(|o| *o == name).unwrap_or(0)];

    let brokers_text =
        get("--brokers").ok_or_else(|| CliError::new("--brokers", format!("missing\n{USAGE}")))?;
    let mut brokers = Vec::new();
    for (i, item) in brokers_text.split(',').enumerate() {
        let id = int(item, 0, MAX_INT).map_err(|rule| {
            CliError::new(
                "--brokers",
                format!("entry {} ({item:?}): a broker id {rule}", i + 1),
            )
        })?;
        if brokers.iter().any(|b: &Broker| i64::from(b.id) == id) {
            return Err(CliError::new(
                "--brokers",
                format!("broker {id} is listed twice (broker ids are unique in a cluster)"),
            ));
        }
        brokers.push(Broker::new(id as i32));
    }
    if let Some(racks) = get("--racks") {
        let racks: Vec<&str> = racks.split(',').collect();
        if racks.len() != brokers.len() {
            return Err(CliError::new(
                "--racks",
                format!(
                    "{} entries for {} brokers; give one rack per broker, in the order of --brokers \
                     (an empty entry: that broker has no rack)",
                    racks.len(),
                    brokers.len()
                ),
            ));
        }
        for (broker, rack) in brokers.iter_mut().zip(racks) {
            broker.rack = (!rack.is_empty()).then(|| rack.to_string());
        }
    }

    let partitions = required_int(get("--partitions"), "--partitions", -MAX_INT - 1, MAX_INT)?;
    if partitions > MAX_PARTITIONS {
        return Err(CliError::new(
            "--partitions",
            format!("{partitions} is more than kplay places at once ({MAX_PARTITIONS})"),
        ));
    }
    let rf = required_int(
        get("--replication-factor"),
        "--replication-factor",
        -MAX_INT - 1,
        MAX_INT,
    )?;
    let first_partition = optional_int(get("--start-partition"), "--start-partition")?.unwrap_or(0);
    let index = optional_int(get("--start-index"), "--start-index")?;
    let shift = optional_int(get("--shift"), "--shift")?;
    let seed = get("--seed")
        .map(|text| {
            text.parse::<u64>()
                .ok()
                .filter(|_| text.bytes().all(|b| b.is_ascii_digit()))
                .ok_or_else(|| {
                    CliError::new(
                        "--seed",
                        format!("{text:?}: must be a whole number from 0 to 18446744073709551615"),
                    )
                })
        })
        .transpose()?;

    // Said on stderr only once the placement succeeded, so an error stays the only stderr line.
    let mut note = None;
    let start = match (index, shift, seed) {
        (None, Some(_), _) => {
            return Err(CliError::new(
                "--shift",
                "needs --start-index (Kafka fixes the start or draws both at random)",
            ))
        }
        (Some(_), _, Some(_)) => {
            return Err(CliError::new(
                "--seed",
                "draws the start index and shift, so it cannot go with --start-index",
            ))
        }
        (Some(index), shift, None) => Start {
            index,
            shift: shift.unwrap_or(index),
            first_partition,
        },
        (None, None, seed) => {
            let seed = seed.unwrap_or(0);
            let drawn = Start::random(&mut Rng::new(seed), brokers.len());
            note = Some(format!(
                "note: start index {} and replica shift {} drawn from seed {seed} (Kafka draws them at random; \
                 --start-index fixes them)",
                drawn.index, drawn.shift
            ));
            Start {
                first_partition,
                ..drawn
            }
        }
    };

    java_int_fits(&brokers, partitions, &start, shift.is_some())?;
    let placement = assign_replicas_to_brokers(&brokers, partitions as i32, rf as i32, start)
        .map_err(|e| {
            let (option, kafka) = match e {
                PlacementError::InvalidPartitions(_) => {
                    ("--partitions", "InvalidPartitionsException")
                }
                PlacementError::InvalidReplicationFactor(_)
                | PlacementError::ReplicationFactorTooLarge { .. } => {
                    ("--replication-factor", "InvalidReplicationFactorException")
                }
                PlacementError::IncompleteRacks => ("--racks", "AdminOperationException"),
                PlacementError::DuplicateBroker(_) => ("--brokers", "kplay's rule"),
            };
            CliError::new(option, format!("{e} ({kafka})"))
        })?;

    if let Some(note) = note {
        eprintln!("{note}");
    }
    let mut out = String::with_capacity(16 * placement.len());
    out.push('{');
    for (i, replicas) in placement.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let id = u64::from(first_partition) + i as u64;
        out.push_str(&format!("\"{id}\":["));
        for (j, b) in replicas.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            out.push_str(&b.to_string());
        }
        out.push(']');
    }
    out.push_str("}\n");
    crate::error::write_stdout(out.as_bytes())
}

/// The value of each option in [`OPTIONS`] order; `--name value` or `--name=value`, each at most once.
fn parse_options(args: &[String]) -> Result<[Option<&str>; 8], CliError> {
    let mut values: [Option<&str>; 8] = [None; 8];
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) => (n, Some(v)),
            None => (arg, None),
        };
        let Some(slot) = OPTIONS.iter().position(|o| *o == name) else {
            return Err(CliError::new(
                "arguments",
                format!("unknown argument {arg:?}\n{USAGE}"),
            ));
        };
        let value = match inline {
            Some(v) => v,
            None => {
                i += 1;
                args.get(i)
                    .map(String::as_str)
                    .ok_or_else(|| CliError::new(name, "missing value"))?
            }
        };
        if values[slot].replace(value).is_some() {
            return Err(CliError::new(name, "given more than once"));
        }
        i += 1;
    }
    Ok(values)
}

/// A whole number in `min..=max`: ASCII digits with an optional leading `-`, nothing else.
fn int(text: &str, min: i64, max: i64) -> Result<i64, String> {
    let rule = format!("must be a whole number from {min} to {max}");
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{rule}; {text:?} is not a number"));
    }
    match text.parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(format!("{rule}, got {text}")),
    }
}

fn required_int(value: Option<&str>, name: &str, min: i64, max: i64) -> Result<i64, CliError> {
    let text = value.ok_or_else(|| CliError::new(name, format!("missing\n{USAGE}")))?;
    int(text, min, max).map_err(|rule| CliError::new(name, rule))
}

/// Refuses a fixed start where Kafka's `int` arithmetic would overflow (Java wraps to a negative index and
/// throws, or silently places differently), so every answer printed is one Kafka would give: the partition ids,
/// `partition id + start index` and the replica shift (rack-aware: times the racks) must stay within a Java `int`.
fn java_int_fits(
    brokers: &[Broker],
    partitions: i64,
    start: &Start,
    shift_given: bool,
) -> Result<(), CliError> {
    let last_id = i64::from(start.first_partition) + partitions.max(1) - 1;
    if last_id > MAX_INT {
        return Err(CliError::new(
            "--start-partition",
            format!(
                "the last partition id would be {last_id}, above Java's int range (2147483647)"
            ),
        ));
    }
    if last_id + i64::from(start.index) > MAX_INT {
        return Err(CliError::new(
            "--start-index",
            format!(
                "partition id + start index reaches {}, where Kafka's int arithmetic overflows (at most 2147483647)",
                last_id + i64::from(start.index)
            ),
        ));
    }
    let racks = {
        let mut names: Vec<&str> = brokers.iter().filter_map(|b| b.rack.as_deref()).collect();
        names.sort_unstable();
        names.dedup();
        names.len() as i64
    };
    // The shift grows by one at each partition id after the first that is a multiple of the broker count.
    let n = brokers.len().max(1) as i64;
    let first = i64::from(start.first_partition);
    let shift_max = i64::from(start.shift) + last_id / n - first / n;
    let reached = shift_max * racks.max(1);
    if reached > MAX_INT {
        let what = if racks > 0 {
            "replica shift × racks"
        } else {
            "the replica shift"
        };
        return Err(CliError::new(
            if shift_given { "--shift" } else { "--start-index" },
            format!("{what} reaches {reached}, where Kafka's int arithmetic overflows (at most 2147483647)"),
        ));
    }
    Ok(())
}

fn optional_int(value: Option<&str>, name: &str) -> Result<Option<u32>, CliError> {
    value
        .map(|text| {
            int(text, 0, MAX_INT)
                .map(|n| n as u32)
                .map_err(|rule| CliError::new(name, rule))
        })
        .transpose()
}
