//! The i18n tidy check: user-visible text in the web app comes from the catalogues
//! (`crates/kplay-web/i18n/*.txt`), never from a string literal in a component.

/// A string literal of Rust source, with the text before it on its line.
#[cfg(test)]
struct Literal<'a> {
    line: usize,
    before: &'a str,
    text: &'a str,
    /// Whether the line ends with a `// i18n-ok: why` comment (a literal that is not UI text).
    waived: bool,
}

/// The string literals of `code` (plain `"…"` only: raw strings are not used for UI text here).
#[cfg(test)]
fn literals(code: &str) -> Vec<Literal<'_>> {
    let mut out = Vec::new();
    for (n, line) in code.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("//") {
            continue;
        }
        let waived = line.contains("// i18n-ok");
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'/' if bytes.get(i + 1) == Some(&b'/') => break,
                // A char literal such as '"' or '.' is not the start of a string.
                b'\'' if bytes.get(i + 2) == Some(&b'\'') => i += 3,
                b'\'' if bytes.get(i + 1) == Some(&b'\\') && bytes.get(i + 3) == Some(&b'\'') => {
                    i += 4
                }
                b'"' => {
                    let start = i + 1;
                    let mut j = start;
                    while j < bytes.len() && bytes[j] != b'"' {
                        j += if bytes[j] == b'\\' { 2 } else { 1 };
                    }
                    let end = j.min(bytes.len());
                    out.push(Literal {
                        line: n + 1,
                        before: &line[..i],
                        text: &line[start..end],
                        waived,
                    });
                    i = end + 1;
                }
                _ => i += 1,
            }
        }
    }
    out
}

/// Whether a literal reads like words for a person: Hangul, a capitalised word ("Fit"), or two words.
#[cfg(test)]
fn is_prose(text: &str) -> bool {
    if text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)) {
        return true;
    }
    let words: Vec<&str> = text
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2)
        .collect();
    let capitalised = words.iter().any(|w| {
        let mut cs = w.chars();
        cs.next().is_some_and(|c| c.is_ascii_uppercase()) && cs.all(|c| c.is_ascii_lowercase())
    });
    let spaced = text.contains(' ') && words.iter().filter(|w| w.len() >= 3).count() >= 2;
    capitalised || spaced
}

/// What a person reads in a literal of markup (`"<td class=\"num\">"`, `"\" y=\""`): the text outside its tags
/// and attribute values. A literal that starts inside a tag (a `>` before any `<`, or only `name="…` fragments)
/// reads from that tag's end. Literals without markup are returned whole.
#[cfg(test)]
fn readable_text(text: &str) -> String {
    let (open, close) = (text.find('<'), text.find('>'));
    let fragment = open.is_none() && close.is_none() && text.contains("=\\\"");
    if open.is_none() && close.is_none() && !fragment {
        return text.to_string();
    }
    let mut in_tag = fragment
        || matches!((open, close), (None, Some(_)))
        || matches!((open, close), (Some(o), Some(c)) if c < o);
    let mut out = String::new();
    for c in text.chars() {
        match (in_tag, c) {
            (false, '<') => in_tag = true,
            (true, '>') => in_tag = false,
            (false, c) => out.push(c),
            (true, _) => {}
        }
    }
    out
}

