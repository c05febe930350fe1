//! Component tests of issue 13's exports and confirm step, run in headless Chromium by wasm-bindgen-test: the
//! Export card is in the Scenario tab with a button per export, and its builder gives the texts the buttons
//! download (the download itself is left to the e2e test); a chart's PNG is drawn here and its bytes checked.
#![cfg(target_arch = "wasm32")]

mod support;

use kplay_web::export;
use kplay_web::sim::Sim;
use support::{count, find, mount, open_tab, pause, select, settle};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn sim_at(ms: u64) -> Sim {
    let mut s =
        Sim::new(kplay_web::presets::default_scenario()).unwrap_or_else(|e| panic!("{e:?}"));
    s.run_to(ms);
    s
}

#[wasm_bindgen_test]
async fn the_export_card_offers_each_export_and_its_builder_gives_the_texts() {
    let root = mount();
    yew::scheduler::flush().await;
    open_tab(&root, "scenario").await;
    assert_eq!(count(&root, "[data-testid=export] button"), 8);
    // No chart is drawn yet: its buttons (SVG and PNG) are off and say why.
    assert_eq!(count(&root, "[data-testid=export] button[disabled]"), 6);
    assert!(find(&root, "[data-testid=export] button[disabled]")
        .get_attribute("title")
        .unwrap_or_default()
        .contains("waiting for data"));
    let labels = find(&root, "[data-testid=export]")
        .text_content()
        .unwrap_or_default();
    for want in [
        "Trace (.jsonl)",
        "--describe (.txt)",
        "Lag per group (.svg)",
        "Throughput (.svg)",
        "Lag per group (.png)",
        "Lag per partition (first group) (.png)",
        "Throughput (.png)",
    ] {
        assert!(labels.contains(want), "{want} in {labels:?}");
    }
    let sim = sim_at(10_000);
    let (name, mime, text) = export::build(&sim, 0, "").expect("the trace");
    assert_eq!(
        (name.as_str(), mime),
        ("kplay-trace.jsonl", "application/x-ndjson")
    );
    assert_eq!(text.lines().count(), sim.trace.events.len());
    assert!(text.starts_with("{\"t_ms\":"), "{text:.80}");
    let (name, _, text) = export::build(&sim, 1, "").expect("--describe");
    assert_eq!(name, "kplay-describe.txt");
    assert!(
        text.starts_with("\nGROUP           TOPIC           PARTITION  CURRENT-OFFSET"),
        "{text}"
    );
    assert!(
        text.contains("\nbilling         orders          0          "),
        "{text}"
    );
}

/// Mounts the app and runs it until the lag chart has a line, then pauses.
async fn charts_drawn() {
    let root = mount();
    // Charts need two samples (one per virtual second): the top speed, then a few event-loop turns.
    yew::scheduler::flush().await;
    select(&root, "[data-testid=speed]", "9");
    for _ in 0..2000 {
        if count(&root, ".chart svg[aria-label=\"Lag per group\"] polyline") > 0 {
            break;
        }
        settle().await;
    }
    pause(&root).await;
}

/// A chart of the mounted app exports as a standalone SVG: the namespace, the chart's lines, and the theme's
/// colours inlined by value.
#[wasm_bindgen_test]
async fn a_chart_exports_as_a_standalone_svg() {
    // The page's stylesheet is not loaded here: a theme colour of the test's own, to see it inlined.
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let style = document.create_element("style").expect("a style element");
    style.set_text_content(Some(".app { --g0: rgb(1, 2, 3); }"));
    document
        .head()
        .expect("a head")
        .append_child(&style)
        .expect("attach");
    charts_drawn().await;
    let sim = sim_at(0);
    let (name, mime, svg) =
        export::build(&sim, 2, "Lag per group").expect("the lag chart is drawn");
    assert_eq!(
        (name.as_str(), mime),
        ("kplay-lag-group.svg", "image/svg+xml")
    );
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 -14 360 134\""),
        "{svg:.120}"
    );
    assert!(
        svg.contains("</style><rect class=\"bg\" y=\"-14\" width=\"360\" height=\"134\"/><text class=\"tick\" x=\"2\" y=\"-3\">Lag per group</text>"),
        "the title in the file: {svg:.600}"
    );
    assert!(svg.contains("<polyline class=\"series g0\""), "{svg}");
    assert!(
        svg.contains("svg{--g0:rgb(1, 2, 3);") && !svg.contains(":;"),
        "the colour is inlined, the variables without a value are left out: {svg:.300}"
    );
    let parsed = web_sys::DomParser::new()
        .and_then(|p| p.parse_from_string(&svg, web_sys::SupportedType::ImageSvgXml))
        .expect("parses");
    assert_eq!(
        parsed.get_elements_by_tag_name("parsererror").length(),
        0,
        "well-formed XML"
    );
    assert_eq!(export::build(&sim, 3, "no such chart"), None);
}

/// A chart's PNG: the export gives the chart's SVG with the PNG's size, and drawing it gives PNG bytes (the
/// signature, an IHDR of twice the SVG's view box, 360 x 134); what the browser cannot draw gives `None`, not a
/// panic.
#[wasm_bindgen_test]
async fn a_chart_exports_as_a_png_of_twice_its_size() {
    charts_drawn().await;
    let sim = sim_at(0);
    let (name, mime, svg) =
        export::build(&sim, 5, "Lag per group").expect("the lag chart is drawn");
    assert_eq!((name.as_str(), mime), ("kplay-lag-group.png", "image/png"));
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"268\" viewBox=\"0 -14 360 134\""),
        "{svg:.120}"
    );
    let url = export::png::render(&svg)
        .await
        .expect("the browser draws it");
    let b64 = url
        .strip_prefix("data:image/png;base64,")
        .unwrap_or_else(|| panic!("a PNG data URL: {url:.40}"));
    let bytes: Vec<u32> = web_sys::window()
        .expect("a window")
        .atob(b64)
        .expect("base64")
        .chars()
        .map(u32::from)
        .collect();
    assert_eq!(
        bytes[..8],
        [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
        "the PNG signature"
    );
    let be32 = |at: usize| bytes[at..at + 4].iter().fold(0, |n, b| n << 8 | b);
    assert_eq!((be32(16), be32(20)), (720, 268), "IHDR: twice 360 x 134");
    assert_eq!(export::png::SIZE, (720, 268));
    assert_eq!(export::png::render("<svg").await, None, "not an image");
}
