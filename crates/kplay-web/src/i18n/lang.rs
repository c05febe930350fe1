//! Which language to show first, remembering the choice, and fetching the Korean catalogue.

use super::{preload, I18n, Lang};
use wasm_bindgen::JsCast;

/// The storage key of the chosen language.
const STORAGE_KEY: &str = "kplay.lang";

/// `?lang=` first, then a remembered choice, then the browser's languages (any `ko*` → Korean).
pub fn initial_lang() -> Lang {
    let window = web_sys::window();
    let from_query = window
        .as_ref()
        .and_then(|w| w.location().search().ok())
        .and_then(|q| query_lang(&q));
    let remembered = || {
        crate::embed::storage()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .and_then(|v| Lang::from_code(&v))
    };
    let browser = || {
        let langs = window.as_ref().map(|w| w.navigator().languages());
        let codes = langs.map(|a| a.iter().filter_map(|v| v.as_string()).collect::<Vec<_>>());
        browser_lang(&codes.unwrap_or_default())
    };
    from_query.or_else(remembered).unwrap_or_else(browser)
}

/// The language a query string asks for (`?lang=ko`, `&lang=en`).
pub(crate) fn query_lang(query: &str) -> Option<Lang> {
    query
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("lang="))
        .and_then(Lang::from_code)
}

/// Korean when any of the browser's languages is Korean, else English.
pub(crate) fn browser_lang(codes: &[String]) -> Lang {
    if codes.iter().any(|c| Lang::from_code(c) == Some(Lang::Ko)) {
        Lang::Ko
    } else {
        Lang::En
    }
}

/// Keeps the choice for the next visit (ignored when storage is unavailable, e.g. a sandboxed iframe).
pub fn remember(lang: Lang) {
    if let Some(storage) = crate::embed::storage() {
        let _ = storage.set_item(STORAGE_KEY, lang.code());
    }
}

/// The translations for `lang`, fetching its catalogue the first time. An unreachable or unreadable file gives
/// the reason, and the caller keeps the current language.
pub async fn load(lang: Lang) -> Result<I18n, super::Reason> {
    if let Some(ready) = I18n::loaded(lang) {
        return Ok(ready);
    }
    let url = lang.url();
    let text = crate::dom::fetch_text(url).await?;
    let unread = |key, line| super::Reason::new(key, line, 0).of(url);
    preload(lang, &text).map_err(|bad| unread("reason.bad_line", bad.line as u64))?;
    I18n::loaded(lang).ok_or_else(|| unread("reason.unreadable", 0))
}

/// Before the first render: loads the language the page starts in (falling back to English if that file cannot
/// be read) and marks the document with it. Returns why a catalogue could not be loaded, if one could not.
pub async fn start() -> Result<(), super::Reason> {
    let lang = initial_lang();
    let first = load(lang).await.map(|_| ());
    let shown = if first.is_ok() { lang } else { Lang::En };
    if first.is_err() && lang != Lang::En {
        load(Lang::En).await?;
    }
    mark_document(shown);
    first
}

/// Sets `<html lang>` so screen readers and fonts follow the language.
pub fn mark_document(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        root.set_lang(lang.code());
    }
}
