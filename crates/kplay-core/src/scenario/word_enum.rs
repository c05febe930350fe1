//! The scenario's word-valued enums (`"earliest"`, `"compact,delete"`, …) read from JSON.
//!
//! serde's derive writes a field visitor, an enum visitor and their error paths for every enum: about 1 KB of
//! wasm each, ten times over. These enums are all plain words, so each gets a table of its words instead, read
//! by the scenario's JSON reader (`scenario::json`), which its `Deserialize` impl runs too. It accepts what the
//! derive accepted: every name and alias, and the externally tagged `{"name": null}`; `tests/enum_json.rs` pins
//! that.

/// Gives a word-valued enum its word table `WORDS` and a `Deserialize` impl through it: the variants in
/// declaration order, then every accepted word with its variant, in serde's order.
macro_rules! deserialize_words {
    ($ty:ident, [$($variant:ident),+ $(,)?], [$($word:literal => $index:literal),+ $(,)?]) => {
        impl $ty {
            /// The JSON words and their variants.
            pub(crate) const WORDS: $crate::scenario::json::Words<$ty> = $crate::scenario::json::Words {
                all: &[$($ty::$variant),+],
                names: &[$($word),+],
                of: &[$($index),+],
            };
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let v = <$crate::json::Value as serde::Deserialize>::deserialize(d)?;
                Self::WORDS.read(&v).map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use deserialize_words;
