//! Helpers shared by the component test files: mount the app, find elements, act like a user.
#![allow(dead_code)] // each test file uses a different subset

use kplay_web::App;
use wasm_bindgen::JsCast;

/// The English texts, as `main` would have fetched them before rendering.
pub const EN_TEXT: &str = include_str!("../../i18n/en.txt");

pub fn mount() -> web_sys::Element {
    kplay_web::i18n::preload(kplay_web::i18n::Lang::En, EN_TEXT).expect("en.txt parses");
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

pub fn find(root: &web_sys::Element, selector: &str) -> web_sys::HtmlElement {
    root.query_selector(selector)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .dyn_into()
        .expect("an HTML element")
}

pub fn count(root: &web_sys::Element, selector: &str) -> u32 {
    root.query_selector_all(selector)
        .map(|l| l.length())
        .unwrap_or(0)
}

/// Types into an input the way a user does, so Yew's `oninput` fires.
pub fn type_into(root: &web_sys::Element, selector: &str, text: &str) {
    let input: web_sys::HtmlInputElement = find(root, selector).dyn_into().expect("an input");
    input.set_value(text);
    let event = web_sys::InputEvent::new("input").expect("an input event");
    input.dispatch_event(&event).expect("dispatch");
}

pub async fn pause(root: &web_sys::Element) {
    find(root, "[data-testid=play]").click();
    yew::scheduler::flush().await;
}

pub async fn open_tab(root: &web_sys::Element, name: &str) {
    find(root, &format!("[data-testid=tab-{name}]")).click();
    yew::scheduler::flush().await;
}

/// The text of the first element matching `selector`.
pub fn text(root: &web_sys::Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

/// Sets an input's value and fires `change` (what a user's edit then blur does).
pub fn change_into(root: &web_sys::Element, selector: &str, value: &str) {
    let input: web_sys::HtmlInputElement = find(root, selector).dyn_into().expect("an input");
    input.set_value(value);
    let event = web_sys::Event::new("change").expect("a change event");
    input.dispatch_event(&event).expect("dispatch");
}

/// Picks an option of a `<select>` and fires `change`.
pub fn select(root: &web_sys::Element, selector: &str, value: &str) {
    let select: web_sys::HtmlSelectElement = find(root, selector).dyn_into().expect("a select");
    select.set_value(value);
    let event = web_sys::Event::new("change").expect("a change event");
    select.dispatch_event(&event).expect("dispatch");
}

/// Clicks an element that has no `click()` (an SVG element), with a bubbling event as a user's click sends.
pub fn click_svg(root: &web_sys::Element, selector: &str) {
    let el = root
        .query_selector(selector)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no element matches {selector}"));
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("click", &init).expect("a click event");
    el.dispatch_event(&event).expect("dispatch");
}

/// Lets spawned futures (a language switch, a fetch) run: waits one timer turn of the event loop, then renders.
pub async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    yew::scheduler::flush().await;
}
