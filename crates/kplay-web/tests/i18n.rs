//! The language toggle: switching to Korean replaces every catalogue text on screen, and back.
#![cfg(target_arch = "wasm32")]

mod support;

use kplay_web::i18n::{preload_korean, Catalogue};
use support::{find, mount, open_tab, settle, EN_TEXT};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const KO_TEXT: &str = include_str!("../i18n/ko.txt");

/// Every text node and `title` / `aria-label` / `placeholder` under `root`, trimmed, non-empty.
fn visible_texts(root: &web_sys::Element) -> Vec<String> {
    let mut out = Vec::new();
    let all = root.query_selector_all("*").expect("a selector");
    for i in 0..all.length() {
        let Some(el) = all
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        for attr in ["title", "aria-label", "placeholder"] {
            if let Some(v) = el.get_attribute(attr) {
                out.push(v.trim().to_string());
            }
        }
        let children = el.child_nodes();
        for j in 0..children.length() {
            if let Some(node) = children.item(j) {
                if node.node_type() == web_sys::Node::TEXT_NODE {
                    out.push(node.text_content().unwrap_or_default().trim().to_string());
                }
            }
        }
    }
    out.retain(|t| !t.is_empty());
    out
}

/// The English texts that differ from their Korean translation and take no parameters (so they appear verbatim).
fn english_only() -> Vec<String> {
    let en = Catalogue::parse(EN_TEXT).expect("en.txt parses");
    let ko = Catalogue::parse(KO_TEXT).expect("ko.txt parses");
    en.keys()
        .filter_map(|k| {
            let e = en.get(k)?;
            let translated = ko.get(k).is_some_and(|t| t != e);
            (translated && !e.contains('{') && e.chars().filter(|c| c.is_alphabetic()).count() > 2)
                .then(|| e.to_string())
        })
        .collect()
}

async fn shows_no_english(root: &web_sys::Element) {
    let english = english_only();
    let found: Vec<String> = visible_texts(root)
        .into_iter()
        .filter(|t| english.contains(t))
        .collect();
    assert!(
        found.is_empty(),
        "English left after switching to Korean: {found:?}"
    );
}

#[wasm_bindgen_test]
async fn the_toggle_switches_every_catalogue_text_and_back() {
    preload_korean(KO_TEXT).expect("ko.txt parses");
    let root = mount();
    yew::scheduler::flush().await;
    let build_en = find(&root, "[data-testid=tab-build]")
        .text_content()
        .unwrap_or_default();
    find(&root, "[data-testid=lang-ko]").click();
    settle().await;
    assert_eq!(
        find(&root, ".app").get_attribute("data-lang").as_deref(),
        Some("ko")
    );
    let build_ko = find(&root, "[data-testid=tab-build]")
        .text_content()
        .unwrap_or_default();
    assert_ne!(build_en, build_ko, "the tab label is translated");
    // Each tab's panel, in Korean.
    for tab in ["build", "groups", "inspect", "events", "scenario"] {
        open_tab(&root, tab).await;
        shows_no_english(&root).await;
    }
    find(&root, "[data-testid=lang-en]").click();
    settle().await;
    assert_eq!(
        find(&root, "[data-testid=tab-build]")
            .text_content()
            .unwrap_or_default(),
        build_en
    );
}
