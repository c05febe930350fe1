//! The top bar: product name, language, help and theme switch.

use crate::components::markup::{button, escaped, flag, raw, wrap};
use crate::i18n::{I18n, Lang};
use yew::prelude::*;

/// The top bar: `dark` says whether the dark theme is on, `lang_error` why the last language switch failed (if
/// it did), `switch` switches the language (and remembers the choice when asked to), `areas` is the switch between
/// the playground and the Compare area. A plain function, not a component: its callbacks are new at every render of the app, so a component
/// would re-render with it anyway, and each component type costs about 1 KB of wasm in yew's lifecycle code.
pub fn header(
    i18n: &I18n,
    dark: bool,
    on_toggle_theme: Callback<MouseEvent>,
    on_help: Callback<MouseEvent>,
    switch: &Callback<(Lang, bool)>,
    lang_error: Option<AttrValue>,
    areas: Html,
) -> Html {
    let label = i18n.t(if dark {
        "header.to_light"
    } else {
        "header.to_dark"
    });
    // Each language names itself, so a reader finds theirs whatever is shown now.
    let lang_button = |lang: Lang, name: &'static str| {
        let pressed = i18n.lang() == lang;
        let on_set_lang = switch.reform(move |_: MouseEvent| (lang, true));
        html! {
            <button class={if pressed { "btn small lang active" } else { "btn small lang" }} lang={lang.code()}
                aria-pressed={flag(pressed)} data-testid={String::from("lang-") + lang.code()} onclick={on_set_lang}>
                { name }
            </button>
        }
    };
    // The title: read-only markup, escaped (see [`raw`]).
    let mut title = String::new();
    wrap(
        &mut title,
        "<h1 class=\"app-title\">kplay<span class=\"app-subtitle\"> ",
        &i18n.t("app.subtitle"),
        "</span></h1>",
    );
    html! {
        <header class="app-header">
            { raw(title) }
            if let Some(error) = lang_error {
                { raw(String::from("<p class=\"lang-error\" role=\"status\">") + &escaped(&error) + "</p>") }
            }
            <div class="header-actions">
                { areas }
                <div class="lang-toggle" role="group" aria-label={i18n.t("header.lang")}>
                    { lang_button(Lang::Ko, "한국어") } // i18n-ok: each language is named in itself
                    { lang_button(Lang::En, "English") } // i18n-ok: each language is named in itself
                </div>
                { button("btn", None, None, Some(i18n.t("header.help")), Some(i18n.t("header.help_title")), false, on_help, "?".into()) }
                { button("btn theme-toggle", None, None, Some(label.clone()), Some(label), false, on_toggle_theme, (if dark { "☀" } else { "☾" }).into()) } // i18n-ok: CSS classes
            </div>
        </header>
    }
}
