//! The group as Spring Boot code: a folded "Spring Boot" section in the group's card with the `@KafkaListener`
//! method and `application.yml`, regenerated whenever the group changes, each with a copy button.

use crate::i18n::use_i18n;
use crate::spring::spring_code;
use kplay_core::scenario::GroupSpec;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

/// Props of [`SpringView`].
#[derive(Properties, PartialEq)]
pub struct SpringViewProps {
    /// The group as it is now (the scenario's spec, kept in step with every command).
    pub group: GroupSpec,
}

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
    html! {
        <div class="code-block">
            <button class="btn small copy" onclick={on_copy} title={title.to_owned()} data-testid={format!("copy-{testid}")}>{ label }</button>
            <pre data-testid={testid}><code>{ text }</code></pre>
        </div>
    }
}

/// The Spring Boot section of a group's card.
#[component]
pub fn SpringView(props: &SpringViewProps) -> Html {
    let i18n = use_i18n();
    // Generated only while open: a folded section costs nothing per update.
    let open = use_state_eq(|| false);
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            open.set(
                e.target_unchecked_into::<web_sys::Element>()
                    .has_attribute("open"),
            )
        })
    };
    let body = if *open {
        let code = spring_code(&props.group);
        let (copy, title) = (i18n.t("spring.copy"), i18n.t("spring.copy_title"));
        html! {<>
            <p class="hint">{ i18n.t("spring.hint") }</p>
            { block(&copy, &title, "spring-java", &code.java) }
            { block(&copy, &title, "spring-yaml", &code.yaml) }
        </>}
    } else {
        html! {}
    };
    html! {
        <details class="spring" data-testid="spring-view" ontoggle={on_toggle}>
            <summary>{ i18n.t("spring.title") }</summary>
            { body }
        </details>
    }
}
