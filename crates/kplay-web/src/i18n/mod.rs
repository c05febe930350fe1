//! Every user-visible text, in English and Korean.
//!
//! Both catalogues are static files beside the page, `i18n/en.txt` and `i18n/ko.txt`: the app fetches the one it
//! starts in before its first render, and the other the first time it is chosen, so a reader downloads the texts
//! of their language only and the wasm carries code, not prose. (Native builds, which only run tests, compile
//! English in.) A key missing from Korean falls back to English when that is loaded, and a key missing from
//! both shows the key itself: a visible gap, never a panic.
//!
//! ```
//! use kplay_web::i18n::{I18n, Lang};
//! let en = I18n::english();
//! assert_eq!(en.lang(), Lang::En);
//! assert_eq!(en.t("no.such.key"), "no.such.key");
//! ```

mod catalogue;
mod lang;

pub use catalogue::{fill, params, BadLine, Catalogue};
pub use lang::{initial_lang, load, mark_document, remember, start};

use std::cell::RefCell;
use std::fmt::Display;
use std::rc::Rc;
use yew::prelude::*;

/// The English catalogue, compiled in only where no page serves it (native test builds).
#[cfg(not(target_arch = "wasm32"))]
pub const EN_TEXT: &str = include_str!("../../i18n/en.txt");

/// A language of the UI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Korean.
    Ko,
}

impl Lang {
    /// Where the language's catalogue is served, relative to the page.
    pub fn url(self) -> &'static str {
        match self {
            Lang::En => "i18n/en.txt",
            Lang::Ko => "i18n/ko.txt",
        }
    }

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

#[cfg(not(target_arch = "wasm32"))]
fn built_in_english() -> Option<Rc<Catalogue>> {
    Catalogue::parse(EN_TEXT).ok().map(Rc::new)
}

#[cfg(target_arch = "wasm32")]
fn built_in_english() -> Option<Rc<Catalogue>> {
    None
}

thread_local! {
    static ENGLISH: RefCell<Option<Rc<Catalogue>>> = RefCell::new(built_in_english());
    static KOREAN: RefCell<Option<Rc<Catalogue>>> = const { RefCell::new(None) };
}

fn slot(lang: Lang) -> &'static std::thread::LocalKey<RefCell<Option<Rc<Catalogue>>>> {
    match lang {
        Lang::En => &ENGLISH,
        Lang::Ko => &KOREAN,
    }
}

fn catalogue(lang: Lang) -> Option<Rc<Catalogue>> {
    slot(lang).with(|c| c.borrow().clone())
}

/// Makes `lang` available without fetching it (tests, or a page that inlines its texts).
pub fn preload(lang: Lang, text: &str) -> Result<(), BadLine> {
    let c = Rc::new(Catalogue::parse(text)?);
    slot(lang).with(|k| *k.borrow_mut() = Some(c));
    Ok(())
}

/// Makes Korean available without fetching it.
pub fn preload_korean(text: &str) -> Result<(), BadLine> {
    preload(Lang::Ko, text)
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
    /// English (keys only until its catalogue is loaded: the app loads it before rendering in English).
    pub fn english() -> I18n {
        let english = catalogue(Lang::En).unwrap_or_default();
        I18n {
            lang: Lang::En,
            chosen: english.clone(),
            english,
        }
    }

    /// `lang` if its catalogue is loaded.
    pub fn loaded(lang: Lang) -> Option<I18n> {
        let chosen = catalogue(lang)?;
        Some(I18n {
            lang,
            chosen,
            english: catalogue(Lang::En).unwrap_or_default(),
        })
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
