//! A lesson text: paragraphs separated by a blank line, `backticks` shown as code. A plain function, not a
//! component: each component type adds its own copy of Yew's lifecycle code to the wasm.

use crate::lesson::{paragraphs, Run};
use yew::prelude::*;

/// The text as `<p>` elements with `<code>` runs.
pub fn step_text(text: &str) -> Html {
    let paras = paragraphs(text).into_iter().map(|runs| {
        let runs = runs.into_iter().map(|r| match r {
            Run::Text(t) => html! { { t } },
            Run::Code(c) => html! { <code>{ c }</code> },
        });
        html! { <p>{ for runs }</p> }
    });
    html! { <>{ for paras }</> }
}
