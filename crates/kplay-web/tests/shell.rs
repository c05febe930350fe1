//! Component tests of the playground, run in headless Chromium by wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]

mod support;

use support::{change_into, click_svg, count, find, mount, open_tab, pause, text, type_into};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

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
        error.contains("partitions") && error.contains("from 1 to 1024"),
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

/// A paused world with ~600 records over the 3 partitions; returns the busiest partition.
async fn busy_lanes(root: &web_sys::Element) -> u32 {
    pause(root).await;
    open_tab(root, "build").await;
    change_into(root, "[data-testid=rate-shop]", "2000");
    yew::scheduler::flush().await;
    for _ in 0..3 {
        find(root, "[data-testid=step]").click();
        yew::scheduler::flush().await;
    }
    // The busiest lane (keys decide the partition, so one may be nearly empty).
    (0..3)
        .max_by_key(|p| {
            root.query_selector(&format!(
                "[data-testid=partition-lane][data-partition='{p}']"
            ))
            .ok()
            .flatten()
            .and_then(|l| l.get_attribute("data-log-end"))
            .and_then(|e| e.parse::<u64>().ok())
            .unwrap_or(0)
        })
        .unwrap_or(0)
}

/// The offsets a lane draws, oldest first.
fn lane_offsets(root: &web_sys::Element, lane: &str) -> Vec<u64> {
    let cells = root
        .query_selector_all(&format!("{lane} [data-testid=record-cell] .cell-offset"))
        .expect("cells");
    (0..cells.length())
        .filter_map(|i| cells.item(i)?.text_content()?.parse().ok())
        .collect()
}

/// A lane scrolls back through its log (the "… N older" control; the wheel does the same) and forward again to
/// the live end, so a record older than the newest 8 can be clicked in the picture itself.
#[wasm_bindgen_test]
async fn a_lane_scrolls_back_to_older_records_and_forward_again() {
    let root = mount();
    yew::scheduler::flush().await;
    let p = busy_lanes(&root).await;
    let lane = format!("[data-testid=partition-lane][data-partition='{p}']");
    let live = lane_offsets(&root, &lane);
    assert_eq!(live.len(), 8, "{live:?}");
    click_svg(&root, &format!("{lane} [data-testid=lane-older]"));
    yew::scheduler::flush().await;
    let back = lane_offsets(&root, &lane);
    assert_eq!(back.len(), 8, "{back:?}");
    assert!(
        back.last() < live.first(),
        "{back:?} is older than {live:?}"
    );
    assert_eq!(count(&root, &format!("{lane}[data-scrolled=true]")), 1);
    for _ in 0..3 {
        if count(&root, &format!("{lane} [data-testid=lane-newer]")) == 0 {
            break;
        }
        click_svg(&root, &format!("{lane} [data-testid=lane-newer]"));
        yew::scheduler::flush().await;
    }
    assert_eq!(count(&root, &format!("{lane}[data-scrolled=true]")), 0);
    assert_eq!(lane_offsets(&root, &lane), live, "back at the live end");
}

/// Every record of a lane can be inspected, not only the newest 8 it draws: the Inspect tab pages back through
/// the partition's log to its first offset.
#[wasm_bindgen_test]
async fn the_inspector_pages_back_to_the_first_record() {
    let root = mount();
    yew::scheduler::flush().await;
    pause(&root).await;
    open_tab(&root, "build").await;
    change_into(&root, "[data-testid=rate-shop]", "2000");
    yew::scheduler::flush().await;
    for _ in 0..3 {
        find(&root, "[data-testid=step]").click();
        yew::scheduler::flush().await;
    }
    // The busiest lane (keys decide the partition, so one may be nearly empty).
    let busiest = (0..3)
        .max_by_key(|p| {
            root.query_selector(&format!(
                "[data-testid=partition-lane][data-partition='{p}']"
            ))
            .ok()
            .flatten()
            .and_then(|l| l.get_attribute("data-log-end"))
            .and_then(|e| e.parse::<u64>().ok())
            .unwrap_or(0)
        })
        .unwrap_or(0);
    click_svg(
        &root,
        &format!("[data-testid=partition-lane][data-partition='{busiest}'] .lane-label"),
    );
    yew::scheduler::flush().await;
    assert!(text(&root, "[data-testid=log-pager]").contains("offsets"));
    let older = "[data-testid=log-older]";
    let disabled = |root: &web_sys::Element| {
        find(root, older)
            .dyn_into::<web_sys::HtmlButtonElement>()
            .expect("a button")
            .disabled()
    };
    assert!(!disabled(&root), "more than one page of records");
    let mut pages = 0;
    while !disabled(&root) {
        find(&root, older).click();
        yew::scheduler::flush().await;
        pages += 1;
        assert!(pages < 100, "paging ends");
    }
    let pager = text(&root, "[data-testid=log-pager]");
    assert!(pager.contains("offsets 0–"), "{pager}");
    assert!(pages >= 2, "{pages} pages");
}

