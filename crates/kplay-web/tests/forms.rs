//! Component tests of the Build forms' configs and of topic rename: every refusal names the field and the rule
//! and changes nothing; a valid edit reaches the engine.
#![cfg(target_arch = "wasm32")]

mod support;

use support::{change_into, count, find, mount, open_tab, pause, select, text, type_into};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn build_tab() -> web_sys::Element {
    let root = mount();
    yew::scheduler::flush().await;
    pause(&root).await;
    open_tab(&root, "build").await;
    root
}

#[wasm_bindgen_test]
async fn a_bad_retention_is_refused_under_its_field() {
    let root = build_tab().await;
    let lanes = count(&root, "[data-testid=partition-lane]");
    type_into(&root, "#topic-name", "ledger");
    type_into(&root, "#topic-partitions", "2");
    select(&root, "#topic-cleanup", "compact");
    type_into(&root, "#topic-retention-ms", "0");
    yew::scheduler::flush().await;
    find(&root, "[data-testid=add-topic]").click();
    yew::scheduler::flush().await;
    let error = text(&root, "[data-testid=topic-retention-ms-error]");
    assert!(
        error.starts_with("retention.ms:") && error.contains("-1 (no limit)"),
        "{error:?}"
    );
    assert_eq!(count(&root, "[data-testid=partition-lane]"), lanes);

    type_into(&root, "#topic-retention-ms", "60000");
    yew::scheduler::flush().await;
    find(&root, "[data-testid=add-topic]").click();
    yew::scheduler::flush().await;
    assert_eq!(count(&root, "[data-testid=partition-lane]"), lanes + 2);
    assert_eq!(text(&root, "[data-testid=topic-retention-ms-error]"), "");
}

#[wasm_bindgen_test]
async fn a_burst_without_its_pause_is_refused_and_a_full_one_adds_the_producer() {
    let root = build_tab().await;
    let producers = count(&root, "[data-testid=producer]");
    type_into(&root, "#producer-id", "bursty");
    type_into(&root, "#producer-burst-on", "1000");
    yew::scheduler::flush().await;
    find(&root, "[data-testid=add-producer]").click();
    yew::scheduler::flush().await;
    let error = text(&root, "[data-testid=producer-burst-off-error]");
    assert!(
        error.starts_with("burst.off_ms:") && error.contains("from 0 to 86400000"),
        "{error:?}"
    );
    assert_eq!(count(&root, "[data-testid=producer]"), producers);

    type_into(&root, "#producer-burst-off", "4000");
    select(&root, "#producer-partitioner", "3");
    yew::scheduler::flush().await;
    find(&root, "[data-testid=add-producer]").click();
    yew::scheduler::flush().await;
    assert_eq!(count(&root, "[data-testid=producer]"), producers + 1);
    assert_eq!(text(&root, "[data-testid=producer-error]"), "");
}

#[wasm_bindgen_test]
async fn renaming_a_topic_restarts_with_the_new_name_and_a_bad_name_keeps_the_world() {
    let root = build_tab().await;
    type_into(&root, "#rename-to", "no spaces allowed");
    yew::scheduler::flush().await;
    find(&root, "[data-testid=rename-topic]").click();
    yew::scheduler::flush().await;
    let error = text(&root, "[data-testid=rename-to-error]");
    assert!(error.contains("topics[0].name"), "{error:?}");
    assert!(root.inner_html().contains("topic orders"));

    type_into(&root, "#rename-to", "payments");
    yew::scheduler::flush().await;
    find(&root, "[data-testid=rename-topic]").click();
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "[data-testid=rename-to-error]"), "");
    let html = root.inner_html();
    assert!(html.contains("topic payments") && !html.contains("topic orders"));
    assert_eq!(count(&root, "[data-testid=partition-lane]"), 3);
}

