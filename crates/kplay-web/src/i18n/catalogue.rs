//! A message catalogue: `key = text` lines, looked up by key, with `{name}` parameters and English plurals.
//!
//! The format is plain text rather than JSON so the wasm needs no extra deserializer and translators can edit
//! it without escaping quotes. `\n` in a text is a line break; `{{` is a literal `{`.

use std::fmt::{Display, Write};

/// Parsed messages, sorted by key for binary search.
#[derive(Debug, Default, PartialEq)]
pub struct Catalogue {
    entries: Vec<(String, String)>,
}

/// A line that is neither blank, a `#` comment nor `key = text`.
#[derive(Debug, PartialEq)]
pub struct BadLine {
    /// 1-based line number.
    pub line: usize,
}

impl Catalogue {
    /// Reads a catalogue; every line must be blank, a `#` comment or `key = text`.
    ///
    /// ```
    /// use kplay_web::i18n::Catalogue;
    /// let c = Catalogue::parse("# tabs\ntab.build = Build\n").unwrap();
    /// assert_eq!(c.get("tab.build"), Some("Build"));
    /// ```
    pub fn parse(text: &str) -> Result<Catalogue, BadLine> {
        let mut entries = Vec::new();
        for (n, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((key, value)) = line.split_once(" = ").or_else(|| {
                // `key =` with an empty text.
                line.strip_suffix(" =").map(|k| (k, ""))
            }) else {
                return Err(BadLine { line: n + 1 });
            };
            entries.push((key.trim().to_string(), value.trim().replace("\\n", "\n")));
        }
        // Stable, as `sort_by`, through kplay-core's shared sort: no instance of the standard sort of its own.
        kplay_core::sort::sort_by(&mut entries, &mut |a: &(String, String), b| a.0.cmp(&b.0));
        // A repeated key keeps its last text, as a later line overrides an earlier one.
        entries.dedup_by(|later, earlier| {
            if later.0 == earlier.0 {
                std::mem::swap(later, earlier);
                true
            } else {
                false
            }
        });
        Ok(Catalogue { entries })
    }

    /// The text of `key`, if the catalogue has it.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()
            .map(|i| self.entries[i].1.as_str())
    }

    /// Every key, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(k, _)| k.as_str())
    }
}

/// `template` with each `{name}` replaced by its argument; unknown names stay as written so a gap is visible.
///
/// ```
/// use kplay_web::i18n::fill;
/// assert_eq!(fill("{n} of {total}", &[("n", &2), ("total", &5)]), "2 of 5");
/// assert_eq!(fill("{{literal}} {x}", &[]), "{literal}} {x}");
/// ```
pub fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 8);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        if let Some(tail) = after.strip_prefix('{') {
            out.push('{');
            rest = tail;
            continue;
        }
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => {
                        let _ = write!(out, "{value}");
                    }
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The parameter names a template uses, sorted and without repeats.
pub fn params(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        if let Some(tail) = after.strip_prefix('{') {
            rest = tail;
            continue;
        }
        let Some(close) = after.find('}') else { break };
        names.push(&after[..close]);
        rest = &after[close + 1..];
    }
    names.sort_unstable();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_keys_comments_blank_lines_and_line_breaks() {
        let c = Catalogue::parse("# c\n\n b.x = two\\nlines \na.y = one\nempty =\n").unwrap();
        assert_eq!(c.get("a.y"), Some("one"));
        assert_eq!(c.get("b.x"), Some("two\nlines"));
        assert_eq!(c.get("empty"), Some(""));
        assert_eq!(c.get("missing"), None);
        assert_eq!(c.keys().collect::<Vec<_>>(), ["a.y", "b.x", "empty"]);
    }

    #[test]
    fn a_line_without_equals_is_reported_with_its_number() {
        assert_eq!(Catalogue::parse("a = 1\noops\n"), Err(BadLine { line: 2 }));
    }

    #[test]
    fn a_later_line_overrides_an_earlier_one() {
        let c = Catalogue::parse("k = first\nk = second\n").unwrap();
        assert_eq!(c.get("k"), Some("second"));
        assert_eq!(c.keys().count(), 1);
    }

    #[test]
    fn fill_replaces_known_names_and_keeps_unknown_ones() {
        assert_eq!(fill("{a}-{b}-{a}", &[("a", &1), ("b", &"x")]), "1-x-1");
        assert_eq!(fill("{missing} ok", &[]), "{missing} ok");
        assert_eq!(fill("open { end", &[]), "open { end");
    }

    #[test]
    fn params_lists_each_name_once() {
        assert_eq!(params("{b} {a} {b} {{no}}"), ["a", "b"]);
    }
}
