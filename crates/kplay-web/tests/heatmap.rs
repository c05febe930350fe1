//! Component tests of the heatmap a big topic is drawn as, run in headless Chromium by wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]

mod support;

use kplay_core::sim::{
    GroupView, MemberView, PartitionLag, PartitionView, RecordView, Snapshot, TopicView,
};
use kplay_web::components::topology_svg::TopologySvg;
use kplay_web::hooks::use_simulation::Shared;
use kplay_web::i18n::I18n;
use kplay_web::layout::Layout;
use kplay_web::state::State;
use std::rc::Rc;
use support::count;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

/// A topic of 64 partitions (partition p holds p records) read by one group that committed offset 0 everywhere
/// but on partition 3, and whose one thread owns partition 5.
fn world() -> Snapshot {
    let partitions = (0..64u64)
        .map(|p| PartitionView {
            log_end: p,
            records: p,
            recent: (0..p.min(8))
                .map(|offset| RecordView {
                    offset,
                    ..RecordView::default()
                })
                .collect(),
            ..PartitionView::default()
        })
        .collect();
    let lag = (0..64u32)
        .map(|p| PartitionLag {
            topic: "big".into(),
            partition: p,
            committed: (p != 3).then_some(0),
            log_end: p.into(),
            lag: (p != 3).then_some(p.into()),
            ..PartitionLag::default()
        })
        .collect();
    Snapshot {
        topics: vec![TopicView {
            name: "big".into(),
            partitions,
        }],
        groups: vec![GroupView {
            id: "billing".into(),
            partitions: lag,
            members: vec![MemberView {
                instance: "i1".into(),
                thread: 0,
                partitions: vec![("big".into(), 5)],
                ..MemberView::default()
            }],
            instances: vec![kplay_core::sim::InstanceView {
                id: "i1".into(),
                threads: 1,
                ..kplay_core::sim::InstanceView::default()
            }],
            state: kplay_core::sim::GroupState::Stable,
            generation: 1,
            strategy: String::new(),
            processed: 0,
            duplicates: 0,
            lost_in_handoff: 0,
            deleted_before_read: 0,
            skipped_by_reset: 0,
            missed_by_listener: Vec::new(),
            shared_topics: Vec::new(),
            warnings: Vec::new(),
        }],
        ..Snapshot::default()
    }
}

/// Which world the harness draws: [`world`] (`Readers::One`), without its group, or with a second group.
#[derive(Clone, Copy, PartialEq)]
enum Readers {
    None,
    One,
    Two,
}

#[derive(yew::Properties, PartialEq)]
struct HarnessProps {
    readers: Readers,
}

/// The picture of [`world`], drawn by the topology component with a state of its own (as the app passes it).
#[yew::component]
fn Harness(props: &HarnessProps) -> yew::Html {
    let ctx = yew::use_reducer(State::default);
    let mut snap = world();
    match props.readers {
        Readers::None => snap.groups.clear(),
        Readers::One => {}
        Readers::Two => {
            let mut audit = snap.groups[0].clone();
            audit.id = "audit".into();
            snap.groups.push(audit);
        }
    }
    let layout = Layout::of(&snap);
    let snap = Shared(Rc::new(snap));
    yew::html! {
        <TopologySvg snap={snap.clone()} layout={Shared(Rc::new(layout))} heads={snap} fetch={Callback::from(|_| Vec::new())}
            processed={Shared(Rc::default())} {ctx} i18n={I18n::english()} />
    }
}

fn mount_heatmap() -> web_sys::Element {
    mount_with(Readers::One)
}

fn mount_with(readers: Readers) -> web_sys::Element {
    kplay_web::i18n::preload(kplay_web::i18n::Lang::En, support::EN_TEXT).expect("en.txt parses");
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let root = document.create_element("div").expect("a root");
    document
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("attach");
    yew::Renderer::<Harness>::with_root_and_props(root.clone(), HarnessProps { readers }).render();
    root
}

fn cell(root: &web_sys::Element, p: u32) -> web_sys::Element {
    root.query_selector(&format!("[data-testid=heat-cell][data-partition=\"{p}\"]"))
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no cell {p}"))
}

fn detail(root: &web_sys::Element) -> Option<String> {
    root.query_selector("[data-testid=heat-detail] [data-testid=partition-lane]")
        .ok()
        .flatten()
        .and_then(|l| l.get_attribute("data-partition"))
}

fn bubbling(kind: &str) -> web_sys::Event {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    web_sys::Event::new_with_event_init_dict(kind, &init).expect("an event")
}

