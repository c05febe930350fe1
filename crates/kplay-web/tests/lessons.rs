//! Lessons in the page: a link to a missing lesson or step explains itself above the lessons list, a step shows
//! its text in the chosen language with its highlights, Next moves through the URL, and unreadable saved progress
//! is ignored with a notice; a step about the picture folds the side panel, a step pointing into it opens its tab
//! once, and a highlighted row of a folded table marks the table's toggle. The lesson files are preloaded (the
//! test server does not serve `lessons/`).
#![cfg(target_arch = "wasm32")]

mod support;

use kplay_core::lesson::{Lesson, LessonIndex};
use kplay_web::hooks::use_lessons::preload;
use kplay_web::i18n::preload_korean;
use kplay_web::lesson::{paragraphs, progress, Run};
use support::{count, find, mount, settle, text};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const INDEX: &str = include_str!("../../../lessons/index.json");
const TOPIC: &str = include_str!("../../../lessons/01-topic.json");
const OFFSETS: &str = include_str!("../../../lessons/06-offsets-commit-lag.json");
const KO_TEXT: &str = include_str!("../i18n/ko.txt");

fn set_hash(h: &str) {
    web_sys::window()
        .expect("a window")
        .location()
        .set_hash(h)
        .expect("set the hash");
}

fn storage() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("local storage")
}

/// Lesson files available, English remembered, no saved progress.
fn fresh() {
    preload("lessons/index.json", INDEX);
    preload("lessons/01-topic.json", TOPIC);
    preload("lessons/06-offsets-commit-lag.json", OFFSETS);
    preload_korean(KO_TEXT).expect("ko.txt parses");
    let s = storage();
    let _ = s.set_item("kplay.lang", "en");
    let _ = s.remove_item(progress::KEY);
}

/// Waits (a few event-loop turns) until `selector` matches, so the fetch tasks have run.
async fn wait_for(root: &web_sys::Element, selector: &str) {
    for _ in 0..100 {
        if count(root, selector) > 0 {
            return;
        }
        settle().await;
    }
    panic!("nothing matches {selector}");
}

async fn wait_until(mut f: impl FnMut() -> bool, what: &str) {
    for _ in 0..100 {
        if f() {
            return;
        }
        settle().await;
    }
    panic!("timed out waiting for {what}");
}

fn index() -> LessonIndex {
    serde_json::from_str(INDEX).expect("index.json parses")
}

/// Lesson 06 (offsets, commit, lag) and its number in the index.
fn offsets_lesson() -> (Lesson, usize) {
    let lesson: Lesson = serde_json::from_str(OFFSETS).expect("06-offsets-commit-lag.json parses");
    let number = 1 + index()
        .lessons
        .iter()
        .position(|e| e.id == lesson.id)
        .expect("lesson 06 is in the index");
    (lesson, number)
}

#[wasm_bindgen_test]
async fn a_link_to_a_missing_lesson_says_so_and_shows_the_list() {
    fresh();
    set_hash("lesson=99&step=1");
    let root = mount();
    wait_for(&root, "[data-testid=lesson-problem]").await;
    let message = text(&root, "[data-testid=lesson-problem]");
    assert!(
        message.contains("no lesson 99") && message.contains(&index().lessons.len().to_string()),
        "names the lesson and how many there are: {message:?}"
    );
    wait_until(
        || count(&root, "[data-testid=lesson-item]") as usize == index().lessons.len(),
        "the list",
    )
    .await;
    assert_eq!(
        find(&root, "[data-testid=tab-learn]")
            .get_attribute("aria-selected")
            .as_deref(),
        Some("true"),
        "the Learn tab is open"
    );
    assert_eq!(
        count(&root, "[data-testid=step-panel]"),
        0,
        "no step is shown"
    );
    set_hash("");
}

#[wasm_bindgen_test]
async fn a_link_to_a_missing_step_or_a_bad_number_says_so() {
    fresh();
    set_hash("lesson=1&step=42");
    let root = mount();
    wait_for(&root, "[data-testid=lesson-problem]").await;
    let message = text(&root, "[data-testid=lesson-problem]");
    assert!(message.contains("no step 42"), "{message:?}");
    set_hash("lesson=one");
    wait_until(
        || text(&root, "[data-testid=lesson-problem]").contains("#lesson=one"),
        "the bad-link message",
    )
    .await;
    set_hash("");
}

