//! The parser: serde_json's grammar, error words, positions and number reading (without its
//! `float_roundtrip`), walked over the text's bytes.

use super::{Map, Number, Value};
use alloc::string::String;
use alloc::vec::Vec;

mod number;

/// A syntax error: serde_json's words for it and where (line from 1, column in bytes from the line's start; the
/// column of the byte that was wrong, or the text's length at its end).
///
/// ```
/// let e = kplay_core::json::parse("{\n  \"a\" 1}").unwrap_err();
/// assert_eq!((e.message(), e.line(), e.column()), ("expected `:`", 2, 7));
/// assert_eq!(e.to_string(), "expected `:` at line 2 column 7");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    message: &'static str,
    line: usize,
    column: usize,
}

impl Error {
    /// What is wrong, in serde_json's words (`expected value`, `trailing comma`, …).
    pub fn message(&self) -> &'static str {
        self.message
    }

    /// The line, from 1.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column: bytes from the line's start.
    pub fn column(&self) -> usize {
        self.column
    }
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

const EOF_LIST: &str = "EOF while parsing a list";
const EOF_OBJECT: &str = "EOF while parsing an object";
const EOF_STRING: &str = "EOF while parsing a string";
const EOF_VALUE: &str = "EOF while parsing a value";
const COLON: &str = "expected `:`";
const LIST_END: &str = "expected `,` or `]`";
const OBJECT_END: &str = "expected `,` or `}`";
const IDENT: &str = "expected ident";
const VALUE: &str = "expected value";
const ESCAPE: &str = "invalid escape";
const NUMBER: &str = "invalid number";
const RANGE: &str = "number out of range";
const CONTROL: &str = "control character (\\u0000-\\u001F) found while parsing a string";
const KEY: &str = "key must be a string";
const SURROGATE: &str = "lone leading surrogate in hex escape";
const TRAILING_COMMA: &str = "trailing comma";
const TRAILING: &str = "trailing characters";
const HEX_END: &str = "unexpected end of hex escape";
const DEPTH: &str = "recursion limit exceeded";

/// Reads one JSON document (whitespace around it allowed, nothing else).
///
/// ```
/// use kplay_core::json::{parse, Value};
/// assert_eq!(parse(" [true, -1] ").unwrap(), Value::Array(vec![true.into(), (-1i64).into()]));
/// assert_eq!(parse(r#"{"a":1,}"#).unwrap_err().to_string(), "trailing comma at line 1 column 8");
/// assert_eq!(parse("18446744073709551615").unwrap().as_u64(), Some(u64::MAX));
/// assert_eq!(parse("0.1").unwrap().as_f64(), Some(0.1));
/// ```
pub fn parse(text: &str) -> Result<Value, Error> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
        depth: 128,
    };
    let v = p.value()?;
    match p.whitespace() {
        Some(_) => Err(p.peek_error(TRAILING)),
        None => Ok(v),
    }
}

struct Parser<'a> {
    s: &'a [u8],
    /// The next byte to read.
    i: usize,
    /// How many more lists and objects may open (serde_json's recursion limit).
    depth: u8,
}