/// A record picked in the inspector's log shows its lifecycle: what the page saw happen to it, as a list written
/// from the trace's own steps.
#[wasm_bindgen_test]
async fn a_record_picked_in_the_log_shows_the_steps_the_page_saw() {
    let root = mount();
    yew::scheduler::flush().await;
    pause(&root).await;
    for _ in 0..3 {
        find(&root, "[data-testid=step]").click();
        yew::scheduler::flush().await;
    }
    click_svg(
        &root,
        "[data-testid=partition-lane][data-partition='0'] .lane-label",
    );
    yew::scheduler::flush().await;
    // The log lists the newest record first.
    find(&root, "[data-testid=inspect] button.link[data-offset]").click();
    yew::scheduler::flush().await;
    let steps = count(&root, "[data-testid=lifecycle] ol.lifecycle li");
    assert!(steps >= 1, "{steps} steps");
    let lifecycle = text(&root, "[data-testid=lifecycle]");
    assert!(lifecycle.contains("produced"), "{lifecycle}");
    assert_eq!(
        count(&root, "[data-testid=lifecycle] .hint"),
        0,
        "{lifecycle}"
    );
}

#[wasm_bindgen_test]
async fn a_scenario_with_two_problems_lists_both_and_keeps_the_world_until_a_good_one_loads() {
    let root = mount();
    yew::scheduler::flush().await;
    pause(&root).await;
    open_tab(&root, "scenario").await;
    let lanes = count(&root, "[data-testid=partition-lane]");
    let json: web_sys::HtmlTextAreaElement = find(&root, "[data-testid=scenario-json]")
        .dyn_into()
        .expect("a textarea");
    let edit = |text: &str| {
        json.set_value(text);
        let event = web_sys::InputEvent::new("input").expect("an input event");
        json.dispatch_event(&event).expect("dispatch");
    };
    edit(
        r#"{"version": 1, "topics": [{"name": "a", "partitions": 0}, {"name": "b", "partitions": 0}],
            "producers": [], "groups": []}"#,
    );
    yew::scheduler::flush().await;
    find(&root, "[data-testid=load-scenario]").click();
    yew::scheduler::flush().await;
    assert_eq!(
        count(&root, "[data-testid=scenario-problems] li"),
        2,
        "one item per problem: {}",
        text(&root, "[data-testid=scenario-problems]")
    );
    let problems = text(&root, "[data-testid=scenario-problems]");
    assert!(
        problems.contains("topics[0].partitions") && problems.contains("topics[1].partitions"),
        "each names its field: {problems:?}"
    );
    assert_eq!(
        count(&root, "[data-testid=partition-lane]"),
        lanes,
        "the world stays"
    );

    edit(
        r#"{"version": 1, "topics": [{"name": "a", "partitions": 2}], "producers": [], "groups": []}"#,
    );
    yew::scheduler::flush().await;
    find(&root, "[data-testid=load-scenario]").click();
    yew::scheduler::flush().await;
    assert_eq!(
        count(&root, "[data-testid=scenario-problems]"),
        0,
        "no problems left"
    );
    assert_eq!(count(&root, "[data-testid=partition-lane]"), 2);
}

/// Numbers that explain themselves in a tooltip (a group's lag, a producer's box) keep their element while the
/// clock moves, so a tooltip being read is not dropped at the next refresh: only their text changes.
#[wasm_bindgen_test]
async fn explained_numbers_keep_their_element_while_the_clock_runs() {
    let root = mount();
    yew::scheduler::flush().await;
    pause(&root).await;
    open_tab(&root, "groups").await;
    let lag = find(&root, "[data-testid=group-lag]");
    let producer_box = root
        .query_selector("[data-testid=producer] rect")
        .ok()
        .flatten()
        .expect("a producer box in the picture");
    // An SVG <g>, so read through `Element`, not `HtmlElement`.
    let producer_text = || {
        root.query_selector("[data-testid=producer]")
            .ok()
            .flatten()
            .and_then(|p| p.text_content())
    };
    let sent = producer_text();
    for _ in 0..10 {
        find(&root, "[data-testid=step]").click();
        yew::scheduler::flush().await;
    }
    assert_ne!(producer_text(), sent, "the producer's sent count moved");
    assert!(find(&root, "[data-testid=group-lag]").is_same_node(Some(&lag)));
    let producer_box_now = root
        .query_selector("[data-testid=producer] rect")
        .ok()
        .flatten()
        .expect("the producer box still there");
    assert!(producer_box.is_same_node(Some(&producer_box_now)));
}
