//! The reading state and the readers of JSON's plain values (numbers, strings, lists, words).

use super::{found, word, Words};
use crate::json::{Map, Value};
use crate::scenario::ScenarioProblem;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

/// The reading state: the path of the value being read and the problems found so far.
#[derive(Default)]
pub(super) struct Ctx {
    path: String,
    pub(super) problems: Vec<ScenarioProblem>,
}

impl Ctx {
    /// A problem at the current path.
    pub(super) fn bad(&mut self, problem: String) {
        self.problems
            .push(ScenarioProblem::new(self.path.clone(), problem));
    }

    /// "must be `what`, got …".
    pub(super) fn expected(&mut self, what: &str, v: &Value) {
        self.bad(format!("must be {what}, got {}", found(v)));
    }

    /// Steps into field `k`; gives the length to [`Ctx::leave`] with.
    pub(super) fn enter(&mut self, k: &str) -> usize {
        let n = self.path.len();
        if n > 0 {
            self.path.push('.');
        }
        self.path.push_str(k);
        n
    }

    /// Steps into item `i` of a list.
    pub(super) fn enter_index(&mut self, i: usize) -> usize {
        let n = self.path.len();
        let _ = write!(self.path, "[{i}]");
        n
    }

    pub(super) fn leave(&mut self, n: usize) {
        self.path.truncate(n);
    }

    /// `v` as an object of a struct, or a problem.
    pub(super) fn object<'v>(&mut self, v: &'v Value) -> Option<&'v Map> {
        let m = v.as_object();
        if m.is_none() {
            self.expected("an object", v);
        }
        m
    }

    /// A field the struct does not have (the path already ends with it).
    pub(super) fn unknown(&mut self, k: &str, fields: &[&str]) {
        self.bad(format!(
            "unknown field {k:?}; allowed: {}",
            fields.join(", ")
        ));
    }

    /// Each of `required` that `m` lacks, reported at the object's path.
    pub(super) fn required(&mut self, m: &Map, required: &[&str]) {
        for f in required {
            if !m.contains_key(f) {
                self.bad(format!("missing the required field {f:?}"));
            }
        }
    }

    /// A whole number from 0 to `max`.
    pub(super) fn whole(&mut self, v: &Value, max: u64) -> Option<u64> {
        match v.as_u64() {
            Some(n) if n <= max => return Some(n),
            _ => {}
        }
        match v.as_i64() {
            Some(n) if n < 0 => self.bad(format!("must not be negative, got {n}")),
            _ => self.bad(format!(
                "{}, got {}",
                crate::scenario::range_rule(0, max),
                found(v)
            )),
        }
        None
    }

    pub(super) fn u64(&mut self, v: &Value, out: &mut u64) {
        if let Some(n) = self.whole(v, u64::MAX) {
            *out = n;
        }
    }

    pub(super) fn u32(&mut self, v: &Value, out: &mut u32) {
        if let Some(n) = self.whole(v, u32::MAX.into()) {
            *out = n as u32;
        }
    }

    pub(super) fn u8(&mut self, v: &Value, out: &mut u8) {
        if let Some(n) = self.whole(v, u8::MAX.into()) {
            *out = n as u8;
        }
    }

    /// `null` is `None`.
    pub(super) fn opt_u32(&mut self, v: &Value, out: &mut Option<u32>) {
        if v.is_null() {
            *out = None;
        } else if let Some(n) = self.whole(v, u32::MAX.into()) {
            *out = Some(n as u32);
        }
    }

    /// `null` is `None`.
    #[cfg(feature = "brokers")]
    pub(super) fn opt_u64(&mut self, v: &Value, out: &mut Option<u64>) {
        if v.is_null() {
            *out = None;
        } else if let Some(n) = self.whole(v, u64::MAX) {
            *out = Some(n);
        }
    }

    pub(super) fn i64(&mut self, v: &Value, out: &mut i64) {
        if let Some(n) = v.as_i64() {
            *out = n;
        } else if v.is_u64() {
            self.bad(format!(
                "must be a whole number from {} to {}, got {}",
                i64::MIN,
                i64::MAX,
                found(v)
            ));
        } else {
            self.expected("a whole number", v);
        }
    }

    pub(super) fn bool(&mut self, v: &Value, out: &mut bool) {
        match v.as_bool() {
            Some(b) => *out = b,
            None => self.expected("true or false", v),
        }
    }

    pub(super) fn string(&mut self, v: &Value, out: &mut String) {
        match v.as_str() {
            Some(s) => *out = s.into(),
            None => self.expected("a string", v),
        }
    }

    /// `null` is `None`.
    pub(super) fn opt_string(&mut self, v: &Value, out: &mut Option<String>) {
        if v.is_null() {
            *out = None;
        } else if let Some(s) = v.as_str() {
            *out = Some(s.into());
        } else {
            self.expected("a string", v);
        }
    }

    /// A list of strings; a bad item reads as `""`.
    pub(super) fn strings(&mut self, v: &Value) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(items) = self.list(v) {
            for (i, x) in items.iter().enumerate() {
                let at = self.enter_index(i);
                let mut s = String::new();
                self.string(x, &mut s);
                out.push(s);
                self.leave(at);
            }
        }
        out
    }

    /// `v` as a list, or a problem.
    pub(super) fn list<'v>(&mut self, v: &'v Value) -> Option<&'v [Value]> {
        let items = v.as_array().map(Vec::as_slice);
        if items.is_none() {
            self.expected("a list", v);
        }
        items
    }

    /// Each item of the list `v` read by `read`.
    pub(super) fn each<T>(&mut self, v: &Value, read: fn(&mut Ctx, &Value) -> T) -> Vec<T> {
        let mut out = Vec::new();
        if let Some(items) = self.list(v) {
            for (i, x) in items.iter().enumerate() {
                let at = self.enter_index(i);
                out.push(read(self, x));
                self.leave(at);
            }
        }
        out
    }

    /// A word-valued enum.
    pub(super) fn words<T: Copy>(&mut self, v: &Value, w: &Words<T>, out: &mut T) {
        match word(v, w.names, w.of) {
            Ok(i) => *out = w.all[i],
            Err(e) => self.bad(e),
        }
    }
}
