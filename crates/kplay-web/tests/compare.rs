//! Component tests of the Compare area: each view renders, and a changed number changes the counters exactly as
//! the core model run with the same inputs says.
#![cfg(target_arch = "wasm32")]

mod support;

use kplay_core::flows::http::{HttpFlow, HttpSpec};
use kplay_core::flows::messaging::{MessagingFlow, MessagingSpec};
use kplay_core::flows::polling::{PollingFlow, PollingSpec};
use kplay_core::flows::pool::{PoolFlow, PoolSpec};
use kplay_core::flows::system::{SystemFlow, SystemSpec};
use support::{count, find, mount, pause, text, type_into};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The app, paused, with the Compare area open on `view`.
async fn open(view: &str) -> web_sys::Element {
    let root = mount();
    yew::scheduler::flush().await;
    pause(&root).await;
    find(&root, "[data-testid=area-compare]").click();
    yew::scheduler::flush().await;
    find(&root, &format!("[data-testid=cmp-view-{view}]")).click();
    yew::scheduler::flush().await;
    root
}

/// Presses "step" (100 ms) `n` times.
async fn steps(root: &web_sys::Element, n: u32) {
    for _ in 0..n {
        find(root, "[data-testid=step]").click();
    }
    yew::scheduler::flush().await;
}

/// A counter row's two cells as numbers (`None`: "—").
fn cells(root: &web_sys::Element, row: &str) -> [Option<u64>; 2] {
    let tds = root
        .query_selector_all(&format!("[data-testid=cmp-row-{row}] td"))
        .expect("a row");
    let read = |i: u32| {
        tds.item(i)
            .and_then(|n| n.text_content())
            .and_then(|t| t.replace(',', "").parse().ok())
    };
    [read(0), read(1)]
}

fn clock(root: &web_sys::Element) -> String {
    find(root, "[data-testid=clock]")
        .get_attribute("data-ms")
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn http_view_follows_the_core_and_refuses_a_bad_number_under_its_field() {
    let root = open("http").await;
    assert_eq!(count(&root, "[data-testid=cmp-table] tbody tr"), 10);
    assert_eq!(count(&root, ".cmp-charts figure, .cmp-charts .hint"), 4);
    type_into(&root, "#cmp-rate_per_s", "50");
    yew::scheduler::flush().await;
    steps(&root, 30).await;
    assert_eq!(clock(&root), "3000");
    let spec = HttpSpec {
        rate_per_s: 50,
        ..HttpSpec::default()
    };
    let mut http = HttpFlow::new(&spec, 42).unwrap();
    let mut msg = MessagingFlow::new(
        &MessagingSpec {
            flow: spec,
            ..MessagingSpec::default()
        },
        42,
    )
    .unwrap();
    http.run_until(3_000);
    msg.run_until(3_000);
    let (h, m) = (http.metrics(), msg.metrics());
    assert_eq!(
        cells(&root, "requests"),
        [Some(h.requests), Some(m.requests)]
    );
    assert_eq!(
        cells(&root, "p99"),
        [Some(h.latency.p99), Some(m.latency.p99)]
    );

    type_into(&root, "#cmp-email-timeout_ms", "0");
    yew::scheduler::flush().await;
    let error = text(&root, "[data-testid=cmp-email-timeout_ms-error]");
    assert_eq!(
        error,
        "email.timeout_ms: must be a whole number from 1 to 3600000, got 0"
    );
    assert_eq!(
        cells(&root, "requests"),
        [Some(h.requests), Some(m.requests)],
        "nothing changed"
    );

    // Email down: the synchronous side fails calls, the topic keeps the records.
    find(&root, "[data-testid=cmp-act-email_down]").click();
    yew::scheduler::flush().await;
    steps(&root, 40).await;
    assert_eq!(cells(&root, "failed")[1], Some(0));
    assert!(cells(&root, "email_lag")[1].unwrap_or(0) > 50);
    let button = find(&root, "[data-testid=cmp-act-email_down]");
    assert!(button.has_attribute("disabled"), "once per run");
    assert!(
        button.class_name().contains("active"),
        "shown as down while it is"
    );
}

#[wasm_bindgen_test]
async fn polling_view_follows_the_core() {
    let root = open("polling").await;
    type_into(&root, "#cmp-period_ms", "1000");
    yew::scheduler::flush().await;
    steps(&root, 50).await;
    let mut f = PollingFlow::new(
        &PollingSpec {
            period_ms: 1_000,
            ..PollingSpec::default()
        },
        42,
    )
    .unwrap();
    f.run_until(5_000);
    let m = f.metrics();
    assert_eq!(cells(&root, "requests"), [Some(m.poll.requests), Some(100)]);
    assert_eq!(
        cells(&root, "empty"),
        [Some(m.poll.empty_responses), Some(0)]
    );
}

#[wasm_bindgen_test]
async fn pool_view_follows_the_core() {
    let root = open("pool").await;
    type_into(&root, "#cmp-threads", "50");
    yew::scheduler::flush().await;
    type_into(&root, "#cmp-burst-from_ms", "1000");
    yew::scheduler::flush().await;
    steps(&root, 25).await;
    let mut f = PoolFlow::new(
        &PoolSpec {
            threads: 50,
            burst: PoolSpec::default()
                .burst
                .map(|b| kplay_core::flows::pool::Burst {
                    from_ms: 1_000,
                    ..b
                }),
            ..PoolSpec::default()
        },
        42,
    )
    .unwrap();
    f.run_until(2_500);
    let m = f.metrics();
    assert!(m.server.rejected > 0);
    assert_eq!(cells(&root, "refused"), [Some(m.server.rejected), Some(0)]);
    assert_eq!(
        cells(&root, "waiting"),
        [Some(m.server.queued), Some(m.consumer.lag)]
    );
}

#[wasm_bindgen_test]
async fn system_view_follows_the_core_and_draws_its_boxes() {
    let root = open("system").await;
    assert_eq!(count(&root, "[data-testid=cmp-boxes] li"), 8);
    type_into(&root, "#cmp-rate_per_s", "40");
    yew::scheduler::flush().await;
    steps(&root, 20).await;
    let mut f = SystemFlow::new(
        &SystemSpec {
            rate_per_s: 40,
            ..SystemSpec::default()
        },
        42,
    )
    .unwrap();
    f.run_until(2_000);
    let m = f.metrics();
    assert_eq!(cells(&root, "requests"), [Some(m.requests), None]);
    assert_eq!(cells(&root, "answered"), [Some(m.written), None]);
    find(&root, "[data-testid=cmp-act-payment_crash]").click();
    yew::scheduler::flush().await;
    assert_eq!(count(&root, "[data-testid=cmp-boxes] li.down"), 1);
    // Every box that can fail has its action: the gateway too, and two boxes are down at once.
    find(&root, "[data-testid=cmp-act-gateway_down]").click();
    yew::scheduler::flush().await;
    assert_eq!(count(&root, "[data-testid=cmp-boxes] li.down"), 2);
    assert_eq!(
        find(&root, "[data-testid=cmp-boxes] li.down").text_content(),
        Some("Gateway".into())
    );
    // Back to the playground: its picture is there again.
    find(&root, "[data-testid=area-playground]").click();
    yew::scheduler::flush().await;
    assert_eq!(count(&root, "[data-testid=compare]"), 0);
    assert_eq!(count(&root, "[data-testid=partition-lane]"), 3);
}
