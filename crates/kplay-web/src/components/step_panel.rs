//! The open lesson step beside the playground: its text, the "try it" prompt (marked done when the learner
//! issues a matching command), the check question, Back / Next (through the URL), "reset step", and the
//! highlights: the elements the step names get `data-lesson-hl`, which the stylesheet draws as a pulsing outline.

use crate::components::lesson_check::lesson_check;
use crate::components::lesson_list::problem_text;
use crate::components::markup::{alert, button, escaped, flag, raw, wrap};
use crate::components::step_text::step_markup;
use crate::hooks::use_lessons::LessonHandle;
use crate::hooks::use_simulation::SimHandle;
use crate::i18n::{I18n, Lang};
use crate::lesson::{highlight_selector, Route};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The attribute that marks a highlighted element.
const MARK: &str = "data-lesson-hl"; // i18n-ok: an attribute name
/// What matches a marked element (a constant rather than a `format!` per render).
const MARKED: &str = "[data-lesson-hl]"; // i18n-ok: a CSS selector
/// [`StepPanel`]'s button "steps" that reset the step and close the lesson (no step has these numbers).
const RESET: usize = usize::MAX;
const CLOSE: usize = usize::MAX - 1;

/// Props of [`StepPanel`].
#[derive(Properties, PartialEq)]
pub struct StepPanelProps {
    /// The simulation (throttled: the panel follows the slow tick).
    pub sim: SimHandle,
    /// The translations (a prop rather than a context: no provider component and context lookups in the bundle).
    pub i18n: I18n,
    /// The lessons.
    pub lessons: LessonHandle,
}

/// Calls `f` on every element matching `selector`.
fn each(selector: &str, f: impl Fn(&web_sys::Element)) {
    let Some(list) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all(selector).ok())
    else {
        return;
    };
    for i in 0..list.length() {
        if let Some(el) = list
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        {
            f(&el);
        }
    }
}

/// Moves the highlight marks to what `selectors` match.
fn mark(selectors: &[String]) {
    each(MARKED, |el| {
        let _ = el.remove_attribute(MARK);
    });
    for s in selectors {
        each(s, |el| {
            let _ = el.set_attribute(MARK, "");
        });
    }
}

