//! Keyboard shortcuts and a one-paragraph guide to what the picture shows.

use crate::i18n::use_i18n;
use yew::prelude::*;

/// Props of [`HelpDialog`].
#[derive(Properties, PartialEq)]
pub struct HelpDialogProps {
    /// Close the dialog.
    pub on_close: Callback<()>,
}

/// The help dialog (modal; Escape or the button closes it).
#[component]
pub fn HelpDialog(props: &HelpDialogProps) -> Html {
    let i18n = use_i18n();
    let close = props.on_close.reform(|_: MouseEvent| ());
    let button = use_node_ref();
    {
        // Move focus into the dialog so keyboard users land on it.
        let button = button.clone();
        use_effect_with((), move |_| {
            if let Some(b) = button.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        });
    }
    let keys = [
        ("help.key.space", "help.does.play"),
        ("help.key.right", "help.does.step"),
        ("help.key.speed", "help.does.speed"),
        ("help.key.wheel", "help.does.zoom"),
        ("help.key.help", "help.does.help"),
        ("help.key.esc", "help.does.close"),
    ];
    let t = |key: &str| i18n.t(key);
    html! {
        <div class="dialog-backdrop">
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help-dialog">
                <h2 id="help-title">{ t("help.title") }</h2>
                <p>{ t("help.guide") }</p>
                <table class="keys">
                    <thead><tr><th scope="col">{ t("help.key") }</th><th scope="col">{ t("help.does") }</th></tr></thead>
                    <tbody>
                        { for keys.iter().map(|(k, d)| html! { <tr><td><kbd>{ t(k) }</kbd></td><td>{ t(d) }</td></tr> }) }
                    </tbody>
                </table>
                <button class="btn primary" ref={button} onclick={close}>{ t("help.close") }</button>
            </div>
        </div>
    }
}
