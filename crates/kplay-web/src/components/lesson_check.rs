//! A step's check question: the choices, and once one is picked, whether it was right and why each choice is
//! right or wrong. The learner may pick again; the last pick is kept in the progress. A plain function (see
//! `step_text`).

use crate::components::markup::{flag, raw, wrap};
use crate::components::step_text::{step_markup, step_text};
use crate::i18n::I18n;
use kplay_core::lesson::Check;
use yew::prelude::*;

/// The check question; `answered` is the choice picked so far, `on_answer` picks one.
pub fn lesson_check(
    i18n: &I18n,
    c: &Check,
    ko: bool,
    answered: Option<usize>,
    on_answer: &Callback<usize>,
) -> Html {
    let verdict = answered.map(|a| a == c.answer);
    let choices = c.choices.iter().enumerate().map(|(i, choice)| {
        let picked = answered == Some(i);
        let class = match (answered.is_some(), i == c.answer, picked) {
            (false, _, _) => "choice",
            (true, true, _) => "choice right", // i18n-ok: CSS classes
            (true, false, true) => "choice wrong", // i18n-ok: CSS classes
            (true, false, false) => "choice",
        };
        let onclick = on_answer.reform(move |_: MouseEvent| i);
        html! {
            <li {class} data-testid="choice">
                <button class="btn choice-btn" aria-pressed={flag(picked)} {onclick}>
                    { step_text(choice.text.pick(ko)) }
                </button>
                if answered.is_some() {
                    <div class="explain" data-testid="explain">{ step_text(choice.explain.pick(ko)) }</div>
                }
            </li>
        }
    });
    // The question: read-only, escaped markup (see [`raw`]).
    let mut question = String::new();
    wrap(&mut question, "<h3>", &i18n.t("lesson.question"), "</h3>");
    step_markup(&mut question, c.question.pick(ko));
    html! {
        <section class="lesson-check" data-testid="lesson-check">
            { raw(question) }
            <ol class="choices">{ for choices }</ol>
            if let Some(right) = verdict {
                { raw(verdict_markup(i18n, right)) }
            }
        </section>
    }
}

/// The verdict line (read-only, escaped markup; see [`raw`]).
fn verdict_markup(i18n: &I18n, right: bool) -> String {
    let (open, key) = if right {
        (
            "<p class=\"verdict right\" role=\"status\" data-testid=\"verdict\">",
            "lesson.right",
        )
    } else {
        (
            "<p class=\"verdict wrong\" role=\"status\" data-testid=\"verdict\">",
            "lesson.wrong",
        )
    };
    let mut out = String::new();
    wrap(&mut out, open, &i18n.t(key), "</p>");
    out
}
