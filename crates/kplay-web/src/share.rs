//! Scenario import/export: JSON text and the shareable `#s=<base64url(JSON)>` link.
//!
//! Problems are English like kplay-core's (the CLI words them the same way); where they are shown the web
//! translates them with [`crate::i18n::rules::translate_problem`] (`rule.*` keys of the catalogue).

use kplay_core::Scenario;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// URL-safe base64 without padding (RFC 4648 §5), so the link needs no escaping.
pub fn b64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// Decodes [`b64_encode`] output (padding tolerated); names the first bad character.
pub fn b64_decode(text: &str) -> Result<Vec<u8>, String> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for (i, c) in text.bytes().enumerate() {
        let v = ALPHABET.iter().position(|a| *a == c).ok_or_else(|| {
            format!(
                "share link: character {} ('{}') is not base64url",
                i + 1,
                char::from(c)
            )
        })?;
        acc = (acc << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Ok(out)
}

/// Pretty JSON of a scenario (what "Export" shows).
pub fn to_json(s: &Scenario) -> String {
    kplay_core::scenario::json::write(s, true)
}

/// Parses and validates scenario JSON. A syntax error is one message with its line and column; otherwise every
/// JSON type problem is listed with its field path (kplay-core's scenario reader), or, when there is none,
/// every broken rule.
pub fn from_json(text: &str) -> Result<Scenario, Vec<String>> {
    let v = kplay_core::json::parse(text).map_err(|e| {
        // A syntax error: serde_json's words (kplay-core's parser words them alike) after the place.
        vec![format!(
            "JSON line {}, column {}: {}",
            e.line(),
            e.column(),
            e.message()
        )]
    })?;
    let s = kplay_core::scenario::json::scenario(&v).map_err(texts)?;
    s.validate().map_err(texts)?;
    Ok(s)
}

/// `path: rule` for each problem (just the rule for the whole document).
fn texts(ps: Vec<kplay_core::scenario::ScenarioProblem>) -> Vec<String> {
    ps.into_iter()
        .map(|p| {
            if p.path.is_empty() {
                p.problem
            } else {
                p.to_string()
            }
        })
        .collect()
}

/// Drops whitespace outside strings (what the link does to the pretty export).
pub fn minify(json: &str) -> String {
    let (mut out, mut in_str, mut escaped) = (String::with_capacity(json.len()), false, false);
    for c in json.chars() {
        if in_str {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_str = false,
                _ => {}
            }
        } else if !c.is_ascii_whitespace() {
            in_str = c == '"';
            out.push(c);
        }
    }
    out
}

/// The URL fragment (without `#`) that reproduces `s`; the seed travels inside the scenario.
pub fn to_fragment(s: &Scenario) -> String {
    format!("s={}", b64_encode(minify(&to_json(s)).as_bytes()))
}

/// What a URL fragment or query asks for.
#[derive(Debug, PartialEq)]
pub enum Request {
    /// Nothing recognised.
    Nothing,
    /// A preset by name.
    Preset(String),
    /// A shared scenario (or why it cannot be loaded).
    Shared(Result<Scenario, Vec<String>>),
}

/// Reads `?preset=x`, `#preset=x` or `#s=...` from the page's search and hash strings.
pub fn parse_location(search: &str, hash: &str) -> Request {
    let pairs = search
        .trim_start_matches('?')
        .split('&')
        .chain(hash.trim_start_matches('#').split('&'));
    let mut found = Request::Nothing;
    for pair in pairs {
        if let Some(name) = pair.strip_prefix("preset=") {
            found = Request::Preset(name.to_string());
        } else if let Some(code) = pair.strip_prefix("s=") {
            let parsed = b64_decode(code)
                .map_err(|e| vec![e])
                .and_then(|b| {
                    String::from_utf8(b).map_err(|_| vec!["share link: not UTF-8 text".to_string()])
                })
                .and_then(|t| from_json(&t));
            return Request::Shared(parsed);
        }
    }
    found
}