#[wasm_bindgen_test]
async fn processing_time_is_set_per_instance_and_a_reversed_range_is_refused() {
    let root = mount();
    yew::scheduler::flush().await;
    pause(&root).await;
    open_tab(&root, "groups").await;
    change_into(&root, "[data-testid=processing-billing-1]", "50-5");
    yew::scheduler::flush().await;
    let card = text(&root, "[data-testid=group-card][data-group=billing]");
    assert!(card.contains("processing: must be"), "{card}");

    change_into(&root, "[data-testid=processing-billing-1]", "5-50");
    yew::scheduler::flush().await;
    let card = text(&root, "[data-testid=group-card][data-group=billing]");
    assert!(!card.contains("processing: must be"), "{card}");
    let input: web_sys::HtmlInputElement =
        wasm_bindgen::JsCast::dyn_into(find(&root, "[data-testid=processing-billing-1]"))
            .expect("an input");
    assert_eq!(input.value(), "5-50");
}

#[wasm_bindgen_test]
async fn a_producer_is_paused_slowed_and_removed_from_its_row() {
    let root = build_tab().await;
    let producers = count(&root, "[data-testid=producer-row]");
    assert!(producers >= 1, "the default scenario has a producer");
    let row = "[data-testid=producer-row]";
    let id = find(&root, row)
        .get_attribute("data-producer")
        .expect("a producer id");

    change_into(&root, &format!("[data-testid=rate-{id}]"), "-5");
    yew::scheduler::flush().await;
    assert!(text(&root, "[data-testid=producer-list-error]").starts_with("rate_per_s:"));
    change_into(&root, &format!("[data-testid=rate-{id}]"), "250");
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "[data-testid=producer-list-error]"), "");

    find(&root, &format!("[data-testid=pause-{id}]")).click();
    yew::scheduler::flush().await;
    assert!(text(&root, row).contains("paused"));
    assert_eq!(text(&root, &format!("[data-testid=pause-{id}]")), "Resume");

    find(&root, &format!("[data-testid=remove-producer-{id}]")).click();
    yew::scheduler::flush().await;
    assert_eq!(count(&root, "[data-testid=producer-row]"), producers - 1);
}

/// Slow is undone from the same row: "Normal speed" sends SetProcessing with the configured time, which ends
/// the slowness in the engine, and the row's status and button go back.
#[wasm_bindgen_test]
async fn slow_can_be_undone_from_the_instance_row() {
    let root = mount();
    yew::scheduler::flush().await;
    pause(&root).await;
    open_tab(&root, "groups").await;
    let row = "[data-testid=instance-row][data-instance=billing-1]";
    find(&root, "[data-testid=slow-billing-1]").click();
    yew::scheduler::flush().await;
    assert!(find(&root, row).class_name().contains("status-slow"));
    assert_eq!(count(&root, "[data-testid=slow-billing-1]"), 0);
    find(&root, "[data-testid=unslow-billing-1]").click();
    yew::scheduler::flush().await;
    assert!(find(&root, row).class_name().contains("status-up"));
    assert_eq!(count(&root, "[data-testid=unslow-billing-1]"), 0);
    assert_eq!(count(&root, "[data-testid=slow-billing-1]"), 1);
}

#[wasm_bindgen_test]
async fn removing_a_group_removes_its_card_and_threads() {
    let root = mount();
    yew::scheduler::flush().await;
    pause(&root).await;
    open_tab(&root, "groups").await;
    assert_eq!(
        count(&root, "[data-testid=group-card][data-group=billing]"),
        1
    );
    find(&root, "[data-testid=remove-group-billing]").click();
    yew::scheduler::flush().await;
    assert_eq!(
        count(&root, "[data-testid=group-card][data-group=billing]"),
        0
    );
    assert_eq!(
        count(&root, "[data-testid=thread][data-instance=billing-1]"),
        0
    );
}

