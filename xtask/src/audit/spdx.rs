//! SPDX license expressions (`MIT OR Apache-2.0`, `(MIT OR Apache-2.0) AND Unicode-3.0`,
//! `Apache-2.0 WITH LLVM-exception`), and whether one is made of allowed licenses.
//!
//! Precedence as the SPDX spec gives it: `WITH` binds tightest, then `AND`, then `OR`; parentheses group.
//! Operators are upper or lower case. A `/` between two licenses is the old crates.io spelling of `OR`
//! (`MIT/Apache-2.0`) and reads as `OR`.

/// A parsed expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    License(String),
    /// A license with an exception to it (`Apache-2.0 WITH LLVM-exception`).
    With(String, String),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
}

impl Expr {
    /// `OR` needs one allowed side, `AND` both; `WITH` needs the license and its exception allowed.
    pub fn allowed(&self, licenses: &[String], exceptions: &[String]) -> bool {
        let has = |list: &[String], id: &str| list.iter().any(|a| a == id);
        match self {
            Expr::License(id) => has(licenses, id),
            Expr::With(id, exception) => has(licenses, id) && has(exceptions, exception),
            Expr::And(a, b) => a.allowed(licenses, exceptions) && b.allowed(licenses, exceptions),
            Expr::Or(a, b) => a.allowed(licenses, exceptions) || b.allowed(licenses, exceptions),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Open,
    Close,
    And,
    Or,
    With,
    Id(String),
}

fn tokens(text: &str) -> Result<Vec<Token>, String> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            ' ' | '\t' => {
                chars.next();
            }
            '(' | ')' | '/' => {
                chars.next();
                out.push(match c {
                    '(' => Token::Open,
                    ')' => Token::Close,
                    _ => Token::Or,
                });
            }
            c if c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '+' | ':') => {
                let mut word = String::new();
                while let Some(&c) = chars.peek() {
                    if !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '+' | ':')) {
                        break;
                    }
                    word.push(c);
                    chars.next();
                }
                out.push(match word.as_str() {
                    "AND" | "and" => Token::And,
                    "OR" | "or" => Token::Or,
                    "WITH" | "with" => Token::With,
                    _ => Token::Id(word),
                });
            }
            other => return Err(format!("unexpected character {other:?}")),
        }
    }
    Ok(out)
}

/// Parses one expression; the error says what was expected where.
pub fn parse(text: &str) -> Result<Expr, String> {
    let tokens = tokens(text).map_err(|e| format!("license `{text}`: {e}"))?;
    let mut p = Parser { tokens, i: 0 };
    let expr = p.or().map_err(|e| format!("license `{text}`: {e}"))?;
    match p.tokens.get(p.i) {
        None => Ok(expr),
        Some(t) => Err(format!(
            "license `{text}`: expected AND, OR or the end, found {}",
            describe(Some(t))
        )),
    }
}

fn describe(t: Option<&Token>) -> String {
    match t {
        None => "the end".into(),
        Some(Token::Open) => "(".into(),
        Some(Token::Close) => ")".into(),
        Some(Token::And) => "AND".into(),
        Some(Token::Or) => "OR".into(),
        Some(Token::With) => "WITH".into(),
        Some(Token::Id(id)) => format!("`{id}`"),
    }
}

struct Parser {
    tokens: Vec<Token>,
    i: usize,
}

impl Parser {
    fn next_is(&mut self, t: &Token) -> bool {
        let hit = self.tokens.get(self.i) == Some(t);
        if hit {
            self.i += 1;
        }
        hit
    }

