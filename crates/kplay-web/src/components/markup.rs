//! Small markup shapes that recur across the panels, each built by one non-generic function.
//!
//! Every element written out in an `html!` expands into its own construction code at that site (the tag, its
//! attributes, its children list, the conversions of its text: about 200 B of wasm), so a shape written out in
//! ten places costs ten copies. Called through these functions it costs one copy and a call per site.

use yew::prelude::*;

/// `<p class="hint">{text}</p>`: a paragraph of explanation.
pub fn hint(text: String) -> Html {
    html! { <p class="hint">{ text }</p> }
}

/// `<p class="error" role="alert" data-testid="{testid}">{text}</p>`: a form's or a panel's refusal message
/// (empty while there is none; the element stays so screen readers announce the next one).
pub fn alert(testid: Option<&'static str>, text: String) -> Html {
    html! { <p class="error" role="alert" data-testid={testid}>{ text }</p> }
}

/// `<h2>{text}</h2>`: a card's title.
pub fn h2(text: String) -> Html {
    html! { <h2>{ text }</h2> }
}

/// `<summary>{text}</summary>`: what a folded `<details>` shows.
pub fn summary(text: String) -> Html {
    html! { <summary>{ text }</summary> }
}

/// `<option value="{value}" selected>{text}</option>`: one choice of a `<select>`.
pub fn option(value: String, selected: bool, text: String) -> Html {
    html! { <option {value} {selected}>{ text }</option> }
}

/// A labelled `<select>`: `<label for="{id}">{label}</label><select id="{id}">…</select>`, its `data-testid` the
/// id too when `testid` is set.
pub fn picker(
    id: &'static str,
    testid: bool,
    label: String,
    onchange: Callback<Event>,
    options: Html,
) -> Html {
    html! {
        <>
            <label for={id}>{ label }</label>
            <select {id} data-testid={testid.then_some(id)} {onchange}>{ options }</select>
        </>
    }
}
