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

/// Read by hand rather than with `#[serde(untagged)]`: the derived untagged reader buffers the input in serde's
/// generic `Content` tree, which was the only user of that machinery in the web bundle, and it could only say
/// "did not match any variant". This one names what it expects and refuses unknown keys, like the rest of the
/// scenario.
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Processing {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ProcessingVisitor)
    }
}

#[cfg(feature = "serde")]
struct ProcessingVisitor;

#[cfg(feature = "serde")]
impl<'de> serde::de::Visitor<'de> for ProcessingVisitor {
    type Value = Processing;

    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("milliseconds per record (a whole number) or {\"min\": ms, \"max\": ms}")
    }

    fn visit_u64<E: serde::de::Error>(self, ms: u64) -> Result<Processing, E> {
        u32::try_from(ms)
            .map(Processing::Fixed)
            .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(ms), &self))
    }

    fn visit_i64<E: serde::de::Error>(self, ms: i64) -> Result<Processing, E> {
        u64::try_from(ms)
            .map_err(|_| E::invalid_value(serde::de::Unexpected::Signed(ms), &self))
            .and_then(|ms| self.visit_u64(ms))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Processing, A::Error> {
        use serde::de::Error;
        let (mut min, mut max) = (None, None);
        while let Some(key) = map.next_key::<alloc::string::String>()? {
            let slot = match key.as_str() {
                "min" => &mut min,
                "max" => &mut max,
                other => return Err(A::Error::unknown_field(other, &["min", "max"])),
            };
            if slot.is_some() {
                return Err(A::Error::custom(alloc::format!("duplicate field `{key}`")));
            }
            *slot = Some(map.next_value::<u32>()?);
        }
        match (min, max) {
            (Some(min), Some(max)) => Ok(Processing::Range { min, max }),
            (None, _) => Err(A::Error::missing_field("min")),
            (_, None) => Err(A::Error::missing_field("max")),
        }
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
            ("-1", "milliseconds per record"),
            ("4294967296", "milliseconds per record"),
            ("1.5", "milliseconds per record"),
            ("\"5\"", "milliseconds per record"),
            (r#"{"min": 1}"#, "missing field `max`"),
            (r#"{"max": 1}"#, "missing field `min`"),
            (r#"{"min": 1, "max": 2, "avg": 1}"#, "unknown field `avg`"),
            (r#"{"min": 1, "min": 2, "max": 3}"#, "duplicate field `min`"),
        ] {
            let err = parse(json).expect_err(json);
            assert!(err.contains(says), "{json}: {err}");
        }
    }
}
