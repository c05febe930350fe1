//! The top bar: product name, help and theme switch.

use yew::prelude::*;

/// The top bar. A plain function, not a component: its callbacks are new at every render of the app, so a
/// component would re-render with it anyway, and each component type costs about 1 KB of wasm in yew's
/// lifecycle code.
pub fn header(
    dark: bool,
    on_toggle_theme: Callback<MouseEvent>,
    on_help: Callback<MouseEvent>,
) -> Html {
    let label = if dark {
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
                <button class="btn theme-toggle" aria-label={label} title={label} onclick={on_toggle_theme}>
                    { if dark { "☀" } else { "☾" } }
                </button>
            </div>
        </header>
    }
}
