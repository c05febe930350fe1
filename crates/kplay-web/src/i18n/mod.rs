//! Every user-visible text, in English and Korean.
//!
//! English is compiled in; Korean is the static file `i18n/ko.txt`, fetched from that relative URL the first time
//! it is chosen (so the wasm does not carry both). A key missing from Korean falls back to English, and a key
//! missing from both shows the key itself: a visible gap, never a panic.
//!
//! ```
//! use kplay_web::i18n::{I18n, Lang};
//! let en = I18n::english();
//! assert_eq!(en.lang(), Lang::En);
//! assert_eq!(en.t("no.such.key"), "no.such.key");
//! ```

mod catalogue;
mod lang;
pub mod rules;

pub use catalogue::{fill, params, BadLine, Catalogue};
pub use lang::{initial_lang, load, mark_document, remember};

use std::cell::RefCell;
use std::fmt::Display;
use std::rc::Rc;
use yew::prelude::*;

/// The English catalogue, in the wasm.
pub const EN_TEXT: &str = include_str!("../../i18n/en.txt");

/// Where the Korean catalogue is served, relative to the page.
pub const KO_URL: &str = "i18n/ko.txt";

/// A language of the UI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Korean.
    Ko,
}

impl Lang {
    /// The BCP 47 code (`lang` attribute, `?lang=`, storage).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// The language a code names: `ko`, `ko-KR`, … are Korean; `en*` English; anything else none.
    ///
    /// ```
    /// use kplay_web::i18n::Lang;
    /// assert_eq!(Lang::from_code("ko-KR"), Some(Lang::Ko));
    /// assert_eq!(Lang::from_code("EN"), Some(Lang::En));
    /// assert_eq!(Lang::from_code("fr"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<Lang> {
        let lower = code.trim().to_ascii_lowercase();
        if lower.starts_with("ko") {
            Some(Lang::Ko)
        } else if lower.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

thread_local! {
    static ENGLISH: Rc<Catalogue> = Rc::new(Catalogue::parse(EN_TEXT).unwrap_or_default());
    static KOREAN: RefCell<Option<Rc<Catalogue>>> = const { RefCell::new(None) };
}

/// Makes Korean available without fetching it (tests, or a page that inlines it).
pub fn preload_korean(text: &str) -> Result<(), BadLine> {
    let c = Rc::new(Catalogue::parse(text)?);
    KOREAN.with(|k| *k.borrow_mut() = Some(c));
    Ok(())
}

/// The translations in use: what components read through [`use_i18n`].
#[derive(Clone, Debug)]
pub struct I18n {
    lang: Lang,
    chosen: Rc<Catalogue>,
    english: Rc<Catalogue>,
}

impl PartialEq for I18n {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang && Rc::ptr_eq(&self.chosen, &other.chosen)
    }
}

impl I18n {
    /// English.
    pub fn english() -> I18n {
        let english = ENGLISH.with(Rc::clone);
        I18n {
            lang: Lang::En,
            chosen: english.clone(),
            english,
        }
    }

    /// `lang` if its catalogue is loaded (English always is).
    pub fn loaded(lang: Lang) -> Option<I18n> {
        match lang {
            Lang::En => Some(I18n::english()),
            Lang::Ko => KOREAN.with(|k| k.borrow().clone()).map(|chosen| I18n {
                lang,
                chosen,
                english: ENGLISH.with(Rc::clone),
            }),
        }
    }

    /// The language shown.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    fn raw(&self, key: &str) -> Option<&str> {
        self.chosen.get(key).or_else(|| self.english.get(key))
    }

    /// The text of `key` (the key itself when no catalogue has it).
    pub fn t(&self, key: &str) -> String {
        self.raw(key).unwrap_or(key).to_string()
    }

    /// The text of `key` with its `{name}` parameters filled.
    pub fn tf(&self, key: &str, args: &[(&str, &dyn Display)]) -> String {
        fill(self.raw(key).unwrap_or(key), args)
    }

    /// The plural form of `key` for `count` (`key.one` for 1 in English, else `key.other`), with `{count}` and
    /// the other parameters filled.
    ///
    /// ```
    /// let en = kplay_web::i18n::I18n::english();
    /// assert_eq!(en.tn("unit.records", 1, &[]), "1 record");
    /// assert_eq!(en.tn("unit.records", 3, &[]), "3 records");
    /// ```
    pub fn tn(&self, key: &str, count: u64, args: &[(&str, &dyn Display)]) -> String {
        let one = format!("{key}.one");
        let other = format!("{key}.other");
        let template = if count == 1 {
            self.chosen
                .get(&one)
                .or_else(|| self.chosen.get(&other))
                .or_else(|| self.raw(&one))
        } else {
            None
        }
        .or_else(|| self.raw(&other))
        .unwrap_or(key);
        let mut all: Vec<(&str, &dyn Display)> = Vec::with_capacity(args.len() + 1);
        all.push(("count", &count));
        all.extend_from_slice(args);
        fill(template, &all)
    }
}

/// What the language toggle calls.
pub type SetLang = Callback<Lang>;

/// The translations from context (English when there is no provider, as in a component tested alone).
#[hook]
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(I18n::english)
}

#[cfg(test)]
mod tests;
