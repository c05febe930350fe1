//! A labelled input with its rule and its inline error (linked by `aria-describedby`).

use yew::prelude::*;

/// A form field: label, input, the rule under it and its error line. A plain function, not a component: the
/// forms re-render on each keystroke, and each component type costs about 1 KB of wasm in yew's lifecycle code.
///
/// `kind` is `text` or `number`; `rule` may be empty (no rule line); `error` is the row's message or empty.
pub fn field_input(
    id: &str,
    label: &str,
    kind: &'static str,
    value: String,
    rule: &str,
    error: String,
    on_input: &Callback<String>,
) -> Html {
    let oninput = on_input.reform(|e: InputEvent| {
        e.target_unchecked_into::<web_sys::HtmlInputElement>()
            .value()
    });
    // Concatenated rather than `format!`ted (each `format!` call site costs its own code).
    let rule_id = String::from(id) + "-rule";
    let err_id = String::from(id) + "-error";
    let described = rule_id.clone() + " " + &err_id;
    let id = AttrValue::from(id.to_string());
    let invalid = !error.is_empty();
    html! {
        <div class={if invalid { "field invalid" } else { "field" }}>
            <label for={id.clone()}>{ label.to_string() }</label>
            <input id={id.clone()} data-testid={id.clone()} type={kind} value={value}
                   {oninput} aria-invalid={invalid.to_string()}
                   aria-describedby={described} />
            if !rule.is_empty() { <small id={rule_id} class="rule">{ rule.to_string() }</small> }
            <small id={err_id.clone()} class="error" role="alert" data-testid={err_id}>{ error }</small>
        </div>
    }
}

/// A [`field_input`] bound to a text state: shows the state, stores what is typed.
pub fn field(
    id: &str,
    label: &str,
    kind: &'static str,
    value: &UseStateHandle<String>,
    rule: &str,
    error: String,
) -> Html {
    field_input(
        id,
        label,
        kind,
        (**value).clone(),
        rule,
        error,
        &crate::dom::set_text(value),
    )
}
