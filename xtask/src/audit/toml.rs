//! The part of TOML the audit reads: RustSec front matter, Cargo.lock and `audit/licenses.toml`.
//!
//! Tables (`[a.b]`, `[[a]]`), keys (bare, quoted, dotted kept as written), basic and literal strings, booleans,
//! arrays over several lines, inline tables; numbers and dates (without spaces) are kept as their text. Multi-line strings are
//! refused (none of these files uses them). Every error names the line.

/// One value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    Bool(bool),
    Array(Vec<Value>),
    Table(Vec<(String, Value)>),
    /// A number, date or time, as written.
    Other(String),
}

/// One `[header]` (or `[[header]]`) and the keys under it, in order; keys before any header have the name "".
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub name: String,
    pub entries: Vec<(String, Value)>,
}

impl Table {
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The string at `key`; `Err` when it is there but not a string.
    pub fn str(&self, key: &str) -> Result<Option<&str>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Str(s)) => Ok(Some(s)),
            Some(_) => Err(format!("[{}] {key}: must be a string", self.name)),
        }
    }

    /// The array of strings at `key` (empty when absent).
    pub fn strings(&self, key: &str) -> Result<Vec<String>, String> {
        match self.get(key) {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| match v {
                    Value::Str(s) => Ok(s.clone()),
                    _ => Err(format!(
                        "[{}] {key}: every item must be a string",
                        self.name
                    )),
                })
                .collect(),
            Some(_) => Err(format!(
                "[{}] {key}: must be an array of strings",
                self.name
            )),
        }
    }
}

