//! The two catalogues stay in step: same keys, same parameters.

use super::*;

const KO_TEXT: &str = include_str!("../../i18n/ko.txt");
const EN_TEXT: &str = include_str!("../../i18n/en.txt");

fn both() -> (Catalogue, Catalogue) {
    let en = Catalogue::parse(EN_TEXT).unwrap_or_else(|b| panic!("en.txt line {} is bad", b.line));
    let ko = Catalogue::parse(KO_TEXT).unwrap_or_else(|b| panic!("ko.txt line {} is bad", b.line));
    (en, ko)
}

#[test]
fn korean_and_english_have_the_same_keys() {
    let (en, ko) = both();
    // Korean has no singular: an English `.one` key needs no Korean twin.
    let missing: Vec<&str> = en
        .keys()
        .filter(|k| ko.get(k).is_none() && !k.ends_with(".one"))
        .collect();
    let extra: Vec<&str> = ko.keys().filter(|k| en.get(k).is_none()).collect();
    assert!(missing.is_empty(), "keys missing from ko.txt: {missing:?}");
    assert!(
        extra.is_empty(),
        "keys in ko.txt that en.txt lacks: {extra:?}"
    );
}

#[test]
fn korean_and_english_texts_take_the_same_parameters() {
    let (en, ko) = both();
    let mut differ = Vec::new();
    for key in en.keys() {
        let en_text = en.get(key).unwrap_or_default();
        // A singular may drop `{count}` ("one record"); compare it with the plural's Korean text.
        let ko_key = key.strip_suffix(".one").map(|k| format!("{k}.other"));
        let Some(ko_text) = ko.get(ko_key.as_deref().unwrap_or(key)) else {
            continue;
        };
        let (mut a, b) = (params(en_text), params(ko_text));
        if key.ends_with(".one") {
            a.retain(|p| *p != "count");
            let mut b = b.clone();
            b.retain(|p| *p != "count");
            if a != b {
                differ.push(format!("{key}: en {a:?} / ko {b:?}"));
            }
        } else if a != b {
            differ.push(format!("{key}: en {a:?} / ko {b:?}"));
        }
    }
    assert!(
        differ.is_empty(),
        "parameters differ:\n{}",
        differ.join("\n")
    );
}

#[test]
fn no_text_is_empty() {
    let (en, ko) = both();
    let empty: Vec<String> = en
        .keys()
        .filter(|k| en.get(k) == Some(""))
        .map(|k| format!("en {k}"))
        .chain(
            ko.keys()
                .filter(|k| ko.get(k) == Some(""))
                .map(|k| format!("ko {k}")),
        )
        .collect();
    assert!(empty.is_empty(), "empty texts: {empty:?}");
}

#[test]
fn korean_falls_back_to_english_and_plural_picks_the_form() {
    preload_korean("only.ko = 한국어\nunit.records.other = 레코드 {count}개\n").unwrap();
    let ko = I18n::loaded(Lang::Ko).unwrap();
    assert_eq!(ko.t("only.ko"), "한국어");
    assert_eq!(
        ko.t("tab.build"),
        I18n::english().t("tab.build"),
        "falls back"
    );
    assert_eq!(
        ko.tn("unit.records", 1, &[]),
        "레코드 1개",
        "Korean has no singular"
    );
    let en = I18n::english();
    assert_eq!(en.tn("unit.records", 1, &[]), "1 record");
    assert_eq!(en.tn("unit.records", 0, &[]), "0 records");
    assert_ne!(ko, en);
}

#[test]
fn language_codes_queries_and_browser_lists() {
    use super::lang::{browser_lang, query_lang};
    assert_eq!(query_lang("?lang=ko"), Some(Lang::Ko));
    assert_eq!(query_lang("?embed=1&lang=en"), Some(Lang::En));
    assert_eq!(query_lang("?lang=xx"), None);
    assert_eq!(query_lang(""), None);
    assert_eq!(browser_lang(&["en-US".into(), "ko-KR".into()]), Lang::Ko);
    assert_eq!(browser_lang(&["de".into()]), Lang::En);
}

/// A button's visible words, in both languages, are part of its accessible name (WCAG 2.5.3 "label in name",
/// axe's `label-content-name-mismatch`): a speech user says what they see. Keys `K` and `K_label` (or `K_aria`)
/// are a button's text and its `aria-label`; symbols (▶, ↺, −, +) are not words and are left out, as axe does. The
/// `_label`s of the unit fields label an input, whose visible unit ("rec/s") is not its name.
#[test]
fn every_button_label_holds_its_visible_words() {
    const INPUTS: [&str; 2] = ["build.producer.rate", "build.instance.processing"];
    let (en, ko) = both();
    let mut bad = Vec::new();
    for (lang, cat) in [("en", &en), ("ko", &ko)] {
        for key in cat.keys() {
            let Some(button) = key
                .strip_suffix("_label")
                .or_else(|| key.strip_suffix("_aria"))
            else {
                continue;
            };
            let (Some(visible), Some(label)) = (cat.get(button), cat.get(key)) else {
                continue;
            };
            let words: String = visible
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == ' ')
                .collect();
            let words = words.trim().to_lowercase();
            if !INPUTS.contains(&button)
                && !words.is_empty()
                && !label.to_lowercase().contains(&words)
            {
                bad.push(format!("{lang} {key}: {label:?} lacks {words:?}"));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "labels without their visible words: {bad:?}"
    );
}
