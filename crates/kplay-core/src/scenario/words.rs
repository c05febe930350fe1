//! Plain wording for number rules and JSON type errors, shared by the scenario validator, the engine's command
//! checks, the CLI and the web forms, so a rule reads the same everywhere ("must be a whole number from 1 to
//! 1024"; a negative is called negative, not "not a number").

use alloc::format;
use alloc::string::String;

/// The rule "a whole number from `lo` to `hi`" (both included), in the words every message uses.
///
/// ```
/// assert_eq!(kplay_core::scenario::range_rule(1, 1024), "must be a whole number from 1 to 1024");
/// ```
pub fn range_rule(lo: u64, hi: u64) -> String {
    format!("must be a whole number from {lo} to {hi}")
}

/// Reads `text` (surrounding spaces ignored) as a whole number from `lo` to `hi`; the error is the
/// [`range_rule`] plus what was found: "got a negative number", "got 2000" or "got \"x\"".
///
/// ```
/// use kplay_core::scenario::parse_whole;
/// assert_eq!(parse_whole(" 3 ", 1, 1024), Ok(3));
/// assert_eq!(parse_whole("-3", 1, 1024), Err("must be a whole number from 1 to 1024, got a negative number".into()));
/// assert_eq!(parse_whole("2000", 1, 1024), Err("must be a whole number from 1 to 1024, got 2000".into()));
/// assert_eq!(parse_whole("x", 0, 9), Err("must be a whole number from 0 to 9, got \"x\"".into()));
/// ```
pub fn parse_whole(text: &str, lo: u64, hi: u64) -> Result<u64, String> {
    let t = text.trim();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let got = if t.strip_prefix('-').is_some_and(digits) {
        String::from("a negative number")
    } else if digits(t) {
        match t.parse::<u64>() {
            Ok(n) if (lo..=hi).contains(&n) => return Ok(n),
            _ => String::from(t),
        }
    } else {
        format!("{t:?}")
    };
    Err(format!("{}, got {got}", range_rule(lo, hi)))
}

/// The largest value of an unsigned type as serde names it in "expected u32", if it is one.
fn unsigned_max(ty: &str) -> Option<u64> {
    Some(match ty {
        "u8" => u8::MAX.into(),
        "u16" => u16::MAX.into(),
        "u32" => u32::MAX.into(),
        "u64" | "usize" => u64::MAX,
        _ => return None,
    })
}

/// What serde expected ("u32", "a sequence", "struct TopicSpec") in plain words.
fn expected_words(e: &str) -> String {
    if let Some(max) = unsigned_max(e) {
        return range_rule(0, max).replacen("must be ", "", 1);
    }
    String::from(match e {
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number",
        "f32" | "f64" => "a number",
        "a boolean" => "true or false",
        "a sequence" => "a list",
        "a map" => "an object",
        _ if e.starts_with("struct ") => "an object",
        _ => return String::from(e),
    })
}

/// What serde found ("integer `5`", "string \"x\"", "map") in plain words.
fn found_words(g: &str) -> String {
    for prefix in ["integer ", "floating point ", "boolean "] {
        if let Some(v) = g.strip_prefix(prefix) {
            return String::from(v.trim_matches('`'));
        }
    }
    if let Some(v) = g.strip_prefix("string ") {
        return String::from(v);
    }
    String::from(match g {
        "sequence" => "a list",
        "map" => "an object",
        _ => g,
    })
}

/// Drops serde_json's " at line N column M" ending (the caller names the place itself).
fn without_position(msg: &str) -> &str {
    if let Some((head, tail)) = msg.rsplit_once(" at line ") {
        let numbers = tail
            .split(" column ")
            .all(|n| n.bytes().all(|b| b.is_ascii_digit()));
        if numbers && tail.contains(" column ") {
            return head;
        }
    }
    msg
}

/// serde's message for a scenario field (`invalid value: integer \`-3\`, expected u32`) in plain words
/// (`must not be negative, got -3`); messages it does not know pass through unchanged.
///
/// ```
/// use kplay_core::scenario::json_problem;
/// assert_eq!(json_problem("invalid value: integer `-3`, expected u32"), "must not be negative, got -3");
/// assert_eq!(
///     json_problem("invalid type: string \"many\", expected u32 at line 2 column 9"),
///     "must be a whole number from 0 to 4294967295, got \"many\""
/// );
/// assert_eq!(json_problem("missing field `partitions`"), "missing the required field \"partitions\"");
/// ```
pub fn json_problem(msg: &str) -> String {
    let msg = without_position(msg);
    let tick = |s: &str| String::from(s.trim_matches('`'));
    if let Some(rest) = msg.strip_prefix("invalid value: integer `") {
        if let Some((n, ty)) = rest.split_once("`, expected ") {
            if n.starts_with('-') {
                return format!("must not be negative, got {n}");
            }
            if let Some(max) = unsigned_max(ty) {
                return format!("{}, got {n}", range_rule(0, max));
            }
        }
    }
    if let Some((got, want)) = msg
        .strip_prefix("invalid type: ")
        .and_then(|r| r.split_once(", expected "))
    {
        return format!("must be {}, got {}", expected_words(want), found_words(got));
    }
    if let Some(name) = msg.strip_prefix("missing field ") {
        return format!("missing the required field {:?}", tick(name));
    }
    for (serde, ours) in [
        ("unknown field ", "unknown field"),
        ("unknown variant ", "unknown value"),
    ] {
        if let Some((name, allowed)) = msg
            .strip_prefix(serde)
            .and_then(|r| r.split_once(", expected one of "))
        {
            let allowed: alloc::vec::Vec<String> = allowed.split(", ").map(tick).collect();
            return format!("{ours} {:?}; allowed: {}", tick(name), allowed.join(", "));
        }
    }
    String::from(msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negatives_are_called_negative() {
        assert_eq!(
            parse_whole("-0", 0, 5),
            Err("must be a whole number from 0 to 5, got a negative number".into())
        );
        assert_eq!(
            json_problem("invalid value: integer `-1`, expected u64"),
            "must not be negative, got -1"
        );
    }

    #[test]
    fn serde_messages_become_plain() {
        assert_eq!(
            json_problem("invalid value: integer `5000000000`, expected u32"),
            "must be a whole number from 0 to 4294967295, got 5000000000"
        );
        assert_eq!(
            json_problem("invalid type: map, expected a sequence"),
            "must be a list, got an object"
        );
        assert_eq!(
            json_problem("unknown field `colour`, expected one of `name`, `partitions`"),
            "unknown field \"colour\"; allowed: name, partitions"
        );
        assert_eq!(
            json_problem("EOF while parsing a value"),
            "EOF while parsing a value"
        );
        assert_eq!(
            parse_whole("18446744073709551616", 0, u64::MAX)
                .map_err(|e| e.ends_with("got 18446744073709551616")),
            Err(true)
        );
    }
}
