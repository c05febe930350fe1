//! Form text to typed values. Every failure names the field and the rule, with the same bounds the engine's
//! scenario validation uses, so a value the form accepts is never refused later for a different reason.
//!
//! The texts are English, worded like kplay-core's: the forms show them through
//! the catalogue's rule templates (kept on branch f11-spring-and-rules), which finds each rule among the catalogue's `rule.*` templates (a
//! test in `i18n/rules/tests.rs` fails when one is missing), so change a wording here and there together.

use kplay_core::scenario::{parse_whole, Burst, Processing, Ratio};

/// The name the group and instance forms give the hand-off queue in their errors (`hand-off queue: must be …`).
pub const HANDOFF_FIELD: &str = "hand-off queue";

/// The producer form's error for an explicit partition that is not a number.
pub const PARTITION_OR_EMPTY: &str = "partition: empty (use the partitioner) or a partition number";

/// The grow form's error when there is no topic to grow.
pub const NO_TOPIC: &str = "topic: add a topic first";

/// The grow form's error for a partition count that does not grow the topic beyond `now`.
///
/// ```
/// assert!(kplay_web::parse::only_grows(3).starts_with("partitions: must be more than 3."));
/// ```
pub fn only_grows(now: usize) -> String {
    format!("partitions: must be more than {now}. Kafka can add partitions but never remove them (records and offsets live in them)")
}

/// The rename form's error for a new name equal to the old one.
///
/// ```
/// assert_eq!(kplay_web::parse::same_name("orders"), "new name: is already \"orders\"");
/// ```
pub fn same_name(topic: &str) -> String {
    format!("new name: is already {topic:?}")
}

/// A ratio from 0 to 1 written as a decimal (`0.5`, `.25`, `1`), up to 6 decimals, read with integer arithmetic
/// so no float code reaches the bundle.
///
/// ```
/// use kplay_web::parse::ratio;
/// assert_eq!(ratio(" 0.5 ", "r").map(|r| r.millionths()), Ok(500_000));
/// assert_eq!(ratio(".000001", "r").map(|r| r.millionths()), Ok(1));
/// assert_eq!(ratio("1.5", "r"), Err("r: must be a number from 0 to 1 (up to 6 decimals)".into()));
/// ```
pub fn ratio(text: &str, field: &str) -> Result<Ratio, String> {
    Ratio::from_decimal(text.trim())
        .filter(|r| r.valid().is_some())
        .ok_or_else(|| format!("{field}: must be a number from 0 to 1 (up to 6 decimals)"))
}

/// A whole number from `min` to `max`, worded as the engine's validator words it
/// ([`kplay_core::scenario::parse_whole`]).
///
/// ```
/// use kplay_web::parse::whole;
/// assert_eq!(whole(" 3 ", "partitions", 1, 1024), Ok(3));
/// assert_eq!(whole("0", "partitions", 1, 1024), Err("partitions: must be a whole number from 1 to 1024, got 0".into()));
/// assert_eq!(whole("-3", "partitions", 1, 1024), Err("partitions: must be a whole number from 1 to 1024, got a negative number".into()));
/// ```
pub fn whole(text: &str, field: &str, min: u32, max: u32) -> Result<u32, String> {
    whole_u64(text, field, min.into(), max.into()).map(|n| u32::try_from(n).unwrap_or(max))
}

/// A count from 1 (partitions, threads, instances).
///
/// ```
/// assert!(kplay_web::parse::count("x", "threads", 64).unwrap_err().contains("from 1 to 64"));
/// ```
pub fn count(text: &str, field: &str, max: u32) -> Result<u32, String> {
    whole(text, field, 1, max)
}

/// A whole number from `min` to `max` for 64-bit settings (segment sizes and ages).
///
/// ```
/// assert_eq!(kplay_web::parse::whole_u64("65536", "segment.bytes", 14, 1 << 30), Ok(65536));
/// ```
pub fn whole_u64(text: &str, field: &str, min: u64, max: u64) -> Result<u64, String> {
    parse_whole(text, min, max).map_err(|rule| format!("{field}: {rule}"))
}

/// A retention limit: `-1` (no limit) or a positive number, as Kafka's `retention.ms` and `retention.bytes`.
///
/// ```
/// use kplay_web::parse::limit;
/// assert_eq!(limit("-1", "retention.ms"), Ok(-1));
/// assert!(limit("0", "retention.ms").unwrap_err().contains("-1 (no limit) or a positive"));
/// ```
pub fn limit(text: &str, field: &str) -> Result<i64, String> {
    match text.trim().parse::<i64>() {
        Ok(n) if n == -1 || n > 0 => Ok(n),
        _ => Err(format!(
            "{field}: must be -1 (no limit) or a positive whole number"
        )),
    }
}

/// The longest processing time per record the engine accepts (one hour).
pub const MAX_PROCESSING_MS: u32 = 3_600_000;

