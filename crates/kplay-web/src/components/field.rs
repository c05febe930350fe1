//! A labelled input with its rule and its inline error (linked by `aria-describedby`).

use crate::components::markup::flag;
use crate::i18n::rules::translate_problem;
use crate::i18n::I18n;
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
                   {oninput} aria-invalid={flag(invalid)}
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

/// What a [`Spec`]'s label or rule line says.
#[derive(Clone, Copy)]
pub enum Words {
    /// The catalogue text of this key.
    Key(&'static str),
    /// These words as they are: a Kafka config name such as `retention.ms`, the same in every language.
    Name(&'static str),
    /// The catalogue's "from `lo` to `hi`" (`form.range`).
    Range(&'static str, &'static str),
    /// The catalogue's "from 1 to `hi`" (`form.range`).
    UpTo(u32),
    /// No rule line.
    Nothing,
}

impl Words {
    fn text(self, i18n: &I18n) -> String {
        match self {
            Words::Key(key) => i18n.t(key),
            Words::Name(name) => name.to_string(),
            Words::Range(lo, hi) => i18n.tf("form.range", &[("lo", &lo), ("hi", &hi)]),
            Words::UpTo(hi) => i18n.tf("form.range", &[("lo", &1), ("hi", &hi)]),
            Words::Nothing => String::new(),
        }
    }
}

/// One field of a form, as data: its id after the form's prefix (the whole id is also its `data-testid`), its
/// label, `text` or `number`, its rule line, and the field path whose errors it shows inline ("" for none).
pub struct Spec {
    /// The id after the form's prefix.
    pub id: &'static str,
    /// The label.
    pub label: Words,
    /// `text` or `number`.
    pub kind: &'static str,
    /// The rule under the input.
    pub rule: Words,
    /// The field path of the errors shown under it ("" for none).
    pub path: &'static str,
}

impl Spec {
    /// A text field.
    pub const fn text(id: &'static str, label: Words, rule: Words, path: &'static str) -> Spec {
        Spec {
            id,
            label,
            kind: "text",
            rule,
            path,
        }
    }

    /// A number field for the Kafka config `name`: labelled with it, showing its errors.
    pub const fn config(id: &'static str, name: &'static str, rule: Words) -> Spec {
        Spec::number(id, Words::Name(name), rule, name)
    }

    /// A number field.
    pub const fn number(id: &'static str, label: Words, rule: Words, path: &'static str) -> Spec {
        Spec {
            id,
            label,
            kind: "number",
            rule,
            path,
        }
    }
}

/// The fields `specs` with ids `prefix` + [`Spec::id`], bound to `states` in the same order, each showing the
/// form's `error` (put in the chosen language) when it names the field's path. One call per group of fields
/// instead of a call with its own texts per field: each call site cost about 100 B of wasm.
pub fn fields(
    i18n: &I18n,
    prefix: &str,
    specs: &[Spec],
    states: &[&UseStateHandle<String>],
    error: &str,
) -> Html {
    specs
        .iter()
        .zip(states)
        .map(|(s, value)| {
            let shown = if s.path.is_empty() {
                String::new()
            } else {
                translate_problem(i18n, &crate::parse::error_for(error, s.path))
            };
            field(
                &(String::from(prefix) + s.id),
                &s.label.text(i18n),
                s.kind,
                value,
                &s.rule.text(i18n),
                shown,
            )
        })
        .collect()
}
