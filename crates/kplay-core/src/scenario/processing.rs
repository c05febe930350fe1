//! Processing time per record, and its JSON form: a number of ms, or `{"min": a, "max": b}`.

/// Processing time per record: a constant or a uniform random range (both in ms).
///
/// ```
/// use kplay_core::scenario::Processing;
/// assert_eq!(Processing::default(), Processing::Fixed(0));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(untagged))]
pub enum Processing {
    /// Always this many ms.
    Fixed(u32),
    /// Uniform in `min..=max` ms.
    Range {
        /// Lower bound.
        min: u32,
        /// Upper bound (≥ min).
        max: u32,
    },
}

impl Default for Processing {
    fn default() -> Self {
        Processing::Fixed(0)
    }
}

#[cfg(all(test, feature = "serde"))]
mod tests {
    use super::Processing;

    fn parse(json: &str) -> Result<Processing, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_both_forms_and_round_trips() {
        assert_eq!(parse("20"), Ok(Processing::Fixed(20)));
        assert_eq!(
            parse(r#"{"max": 9, "min": 2}"#),
            Ok(Processing::Range { min: 2, max: 9 })
        );
        for p in [Processing::Fixed(7), Processing::Range { min: 1, max: 3 }] {
            let json = serde_json::to_string(&p).map_err(|e| e.to_string());
            assert_eq!(json.and_then(|j| parse(&j)), Ok(p));
        }
    }

    #[test]
    fn refusals_say_what_was_expected() {
        for (json, says) in [
            ("-1", "must not be negative, got -1"),
            ("4294967296", "must be a whole number from 0 to 4294967295, got 4294967296"),
            ("1.5", "must be milliseconds per record (a whole number) or {\"min\": ms, \"max\": ms}, got 1.5"),
            ("\"5\"", "milliseconds per record (a whole number) or {\"min\": ms, \"max\": ms}, got \"5\""),
            (r#"{"min": 1}"#, "missing the required field \"max\""),
            (r#"{"max": 1}"#, "missing the required field \"min\""),
            (r#"{"min": 1, "max": 2, "avg": 1}"#, "avg: unknown field \"avg\"; allowed: min, max"),
            (r#"{"min": "1", "max": 2}"#, "min: must be a whole number from 0 to 4294967295, got \"1\""),
        ] {
            let err = parse(json).expect_err(json);
            assert!(err.ends_with(says), "{json}: {err}");
        }
    }
}
