//! Component tests of the playground, run in headless Chromium by wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]

use kplay_web::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn mount() -> web_sys::Element {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a browser document");
    let root = document
        .create_element("div")
        .expect("create a root element");
    document
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("attach the root");
    yew::Renderer::<App>::with_root(root.clone()).render();
    root
}

fn find(root: &web_sys::Element, selector: &str) -> web_sys::HtmlElement {
    root.query_selector(selector)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .dyn_into()
        .expect("an HTML element")
}

fn count(root: &web_sys::Element, selector: &str) -> u32 {
    root.query_selector_all(selector)
        .map(|l| l.length())
        .unwrap_or(0)
}

/// Types into an input the way a user does, so Yew's `oninput` fires.
fn type_into(root: &web_sys::Element, selector: &str, text: &str) {
    let input: web_sys::HtmlInputElement = find(root, selector).dyn_into().expect("an input");
    input.set_value(text);
    let event = web_sys::InputEvent::new("input").expect("an input event");
    input.dispatch_event(&event).expect("dispatch");
}

async fn pause(root: &web_sys::Element) {
    find(root, "[data-testid=play]").click();
    yew::scheduler::flush().await;
}

async fn open_tab(root: &web_sys::Element, name: &str) {
    find(root, &format!("[data-testid=tab-{name}]")).click();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn renders_the_title_and_the_default_topology() {
    let root = mount();
    yew::scheduler::flush().await;
    assert!(find(&root, ".app-title")
        .text_content()
        .unwrap_or_default()
        .contains("kplay"));
    assert_eq!(
        count(&root, "[data-testid=partition-lane]"),
        3,
        "orders has 3 partitions"
    );
    assert_eq!(
        count(&root, "[data-testid=thread]"),
        4,
        "billing: 2 instances × 2 threads"
    );
}

#[wasm_bindgen_test]
async fn theme_button_switches_theme() {
    let root = mount();
    yew::scheduler::flush().await;
    let app = find(&root, ".app");
    let before = app.get_attribute("data-theme").unwrap_or_default();
    find(&root, ".theme-toggle").click();
    yew::scheduler::flush().await;
    assert_ne!(app.get_attribute("data-theme").unwrap_or_default(), before);
}

#[wasm_bindgen_test]
async fn a_topic_with_zero_partitions_shows_the_error_and_changes_nothing() {
    let root = mount();
    yew::scheduler::flush().await;
    pause(&root).await;
    open_tab(&root, "build").await;
    let lanes = count(&root, "[data-testid=partition-lane]");
    type_into(&root, "#topic-name", "payments");
    type_into(&root, "#topic-partitions", "0");
    yew::scheduler::flush().await;
    find(&root, "[data-testid=add-topic]").click();
    yew::scheduler::flush().await;
    let error = find(&root, "[data-testid=topic-partitions-error]")
        .text_content()
        .unwrap_or_default();
    assert!(
        error.contains("partitions") && error.contains("1..=1024"),
        "error names field and rule: {error:?}"
    );
    assert_eq!(
        count(&root, "[data-testid=partition-lane]"),
        lanes,
        "no topic was added"
    );
    assert!(!root.inner_html().contains("topic payments"));

    // The same form with a valid count adds the topic.
    type_into(&root, "#topic-partitions", "2");
    yew::scheduler::flush().await;
    find(&root, "[data-testid=add-topic]").click();
    yew::scheduler::flush().await;
    assert_eq!(count(&root, "[data-testid=partition-lane]"), lanes + 2);
    assert_eq!(
        find(&root, "[data-testid=topic-partitions-error]")
            .text_content()
            .unwrap_or_default(),
        ""
    );
}

#[wasm_bindgen_test]
async fn adding_an_instance_adds_its_threads() {
    let root = mount();
    yew::scheduler::flush().await;
    pause(&root).await;
    open_tab(&root, "groups").await;
    let threads = count(&root, "[data-testid=thread]");
    type_into(&root, "#add-instance-billing-threads", "3");
    yew::scheduler::flush().await;
    find(&root, "[data-testid=add-instance-billing]").click();
    yew::scheduler::flush().await;
    assert_eq!(count(&root, "[data-testid=thread]"), threads + 3);
    assert_eq!(
        count(&root, "[data-testid=thread][data-instance=billing-3]"),
        3
    );
    assert_eq!(count(&root, "[data-testid=instance-row]"), 3);
}

#[wasm_bindgen_test]
async fn crash_marks_the_instance_down() {
    let root = mount();
    yew::scheduler::flush().await;
    pause(&root).await;
    open_tab(&root, "groups").await;
    find(&root, "[data-testid=crash-billing-1]").click();
    yew::scheduler::flush().await;
    // An SVG <text>, so a plain Element (its class is an SVG attribute, not `className`).
    let title = root
        .query_selector("[data-testid=instance-title][data-instance=billing-1]")
        .ok()
        .flatten()
        .expect("the instance title in the picture");
    assert_eq!(
        title.get_attribute("data-status").as_deref(),
        Some("crashed")
    );
    assert!(title
        .get_attribute("class")
        .unwrap_or_default()
        .contains("down"));
    assert_eq!(
        count(&root, "[data-testid=thread][data-instance=billing-1].down"),
        2,
        "both its threads are down"
    );
    let row = find(&root, "[data-testid=instance-row][data-instance=billing-1]");
    assert!(row.text_content().unwrap_or_default().contains("crashed"));
    // Restart is offered, crash no longer.
    let crash: web_sys::HtmlButtonElement = find(&root, "[data-testid=crash-billing-1]")
        .dyn_into()
        .expect("a button");
    assert!(crash.disabled());
}
