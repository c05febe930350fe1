//! The top bar: product name, help and theme switch.

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
}

/// The top bar.
#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let on_click = props.on_toggle_theme.reform(|_: MouseEvent| ());
    let on_help = props.on_help.reform(|_: MouseEvent| ());
    let label = if props.dark {
        "Switch to light theme"
    } else {
        "Switch to dark theme"
    };
    html! {
        <header class="app-header">
            <h1 class="app-title">{ "kplay" }<span class="app-subtitle">{ " · a Kafka playground" }</span></h1>
            <div class="header-actions">
                <button class="btn" aria-label="Keyboard shortcuts and help (?)" title="Help (?)" onclick={on_help}>
                    { "?" }
                </button>
                <button class="btn theme-toggle" aria-label={label} title={label} onclick={on_click}>
                    { if props.dark { "☀" } else { "☾" } }
                </button>
            </div>
        </header>
    }
}