/// The step panel (nothing when no lesson is open).
#[component]
pub fn StepPanel(props: &StepPanelProps) -> Html {
    let i18n = props.i18n.clone();
    let lessons = Some(props.lessons.clone());
    let open_step = lessons.as_ref().and_then(|l| l.with(|m| m.open.clone()));
    // Borrowed from the open lesson (an `Rc`): no copy of the step and its scenario per render.
    let step = open_step
        .as_ref()
        .and_then(|o| o.lesson.steps.get(o.step).map(|s| (o, s)));
    // Highlights follow every render (the picture and tables re-render at the slow tick); cleared on close.
    let selectors: Vec<String> = step
        .as_ref()
        .map(|(_, s)| s.highlights.iter().map(highlight_selector).collect())
        .unwrap_or_default();
    let (saved_answer, saved_tried, problem, notice) = lessons
        .as_ref()
        .zip(step.as_ref())
        .map(|(l, (o, _))| {
            l.with(|m| {
                let p = m.progress.lesson(&o.lesson.id);
                (
                    p.and_then(|p| p.answered(o.step)),
                    p.is_some_and(|p| p.tried.contains(&o.step)),
                    m.problem.clone(),
                    m.progress_notice,
                )
            })
        })
        .unwrap_or_default();
    let did_now = step.as_ref().is_some_and(|(o, s)| {
        s.try_it.is_some()
            && props.sim.with(|sim| {
                sim.user_commands
                    .iter()
                    .any(|c| o.lesson.try_it_matches(o.step, c))
            })
    });
    // One effect after every render (one effect type in the bundle): the highlight marks, and the "try it" done
    // the first render that sees the matching command (recording it makes the next render see it saved).
    {
        let (lessons, record) = (lessons.clone(), did_now && !saved_tried);
        use_effect(move || {
            mark(&selectors);
            if let (true, Some(l)) = (record, lessons) {
                l.tried();
            }
            || mark(&[])
        });
    }
    let (Some(lessons), Some((open, step))) = (lessons, step) else {
        return html! {};
    };
    let ko = i18n.lang() == Lang::Ko;
    let total = open.lesson.steps.len();
    // Back, Next, reset and close: one closure shape for the four buttons (each distinct closure is a type in
    // the bundle). `to` is the step to go to (1-based); `RESET` and `CLOSE` are the other two.
    let go = |to: usize| {
        let (lessons, number) = (lessons.clone(), open.number);
        Callback::from(move |_: MouseEvent| match to {
            RESET => lessons.reset_step(),
            CLOSE => lessons.close(),
            _ => lessons.go(Route {
                lesson: number,
                step: to,
            }),
        })
    };
    let on_answer = {
        let lessons = lessons.clone();
        Callback::from(move |choice: usize| lessons.answer(choice))
    };
    let done = did_now || saved_tried;
    // The step's text, read-only markup (see [`raw`]).
    let mut lesson_text = String::from("<div class=\"lesson-text\" data-testid=\"step-text\">");
    step_markup(&mut lesson_text, step.text.pick(ko));
    lesson_text.push_str("</div>");
    // The lesson's and the step's titles and the step count: read-only, one string of markup, escaped.
    let mut head = String::new();
    wrap(
        &mut head,
        "<p class=\"muted lesson-title\">",
        open.lesson.title.pick(ko),
        "</p>",
    );
    wrap(
        &mut head,
        "<h2 class=\"step-title\" data-testid=\"step-title\">",
        step.title.pick(ko),
        "</h2>",
    );
    let of = i18n.tf(
        "lesson.step_of",
        &[("n", &(open.step + 1)), ("total", &total)],
    );
    wrap(
        &mut head,
        "<p class=\"muted\" data-testid=\"step-of\">",
        &of,
        "</p>",
    );
    html! {
        <aside class="lesson-panel" data-testid="step-panel" aria-label={i18n.t("lesson.panel")}
               data-lesson={open.number.to_string()} data-step={(open.step + 1).to_string()}>
            { raw(head) }
            if notice {
                { raw(String::from("<p class=\"notice\" role=\"status\">") + &escaped(&i18n.t("lesson.progress_reset")) + "</p>") }
            }
            if let Some(p) = &problem {
                { alert(None, problem_text(&i18n, p)) }
            }
            { raw(lesson_text) }
            if let Some(t) = &step.try_it {
                <div class={if done { "try-it done" } else { "try-it" }} data-testid="try-it" data-done={flag(done)}>
                    { raw(try_markup(&i18n, t.prompt.pick(ko), done)) }
                </div>
            }
            if let Some(check) = &step.check {
                { lesson_check(&i18n, check, ko, saved_answer, &on_answer) }
            }
            <div class="row-actions lesson-nav">
                { button("btn", None, Some("lesson-back".into()), None, None, open.step == 0, go(open.step), i18n.t("lesson.back")) }
                { button("btn primary", None, Some("lesson-next".into()), None, None, open.step + 1 >= total, go(open.step + 2), i18n.t("lesson.next")) } // i18n-ok: CSS classes
                { button("btn", None, Some("lesson-reset".into()), None, Some(i18n.t("lesson.reset_title")), false, go(RESET), i18n.t("lesson.reset")) }
                { button("btn", None, Some("lesson-close".into()), None, Some(i18n.t("lesson.close_title")), false, go(CLOSE), i18n.t("lesson.close")) }
            </div>
        </aside>
    }
}

/// What a step's "try it" box holds (read-only, escaped markup): its title, the prompt, and once done the check
/// mark line.
fn try_markup(i18n: &I18n, prompt: &str, done: bool) -> String {
    let mut out = String::new();
    wrap(&mut out, "<strong>", &i18n.t("lesson.try_it"), "</strong>");
    step_markup(&mut out, prompt);
    if done {
        wrap(
            &mut out,
            "<p class=\"ok\" role=\"status\">✓ ",
            &i18n.t("lesson.try_done"),
            "</p>",
        );
    }
    out
}
