//! A ratio from 0 to 1 (e.g. `min.cleanable.dirty.ratio`), held as integer millionths so that the engine compares
//! it with integer arithmetic and the web bundle needs no float formatting of its own.

/// A number written as a JSON number (`0.5`), held as millionths, rounded to 6 decimals. Out-of-range input
/// is kept (saturated) so that validation can name it.
///
/// ```
/// use kplay_core::scenario::Ratio;
/// assert_eq!(Ratio::from_millionths(500_000).millionths(), 500_000);
/// # #[cfg(feature = "serde")]
/// # {
/// let r: Ratio = serde_json::from_str("0.25").unwrap();
/// assert_eq!(r.millionths(), 250_000);
/// let one: Ratio = serde_json::from_str("1").unwrap();
/// assert_eq!(one.millionths(), 1_000_000);
/// assert_eq!(serde_json::to_string(&r).unwrap(), "0.25");
/// # }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ratio(i64);

impl Ratio {
    /// A ratio of `millionths` / 1000000.
    ///
    /// ```
    /// assert_eq!(kplay_core::scenario::Ratio::from_millionths(1).millionths(), 1);
    /// ```
    pub const fn from_millionths(millionths: u32) -> Self {
        Ratio(millionths as i64)
    }

    /// The value in millionths (may be out of 0..=1000000 before validation).
    ///
    /// ```
    /// assert_eq!(kplay_core::scenario::Ratio::from_millionths(7).millionths(), 7);
    /// ```
    pub const fn millionths(self) -> i64 {
        self.0
    }

    /// The value in millionths when it is a valid ratio (0..=1).
    ///
    /// ```
    /// assert_eq!(kplay_core::scenario::Ratio::from_millionths(7).valid(), Some(7));
    /// ```
    pub fn valid(self) -> Option<u32> {
        u32::try_from(self.0).ok().filter(|&m| m <= 1_000_000)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Ratio {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // The only float the scenario writes. The web app serializes through a formatter that prints it with
        // integer arithmetic (see kplay-web's share.rs), so no float formatting reaches the wasm.
        s.serialize_f64(self.0 as f64 / 1_000_000.0)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Ratio {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Ratio;
            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("a number from 0 to 1")
            }
            fn visit_f64<E>(self, v: f64) -> Result<Ratio, E> {
                let x = v * 1_000_000.0;
                // `as` saturates (and maps NaN to 0); round half away from zero.
                Ok(Ratio(if x >= 0.0 {
                    (x + 0.5) as i64
                } else {
                    (x - 0.5) as i64
                }))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Ratio, E> {
                Ok(Ratio(
                    i64::try_from(v)
                        .unwrap_or(i64::MAX)
                        .saturating_mul(1_000_000),
                ))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Ratio, E> {
                Ok(Ratio(v.saturating_mul(1_000_000)))
            }
        }
        d.deserialize_any(V)
    }
}
