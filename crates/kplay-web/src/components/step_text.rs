//! A lesson text: paragraphs separated by a blank line, `backticks` shown as code.

use crate::lesson::{paragraphs, Run};
use yew::prelude::*;

/// Props of [`StepText`].
#[derive(Properties, PartialEq)]
pub struct StepTextProps {
    /// The text, in the chosen language.
    pub text: String,
}

/// The text as `<p>` elements with `<code>` runs.
#[component]
pub fn StepText(props: &StepTextProps) -> Html {
    let paras = paragraphs(&props.text).into_iter().map(|runs| {
        let runs = runs.into_iter().map(|r| match r {
            Run::Text(t) => html! { { t } },
            Run::Code(c) => html! { <code>{ c }</code> },
        });
        html! { <p>{ for runs }</p> }
    });
    html! { <>{ for paras }</> }
}
