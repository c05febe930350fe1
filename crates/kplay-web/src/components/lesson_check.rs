//! A step's check question: the choices, and once one is picked, whether it was right and why each choice is
//! right or wrong. The learner may pick again; the last pick is kept in the progress.

use crate::components::step_text::StepText;
use crate::i18n::use_i18n;
use kplay_core::lesson::Check;
use yew::prelude::*;

/// Props of [`LessonCheck`].
#[derive(Properties, PartialEq)]
pub struct LessonCheckProps {
    /// The question.
    pub check: Check,
    /// Show the Korean texts.
    pub ko: bool,
    /// The choice picked so far.
    pub answered: Option<usize>,
    /// Picks a choice.
    pub on_answer: Callback<usize>,
}

/// The check question.
#[component]
pub fn LessonCheck(props: &LessonCheckProps) -> Html {
    let i18n = use_i18n();
    let c = &props.check;
    let verdict = props.answered.map(|a| a == c.answer);
    let choices = c.choices.iter().enumerate().map(|(i, choice)| {
        let picked = props.answered == Some(i);
        let class = match (props.answered.is_some(), i == c.answer, picked) {
            (false, _, _) => "choice",
            (true, true, _) => "choice right", // i18n-ok: CSS classes
            (true, false, true) => "choice wrong", // i18n-ok: CSS classes
            (true, false, false) => "choice",
        };
        let onclick = props.on_answer.reform(move |_: MouseEvent| i);
        html! {
            <li {class} data-testid="choice">
                <button class="btn choice-btn" aria-pressed={picked.to_string()} {onclick}>
                    <StepText text={choice.text.pick(props.ko).to_string()} />
                </button>
                if props.answered.is_some() {
                    <div class="explain" data-testid="explain"><StepText text={choice.explain.pick(props.ko).to_string()} /></div>
                }
            </li>
        }
    });
    html! {
        <section class="lesson-check" data-testid="lesson-check">
            <h3>{ i18n.t("lesson.question") }</h3>
            <StepText text={c.question.pick(props.ko).to_string()} />
            <ol class="choices">{ for choices }</ol>
            if let Some(right) = verdict {
                <p class={if right { "verdict right" } else { "verdict wrong" }} role="status" data-testid="verdict">
                    { i18n.t(if right { "lesson.right" } else { "lesson.wrong" }) }
                </p>
            }
        </section>
    }
}