/// Processing time per record: `20` (always 20 ms) or `5-50` (uniform from 5 to 50 ms).
///
/// ```
/// use kplay_core::scenario::Processing;
/// use kplay_web::parse::processing;
/// assert_eq!(processing("20", "processing"), Ok(Processing::Fixed(20)));
/// assert_eq!(processing(" 5 - 50 ", "processing"), Ok(Processing::Range { min: 5, max: 50 }));
/// assert!(processing("50-5", "processing").is_err());
/// ```
pub fn processing(text: &str, field: &str) -> Result<Processing, String> {
    let rule = || {
        format!(
            "{field}: must be milliseconds per record, a whole number from 0 to {MAX_PROCESSING_MS}, or a range like 5-50 (min ≤ max)"
        )
    };
    let number = |t: &str| {
        t.trim()
            .parse::<u32>()
            .ok()
            .filter(|n| *n <= MAX_PROCESSING_MS)
    };
    if text.trim_start().starts_with('-') {
        return Err(format!("{}, got a negative number", rule()));
    }
    match text.split_once('-') {
        None => number(text).map(Processing::Fixed).ok_or_else(rule),
        Some((lo, hi)) => match (number(lo), number(hi)) {
            (Some(min), Some(max)) if min <= max => Ok(Processing::Range { min, max }),
            _ => Err(rule()),
        },
    }
}

/// The text a form shows for a processing time (the inverse of [`processing`]).
///
/// ```
/// use kplay_core::scenario::Processing;
/// assert_eq!(kplay_web::parse::processing_text(Processing::Range { min: 5, max: 50 }), "5-50");
/// ```
pub fn processing_text(p: Processing) -> String {
    match p {
        Processing::Fixed(ms) => ms.to_string(),
        Processing::Range { min, max } => format!("{min}-{max}"),
    }
}

/// A burst pattern from "on ms" and "off ms" fields; both empty means constant sending.
///
/// ```
/// use kplay_web::parse::burst;
/// assert_eq!(burst("", ""), Ok(None));
/// assert_eq!(burst("1000", "4000").map(|b| b.map(|b| b.off_ms)), Ok(Some(4000)));
/// assert!(burst("0", "4000").unwrap_err().starts_with("burst.on_ms"));
/// ```
pub fn burst(on: &str, off: &str) -> Result<Option<Burst>, String> {
    if on.trim().is_empty() && off.trim().is_empty() {
        return Ok(None);
    }
    Ok(Some(Burst {
        on_ms: whole(on, "burst.on_ms", 1, 86_400_000)?,
        off_ms: whole(off, "burst.off_ms", 0, 86_400_000)?,
    }))
}

/// A comma-separated list, trimmed, without empty items.
///
/// ```
/// assert_eq!(kplay_web::parse::list(" a, ,b "), vec!["a", "b"]);
/// ```
pub fn list(text: &str) -> Vec<&str> {
    text.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect()
}

/// The part of a form's error that belongs under `field` (messages start with `field:`), or "".
///
/// ```
/// use kplay_web::parse::error_for;
/// assert_eq!(error_for("partitions: must be positive", "partitions"), "partitions: must be positive");
/// assert_eq!(error_for("partitions: must be positive", "retention.ms"), "");
/// ```
pub fn error_for(error: &str, field: &str) -> String {
    let mine = error
        .strip_prefix(field)
        .is_some_and(|rest| rest.starts_with(':'));
    if mine {
        error.into()
    } else {
        String::new()
    }
}

/// The error when none of `fields` shows it inline (an engine refusal such as a duplicate name), or "".
///
/// ```
/// use kplay_web::parse::error_elsewhere;
/// assert_eq!(error_elsewhere("topic.name: duplicate", &["partitions"]), "topic.name: duplicate");
/// assert_eq!(error_elsewhere("partitions: bad", &["partitions"]), "");
/// ```
pub fn error_elsewhere(error: &str, fields: &[&str]) -> String {
    if fields.iter().any(|f| !error_for(error, f).is_empty()) {
        String::new()
    } else {
        error.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_names_its_field() {
        for (got, field) in [
            (whole("-3", "rate_per_s", 0, 10), "rate_per_s:"),
            (count("", "instances", 32), "instances:"),
            (limit("x", "retention.bytes").map(|_| 0), "retention.bytes:"),
            (processing("1-x", "processing").map(|_| 0), "processing:"),
            (burst("5", "").map(|_| 0), "burst.off_ms:"),
        ] {
            assert!(got.unwrap_err().starts_with(field), "{field}");
        }
    }

    #[test]
    fn a_negative_is_called_negative_not_a_non_number() {
        for got in [
            whole("-3", "rate_per_s", 0, 10),
            count(" -1", "threads", 64),
            processing("-3", "processing").map(|_| 0),
        ] {
            let e = got.unwrap_err();
            assert!(e.ends_with("got a negative number"), "{e}");
            assert!(!e.contains("..="), "{e}");
        }
        assert_eq!(
            whole_u64("-3", "segment.bytes", 14, 1 << 30),
            Err("segment.bytes: must be a whole number from 14 to 1073741824, got a negative number".into())
        );
    }

    #[test]
    fn bounds_are_inclusive_and_overflow_is_refused() {
        assert_eq!(whole("10", "f", 0, 10), Ok(10));
        assert!(whole("11", "f", 0, 10).is_err());
        assert!(whole("99999999999", "f", 0, u32::MAX).is_err());
        assert_eq!(processing("3600000", "p"), Ok(Processing::Fixed(3_600_000)));
        assert!(processing("3600001", "p").is_err());
        assert!(limit("-2", "retention.ms").is_err());
        assert_eq!(whole_u64(" 14 ", "segment.bytes", 14, 1 << 30), Ok(14));
        assert!(whole_u64("13", "segment.bytes", 14, 1 << 30).is_err());
    }

    #[test]
    fn processing_text_round_trips() {
        for p in [
            Processing::Fixed(0),
            Processing::Fixed(250),
            Processing::Range { min: 0, max: 9 },
        ] {
            assert_eq!(processing(&processing_text(p), "p"), Ok(p));
        }
    }
}
