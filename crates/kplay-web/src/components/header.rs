//! The top bar: product name, language, help and theme switch.

use crate::i18n::{use_i18n, Lang};
use yew::prelude::*;

/// Props of [`Header`].
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// Whether the dark theme is on.
    pub dark: bool,
    /// Called when the user flips the theme.
    pub on_toggle_theme: Callback<()>,
    /// Called when the user asks for help.
    pub on_help: Callback<()>,
    /// Called when the user picks a language.
    pub on_set_lang: Callback<Lang>,
    /// Why the last language switch failed, if it did.
    #[prop_or_default]
    pub lang_error: Option<AttrValue>,
}

/// The top bar.
#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let i18n = use_i18n();
    let on_click = props.on_toggle_theme.reform(|_: MouseEvent| ());
    let on_help = props.on_help.reform(|_: MouseEvent| ());
    let label = i18n.t(if props.dark {
        "header.to_light"
    } else {
        "header.to_dark"
    });
    // Each language names itself, so a reader finds theirs whatever is shown now.
    let lang_button = |lang: Lang, name: &'static str| {
        let pressed = i18n.lang() == lang;
        let on_set_lang = props.on_set_lang.reform(move |_: MouseEvent| lang);
        html! {
            <button class={if pressed { "btn small lang active" } else { "btn small lang" }} lang={lang.code()}
                aria-pressed={pressed.to_string()} data-testid={format!("lang-{}", lang.code())} onclick={on_set_lang}>
                { name }
            </button>
        }
    };
    html! {
        <header class="app-header">
            <h1 class="app-title">{ "kplay" }<span class="app-subtitle">{ " " }{ i18n.t("app.subtitle") }</span></h1>
            if let Some(error) = &props.lang_error {
                <p class="lang-error" role="status">{ error.clone() }</p>
            }
            <div class="header-actions">
                <div class="lang-toggle" role="group" aria-label={i18n.t("header.lang")}>
                    { lang_button(Lang::Ko, "한국어") } // i18n-ok: each language is named in itself
                    { lang_button(Lang::En, "English") } // i18n-ok: each language is named in itself
                </div>
                <button class="btn" aria-label={i18n.t("header.help")} title={i18n.t("header.help_title")} onclick={on_help}>
                    { "?" }
                </button>
                <button class="btn theme-toggle" aria-label={label.clone()} title={label} onclick={on_click}>
                    { if props.dark { "☀" } else { "☾" } }
                </button>
            </div>
        </header>
    }
}
