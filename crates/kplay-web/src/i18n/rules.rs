//! Problem texts in the chosen language. kplay-core words its rules in English (the CLI and its tests read
//! them), so the web translates a problem when it shows it: the English text is matched against the `rule.*`
//! templates of the English catalogue, their `{params}` are captured, and the same key's template of the chosen
//! catalogue is filled with them. Field paths (`groups[0].instances[1].threads`) stay as they are; a text no
//! template matches stays English.
//!
//! ```
//! use kplay_web::i18n::{rules::translate_problem, I18n};
//! let en = I18n::english();
//! let p = "topics[0].partitions: must be a whole number from 1 to 1024";
//! assert_eq!(translate_problem(&en, p), p);
//! ```

use super::{fill, I18n, Lang};
use std::fmt::Display;

/// `problem` in the language of `i18n`: `path: rule` keeps its path and gets the rule translated; captured
/// values that are themselves known words ("a negative number", "a list") are translated too.
pub fn translate_problem(i18n: &I18n, problem: &str) -> String {
    // Forms ask for every field's problem on each render; most are empty.
    if i18n.lang() == Lang::En || problem.is_empty() {
        return problem.to_string();
    }
    translate(i18n, problem, 0).unwrap_or_else(|| problem.to_string())
}

/// A problem shown to the learner: the whole text, or `head: tail` with the tail translated (the head, a path
/// or "JSON line 3, column 9", is translated when a template matches it and kept otherwise).
fn translate(i18n: &I18n, text: &str, depth: u8) -> Option<String> {
    if depth > 3 {
        return None;
    }
    if let Some(t) = whole(i18n, text, depth) {
        return Some(t);
    }
    let mut from = 0;
    while let Some(i) = text[from..].find(": ") {
        let at = from + i;
        let (head, tail) = (&text[..at], &text[at + 2..]);
        if let Some(t) = translate(i18n, tail, depth + 1) {
            let head = whole(i18n, head, depth + 1).unwrap_or_else(|| head.to_string());
            return Some(head + ": " + &t);
        }
        from = at + 2;
    }
    None
}

/// The translation of `text` when one `rule.*` template matches all of it (the most specific wins: the one
/// with the most fixed text).
fn whole(i18n: &I18n, text: &str, depth: u8) -> Option<String> {
    let mut best: Option<(usize, &str, Captured)> = None;
    for key in i18n.english.keys().filter(|k| k.starts_with("rule.")) {
        let Some(template) = i18n.english.get(key) else {
            continue;
        };
        if let Some((fixed, values)) = capture(template, text) {
            if best.as_ref().is_none_or(|b| fixed > b.0) {
                best = Some((fixed, key, values));
            }
        }
    }
    let (_, key, values) = best?;
    // Loops rather than `collect`: the argument list is the same `Vec` type `I18n::tn` builds.
    let mut words: Vec<String> = Vec::with_capacity(values.len());
    for (_, v) in &values {
        let word = if depth < 3 {
            whole(i18n, v, depth + 1)
        } else {
            None
        };
        words.push(word.unwrap_or_else(|| v.to_string()));
    }
    let mut args: Vec<(&str, &dyn Display)> = Vec::with_capacity(values.len());
    for (word, (name, _)) in words.iter().zip(&values) {
        args.push((name, word));
    }
    Some(fill(i18n.chosen.get(key)?, &args))
}

/// Parameter names with the text each stands for.
type Captured<'a> = Vec<(&'a str, &'a str)>;

/// The values of `template`'s `{params}` when `text` reads as the template, with how many characters of the
/// template are fixed text. Each value is non-empty, has no `: `, and ends where the next fixed text first follows.
///
/// ```
/// use kplay_web::i18n::rules::capture;
/// assert_eq!(
///     capture("from {lo} to {hi}", "from 1 to 64"),
///     Some((9, vec![("lo", "1"), ("hi", "64")]))
/// );
/// assert_eq!(capture("from {lo} to {hi}", "between 1 and 64"), None);
/// ```
pub fn capture<'a>(template: &'a str, text: &'a str) -> Option<(usize, Captured<'a>)> {
    let open = template.find('{').unwrap_or(template.len());
    let mut rest = text.strip_prefix(&template[..open])?;
    let (mut fixed, mut t) = (open, &template[open..]);
    let mut values = Vec::new();
    while let Some(after) = t.strip_prefix('{') {
        let close = after.find('}')?;
        let name = &after[..close];
        t = &after[close + 1..];
        let next = t.find('{').unwrap_or(t.len());
        let literal = &t[..next];
        let end = if next == t.len() {
            // The last parameter: the fixed text must end the text.
            rest.len()
                .checked_sub(literal.len())
                .filter(|_| rest.ends_with(literal))?
        } else if literal.is_empty() {
            return None;
        } else {
            rest.find(literal)?
        };
        // A value is never empty and never holds `: ` (that separates a path from its rule).
        if end == 0 || rest[..end].contains(": ") {
            return None;
        }
        values.push((name, &rest[..end]));
        rest = &rest[end + literal.len()..];
        fixed += literal.len();
        t = &t[next..];
    }
    rest.is_empty().then_some((fixed, values))
}

#[cfg(test)]
mod tests;