/// Literals that are not UI text even though they look like it: CSS classes, test ids, element names, catalogue
/// keys, and Kafka's own identifiers (which both languages keep).
#[cfg(test)]
fn exempt(lit: &Literal) -> bool {
    const ATTRIBUTES: [&str; 15] = [
        "class=",
        "data-testid=",
        "role=",
        "type=",
        "id=",
        "href=",
        "style=",
        "for=",
        "lang=",
        "aria-controls=",
        "name=",
        "key=",
        "preserveAspectRatio=",
        "aria-describedby=",
        "let class =",
    ];
    const KAFKA: [&str; 6] = [
        "CURRENT-OFFSET",
        "LOG-END-OFFSET",
        "CONSUMER-ID",
        "PreparingRebalance",
        "CompletingRebalance",
        "@KafkaListener",
    ];
    let before = lit.before.trim_end();
    let is_key = !lit.text.is_empty()
        && lit.text.contains('.')
        && !lit.text.contains(' ')
        && lit
            .text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._".contains(c));
    is_key
        || lit.waived
        || ATTRIBUTES.iter().any(|a| {
            let at = before.rfind(a);
            // `class="x"`, `class={"x"}`, `aria-describedby={format!("…")}`, `let class = if … { "x" }`.
            at.is_some_and(|i| !before[i..].contains(['>', ';']))
        })
        || inside(lit.before, "class={", '{', '}')
        || inside(lit.before, "classes!(", '(', ')')
        || KAFKA.iter().any(|k| lit.text.contains(k))
}

/// Whether the end of `before` is still inside the bracket that `opener` opened (a class expression).
#[cfg(test)]
fn inside(before: &str, opener: &str, open: char, close: char) -> bool {
    before.rfind(opener).is_some_and(|at| {
        let mut depth = 1;
        for c in before[at + opener.len()..].chars() {
            if c == open {
                depth += 1;
            } else if c == close {
                depth -= 1;
                if depth == 0 {
                    return false;
                }
            }
        }
        true
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    fn files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn components_show_only_catalogue_text() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/kplay-web/src/components");
        let mut sources = Vec::new();
        files(&root, &mut sources);
        assert!(
            !sources.is_empty(),
            "components not found at {}",
            root.display()
        );
        let mut offenders = Vec::new();
        for file in &sources {
            let text = std::fs::read_to_string(file).unwrap_or_default();
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for lit in literals(code) {
                if is_prose(&readable_text(lit.text)) && !exempt(&lit) {
                    let name = file.file_name().unwrap_or_default().to_string_lossy();
                    offenders.push(format!("{name}:{}: \"{}\"", lit.line, lit.text));
                }
            }
        }
        assert!(
            offenders.is_empty(),
            "{} user-visible literals: move them to crates/kplay-web/i18n/{{en,ko}}.txt and use i18n.t(key):\n{}",
            offenders.len(),
            offenders.join("\n")
        );
    }

    #[test]
    fn the_check_finds_prose_and_skips_classes_keys_and_kafka_names() {
        let code = r#"html!{ <p class="hint big">{ "No group yet" }</p> <b>{ i18n.t("groups.none") }</b> }
            <i class={if on { "tab active" } else { "tab" }}>{ "Shown text" }</i>
            let x = "CURRENT-OFFSET of the group"; // a comment with "Quoted words here"
            let c = '"'; let y = "Fit";
            let q = "(prefers-color-scheme: dark)"; // i18n-ok: a media query"#;
        let found: Vec<&str> = literals(code)
            .into_iter()
            .filter(|l| is_prose(l.text) && !exempt(l))
            .map(|l| l.text)
            .collect();
        assert_eq!(
            found,
            ["No group yet", "Shown text", "Fit"],
            "classes, keys and Kafka names are allowed; text beside a class is not"
        );
        assert!(is_prose("아직 없음"));
        // Markup built as a string: its tags and attributes are not prose, the words between them are.
        let markup = [
            r#"<figure class=\"chart\"><svg viewBox=\"0 0 360 120\" role=\"img\" aria-label=\""#,
            r#"\" class=\"node-title\">"#,
            r#"\" height=\"36\" rx=\"6\"/><text x=\""#,
            r#" <strong data-testid=\"generation\">"#,
            r#"<p>Hello there</p>"#,
            r#"\"/><title>Lag over time</title>"#,
        ];
        let prose: Vec<bool> = markup.iter().map(|m| is_prose(&readable_text(m))).collect();
        assert_eq!(prose, [false, false, false, false, true, true]);
        assert!(!is_prose("btn"));
        assert!(!is_prose("{}-{}"));
    }
}
