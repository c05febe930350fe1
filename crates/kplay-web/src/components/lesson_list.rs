//! The Learn tab: the lessons with the learner's progress, and why the last lesson link could not be opened.

use crate::components::markup::{alert, escaped, h2, hint, raw};
use crate::hooks::use_lessons::LessonHandle;
use crate::i18n::{I18n, Lang};
use crate::lesson::{Problem, Route};
use yew::prelude::*;

/// A lesson problem as a sentence in the chosen language.
pub fn problem_text(i18n: &I18n, p: &Problem) -> String {
    match p {
        Problem::BadLink(link) => i18n.tf("lesson.bad_link", &[("link", link)]),
        Problem::NoLesson { lesson, count } => {
            i18n.tf("lesson.no_lesson", &[("lesson", lesson), ("count", count)])
        }
        Problem::NoStep {
            lesson,
            step,
            count,
        } => i18n.tf(
            "lesson.no_step",
            &[("lesson", lesson), ("step", step), ("count", count)],
        ),
        Problem::Unreadable(reason) => {
            i18n.tf("lesson.unreadable", &[("reason", &reason.text(i18n))])
        }
        Problem::World(problems) => i18n.tf("lesson.world", &[("problems", problems)]),
    }
}

/// The lessons list (a plain function: see `step_text`); the side panel loads the index when the tab opens.
pub fn lesson_list(i18n: &I18n, lessons: &LessonHandle) -> Html {
    let ko = i18n.lang() == Lang::Ko;
    lessons.with(|m| {
        let current = m.open.as_ref().map(|o| o.number);
        let items = m.index.iter().flat_map(|i| i.lessons.iter()).enumerate().map(|(n, e)| {
            let number = n + 1;
            let seen = m.progress.lesson(&e.id).map_or(0, |p| p.seen.len().min(e.steps));
            let href = String::from("#") + &Route { lesson: number, step: 1 }.fragment();
            let class = match (current == Some(number), seen == e.steps) {
                (true, _) => "lesson-item current", // i18n-ok: CSS classes
                (false, true) => "lesson-item complete", // i18n-ok: CSS classes
                _ => "lesson-item",
            };
            html! {
                <li {class} data-testid="lesson-item" data-lesson={e.id.clone()}>
                    <a {href}>{ e.title.pick(ko) }</a>
                    <span class="muted">{ i18n.tf("lesson.steps_seen", &[("seen", &seen), ("total", &e.steps)]) }</span>
                </li>
            }
        });
        html! {
            <section class="lessons" data-testid="lesson-list">
                if m.progress_notice {
                    { raw(String::from("<p class=\"notice\" role=\"status\" data-testid=\"progress-notice\">") + &escaped(&i18n.t("lesson.progress_reset")) + "</p>") }
                }
                if let Some(p) = &m.problem {
                    { alert(Some("lesson-problem"), problem_text(i18n, p)) }
                }
                { h2(i18n.t("lesson.list")) }
                { hint(i18n.t("lesson.list_hint")) }
                if m.loading && m.index.is_none() { { hint(i18n.t("lesson.loading")) } }
                <ol class="lesson-items">{ for items }</ol>
            </section>
        }
    })
}