/// Whether `a * 10 + d` would pass `max` (serde_json's `overflow!`).
fn overflows(a: u64, d: u64, max: u64) -> bool {
    a >= max / 10 && (a > max / 10 || d > max % 10)
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn peek_or_null(&self) -> u8 {
        self.peek().unwrap_or(0)
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.i += 1;
        Some(b)
    }

    /// An error caused by the byte just read.
    fn error(&self, message: &'static str) -> Error {
        self.error_at(self.i, message)
    }

    /// An error caused by the byte about to be read.
    fn peek_error(&self, message: &'static str) -> Error {
        self.error_at(self.s.len().min(self.i + 1), message)
    }

    fn error_at(&self, i: usize, message: &'static str) -> Error {
        let before = &self.s[..i];
        let start = before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |p| p + 1);
        let line = 1 + before[..start].iter().filter(|b| **b == b'\n').count();
        Error {
            message,
            line,
            column: i - start,
        }
    }

    /// Skips whitespace; the next byte.
    fn whitespace(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.i += 1;
        }
        self.peek()
    }

    fn value(&mut self) -> Result<Value, Error> {
        let Some(b) = self.whitespace() else {
            return Err(self.peek_error(EOF_VALUE));
        };
        Ok(match b {
            b'n' => self.ident(b"null", Value::Null)?,
            b't' => self.ident(b"true", Value::Bool(true))?,
            b'f' => self.ident(b"false", Value::Bool(false))?,
            b'-' => {
                self.i += 1;
                Value::Number(Number(self.integer(false)?))
            }
            b'0'..=b'9' => Value::Number(Number(self.integer(true)?)),
            b'"' => {
                self.i += 1;
                Value::String(self.string()?)
            }
            b'[' | b'{' => {
                if self.depth == 1 {
                    return Err(self.peek_error(DEPTH));
                }
                self.depth -= 1;
                self.i += 1;
                let v = if b == b'[' {
                    self.list().map(Value::Array)
                } else {
                    self.object().map(Value::Object)
                };
                self.depth += 1;
                // `list`/`object` stop at the closing bracket.
                self.i += 1;
                v?
            }
            _ => return Err(self.peek_error(VALUE)),
        })
    }

    fn ident(&mut self, word: &[u8], v: Value) -> Result<Value, Error> {
        self.i += 1;
        for w in &word[1..] {
            match self.next() {
                None => return Err(self.error(EOF_VALUE)),
                Some(b) if b != *w => return Err(self.error(IDENT)),
                Some(_) => {}
            }
        }
        Ok(v)
    }

    /// Before the next item of a list or object: `false` at its end; the comma eaten, a problem named.
    fn more(
        &mut self,
        first: bool,
        end: u8,
        eof: &'static str,
        other: &'static str,
    ) -> Result<bool, Error> {
        let Some(b) = self.whitespace() else {
            return Err(self.peek_error(eof));
        };
        if b == end {
            return Ok(false);
        }
        if first {
            return Ok(true);
        }
        if b != b',' {
            return Err(self.peek_error(other));
        }
        self.i += 1;
        match self.whitespace() {
            Some(b) if b == end => Err(self.peek_error(TRAILING_COMMA)),
            Some(_) => Ok(true),
            None => Err(self.peek_error(EOF_VALUE)),
        }
    }

    fn list(&mut self) -> Result<Vec<Value>, Error> {
        let mut items = Vec::new();
        while self.more(items.is_empty(), b']', EOF_LIST, LIST_END)? {
            items.push(self.value()?);
        }
        Ok(items)
    }

    fn object(&mut self) -> Result<Map, Error> {
        let mut entries = Vec::new();
        let mut first = true;
        while self.more(first, b'}', EOF_OBJECT, OBJECT_END)? {
            first = false;
            if self.peek() != Some(b'"') {
                return Err(self.peek_error(KEY));
            }
            self.i += 1;
            let k = self.string()?;
            match self.whitespace() {
                Some(b':') => self.i += 1,
                Some(_) => return Err(self.peek_error(COLON)),
                None => return Err(self.peek_error(EOF_OBJECT)),
            }
            let v = self.value()?;
            entries.push((k, v));
        }
        Ok(Map::from_entries(entries))
    }

    /// The rest of a string after its opening quote.
    fn string(&mut self) -> Result<String, Error> {
        let mut out = Vec::new();
        let mut start = self.i;
        loop {
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.i += 1;
            }
            let Some(b) = self.peek() else {
                return Err(self.error(EOF_STRING));
            };
            out.extend_from_slice(&self.s[start..self.i]);
            self.i += 1;
            match b {
                b'"' => return String::from_utf8(out).map_err(|_| self.error(ESCAPE)),
                b'\\' => self.escape(&mut out)?,
                _ => return Err(self.error(CONTROL)),
            }
            start = self.i;
        }
    }

    fn escape(&mut self, out: &mut Vec<u8>) -> Result<(), Error> {
        let Some(b) = self.next() else {
            return Err(self.error(EOF_STRING));
        };
        let c = match b {
            b'"' | b'\\' | b'/' => b,
            b'b' => 8,
            b'f' => 12,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => return self.unicode(out),
            _ => return Err(self.error(ESCAPE)),
        };
        out.push(c);
        Ok(())
    }

    /// After `\u`: one code point, or a surrogate pair.
    fn unicode(&mut self, out: &mut Vec<u8>) -> Result<(), Error> {
        let n = self.hex()?;
        let c = match n {
            0xDC00..=0xDFFF => return Err(self.error(SURROGATE)),
            0xD800..=0xDBFF => {
                for want in [b'\\', b'u'] {
                    match self.next() {
                        None => return Err(self.error(EOF_STRING)),
                        Some(b) if b != want => return Err(self.error(HEX_END)),
                        Some(_) => {}
                    }
                }
                let n2 = self.hex()?;
                if !(0xDC00..=0xDFFF).contains(&n2) {
                    return Err(self.error(SURROGATE));
                }
                0x1_0000 + (((n - 0xD800) << 10) | (n2 - 0xDC00))
            }
            _ => n,
        };
        let c = char::from_u32(c).ok_or_else(|| self.error(ESCAPE))?;
        let mut buf = [0; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        Ok(())
    }

    /// Four hex digits.
    fn hex(&mut self) -> Result<u32, Error> {
        let Some(digits) = self.s.get(self.i..self.i + 4) else {
            self.i = self.s.len();
            return Err(self.error(EOF_STRING));
        };
        self.i += 4;
        let mut n = 0;
        for d in digits {
            let Some(v) = char::from(*d).to_digit(16) else {
                return Err(self.error(ESCAPE));
            };
            n = n * 16 + v;
        }
        Ok(n)
    }
}
