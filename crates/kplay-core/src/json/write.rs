//! The writer: serde_json's compact and pretty layouts, streamed (no value tree needed).

use super::{Number, Value, N};
use alloc::string::String;
use core::fmt::Write as _;

/// Writes JSON text piece by piece: [`Writer::key`] before each field's value, [`Writer::item`] before each
/// list item. The pretty layout is serde_json's `to_string_pretty` (two spaces, `"key": value`, `[]` and `{}`
/// when empty); the compact one its `to_string`.
///
/// ```
/// use kplay_core::json::Writer;
/// let mut w = Writer::new(true);
/// w.open('{');
/// w.key("name");
/// w.string("orders");
/// w.key("tags");
/// w.open('[');
/// w.item();
/// w.u64(3);
/// w.close(']');
/// w.key("none");
/// w.open('[');
/// w.close(']');
/// w.close('}');
/// assert_eq!(w.finish(), "{\n  \"name\": \"orders\",\n  \"tags\": [\n    3\n  ],\n  \"none\": []\n}");
/// ```
#[derive(Debug, Default)]
pub struct Writer {
    out: String,
    pretty: bool,
    depth: usize,
    /// Nothing written yet in the innermost open list or object.
    fresh: bool,
}

impl Writer {
    /// A writer of compact (`false`) or pretty (`true`) text.
    pub fn new(pretty: bool) -> Writer {
        Writer {
            pretty,
            ..Writer::default()
        }
    }

    /// The text written.
    pub fn finish(self) -> String {
        self.out
    }

    /// Opens a list (`'['`) or an object (`'{'`).
    pub fn open(&mut self, bracket: char) {
        self.out.push(bracket);
        self.depth += 1;
        self.fresh = true;
    }

    /// Closes what [`Writer::open`] opened (`']'` or `'}'`).
    pub fn close(&mut self, bracket: char) {
        self.depth = self.depth.saturating_sub(1);
        if !self.fresh {
            self.newline();
        }
        self.out.push(bracket);
        self.fresh = false;
    }

    /// Before each item of a list.
    pub fn item(&mut self) {
        if !self.fresh {
            self.out.push(',');
        }
        self.fresh = false;
        self.newline();
    }

    /// Before each field's value: its key.
    pub fn key(&mut self, key: &str) {
        self.item();
        self.string(key);
        self.out.push_str(if self.pretty { ": " } else { ":" });
    }

    fn newline(&mut self) {
        if self.pretty {
            self.out.push('\n');
            for _ in 0..self.depth {
                self.out.push_str("  ");
            }
        }
    }

    /// A string, escaped as serde_json escapes it.
    pub fn string(&mut self, s: &str) {
        self.out.push('"');
        for c in s.chars() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\n' => self.out.push_str("\\n"),
                '\r' => self.out.push_str("\\r"),
                '\t' => self.out.push_str("\\t"),
                '\u{8}' => self.out.push_str("\\b"),
                '\u{c}' => self.out.push_str("\\f"),
                c if c < ' ' => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    self.out.push_str("\\u00");
                    self.out.push(char::from(HEX[usize::from(c as u8 >> 4)]));
                    self.out.push(char::from(HEX[usize::from(c as u8 & 15)]));
                }
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }

    /// A whole number.
    pub fn u64(&mut self, n: u64) {
        let _ = write!(self.out, "{n}");
    }

    /// A whole number that may be negative.
    pub fn i64(&mut self, n: i64) {
        let _ = write!(self.out, "{n}");
    }

    /// `true` or `false`.
    pub fn bool(&mut self, b: bool) {
        self.out.push_str(if b { "true" } else { "false" });
    }

    /// `null`.
    pub fn null(&mut self) {
        self.out.push_str("null");
    }

    /// A number; a float as Rust's shortest form that reads back as a float (`1.0`, `1e-7`).
    pub fn number(&mut self, n: &Number) {
        match n.0 {
            N::Pos(u) => self.u64(u),
            N::Neg(i) => self.i64(i),
            N::Float(f) => {
                let _ = write!(self.out, "{f:?}");
            }
        }
    }

    /// A whole value.
    pub fn value(&mut self, v: &Value) {
        match v {
            Value::Null => self.null(),
            Value::Bool(b) => self.bool(*b),
            Value::Number(n) => self.number(n),
            Value::String(s) => self.string(s),
            Value::Array(items) => {
                self.open('[');
                for x in items {
                    self.item();
                    self.value(x);
                }
                self.close(']');
            }
            Value::Object(m) => {
                self.open('{');
                for (k, x) in m {
                    self.key(k);
                    self.value(x);
                }
                self.close('}');
            }
        }
    }
}

impl Value {
    /// Pretty text (serde_json's `to_string_pretty` layout).
    ///
    /// ```
    /// let v = kplay_core::json::parse(r#"{"a":[1,{}]}"#).unwrap();
    /// assert_eq!(v.to_string_pretty(), "{\n  \"a\": [\n    1,\n    {}\n  ]\n}");
    /// ```
    pub fn to_string_pretty(&self) -> String {
        let mut w = Writer::new(true);
        w.value(self);
        w.finish()
    }
}

/// Compact text (serde_json's `to_string`).
impl core::fmt::Display for Value {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let mut w = Writer::new(false);
        w.value(self);
        f.write_str(&w.out)
    }
}