#[wasm_bindgen_test]
async fn a_step_shows_its_text_in_the_chosen_language_and_next_moves_on() {
    fresh();
    let lesson: Lesson = serde_json::from_str(TOPIC).expect("01-topic.json parses");
    let step = &lesson.steps[1];
    set_hash("lesson=1&step=2");
    let root = mount();
    wait_for(&root, "[data-testid=step-panel]").await;
    assert_eq!(text(&root, "[data-testid=step-title]"), step.title.en);
    assert_eq!(
        text(&root, "[data-testid=step-of]"),
        format!("Step 2 of {}", lesson.steps.len())
    );

    find(&root, "[data-testid=lang-ko]").click();
    wait_until(
        || text(&root, "[data-testid=step-title]") == step.title.ko,
        "the Korean title",
    )
    .await;
    let first: String = paragraphs(&step.text.ko)[0]
        .iter()
        .map(|r| match r {
            Run::Text(t) | Run::Code(t) => *t,
        })
        .collect();
    assert_eq!(text(&root, "[data-testid=step-text] p"), first);
    assert!(
        count(&root, "[data-testid=step-text] code") > 0,
        "backticks become code"
    );
    assert_eq!(
        text(&root, "[data-testid=step-of]"),
        format!("{}단계 중 2단계", lesson.steps.len())
    );
    assert!(
        count(&root, "[data-lesson-hl]") > 0,
        "the step's highlights are marked"
    );

    find(&root, "[data-testid=lesson-next]").click();
    wait_until(
        || text(&root, "[data-testid=step-title]") == lesson.steps[2].title.ko,
        "step 3",
    )
    .await;
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    assert_eq!(hash, "#lesson=1&step=3");
    let (saved, corrupt) = progress::load();
    assert!(!corrupt);
    assert!(saved
        .lesson(&lesson.id)
        .is_some_and(|l| l.seen.contains(&1) && l.seen.contains(&2)));

    find(&root, "[data-testid=lang-en]").click();
    settle().await;
    set_hash("");
}

#[wasm_bindgen_test]
async fn unreadable_saved_progress_is_ignored_with_a_notice() {
    fresh();
    let _ = storage().set_item(progress::KEY, "{not json");
    set_hash("");
    let root = mount();
    yew::scheduler::flush().await;
    find(&root, "[data-testid=tab-learn]").click();
    wait_for(&root, "[data-testid=progress-notice]").await;
    wait_for(&root, "[data-testid=lesson-item]").await;
    let _ = storage().remove_item(progress::KEY);
}

#[wasm_bindgen_test]
async fn try_it_is_done_by_the_learners_command_not_by_the_scripted_one() {
    fresh();
    let (lesson, number) = offsets_lesson();
    let (k, _) = lesson
        .steps
        .iter()
        .enumerate()
        .find(|(_, s)| {
            s.try_it
                .as_ref()
                .is_some_and(|t| t.when.action == "add_group")
                && s.commands.iter().any(|c| c.command.name() == "add_group")
        })
        .expect("lesson 06 has a step that scripts add_group and asks the learner to add a group");
    set_hash(&format!("lesson={number}&step={}", k + 1));
    let root = mount();
    wait_for(&root, "[data-testid=try-it]").await;
    let done = || {
        find(&root, "[data-testid=try-it]")
            .get_attribute("data-done")
            .unwrap_or_default()
    };
    assert_eq!(done(), "false", "the step's own add_group does not count");
    find(&root, "[data-testid=tab-build]").click();
    settle().await;
    find(&root, "[data-testid=add-group]").click();
    wait_until(|| done() == "true", "try-it done").await;
    let (saved, _) = progress::load();
    assert!(saved
        .lesson(&lesson.id)
        .is_some_and(|l| l.tried.contains(&k)));
    set_hash("");
}

fn has_class(root: &web_sys::Element, selector: &str, class: &str) -> bool {
    find(root, selector)
        .class_name()
        .split_whitespace()
        .any(|c| c == class)
}

fn selected(root: &web_sys::Element, tab: &str) -> bool {
    find(root, &format!("[data-testid=tab-{tab}]"))
        .get_attribute("aria-selected")
        .as_deref()
        == Some("true")
}