#[wasm_bindgen_test]
async fn deleting_a_topic_is_live_and_refused_while_a_group_reads_only_it() {
    let root = build_tab().await;
    let lanes = count(&root, "[data-testid=partition-lane]");
    find(&root, "[data-testid=delete-topic]").click();
    yew::scheduler::flush().await;
    let error = text(&root, "[data-testid=delete-topic-error]");
    assert!(
        error.starts_with("topic: group billing subscribes to \"orders\" only"),
        "{error:?}"
    );
    assert_eq!(count(&root, "[data-testid=partition-lane]"), lanes);

    type_into(&root, "#topic-name", "scratch");
    type_into(&root, "#topic-partitions", "2");
    yew::scheduler::flush().await;
    find(&root, "[data-testid=add-topic]").click();
    yew::scheduler::flush().await;
    assert_eq!(count(&root, "[data-testid=partition-lane]"), lanes + 2);
    select(&root, "#admin-topic", "scratch");
    yew::scheduler::flush().await;
    find(&root, "[data-testid=delete-topic]").click();
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "[data-testid=delete-topic-error]"), "");
    assert_eq!(count(&root, "[data-testid=partition-lane]"), lanes);
    assert!(!root.inner_html().contains("topic scratch"));
}

#[wasm_bindgen_test]
async fn a_tombstone_share_over_100_percent_is_refused() {
    let root = build_tab().await;
    let producers = count(&root, "[data-testid=producer]");
    type_into(&root, "#producer-id", "deleter");
    type_into(&root, "#producer-tombstones", "101");
    yew::scheduler::flush().await;
    find(&root, "[data-testid=add-producer]").click();
    yew::scheduler::flush().await;
    assert!(
        text(&root, "[data-testid=producer-tombstones-error]").starts_with("tombstone_percent:")
    );
    assert_eq!(count(&root, "[data-testid=producer]"), producers);
    type_into(&root, "#producer-tombstones", "30");
    yew::scheduler::flush().await;
    find(&root, "[data-testid=add-producer]").click();
    yew::scheduler::flush().await;
    assert_eq!(count(&root, "[data-testid=producer]"), producers + 1);
}

#[wasm_bindgen_test]
async fn the_spring_view_shows_the_group_and_follows_its_changes() {
    let root = mount();
    yew::scheduler::flush().await;
    pause(&root).await;
    open_tab(&root, "groups").await;
    let group = find(&root, "[data-testid=group-card]")
        .get_attribute("data-group")
        .expect("the default world has a group");
    let java = || text(&root, "[data-testid=spring-java]");
    let before = java();
    assert!(
        before.contains(&format!("groupId = \"{group}\"")),
        "{before}"
    );
    assert!(text(&root, "[data-testid=spring-yaml]").contains(&format!("group-id: \"{group}\"")));
    let instance = find(&root, "[data-testid=instance-row]")
        .get_attribute("data-instance")
        .expect("the group has an instance");
    find(&root, &format!("[data-testid=threads-up-{instance}]")).click();
    yew::scheduler::flush().await;
    let after = java();
    assert_ne!(
        before, after,
        "one more thread on {instance} changes its concurrency"
    );
    assert!(after.contains(&instance), "{after}");
}

/// Issue 18's caps in the group form: 33 instances is refused under the field (the form's own limit is kplay-core's
/// `MAX_GROUP_INSTANCES`), and 32 × 64 threads, each in range, is refused by the engine's total-threads cap with
/// the same words a link or JSON file gets; nothing is added either time.
#[wasm_bindgen_test]
async fn the_group_form_refuses_a_group_over_the_caps() {
    let root = build_tab().await;
    let threads = count(&root, "[data-testid=thread]");
    assert!(threads > 0);
    type_into(&root, "#group-instances", "33");
    yew::scheduler::flush().await;
    find(&root, "[data-testid=add-group]").click();
    yew::scheduler::flush().await;
    let error = text(&root, "[data-testid=group-instances-error]");
    assert_eq!(
        error,
        "instances: must be a whole number from 1 to 32, got 33"
    );

    type_into(&root, "#group-instances", "32");
    type_into(&root, "#group-threads", "64");
    yew::scheduler::flush().await;
    find(&root, "[data-testid=add-group]").click();
    yew::scheduler::flush().await;
    let error = text(&root, "[data-testid=group-error]");
    assert!(
        error.starts_with("groups: threads of all instances add up to ")
            && error.ends_with("; the playground's cap is 1024"),
        "{error:?}"
    );
    assert_eq!(text(&root, "[data-testid=group-instances-error]"), "");
    assert_eq!(count(&root, "[data-testid=thread]"), threads);
}
