//! A small JSON value with its parser and writer: what the scenario reader walks, and what the web reads and
//! writes (share links, lesson files, saved progress) without linking serde and serde_json into the wasm.
//!
//! It reads exactly what serde_json reads into its `Value`, with the same error words and line/column
//! positions (`EOF while parsing a value at line 1 column 13`), the same numbers (integers as `u64`/`i64`,
//! others as serde_json's `f64`), and objects in document order (a repeated key keeps its first place and its
//! last value, like serde_json's `preserve_order`). The writer lays text out as serde_json's compact and pretty
//! writers do.
//!
//! ```
//! use kplay_core::json::{self, Value};
//! let v = json::parse(r#"{"name": "orders", "partitions": 3, "tags": ["a", null]}"#).unwrap();
//! assert_eq!(v.get("name").and_then(Value::as_str), Some("orders"));
//! assert_eq!(v.get("partitions").and_then(Value::as_u64), Some(3));
//! assert_eq!(v.to_string(), r#"{"name":"orders","partitions":3,"tags":["a",null]}"#);
//! let e = json::parse("[1, 2").unwrap_err();
//! assert_eq!(e.to_string(), "EOF while parsing a list at line 1 column 5");
//! ```

use alloc::string::String;
use alloc::vec::Vec;

#[cfg(feature = "serde")]
mod de;
mod event;
mod parse;
#[cfg(test)]
mod pow10;
#[cfg(feature = "serde")]
mod ser;
mod write;

pub use parse::{parse, Error};
pub use write::Writer;

/// A JSON value.
///
/// ```
/// use kplay_core::json::Value;
/// assert_eq!(Value::default(), Value::Null);
/// assert!(Value::from("x").is_string());
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Value {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// A list.
    Array(Vec<Value>),
    /// An object, in document order.
    Object(Map),
}

/// A JSON number as serde_json keeps it: a whole number that fits `u64` or (negative) `i64`, else an `f64`.
///
/// ```
/// use kplay_core::json::Number;
/// assert_eq!(Number::from(5u64).as_i64(), Some(5));
/// assert_eq!(Number::from(-5i64).as_u64(), None);
/// assert_eq!(Number::from_f64(1.5).and_then(|n| n.as_f64()), Some(1.5));
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number(N);

#[derive(Clone, Copy, Debug, PartialEq)]
enum N {
    /// Zero or more.
    Pos(u64),
    /// Below zero.
    Neg(i64),
    /// Finite.
    Float(f64),
}

impl Number {
    /// A finite float (`None` for NaN and the infinities, which JSON cannot hold).
    pub fn from_f64(f: f64) -> Option<Number> {
        f.is_finite().then_some(Number(N::Float(f)))
    }

    /// The number as `u64` when it is a whole number from 0 to `u64::MAX`.
    pub fn as_u64(&self) -> Option<u64> {
        match self.0 {
            N::Pos(u) => Some(u),
            _ => None,
        }
    }

    /// The number as `i64` when it is a whole number in `i64`'s range.
    pub fn as_i64(&self) -> Option<i64> {
        match self.0 {
            N::Pos(u) => i64::try_from(u).ok(),
            N::Neg(i) => Some(i),
            N::Float(_) => None,
        }
    }

    /// The number as `f64` (a whole number rounded to the nearest).
    pub fn as_f64(&self) -> Option<f64> {
        Some(match self.0 {
            N::Pos(u) => u as f64,
            N::Neg(i) => i as f64,
            N::Float(f) => f,
        })
    }

    /// Whether the number is a whole number from 0 to `u64::MAX`.
    pub fn is_u64(&self) -> bool {
        matches!(self.0, N::Pos(_))
    }

    /// Whether the number is a whole number in `i64`'s range.
    pub fn is_i64(&self) -> bool {
        self.as_i64().is_some()
    }
}

impl From<u64> for Number {
    fn from(u: u64) -> Number {
        Number(N::Pos(u))
    }
}

impl From<i64> for Number {
    fn from(i: i64) -> Number {
        match u64::try_from(i) {
            Ok(u) => Number(N::Pos(u)),
            Err(_) => Number(N::Neg(i)),
        }
    }
}

