//! `kplay coordinator [--partitions N]`: the `__consumer_offsets` partition of each group id on stdin (one per
//! line), one number per stdout line: `Utils.abs(groupId.hashCode()) % N`, N = `offsets.topic.num.partitions`
//! (default 50). The broker leading that partition is the group's coordinator (docs/brokers.md).
//!
//! Lines are read as `kplay hash` reads keys: each line's exact text without its `\n` (a `\r` stays part of the
//! id); a trailing `\n` does not add an empty id; an empty line is the empty group id. Everything is read and
//! checked before anything is printed.

use crate::error::write_stdout;
use crate::error::CliError;
use crate::keys::{
    lines, parse_partition_count, partitions_option, push_decimal, read_stdin_lines,
};
use kplay_core::cluster::{coordinator_partition, OFFSETS_TOPIC_PARTITIONS_DEFAULT};
use std::num::NonZeroU32;

const USAGE: &str =
    "usage: kplay coordinator [--partitions N]   (group ids on stdin, one per line)";

/// Entry point of `kplay coordinator`.
pub fn run(args: &[String]) -> Result<(), CliError> {
    let partitions = parse_args(args)?;
    let input = read_stdin_lines("group id")?;
    let mut out = Vec::with_capacity(input.len());
    for id in lines(&input) {
        // read_stdin_lines checked the whole input is UTF-8 and lines() splits only at '\n', so every line is UTF-8.
        let id = std::str::from_utf8(id).unwrap_or_default();
        push_decimal(&mut out, i64::from(coordinator_partition(id, partitions)));
    }
    write_stdout(&out)
}

fn parse_args(args: &[String]) -> Result<NonZeroU32, CliError> {
    let value = partitions_option(args, USAGE)?;
    match value {
        None => Ok(OFFSETS_TOPIC_PARTITIONS_DEFAULT),
        Some(text) => NonZeroU32::new(parse_partition_count(text)?).ok_or_else(|| {
            CliError::new(
                "--partitions",
                "must be a whole number from 1 to 2147483647",
            )
        }),
    }
}
