//! One JSON reader for the scenario's word-valued enums (`"earliest"`, `"compact,delete"`, …).
//!
//! serde's derive writes a field visitor, an enum visitor and their error paths for every enum: about 1 KB of
//! wasm each, ten times over. These enums are all plain words, so they share this one reader instead. It does
//! what the derive does, step for step (the same `deserialize_enum` call, the same texts: "unknown variant `x`,
//! expected one of …", "variant index 0 <= i < n", "enum Name", "variant identifier"); `tests/enum_json.rs`
//! pins that.

/// Implements `Deserialize` for a word-valued enum through `read`: the variants in declaration order, then
/// every accepted word with its variant, in serde's order.
macro_rules! deserialize_words {
    ($ty:ident, [$($variant:ident),+ $(,)?], [$($word:literal => $index:literal),+ $(,)?]) => {
        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                const ALL: &[$ty] = &[$($ty::$variant),+];
                let i = $crate::scenario::word_enum::read(
                    d,
                    stringify!($ty),
                    &[$($word),+],
                    &[$($index),+],
                    ALL.len() as u8,
                )?;
                Ok(ALL[i])
            }
        }
    };
}
pub(crate) use deserialize_words;

#[cfg(feature = "serde")]
pub(crate) use reader::read;

#[cfg(feature = "serde")]
mod reader {
    use core::fmt;
    use serde::de::{self, Deserializer, EnumAccess, Unexpected, VariantAccess, Visitor};

    /// Reads a word-valued enum: `names` are the accepted words in serde's order (each variant's name, then its
    /// aliases, sorted), `variant_of[i]` the declaration index of `names[i]`'s variant, `count` the number of
    /// variants. Gives the declaration index of the variant read.
    pub(crate) fn read<'de, D: Deserializer<'de>>(
        d: D,
        name: &'static str,
        names: &'static [&'static str],
        variant_of: &'static [u8],
        count: u8,
    ) -> Result<usize, D::Error> {
        d.deserialize_enum(
            name,
            names,
            Words {
                name,
                names,
                variant_of,
                count,
            },
        )
    }

    #[derive(Clone, Copy)]
    struct Words {
        name: &'static str,
        names: &'static [&'static str],
        variant_of: &'static [u8],
        count: u8,
    }

    /// The derive's "variant index 0 <= i < n".
    struct IndexRule(u8);

    impl de::Expected for IndexRule {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "variant index 0 <= i < {}", self.0)
        }
    }

    /// The variant's name (or index), as the derive's field visitor reads it.
    struct Word(Words);

    impl<'de> de::DeserializeSeed<'de> for Word {
        type Value = usize;

        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
            d.deserialize_identifier(self)
        }
    }

    impl<'de> Visitor<'de> for Word {
        type Value = usize;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("variant identifier")
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<usize, E> {
            if v < u64::from(self.0.count) {
                Ok(v as usize)
            } else {
                Err(E::invalid_value(
                    Unexpected::Unsigned(v),
                    &IndexRule(self.0.count),
                ))
            }
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<usize, E> {
            match self.0.names.iter().position(|n| *n == v) {
                Some(i) => Ok(usize::from(self.0.variant_of[i])),
                None => Err(E::unknown_variant(v, self.0.names)),
            }
        }

        fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<usize, E> {
            match self.0.names.iter().position(|n| n.as_bytes() == v) {
                Some(i) => Ok(usize::from(self.0.variant_of[i])),
                None => Err(E::unknown_variant(
                    &alloc::string::String::from_utf8_lossy(v),
                    self.0.names,
                )),
            }
        }
    }

    impl<'de> Visitor<'de> for Words {
        type Value = usize;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "enum {}", self.name)
        }

        fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<usize, A::Error> {
            let (i, variant) = data.variant_seed(Word(self))?;
            variant.unit_variant()?;
            Ok(i)
        }
    }
}
