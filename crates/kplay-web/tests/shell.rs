//! Component tests of the app shell, run in headless Chromium by wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]

use kplay_web::App;
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

#[wasm_bindgen_test]
async fn renders_the_title_and_an_empty_workspace() {
    let root = mount();
    yew::scheduler::flush().await;
    let title = root
        .query_selector(".app-title")
        .ok()
        .flatten()
        .expect("a title");
    assert!(title.text_content().unwrap_or_default().contains("kplay"));
    assert!(root
        .query_selector("main.workspace")
        .ok()
        .flatten()
        .is_some());
}

#[wasm_bindgen_test]
async fn theme_button_switches_to_dark_and_back() {
    use wasm_bindgen::JsCast;
    let root = mount();
    yew::scheduler::flush().await;
    let app = root
        .query_selector(".app")
        .ok()
        .flatten()
        .expect("the app element");
    assert_eq!(app.get_attribute("data-theme").as_deref(), Some("light"));
    let button: web_sys::HtmlElement = root
        .query_selector(".theme-toggle")
        .ok()
        .flatten()
        .expect("a theme button")
        .dyn_into()
        .expect("a button");
    button.click();
    yew::scheduler::flush().await;
    assert_eq!(app.get_attribute("data-theme").as_deref(), Some("dark"));
    button.click();
    yew::scheduler::flush().await;
    assert_eq!(app.get_attribute("data-theme").as_deref(), Some("light"));
}