#[wasm_bindgen_test]
async fn a_step_folds_the_side_panel_unless_it_points_into_it_then_it_opens_that_tab_once() {
    fresh();
    let (lesson, number) = offsets_lesson();
    assert_eq!(
        kplay_web::lesson::side_tab(&lesson.steps[0].highlights),
        None
    );
    assert_eq!(
        kplay_web::lesson::side_tab(&lesson.steps[1].highlights),
        Some(kplay_web::state::Tab::Groups),
        "step 2 points at the Groups tab and a --describe row"
    );
    set_hash(&format!("lesson={number}&step=1"));
    let root = mount();
    wait_for(&root, "[data-testid=step-panel]").await;
    wait_until(
        || has_class(&root, ".workspace", "side-closed"),
        "the side panel folded for a step about the picture",
    )
    .await;
    // The learner can reopen it.
    find(&root, "[data-testid=side-toggle]").click();
    settle().await;
    assert!(!has_class(&root, ".workspace", "side-closed"));
    find(&root, "[data-testid=side-toggle]").click();
    settle().await;
    assert!(has_class(&root, ".workspace", "side-closed"));

    find(&root, "[data-testid=lesson-next]").click();
    wait_until(
        || !has_class(&root, ".workspace", "side-closed") && selected(&root, "groups"),
        "step 2 opens the side panel on the Groups tab",
    )
    .await;
    wait_for(
        &root,
        "table[data-group=\"billing\"] tr[data-topic=\"orders\"][data-partition=\"0\"][data-lesson-hl]",
    )
    .await;
    // The learner's own choice afterwards stays: the step switched once, when it opened.
    find(&root, "[data-testid=tab-events]").click();
    for _ in 0..5 {
        settle().await;
    }
    assert!(selected(&root, "events"), "the learner's tab is kept");
    set_hash("");
}

#[wasm_bindgen_test]
async fn a_highlighted_row_of_a_folded_table_marks_the_tables_toggle_until_it_is_opened() {
    fresh();
    // 20 partitions, all assigned when step 2 opens (after step 1's 10 s): more than OPEN_UP_TO_ROWS rows, so
    // the group's --describe table starts folded and can be unfolded.
    let text = r#"{"en": "Rows", "ko": "행"}"#;
    let lesson = format!(
        r#"{{"version": 1, "id": "folded", "title": {text}, "summary": {text}, "steps": [{{
            "title": {text}, "text": {text}, "run_ms": 10000,
            "scenario": {{"version": 1, "seed": 1, "topics": [{{"name": "orders", "partitions": 20}}],
                "groups": [{{"id": "billing", "topics": ["orders"],
                    "instances": [{{"id": "billing-1", "listener": "L", "threads": 1}}]}}]}}}}, {{
            "title": {text}, "text": {text}, "run_ms": 1000,
            "highlights": [{{"kind": "row", "group": "billing", "topic": "orders", "partition": 3}}]}}]}}"#
    );
    let index = format!(
        r#"{{"version": 1, "lessons": [{{"file": "99-folded.json", "id": "folded", "title": {text}, "steps": 2}}]}}"#
    );
    preload("lessons/index.json", &index);
    preload("lessons/99-folded.json", &lesson);
    set_hash("lesson=1&step=2");
    let root = mount();
    wait_for(&root, "[data-testid=step-panel]").await;
    wait_until(|| selected(&root, "groups"), "the Groups tab").await;
    assert!(!has_class(&root, ".workspace", "side-closed"));
    let row = "table[data-group=\"billing\"] tr[data-topic=\"orders\"][data-partition=\"3\"]";
    let marked_row = format!("{row}[data-lesson-hl]");
    let toggle = "[data-testid=describe-show][data-group=\"billing\"]";
    // A 20-row table starts folded: its toggle carries the mark.
    wait_for(&root, &format!("{toggle}[data-lesson-hl]")).await;
    assert_eq!(count(&root, row), 0, "the table is folded");
    // The learner unfolds it: the row carries the mark; folded again, the toggle does.
    find(&root, toggle).click();
    wait_for(&root, &marked_row).await;
    find(&root, "[data-testid=group-card] button[aria-expanded=true]").click();
    wait_for(&root, &format!("{toggle}[data-lesson-hl]")).await;
    assert_eq!(count(&root, row), 0, "folded again");
    preload("lessons/index.json", INDEX);
    set_hash("");
}
