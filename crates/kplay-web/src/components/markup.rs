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

/// A card's form: `<form class="card form" aria-label="{title}" data-testid="{testid}">`, its `<h2>` title,
/// then `body` (the fields, the refusal message and the submit button).
pub fn card_form(
    testid: &'static str,
    title: String,
    onsubmit: Callback<SubmitEvent>,
    body: Html,
) -> Html {
    html! {
        <form class="card form" {onsubmit} aria-label={title.clone()} data-testid={testid}>
            <h2>{ title }</h2>
            { body }
        </form>
    }
}

/// A form's submit button: classes `class`, its `data-testid` (left out when `None`), `disabled` or not.
pub fn submit_button(
    class: &'static str,
    testid: Option<AttrValue>,
    disabled: bool,
    text: String,
) -> Html {
    html! { <button {class} type="submit" data-testid={testid} {disabled}>{ text }</button> }
}

/// A flag attribute's value (`aria-pressed`, `aria-selected`, `data-done`…): a static text, where `bool`'s
/// `to_string` formatted a new `String` through its own `Display` code.
pub fn flag(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// A table cell: `<td class="{class}" data-col="{col}">{text}</td>`, `None` leaving an attribute out.
pub fn td(class: Option<&'static str>, col: Option<&'static str>, text: &str) -> Html {
    html! { <td {class} data-col={col}>{ text }</td> }
}

/// A `<button>` with classes `class`; `pressed` for a switch (`aria-pressed`); its `data-testid`, `aria-label` and
/// `title`; `disabled` or not, its click handler and its text (an attribute given as `None` is left out).
#[allow(clippy::too_many_arguments)]
pub fn button(
    class: &'static str,
    pressed: Option<bool>,
    testid: Option<AttrValue>,
    aria: Option<String>,
    title: Option<String>,
    disabled: bool,
    onclick: Callback<MouseEvent>,
    text: String,
) -> Html {
    html! {
        <button {class} aria-pressed={pressed.map(flag)} data-testid={testid}
            aria-label={aria} {title} {disabled} {onclick}>{ text }</button>
    }
}

/// A row's inline text box: `<label class="processing-edit"><span>{label}</span><input …/></label>`, with the
/// box's value, its change handler, its width in characters, its `data-testid` and its `aria-label`.
pub fn edit_box(
    label: String,
    value: String,
    onchange: Callback<Event>,
    size: &'static str,
    testid: String,
    aria: String,
) -> Html {
    html! {
        <label class="processing-edit">
            <span>{ label }</span>
            <input {value} {onchange} {size} data-testid={testid} aria-label={aria} />
        </label>
    }
}

/// `<div class="field-row">{fields}</div>`: fields side by side.
pub fn field_row(fields: Html) -> Html {
    html! { <div class="field-row">{ fields }</div> }
}

/// A folded section of a form: `<details class="advanced"><summary>{title}</summary>{extra}` then `fields` in a
/// [`field_row`].
pub fn advanced(title: String, extra: Html, fields: Html) -> Html {
    html! {
        <details class="advanced">
            <summary>{ title }</summary>
            { extra }
            { field_row(fields) }
        </details>
    }
}

/// A checkbox with its words after it: `<label class="check"><input type="checkbox" id="{id}"/> {text}</label>`,
/// storing its state through `onchange`.
pub fn check(id: &'static str, checked: bool, onchange: Callback<Event>, text: String) -> Html {
    html! {
        <label class="check"><input type="checkbox" {id} {checked} {onchange} />{ " " }{ text }</label>
    }
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

/// A `<span>` that explains itself in a tooltip (`title`). An element of its own, not part of a string of
/// markup: a string is rebuilt whenever its text changes, which would drop the tooltip the learner is reading.
pub fn titled(
    class: Option<&'static str>,
    testid: &'static str,
    title: String,
    text: String,
) -> Html {
    html! { <span {class} data-testid={testid} {title}>{ text }</span> }
}

/// Appends `<span>{label} <strong data-testid="{testid}">{value}</strong></span>`: one labelled number of a
/// card's facts line, as markup (see [`raw`]).
pub fn fact(out: &mut String, label: &str, testid: &str, value: &str) {
    wrap(out, "<span>", label, " <strong data-testid=\"");
    wrap(out, "", testid, "\">");
    wrap(out, "", value, "</strong></span>");
}

/// Appends `text` to `out` with `&`, `<`, `>`, `"` and `'` escaped, for markup built as a string (names and ids
/// are the learner's input).
pub fn esc(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// `text` escaped (see [`esc`]).
pub fn escaped(text: &str) -> String {
    let mut out = String::new();
    esc(&mut out, text);
    out
}

/// Appends `open`, then `text` escaped, then `close`: one element of markup built as a string, e.g.
/// `wrap(out, "<td class=\"num\">", lag, "</td>")`.
pub fn wrap(out: &mut String, open: &str, text: &str, close: &str) {
    out.push_str(open);
    esc(out, text);
    out.push_str(close);
}

/// A `<thead>` row of column headers, as markup appended to `out`.
pub fn head_markup(out: &mut String, cols: &[&str]) {
    out.push_str("<thead><tr>");
    for c in cols {
        wrap(out, "<th scope=\"col\">", c, "</th>");
    }
    out.push_str("</tr></thead>");
}

/// Read-only markup built as a string (no listener, no key inside), as one node: Yew then keeps one string
/// per render instead of building and diffing a node per element, and the bundle holds no construction code
/// per element. Only for parts whose text is escaped with [`esc`] or [`wrap`].
pub fn raw(markup: String) -> Html {
    Html::from_html_unchecked(AttrValue::from(markup))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fact_is_a_label_and_its_value_in_strong_with_both_escaped() {
        let mut out = String::new();
        fact(&mut out, "Generation <1>", "generation", "3\"");
        assert_eq!(
            out,
            "<span>Generation &lt;1&gt; <strong data-testid=\"generation\">3&quot;</strong></span>"
        );
    }

    #[test]
    fn escaped_text_cannot_open_markup_or_leave_an_attribute() {
        let mut out = String::new();
        wrap(&mut out, "<td title=\"", "a\"b<i>&'c", "\">");
        assert_eq!(out, "<td title=\"a&quot;b&lt;i&gt;&amp;&#39;c\">");
        let mut head = String::new();
        head_markup(&mut head, &["GROUP", "<x>"]);
        assert_eq!(
            head,
            "<thead><tr><th scope=\"col\">GROUP</th><th scope=\"col\">&lt;x&gt;</th></tr></thead>"
        );
    }
}
