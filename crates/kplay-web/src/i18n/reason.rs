//! Why a file could not be read, as a catalogue key (`reason.*`) with its numbers rather than an English
//! sentence: the reason is shown inside other sentences (`header.lang_failed`, `lesson.unreadable`), so a Korean
//! reader reads it in Korean too. The file name and the numbers (an HTTP status, a line) stay as they are.
//!
//! ```
//! use kplay_web::i18n::{I18n, Reason};
//! let r = Reason::new("reason.http", 404, 0).of("lessons/index.json");
//! assert_eq!(r.text(&I18n::english()), "lessons/index.json: the server answered HTTP 404");
//! ```

use super::I18n;

/// A reason: its catalogue key, the file it is about and up to two numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    /// The `reason.*` key.
    pub key: &'static str,
    /// The file, as fetched (relative to the page).
    pub file: String,
    /// `{status}`, `{line}` or `{step}`, by the key.
    pub n: u64,
    /// `{column}`.
    pub m: u64,
}

impl Reason {
    /// A reason about a file not named yet (the parsers do not know it; the reader adds it with [`Reason::of`]).
    pub fn new(key: &'static str, n: u64, m: u64) -> Reason {
        Reason {
            key,
            file: String::new(),
            n,
            m,
        }
    }

    /// The same reason about `file`.
    pub fn of(mut self, file: &str) -> Reason {
        self.file = file.to_string();
        self
    }

    /// The reason in the language of `i18n`.
    pub fn text(&self, i18n: &I18n) -> String {
        i18n.tf(
            self.key,
            &[
                ("file", &self.file),
                ("status", &self.n),
                ("line", &self.n),
                ("step", &self.n),
                ("column", &self.m),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::{preload_korean, Lang};
    use super::*;
    use crate::lesson::file::{parse_index, parse_lesson};

    const KO_TEXT: &str = include_str!("../../i18n/ko.txt");
    const FILE: &str = "lessons/03-one-group-two-classes.json";

    /// Every reason a fetch or a parse gives.
    fn every_reason() -> Vec<Reason> {
        let mut all = vec![
            Reason::new("reason.fetch", 0, 0),
            Reason::new("reason.http", 404, 0),
            Reason::new("reason.unreadable", 0, 0),
            Reason::new("reason.bad_line", 12, 0),
        ];
        let lesson = r#"{"version":1,"id":"x","title":{"en":"a","ko":"b"},"summary":{"en":"a","ko":"b"},"steps":[{}]}"#;
        for text in ["{", "[]", lesson] {
            all.extend(parse_lesson(text).err());
        }
        all.extend(parse_index("{}").err());
        all.into_iter().map(|r| r.of(FILE)).collect()
    }

    /// The words in Latin letters of `text` once the file name is taken out.
    fn latin_words(text: &str) -> Vec<String> {
        text.replace(FILE, "")
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn a_korean_reader_sees_every_reason_in_korean() {
        preload_korean(KO_TEXT).unwrap_or_else(|b| panic!("ko.txt line {}", b.line));
        let ko = I18n::loaded(Lang::Ko).unwrap_or_else(I18n::english);
        assert_eq!(ko.lang(), Lang::Ko);
        let reasons = every_reason();
        let keys: Vec<&str> = reasons.iter().map(|r| r.key).collect();
        for key in [
            "reason.json",
            "reason.not_lesson",
            "reason.not_step",
            "reason.not_index",
        ] {
            assert!(keys.contains(&key), "no parse gives {key}: {keys:?}");
        }
        for r in &reasons {
            let reason = r.text(&ko);
            assert!(reason.contains(FILE), "{reason}");
            assert!(!reason.contains('{'), "a parameter left unfilled: {reason}");
            for sentence in [
                ko.tf("lesson.unreadable", &[("reason", &reason)]),
                ko.tf("header.lang_failed", &[("reason", &reason)]),
            ] {
                // Kafka-free identifiers that stay as they are: the protocol, the format and the field path.
                let english: Vec<String> = latin_words(&sentence)
                    .into_iter()
                    .filter(|w| !["HTTP", "JSON", "steps"].contains(&w.as_str()))
                    .collect();
                assert!(english.is_empty(), "English {english:?} in {sentence:?}");
            }
        }
        assert!(Reason::new("reason.http", 404, 0)
            .of(FILE)
            .text(&ko)
            .contains("404"));
        assert!(Reason::new("reason.not_step", 2, 0)
            .of(FILE)
            .text(&ko)
            .contains("steps[2]"));
    }

    #[test]
    fn english_reasons_name_the_file_and_the_numbers() {
        let en = I18n::english();
        let r = parse_lesson("{\n  \"a\": ]").err().map(|r| r.of(FILE));
        assert_eq!(
            r.map(|r| r.text(&en)),
            Some(format!("{FILE} is not valid JSON (line 2, column 8)"))
        );
        let r = Reason::new("reason.fetch", 0, 0).of("i18n/ko.txt");
        assert_eq!(r.text(&en), "i18n/ko.txt could not be fetched");
    }
}