/// A JSON object: its keys and values in document order, each key once.
///
/// ```
/// use kplay_core::json::{Map, Value};
/// let mut m = Map::new();
/// m.insert("a".into(), Value::from(1u64));
/// m.insert("b".into(), Value::Null);
/// m.insert("a".into(), Value::from(2u64));
/// assert_eq!(m.len(), 2);
/// assert_eq!(m.iter().next(), Some((&"a".to_string(), &Value::from(2u64))));
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Map(Vec<(String, Value)>);

/// The iterator over a [`Map`]'s entries.
pub type Iter<'a> = core::iter::Map<core::slice::Iter<'a, (String, Value)>, Entry>;
type Entry = fn(&(String, Value)) -> (&String, &Value);

impl Map {
    /// An empty object.
    pub fn new() -> Map {
        Map(Vec::new())
    }

    /// Sets `key` to `value`: a new key goes last, a known one keeps its place.
    pub fn insert(&mut self, key: String, value: Value) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.0.push((key, value)),
        }
    }

    /// The object of `entries` in document order, as [`Map::insert`] one by one would build it (a repeated key
    /// keeps its first place and its last value), in O(n log n): a pasted file or a link may hold a great many
    /// keys, and inserting one by one compares each key with all before it.
    pub(crate) fn from_entries(entries: Vec<(String, Value)>) -> Map {
        let n = entries.len();
        if u32::try_from(n).is_err() {
            let mut m = Map::new();
            entries.into_iter().for_each(|(k, v)| m.insert(k, v));
            return m;
        }
        let mut order: Vec<u32> = (0..n as u32).collect();
        crate::sort::sort_ids_by(&mut order, &mut |a, b| {
            entries[a as usize].0.cmp(&entries[b as usize].0)
        });
        // The sort is stable: in each run of equal keys the first id is the first place, the last the last value.
        let mut last_of: Vec<Option<usize>> = alloc::vec![None; n];
        let mut i = 0;
        while i < n {
            let first = order[i] as usize;
            let mut j = i;
            while j + 1 < n && entries[order[j + 1] as usize].0 == entries[first].0 {
                j += 1;
            }
            last_of[first] = Some(order[j] as usize);
            i = j + 1;
        }
        let mut slots: Vec<Option<(String, Value)>> = entries.into_iter().map(Some).collect();
        let mut out = Vec::with_capacity(n);
        for first in 0..n {
            let Some(last) = last_of[first] else { continue };
            let later = if last == first {
                None
            } else {
                slots[last].take()
            };
            if let Some((key, value)) = slots[first].take() {
                out.push((key, later.map_or(value, |(_, v)| v)));
            }
        }
        Map(out)
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Whether the object has `key`.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// How many keys.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no keys.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The entries in document order.
    pub fn iter(&self) -> Iter<'_> {
        fn entry(e: &(String, Value)) -> (&String, &Value) {
            (&e.0, &e.1)
        }
        self.0.iter().map(entry as Entry)
    }

    /// The values in document order.
    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.0.iter().map(|(_, v)| v)
    }
}

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a String, &'a Value);
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl Value {
    /// The object's value of `key` (`None` when this is no object or lacks it).
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object().and_then(|m| m.get(key))
    }

    /// The object, if this is one.
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The list, if this is one.
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// See [`Number::as_u64`].
    pub fn as_u64(&self) -> Option<u64> {
        self.number().and_then(Number::as_u64)
    }

    /// See [`Number::as_i64`].
    pub fn as_i64(&self) -> Option<i64> {
        self.number().and_then(Number::as_i64)
    }

    /// See [`Number::as_f64`].
    pub fn as_f64(&self) -> Option<f64> {
        self.number().and_then(Number::as_f64)
    }

    /// See [`Number::is_u64`].
    pub fn is_u64(&self) -> bool {
        self.number().is_some_and(Number::is_u64)
    }

    /// See [`Number::is_i64`].
    pub fn is_i64(&self) -> bool {
        self.number().is_some_and(Number::is_i64)
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// Whether this is a string.
    pub fn is_string(&self) -> bool {
        matches!(self, Value::String(_))
    }

    /// Whether this is a list.
    pub fn is_array(&self) -> bool {
        matches!(self, Value::Array(_))
    }

    /// Whether this is an object.
    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }

    fn number(&self) -> Option<&Number> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.into())
    }
}

impl From<u64> for Value {
    fn from(u: u64) -> Value {
        Value::Number(u.into())
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Number(i.into())
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}
