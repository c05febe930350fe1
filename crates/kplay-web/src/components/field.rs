//! A labelled input with its rule and its inline error (linked by `aria-describedby`).

use yew::prelude::*;

/// Props of [`Field`].
#[derive(Properties, PartialEq)]
pub struct FieldProps {
    /// Unique id (also the base of the test id).
    pub id: AttrValue,
    /// Visible label.
    pub label: AttrValue,
    /// Current text.
    pub value: AttrValue,
    /// The rule, shown under the input.
    #[prop_or_default]
    pub rule: AttrValue,
    /// Error text, empty when valid.
    #[prop_or_default]
    pub error: AttrValue,
    /// `text` or `number`.
    #[prop_or(AttrValue::Static("text"))]
    pub kind: AttrValue,
    /// New text typed.
    pub on_input: Callback<String>,
}

/// A form field.
#[component]
pub fn Field(props: &FieldProps) -> Html {
    let oninput = props.on_input.reform(|e: InputEvent| {
        e.target_unchecked_into::<web_sys::HtmlInputElement>()
            .value()
    });
    let rule_id = format!("{}-rule", props.id);
    let err_id = format!("{}-error", props.id);
    let invalid = !props.error.is_empty();
    html! {
        <div class={if invalid { "field invalid" } else { "field" }}>
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <input id={props.id.clone()} data-testid={props.id.clone()} type={props.kind.clone()} value={props.value.clone()}
                   {oninput} aria-invalid={invalid.to_string()}
                   aria-describedby={format!("{rule_id} {err_id}")} />
            if !props.rule.is_empty() { <small id={rule_id} class="rule">{ props.rule.clone() }</small> }
            <small id={err_id} class="error" role="alert" data-testid={format!("{}-error", props.id)}>{ props.error.clone() }</small>
        </div>
    }
}

/// A [`Field`] bound to a text state: shows the state, stores what is typed. Forms call this instead of writing
/// `<Field …/>` for each row because every `html!` use of a component expands into its own props builder, and
/// the forms have thirty rows between them (about 2 KB gzip of bundle).
///
/// `kind` is `text` or `number`; `error` is the row's message or empty.
pub fn field(
    id: &str,
    label: &str,
    kind: &'static str,
    value: &UseStateHandle<String>,
    rule: &str,
    error: String,
) -> Html {
    html! {
        <Field id={AttrValue::from(id.to_string())} label={AttrValue::from(label.to_string())}
               kind={AttrValue::Static(kind)} value={AttrValue::from((**value).clone())}
               rule={AttrValue::from(rule.to_string())} error={AttrValue::from(error)}
               on_input={crate::dom::set_text(value)} />
    }
}
