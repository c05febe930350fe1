//! A ratio from 0 to 1 (e.g. `min.cleanable.dirty.ratio`), held as integer millionths so that the engine compares
//! it with integer arithmetic and the web bundle needs no float formatting of its own.

/// A number from 0 to 1, held as millionths (6 decimals). Read from a JSON number (`0.5`) or a decimal string
/// (`"0.5"`); written as a decimal string, formatted with integer arithmetic, because serializing a float would
/// bring a float formatter into the web bundle. Out-of-range input is kept (saturated) so that validation can
/// name it.
///
/// ```
/// use kplay_core::scenario::Ratio;
/// assert_eq!(Ratio::from_millionths(500_000).millionths(), 500_000);
/// assert_eq!(Ratio::from_decimal(".25"), Some(Ratio::from_millionths(250_000)));
/// assert_eq!(Ratio::from_millionths(250_000).to_string(), "0.25");
/// # #[cfg(feature = "serde")]
/// # {
/// let r: Ratio = serde_json::from_str("0.25").unwrap();
/// assert_eq!(r.millionths(), 250_000);
/// let one: Ratio = serde_json::from_str("\"1\"").unwrap();
/// assert_eq!(one.millionths(), 1_000_000);
/// assert_eq!(serde_json::to_string(&r).unwrap(), "\"0.25\"");
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

    /// Parses a non-negative decimal with at most 6 decimals (`1`, `0.5`, `.000001`); `None` otherwise.
    /// Values above 1 parse (saturating) so that validation can report them.
    ///
    /// ```
    /// use kplay_core::scenario::Ratio;
    /// assert_eq!(Ratio::from_decimal("1.5").map(Ratio::millionths), Some(1_500_000));
    /// assert_eq!(Ratio::from_decimal("0.1234567"), None);
    /// assert_eq!(Ratio::from_decimal("-1"), None);
    /// ```
    pub fn from_decimal(text: &str) -> Option<Self> {
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (int.is_empty() && frac.is_empty()) || frac.len() > 6 || !digits(int) || !digits(frac) {
            return None;
        }
        let mut m: i64 = 0;
        for b in int.bytes() {
            m = m.saturating_mul(10).saturating_add(i64::from(b - b'0'));
        }
        m = m.saturating_mul(1_000_000);
        let mut scale = 100_000;
        for b in frac.bytes() {
            m = m.saturating_add(i64::from(b - b'0') * scale);
            scale /= 10;
        }
        Some(Ratio(m))
    }

    /// `whole` (a JSON integer), saturated.
    pub(crate) fn from_whole(whole: i64) -> Self {
        Ratio(whole.saturating_mul(1_000_000))
    }

    /// A JSON float, rounded half away from zero to millionths; `as` saturates (and maps NaN to 0).
    pub(crate) fn from_f64(v: f64) -> Self {
        let x = v * 1_000_000.0;
        Ratio(if x >= 0.0 {
            (x + 0.5) as i64
        } else {
            (x - 0.5) as i64
        })
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

impl core::fmt::Display for Ratio {
    /// The shortest decimal: `0.5`, `1`, `0.000001` (a negative value shows its sign).
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        let (whole, mut frac, mut width) = (a / 1_000_000, a % 1_000_000, 6);
        if frac == 0 {
            return write!(f, "{sign}{whole}");
        }
        while frac % 10 == 0 {
            frac /= 10;
            width -= 1;
        }
        write!(f, "{sign}{whole}.{frac:0width$}")
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Ratio {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}