#[wasm_bindgen_test]
async fn a_64_partition_topic_is_a_heatmap_whose_cells_show_their_lane() {
    let root = mount_heatmap();
    yew::scheduler::flush().await;
    assert_eq!(count(&root, "[data-testid=heat-cell]"), 64);
    assert_eq!(
        count(&root, "[data-testid=partition-lane]"),
        0,
        "no lane before a cell is pointed at"
    );
    assert_eq!(count(&root, "[data-testid=heat-hint]"), 1);
    // Colour: lag 0 is bin 0, lag 12 bin 2, lag 40 bin 2, partition 3 never committed.
    let class = |p| cell(&root, p).get_attribute("class").unwrap_or_default();
    assert_eq!(class(0), "heat-cell h0");
    assert_eq!(class(9), "heat-cell h1");
    assert_eq!(class(12), "heat-cell h2");
    assert_eq!(class(3), "heat-cell hn");
    assert!(cell(&root, 3)
        .get_attribute("aria-label")
        .unwrap_or_default()
        .contains("nothing committed yet"));
    // One tab stop: the first cell.
    assert_eq!(count(&root, "[data-testid=heat-cell][tabindex=\"0\"]"), 1);

    // Pointing at cell 5 shows partition 5's lane and one ownership line to its thread.
    cell(&root, 5)
        .dispatch_event(&bubbling("mouseover"))
        .expect("dispatch");
    yew::scheduler::flush().await;
    assert_eq!(detail(&root).as_deref(), Some("5"));
    assert_eq!(count(&root, "path.own"), 1);

    // Focusing cell 20 shows its lane; ArrowDown moves the focus a row down and shows that lane.
    let c20: web_sys::HtmlElement = cell(&root, 20).unchecked_into();
    c20.focus().expect("focus");
    yew::scheduler::flush().await;
    assert_eq!(detail(&root).as_deref(), Some("20"));
    assert_eq!(count(&root, "path.own"), 0, "partition 20 has no owner");
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("ArrowDown");
    init.set_bubbles(true);
    init.set_cancelable(true);
    let key =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("a key");
    c20.dispatch_event(&key).expect("dispatch");
    assert!(
        key.default_prevented(),
        "the arrow is the grid's, not the page's"
    );
    yew::scheduler::flush().await;
    assert_eq!(detail(&root).as_deref(), Some("36"));
    let focused = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .and_then(|e| e.get_attribute("data-partition"));
    assert_eq!(focused.as_deref(), Some("36"));
    assert_eq!(
        cell(&root, 36).get_attribute("tabindex").as_deref(),
        Some("0")
    );
}

fn attr(root: &web_sys::Element, selector: &str, name: &str) -> String {
    root.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute(name))
        .unwrap_or_default()
}

fn text(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn a_topic_no_group_reads_is_coloured_by_produce_rate() {
    let root = mount_with(Readers::None);
    yew::scheduler::flush().await;
    assert_eq!(attr(&root, "[data-testid=heatmap]", "data-colour"), "rate");
    assert!(text(&root, ".heat-head").contains("records/s produced"));
    // One snapshot: no second of virtual time measured yet, so every partition shows 0 records/s.
    assert_eq!(
        attr(&root, "[data-testid=heat-cell]", "aria-label"),
        "Partition 0: 0 records/s"
    );
    assert_eq!(count(&root, "[data-testid=heat-next-group]"), 0);
    assert_eq!(
        count(&root, ".heat-scale .hn"),
        0,
        "no never-committed key without a group"
    );
}

#[wasm_bindgen_test]
async fn with_two_groups_the_head_button_picks_the_next_groups_lag_and_a_click_selects_a_cell() {
    let root = mount_with(Readers::Two);
    yew::scheduler::flush().await;
    assert_eq!(attr(&root, "[data-testid=heatmap]", "data-colour"), "lag");
    assert!(text(&root, ".heat-head").contains("billing"));
    assert_eq!(count(&root, ".heat-scale .hn"), 1);
    root.query_selector("[data-testid=heat-next-group]")
        .ok()
        .flatten()
        .expect("a next-group button")
        .dispatch_event(&bubbling("click"))
        .expect("dispatch");
    yew::scheduler::flush().await;
    assert!(
        text(&root, ".heat-head").contains("audit"),
        "{}",
        text(&root, ".heat-head")
    );
    // A click on a cell selects its partition: the cell is marked, and its lane shows under the grid.
    cell(&root, 7)
        .dispatch_event(&bubbling("click"))
        .expect("dispatch");
    yew::scheduler::flush().await;
    assert_eq!(
        cell(&root, 7).get_attribute("class").as_deref(),
        Some("heat-cell h1 selected")
    );
    assert_eq!(detail(&root).as_deref(), Some("7"));
}
