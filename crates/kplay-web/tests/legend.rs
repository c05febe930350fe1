//! Component tests of the legend and of the processed-position marker, run in headless Chromium by
//! wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]

mod support;

use kplay_core::sim::{PartitionView, RecordView};
use kplay_web::components::legend::MARKS;
use kplay_web::components::partition_lane::{PartitionLane, PartitionLaneProps};
use support::{count, find, mount};
use wasm_bindgen_test::*;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn the_legend_explains_every_mark_with_a_sample() {
    let root = mount();
    yew::scheduler::flush().await;
    let legend = find(&root, "[data-testid=legend]");
    assert_eq!(legend.tag_name().to_lowercase(), "details", "collapsible");
    assert_eq!(count(&legend, "li[data-mark]"), MARKS.len() as u32);
    for mark in MARKS {
        let sel = format!("li[data-mark={mark}] svg");
        assert_eq!(count(&legend, &sel), 1, "{mark} has a sample");
    }
    let zombie = find(&legend, "li[data-mark=zombie]")
        .text_content()
        .unwrap_or_default();
    assert!(
        zombie.contains("zombie") && zombie.contains("max.poll.interval.ms"),
        "{zombie}"
    );
}

/// A lane whose group processed offsets 0..=7 but committed only 5: the hollow processed marker shows, with a
/// tooltip counting the 3 records a crash would make it process again; a lane with everything committed has none.
#[wasm_bindgen_test]
async fn a_lane_shows_the_processed_position_ahead_of_the_commit() {
    let render = |processed: Vec<(usize, String, u64)>| {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .expect("a document");
        let root = document.create_element("div").expect("a root");
        document
            .body()
            .expect("a body")
            .append_child(&root)
            .expect("attach");
        let props = PartitionLaneProps {
            topic: "orders".into(),
            partition: 0,
            y: 20.0,
            view: PartitionView {
                log_end: 8,
                records: 8,
                recent: (0..8)
                    .map(|offset| RecordView {
                        offset,
                        ..RecordView::default()
                    })
                    .collect(),
                ..PartitionView::default()
            },
            committed: vec![(0, "billing".into(), 5)],
            processed,
            tooltips: true,
            selected: false,
            selected_offset: None,
            on_select: Callback::noop(),
            on_select_record: Callback::noop(),
            scrolled: false,
            on_scroll: Callback::noop(),
            i18n: kplay_web::i18n::I18n::english(),
        };
        kplay_web::i18n::preload(kplay_web::i18n::Lang::En, support::EN_TEXT)
            .expect("en.txt parses");
        yew::Renderer::<PartitionLane>::with_root_and_props(root.clone(), props).render();
        root
    };
    let ahead = render(vec![(0, "billing".into(), 8)]);
    let none = render(Vec::new());
    yew::scheduler::flush().await;
    assert_eq!(count(&ahead, "[data-testid=processed-marker]"), 1);
    let title = ahead
        .query_selector("[data-testid=processed-marker] title")
        .ok()
        .flatten()
        .and_then(|t| t.text_content())
        .unwrap_or_default();
    assert!(
        title.contains("offset 7") && title.contains("3 of these not committed"),
        "{title}"
    );
    assert_eq!(count(&none, "[data-testid=processed-marker]"), 0);
    assert_eq!(
        count(&none, ".commit-marker"),
        1,
        "the commit marker is still drawn"
    );
}