/// The scenario a request names, with the problems that made it fall back to the default; `None` when the
/// request names nothing (an empty or unrelated hash).
pub fn resolve(request: Request) -> Option<(Scenario, Vec<String>)> {
    let default = crate::presets::default_scenario;
    Some(match request {
        Request::Nothing => return None,
        Request::Preset(name) => match crate::presets::preset(&name) {
            Some(s) => (s, Vec::new()),
            None => (
                default(),
                vec![format!(
                    "preset: unknown preset \"{name}\" (known: {})",
                    crate::presets::NAMES.join(", ")
                )],
            ),
        },
        Request::Shared(Ok(s)) => (s, Vec::new()),
        Request::Shared(Err(e)) => (default(), e),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (plain, enc) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
        ] {
            assert_eq!(b64_encode(plain.as_bytes()), enc);
            assert_eq!(b64_decode(enc).unwrap_or_default(), plain.as_bytes());
        }
        assert_eq!(b64_encode(&[0xfb, 0xff]), "-_8");
        assert!(b64_decode("ab!c").unwrap_err().contains("character 3"));
    }

    #[test]
    fn share_link_round_trips_scenario_and_seed() {
        let mut s = presets::default_scenario();
        s.seed = 4242;
        let frag = to_fragment(&s);
        assert_eq!(
            parse_location("", &format!("#{frag}")),
            Request::Shared(Ok(s))
        );
    }

    #[test]
    fn minify_keeps_strings_intact() {
        assert_eq!(
            minify("{ \"a b\" : [1, 2],\n \"c\": \"x \\\" y\" }"),
            "{\"a b\":[1,2],\"c\":\"x \\\" y\"}"
        );
    }

    #[test]
    fn bad_input_lists_problems() {
        let Request::Shared(Err(p)) = parse_location("", "#s=e30") else {
            panic!("expected an error")
        };
        assert_eq!(
            p,
            vec!["missing the required field \"version\"".to_string()]
        );
        let negative = r#"{"version":1,"topics":[{"name":"t","partitions":-3,"cleanup":"x"}]}"#;
        // In document order.
        let got = from_json(negative).unwrap_err();
        assert_eq!(
            got,
            vec![
                "topics[0].partitions: must not be negative, got -3".to_string(),
                "topics[0].cleanup: unknown value \"x\"; allowed: delete, compact, compact,delete, \
                 delete,compact"
                    .to_string(),
            ]
        );
        assert_eq!(
            from_json(r#"{"version":1,"#).unwrap_err(),
            vec!["JSON line 1, column 13: EOF while parsing a value".to_string()]
        );
        let bad = r#"{"version":1,"topics":[{"name":"t","partitions":0}]}"#;
        let p = from_json(bad).unwrap_err();
        assert_eq!(
            p,
            vec!["topics[0].partitions: must be a whole number from 1 to 1024".to_string()]
        );
    }

    #[test]
    fn preset_from_query_or_hash() {
        assert_eq!(
            parse_location("?preset=bench", ""),
            Request::Preset("bench".into())
        );
        assert_eq!(
            parse_location("", "#preset=empty"),
            Request::Preset("empty".into())
        );
        assert_eq!(parse_location("", ""), Request::Nothing);
    }

    /// What a `hashchange` (a link pasted into the open tab) loads: the named preset or shared scenario, the
    /// default with the reason for a bad one, nothing for a hash that names nothing.
    #[test]
    fn a_pasted_hash_resolves_like_a_page_load() {
        let bench = resolve(parse_location("", "#preset=bench")).map(|(s, e)| (s, e.len()));
        assert_eq!(bench, Some((kplay_core::scenario::bench_preset(), 0)));
        let link = format!("#{}", to_fragment(&kplay_core::scenario::bench_preset()));
        assert_eq!(
            resolve(parse_location("", &link)).map(|x| x.0),
            Some(kplay_core::scenario::bench_preset())
        );
        let (s, e) = resolve(parse_location("", "#preset=nope")).unwrap_or_default();
        assert_eq!(s, presets::default_scenario());
        assert!(e[0].starts_with("preset: unknown preset \"nope\""), "{e:?}");
        assert_eq!(resolve(parse_location("", "#top")), None);
    }

    /// Issue 18: a valid link asking for more than the caps (here 3 × 1,024 partitions; 98 × 1,024 took 45 s to
    /// the first frame) opens the default scenario with the cap named, instead of freezing the tab.
    #[test]
    fn a_link_over_a_cap_opens_the_default_with_the_cap_named() {
        let mut big = presets::default_scenario();
        for i in 0..3 {
            big.topics.push(kplay_core::scenario::TopicSpec::new(
                &format!("big{i}"),
                1024,
            ));
        }
        let link = format!("#{}", to_fragment(&big));
        let (s, e) = resolve(parse_location("", &link)).unwrap_or_default();
        assert_eq!(s, presets::default_scenario());
        let total = 3 * 1024 + presets::default_scenario().topics[0].partitions;
        assert_eq!(
            e,
            vec![format!(
                "topics: partitions of all topics add up to {total}; the playground's cap is 2048"
            )]
        );
    }
}
