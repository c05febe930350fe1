//! `kplay hash` and `kplay partition --partitions N`: one key per stdin line, one number per stdout line.
//!
//! Keys are the exact bytes of each line without its `\n` (a `\r` before it stays part of the key, because Kafka
//! hashes bytes, not text). A final line without `\n` is a key too; a trailing `\n` does not add an empty key.
//! The whole input is read and validated before anything is printed, so an error leaves stdout empty.

use crate::error::{write_stdout, CliError};
use kplay_core::hash::{murmur2, to_positive};
use std::io::Read;

/// Largest partition count: Kafka's `Integer.MAX_VALUE`.
const MAX_PARTITIONS: u64 = 2_147_483_647;

/// `kplay hash`: murmur2 of each key as a signed decimal `i32`.
pub fn run_hash(args: &[String]) -> Result<(), CliError> {
    if let Some(extra) = args.first() {
        return Err(CliError::new(
            "arguments",
            format!("`kplay hash` takes no arguments, got {extra:?}"),
        ));
    }
    let input = read_stdin_lines("key")?;
    let mut out = Vec::with_capacity(input.len() + input.len() / 2);
    for key in lines(&input) {
        push_decimal(&mut out, i64::from(murmur2(key)));
    }
    write_stdout(&out)
}

/// `kplay partition --partitions N`: `(murmur2(key) & 0x7fffffff) % N` for each key.
pub fn run_partition(args: &[String]) -> Result<(), CliError> {
    let partitions = parse_partitions_flag(args)?;
    let input = read_stdin_lines("key")?;
    let mut out = Vec::with_capacity(input.len());
    for key in lines(&input) {
        push_decimal(&mut out, i64::from(to_positive(murmur2(key)) % partitions));
    }
    write_stdout(&out)
}

fn parse_partitions_flag(args: &[String]) -> Result<u32, CliError> {
    const USAGE: &str = "usage: kplay partition --partitions N";
    let Some(text) = partitions_option(args, USAGE)? else {
        return Err(CliError::new("--partitions", format!("missing ({USAGE})")));
    };
    parse_partition_count(text)
}

/// The text of the one option these commands take, `--partitions N` or `--partitions=N`, given at most once
/// (`None` when absent); anything else is an unknown argument, named with `usage`.
pub(crate) fn partitions_option<'a>(
    args: &'a [String],
    usage: &str,
) -> Result<Option<&'a str>, CliError> {
    let mut value: Option<&str> = None;
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        let given = if arg == "--partitions" {
            i += 1;
            args.get(i).map(String::as_str).ok_or_else(|| {
                CliError::new(
                    "--partitions",
                    "missing value (expected a number from 1 to 2147483647)",
                )
            })?
        } else if let Some(v) = arg.strip_prefix("--partitions=") {
            v
        } else {
            return Err(CliError::new(
                "arguments",
                format!("unknown argument {arg:?} ({usage})"),
            ));
        };
        if value.replace(given).is_some() {
            return Err(CliError::new("--partitions", "given more than once"));
        }
        i += 1;
    }
    Ok(value)
}

/// Parses N strictly: ASCII digits only (no sign, no spaces), 1 ≤ N ≤ 2147483647.
pub(crate) fn parse_partition_count(text: &str) -> Result<u32, CliError> {
    let rule = "must be a whole number from 1 to 2147483647";
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if text.strip_prefix('-').is_some_and(digits) {
        return Err(CliError::new(
            "--partitions",
            format!("{text} is negative; it {rule}"),
        ));
    }
    if !digits(text) {
        return Err(CliError::new(
            "--partitions",
            format!("{text:?} is not a number; it {rule}"),
        ));
    }
    match text.parse::<u64>() {
        Ok(n) if (1..=MAX_PARTITIONS).contains(&n) => {
            u32::try_from(n).map_err(|_| CliError::new("--partitions", rule))
        }
        _ => Err(CliError::new(
            "--partitions",
            format!("{text} is out of range; it {rule}"),
        )),
    }
}

/// Reads all of stdin and checks it is non-empty UTF-8, naming the first bad line; `noun` names one line's
/// content in the messages ("key", "group id").
pub(crate) fn read_stdin_lines(noun: &str) -> Result<Vec<u8>, CliError> {
    let mut input = Vec::new();
    std::io::stdin()
        .lock()
        .read_to_end(&mut input)
        .map_err(|e| CliError::new("stdin", format!("cannot read: {e}")))?;
    if input.is_empty() {
        return Err(CliError::new(
            "stdin",
            format!("no {noun}s (expected one {noun} per line; an empty line is the empty {noun})"),
        ));
    }
    check_utf8(&input)?;
    Ok(input)
}

/// Validates the whole buffer at once (fast path) and only on failure counts lines to name the culprit.
pub(crate) fn check_utf8(input: &[u8]) -> Result<(), CliError> {
    match std::str::from_utf8(input) {
        Ok(_) => Ok(()),
        Err(e) => {
            let bad_at = e.valid_up_to();
            let line = 1 + input[..bad_at].iter().filter(|&&b| b == b'\n').count();
            let line_start = input[..bad_at]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1);
            Err(CliError::new(
                format!("stdin line {line}"),
                format!(
                    "invalid UTF-8 at byte {} of the line (keys must be UTF-8 text)",
                    bad_at - line_start + 1
                ),
            ))
        }
    }
}

/// The keys of `input`: split on `\n`, where a trailing `\n` ends the last key instead of starting a new one.
pub(crate) fn lines(input: &[u8]) -> impl Iterator<Item = &[u8]> {
    let body = input.strip_suffix(b"\n").unwrap_or(input);
    body.split(|&b| b == b'\n')
}

/// Appends `value` and a newline without allocating.
pub(crate) fn push_decimal(out: &mut Vec<u8>, value: i64) {
    let mut digits = [0u8; 20];
    let mut n = value.unsigned_abs();
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if value < 0 {
        out.push(b'-');
    }
    out.extend_from_slice(&digits[start..]);
    out.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_keep_empty_keys_and_ignore_one_trailing_newline() {
        let got: Vec<&[u8]> = lines(b"a\n\nb\n").collect();
        assert_eq!(got, vec![&b"a"[..], b"", b"b"]);
        let got: Vec<&[u8]> = lines(b"\n").collect();
        assert_eq!(got, vec![&b""[..]]);
        let got: Vec<&[u8]> = lines(b"x\r\ny").collect();
        assert_eq!(got, vec![&b"x\r"[..], b"y"]);
    }

    #[test]
    fn decimal_formatting_covers_extremes() {
        let mut out = Vec::new();
        for v in [0, -1, 7, i64::from(i32::MIN), i64::from(i32::MAX)] {
            push_decimal(&mut out, v);
        }
        assert_eq!(out, b"0\n-1\n7\n-2147483648\n2147483647\n");
    }

    #[test]
    fn partition_count_rules() {
        assert_eq!(parse_partition_count("1").ok(), Some(1));
        assert_eq!(
            parse_partition_count("2147483647").ok(),
            Some(i32::MAX as u32)
        );
        for bad in [
            "0",
            "2147483648",
            "-1",
            "+3",
            " 3",
            "3x",
            "",
            "99999999999999999999999",
        ] {
            assert!(parse_partition_count(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn utf8_error_names_the_line() {
        let err = check_utf8(b"ok\nfine\nbad\xff\n").unwrap_err().to_string();
        assert!(
            err.starts_with("error: stdin line 3: invalid UTF-8 at byte 4"),
            "{err}"
        );
    }
}
