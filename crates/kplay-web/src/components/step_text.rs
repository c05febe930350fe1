//! A lesson text: paragraphs separated by a blank line, `backticks` shown as code. A plain function, not a
//! component: each component type adds its own copy of Yew's lifecycle code to the wasm.

use crate::components::markup::{raw, wrap};
use crate::lesson::{paragraphs, Run};
use yew::prelude::*;

/// The text as `<p>` elements with `<code>` runs: read-only, so one string of markup, escaped (see
/// [`raw`]).
pub fn step_text(text: &str) -> Html {
    let mut out = String::new();
    step_markup(&mut out, text);
    raw(out)
}

/// The markup of [`step_text`], appended to `out`.
pub fn step_markup(out: &mut String, text: &str) {
    for runs in paragraphs(text) {
        out.push_str("<p>");
        for r in runs {
            match r {
                Run::Text(t) => wrap(out, "", t, ""),
                Run::Code(c) => wrap(out, "<code>", c, "</code>"),
            }
        }
        out.push_str("</p>");
    }
}