/// Parses a document into its tables, in order.
pub fn parse(text: &str) -> Result<Vec<Table>, String> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
        line: 1,
    };
    p.document().map_err(|e| format!("line {}: {e}", p.line))
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    line: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        if c == b'\n' {
            self.line += 1;
        }
        Some(c)
    }

    fn eat(&mut self, c: u8) -> bool {
        let hit = self.peek() == Some(c);
        if hit {
            self.bump();
        }
        hit
    }

    /// Spaces and tabs; with `lines`, also newlines and comments.
    fn blank(&mut self, lines: bool) {
        while let Some(c) = self.peek() {
            match c {
                b' ' | b'\t' | b'\r' => {}
                b'\n' if lines => {}
                b'#' if lines => {
                    while self.peek().is_some_and(|c| c != b'\n') {
                        self.bump();
                    }
                    continue;
                }
                _ => return,
            }
            self.bump();
        }
    }

    /// After a key/value or header: only blanks and a comment until the line ends.
    fn end_of_line(&mut self) -> Result<(), String> {
        self.blank(false);
        if self.peek() == Some(b'#') {
            while self.peek().is_some_and(|c| c != b'\n') {
                self.bump();
            }
        }
        match self.bump() {
            None | Some(b'\n') => Ok(()),
            Some(c) => Err(format!("unexpected {:?} after the value", c as char)),
        }
    }

    fn document(&mut self) -> Result<Vec<Table>, String> {
        let mut tables = vec![Table {
            name: String::new(),
            entries: Vec::new(),
        }];
        loop {
            self.blank(true);
            match self.peek() {
                None => break,
                Some(b'[') => {
                    self.bump();
                    let double = self.eat(b'[');
                    let start = self.i;
                    while self.peek().is_some_and(|c| c != b']' && c != b'\n') {
                        self.bump();
                    }
                    let name = String::from_utf8_lossy(&self.s[start..self.i])
                        .trim()
                        .to_string();
                    if !self.eat(b']') || (double && !self.eat(b']')) || name.is_empty() {
                        return Err("a table header needs a name and its closing ]".into());
                    }
                    self.end_of_line()?;
                    tables.push(Table {
                        name,
                        entries: Vec::new(),
                    });
                }
                Some(_) => {
                    let (key, value) = self.key_value()?;
                    self.end_of_line()?;
                    if let Some(table) = tables.last_mut() {
                        table.entries.push((key, value));
                    }
                }
            }
        }
        Ok(tables)
    }

    fn key_value(&mut self) -> Result<(String, Value), String> {
        let key = self.key()?;
        self.blank(false);
        if !self.eat(b'=') {
            return Err(format!("expected = after the key {key:?}"));
        }
        self.blank(false);
        Ok((key, self.value()?))
    }

    fn key(&mut self) -> Result<String, String> {
        let mut key = String::new();
        loop {
            match self.peek() {
                Some(b'"') => key.push_str(&self.basic_string()?),
                Some(b'\'') => key.push_str(&self.literal_string()?),
                _ => {
                    let start = self.i;
                    while self
                        .peek()
                        .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
                    {
                        self.bump();
                    }
                    if start == self.i {
                        return Err("expected a key".into());
                    }
                    key.push_str(&String::from_utf8_lossy(&self.s[start..self.i]));
                }
            }
            self.blank(false);
            if !self.eat(b'.') {
                return Ok(key);
            }
            key.push('.');
            self.blank(false);
        }
    }

    fn value(&mut self) -> Result<Value, String> {
        match self.peek() {
            Some(b'"') => Ok(Value::Str(self.basic_string()?)),
            Some(b'\'') => Ok(Value::Str(self.literal_string()?)),
            Some(b'[') => {
                self.bump();
                let mut items = Vec::new();
                loop {
                    self.blank(true);
                    if self.eat(b']') {
                        return Ok(Value::Array(items));
                    }
                    items.push(self.value()?);
                    self.blank(true);
                    if !self.eat(b',') && self.peek() != Some(b']') {
                        return Err("expected , or ] in an array".into());
                    }
                }
            }
            Some(b'{') => {
                self.bump();
                let mut entries = Vec::new();
                loop {
                    self.blank(false);
                    if self.eat(b'}') {
                        return Ok(Value::Table(entries));
                    }
                    entries.push(self.key_value()?);
                    self.blank(false);
                    if !self.eat(b',') && self.peek() != Some(b'}') {
                        return Err("expected , or } in an inline table".into());
                    }
                }
            }
            _ => {
                let start = self.i;
                while self.peek().is_some_and(|c| {
                    !matches!(c, b',' | b']' | b'}' | b'#' | b' ' | b'\t' | b'\n' | b'\r')
                }) {
                    self.bump();
                }
                let text = String::from_utf8_lossy(&self.s[start..self.i])
                    .trim()
                    .to_string();
                match text.as_str() {
                    "" => Err("expected a value".into()),
                    "true" => Ok(Value::Bool(true)),
                    "false" => Ok(Value::Bool(false)),
                    _ => Ok(Value::Other(text)),
                }
            }
        }
    }

    fn basic_string(&mut self) -> Result<String, String> {
        self.bump();
        if self.peek() == Some(b'"') && self.s.get(self.i + 1) == Some(&b'"') {
            return Err("multi-line strings are not supported".into());
        }
        let mut out = Vec::new();
        loop {
            match self.bump() {
                None | Some(b'\n') => return Err("unterminated string".into()),
                Some(b'"') => break,
                Some(b'\\') => {
                    let c = match self.bump() {
                        Some(b'n') => '\n',
                        Some(b't') => '\t',
                        Some(b'r') => '\r',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(u @ (b'u' | b'U')) => {
                            let len = if u == b'u' { 4 } else { 8 };
                            let hex = self.s.get(self.i..self.i + len).unwrap_or_default();
                            let code = std::str::from_utf8(hex)
                                .ok()
                                .and_then(|h| u32::from_str_radix(h, 16).ok())
                                .and_then(char::from_u32)
                                .ok_or("bad \\u escape")?;
                            self.i += len;
                            code
                        }
                        _ => return Err("unknown escape in a string".into()),
                    };
                    let mut buf = [0; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                Some(c) => out.push(c),
            }
        }
        String::from_utf8(out).map_err(|_| "a string is not UTF-8".into())
    }

    fn literal_string(&mut self) -> Result<String, String> {
        self.bump();
        let start = self.i;
        while self.peek().is_some_and(|c| c != b'\'' && c != b'\n') {
            self.bump();
        }
        let text = String::from_utf8_lossy(&self.s[start..self.i]).into_owned();
        if !self.eat(b'\'') {
            return Err("unterminated string".into());
        }
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tables_strings_arrays_and_inline_tables() {
        let doc = parse(
            "top = 1\n[advisory]\nid = \"RUSTSEC-1\" # note\nurl = 'https://x'\nwithdrawn = false\n\
             [affected]\nfunctions = { \"a::b\" = [\"< 1.0\"], c = [] }\n\
             [versions]\npatched = [\n  \">= 1.2.3\", # fixed\n  \"^0.9.1\",\n]\nesc = \"q\\\"\\u00e9\"\n\
             [[package]]\nname = \"x\"\n[[package]]\nname = \"y\"\n",
        )
        .unwrap();
        let names: Vec<&str> = doc.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names,
            ["", "advisory", "affected", "versions", "package", "package"]
        );
        assert_eq!(doc[0].get("top"), Some(&Value::Other("1".into())));
        assert_eq!(doc[1].str("id"), Ok(Some("RUSTSEC-1")));
        assert_eq!(doc[1].str("url"), Ok(Some("https://x")));
        assert_eq!(doc[1].get("withdrawn"), Some(&Value::Bool(false)));
        assert!(doc[1].str("withdrawn").is_err());
        let Some(Value::Table(functions)) = doc[2].get("functions") else {
            panic!("inline table expected: {:?}", doc[2]);
        };
        assert_eq!(functions[0].0, "a::b");
        assert_eq!(functions[1], ("c".into(), Value::Array(vec![])));
        assert_eq!(doc[3].strings("patched").unwrap(), [">= 1.2.3", "^0.9.1"]);
        assert_eq!(doc[3].str("esc"), Ok(Some("q\"é")));
        assert_eq!(doc[3].strings("absent").unwrap(), Vec::<String>::new());
        assert_eq!(doc[5].str("name"), Ok(Some("y")));
    }

    #[test]
    fn errors_name_the_line() {
        for (text, line, what) in [
            ("a = \"open\n", "line 2", "unterminated"),
            ("[ok]\nkey value\n", "line 2", "expected ="),
            ("x = [\"a\" \"b\"]\n", "line 1", "expected , or ]"),
            ("x = 1 2\ny = 3\n", "line 1", "after the value"),
            ("[]\n", "line 1", "header"),
            ("s = \"\"\"long\"\"\"\n", "line 1", "multi-line"),
            ("s = \"\\q\"\n", "line 1", "escape"),
            ("x = \n", "line 1", "expected a value"),
        ] {
            let err = parse(text).unwrap_err();
            assert!(
                err.starts_with(line) && err.contains(what),
                "{text:?}: {err}"
            );
        }
        assert!(parse("x = [1, 2]\n").unwrap()[0]
            .strings("x")
            .unwrap_err()
            .contains("every item must be a string"));
    }
}
