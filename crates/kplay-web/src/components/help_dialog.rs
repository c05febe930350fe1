//! Keyboard shortcuts and a one-paragraph guide to what the picture shows.

use crate::i18n::I18n;
use yew::prelude::*;

/// The help dialog (modal; Escape or the button closes it). `button` is the close button's ref: the app moves
/// focus to it when the dialog opens, so keyboard users land in it. A plain function, not a component (each
/// component type costs about 1 KB of wasm).
pub fn help_dialog(i18n: &I18n, close: Callback<MouseEvent>, button: NodeRef) -> Html {
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
