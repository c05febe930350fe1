//! Keyboard shortcuts and a one-paragraph guide to what the picture shows.

use crate::components::markup::{head_markup, raw, wrap};
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
    // What only reads, as one string of markup (see [`raw`]).
    let mut text = String::new();
    wrap(
        &mut text,
        "<h2 id=\"help-title\">",
        &t("help.title"),
        "</h2>",
    );
    wrap(
        &mut text,
        "<p>",
        &t("help.guide"),
        "</p><table class=\"keys\">",
    );
    head_markup(&mut text, &[&t("help.key"), &t("help.does")]);
    text.push_str("<tbody>");
    for (k, d) in keys {
        wrap(&mut text, "<tr><td><kbd>", &t(k), "</kbd></td>");
        wrap(&mut text, "<td>", &t(d), "</td></tr>");
    }
    text.push_str("</tbody></table>");
    html! {
        <div class="dialog-backdrop">
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help-dialog">
                { raw(text) }
                <button class="btn primary" ref={button} onclick={close}>{ t("help.close") }</button>
            </div>
        </div>
    }
}
