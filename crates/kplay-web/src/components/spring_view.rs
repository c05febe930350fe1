//! The group as Spring Boot code: a folded "Spring Boot" section in the group's card with the `@KafkaListener`
//! method and `application.yml`, regenerated whenever the group changes, each with a copy button.

use crate::components::markup::{button, hint, raw, summary, wrap};
use crate::i18n::I18n;
use crate::spring::spring_code;
use kplay_core::scenario::GroupSpec;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

/// `navigator.clipboard.writeText(text)`, looked up at run time (no extra web-sys features); ignored where the
/// browser has no clipboard API.
fn copy(text: &str) {
    let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &JsValue::from_str(k)).ok();
    let Some(window) = web_sys::window() else {
        return;
    };
    let clipboard = get(&window.into(), "navigator").and_then(|n| get(&n, "clipboard"));
    if let Some(cb) = clipboard {
        if let Some(f) = get(&cb, "writeText").and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
            let _ = f.call1(&cb, &JsValue::from_str(text));
        }
    }
}

/// One code block with its copy button.
fn block(label: &str, title: &str, testid: &'static str, text: &str) -> Html {
    let on_copy = {
        let text = text.to_owned();
        Callback::from(move |_: MouseEvent| copy(&text))
    };
    // The code: read-only markup, escaped (see [`raw`]).
    let mut code = String::from("<pre data-testid=\"");
    wrap(&mut code, "", testid, "\"><code>");
    wrap(&mut code, "", text, "</code></pre>");
    html! {
        <div class="code-block">
            { button("btn small copy", None, Some(("copy-".to_owned() + testid).into()), None, Some(title.to_owned()), false, on_copy, label.to_owned()) } // i18n-ok: CSS classes
            { raw(code) }
        </div>
    }
}

/// The Spring Boot section of a group's card (a plain function: see `step_text`). The `<details>` keeps its own
/// open state in the DOM; the code is regenerated with the card, so it follows every change of the group.
pub fn spring_view(i18n: &I18n, group: &GroupSpec) -> Html {
    let code = spring_code(i18n, group);
    let (copy, title) = (i18n.t("spring.copy"), i18n.t("spring.copy_title"));
    html! {
        <details class="spring" data-testid="spring-view">
            { summary(i18n.t("spring.title")) }
            { hint(i18n.t("spring.hint")) }
            { block(&copy, &title, "spring-java", &code.java) }
            { block(&copy, &title, "spring-yaml", &code.yaml) }
        </details>
    }
}