    fn or(&mut self) -> Result<Expr, String> {
        let mut left = self.and()?;
        while self.next_is(&Token::Or) {
            left = Expr::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, String> {
        let mut left = self.with()?;
        while self.next_is(&Token::And) {
            left = Expr::And(Box::new(left), Box::new(self.with()?));
        }
        Ok(left)
    }

    fn with(&mut self) -> Result<Expr, String> {
        if self.next_is(&Token::Open) {
            let inner = self.or()?;
            if !self.next_is(&Token::Close) {
                return Err(format!(
                    "expected ), found {}",
                    describe(self.tokens.get(self.i))
                ));
            }
            return Ok(inner);
        }
        let license = self.id("a license")?;
        if self.next_is(&Token::With) {
            return Ok(Expr::With(license, self.id("an exception after WITH")?));
        }
        Ok(Expr::License(license))
    }

    fn id(&mut self, what: &str) -> Result<String, String> {
        match self.tokens.get(self.i) {
            Some(Token::Id(id)) => {
                self.i += 1;
                Ok(id.clone())
            }
            other => Err(format!("expected {what}, found {}", describe(other))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lic(id: &str) -> Box<Expr> {
        Box::new(Expr::License(id.into()))
    }

    fn ok(text: &str) -> bool {
        let licenses: Vec<String> = ["MIT", "Apache-2.0", "Unicode-3.0"]
            .map(String::from)
            .into();
        let exceptions = vec!["LLVM-exception".to_string()];
        parse(text)
            .unwrap_or_else(|e| panic!("{e}"))
            .allowed(&licenses, &exceptions)
    }

    #[test]
    fn and_binds_tighter_than_or_and_with_tighter_than_and() {
        assert_eq!(
            parse("MIT OR Apache-2.0 AND Zlib").unwrap(),
            Expr::Or(
                lic("MIT"),
                Box::new(Expr::And(lic("Apache-2.0"), lic("Zlib")))
            )
        );
        assert_eq!(
            parse("(MIT OR Apache-2.0) AND Unicode-3.0").unwrap(),
            Expr::And(
                Box::new(Expr::Or(lic("MIT"), lic("Apache-2.0"))),
                lic("Unicode-3.0")
            )
        );
        assert_eq!(
            parse("Apache-2.0 WITH LLVM-exception OR MIT").unwrap(),
            Expr::Or(
                Box::new(Expr::With("Apache-2.0".into(), "LLVM-exception".into())),
                lic("MIT")
            )
        );
        assert_eq!(
            parse("MIT/Apache-2.0").unwrap(),
            parse("MIT OR Apache-2.0").unwrap()
        );
        assert_eq!(
            parse("Apache-2.0 / MIT").unwrap(),
            parse("Apache-2.0 or MIT").unwrap()
        );
        assert_eq!(parse("GPL-2.0+").unwrap(), Expr::License("GPL-2.0+".into()));
    }

    #[test]
    fn or_needs_one_allowed_side_and_both() {
        assert!(ok("MIT OR Apache-2.0"));
        assert!(ok("GPL-3.0 OR MIT"));
        assert!(ok("MIT OR Apache-2.0 OR LGPL-2.1-or-later"));
        assert!(ok("(MIT OR Apache-2.0) AND Unicode-3.0"));
        assert!(!ok("(MIT OR Apache-2.0) AND NCSA"));
        assert!(!ok("GPL-3.0"));
        assert!(!ok("MIT AND GPL-3.0"));
        // GPL OR (MIT AND LGPL): neither side is wholly allowed.
        assert!(!ok("GPL-3.0 OR MIT AND LGPL-2.1"));
        // (GPL OR MIT) AND Apache: both sides are.
        assert!(ok("(GPL-3.0 OR MIT) AND Apache-2.0"));
        assert!(ok("Apache-2.0 WITH LLVM-exception"));
        assert!(!ok("Apache-2.0 WITH Classpath-exception-2.0"));
        assert!(!ok("GPL-2.0 WITH LLVM-exception"));
        assert!(!ok("mit"), "ids are case-sensitive");
    }

    #[test]
    fn malformed_expressions_say_what_was_expected() {
        for (text, expected) in [
            ("", "expected a license, found the end"),
            ("MIT AND", "expected a license, found the end"),
            ("(MIT OR Apache-2.0", "expected ), found the end"),
            ("MIT)", "expected AND, OR or the end, found )"),
            ("MIT Apache-2.0", "found `Apache-2.0`"),
            ("WITH MIT", "expected a license, found WITH"),
            ("MIT WITH (", "expected an exception after WITH, found ("),
            ("MIT OR OR Zlib", "expected a license, found OR"),
            ("MIT, Zlib", "unexpected character ','"),
        ] {
            let err = parse(text).unwrap_err();
            assert!(
                err.contains(expected) && err.contains(&format!("`{text}`")),
                "{text:?}: {err}"
            );
        }
    }
}
