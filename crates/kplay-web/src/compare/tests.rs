//! The Compare area's model against the core models run with the same inputs.

use super::*;
use kplay_core::flows::http::{Hop, HttpFlow, HttpSpec, Outage, OutageMode};
use kplay_core::flows::messaging::{MessagingFlow, MessagingSpec};
use kplay_core::flows::polling::{PollingFlow, PollingSpec};
use kplay_core::flows::pool::{PoolFlow, PoolSpec};
use kplay_core::flows::system::{SystemFlow, SystemSpec, Window};

fn row(c: &Compare, id: &str) -> Cells {
    let i = c
        .view
        .def()
        .rows
        .iter()
        .position(|r| *r == id)
        .expect("a row");
    c.panel.rows[i]
}

fn param(view: View, path: &str) -> usize {
    view.def()
        .params
        .iter()
        .position(|p| p.path == path)
        .expect("a param")
}

#[test]
fn every_view_runs_its_defaults_and_publishes_every_row_and_chart() {
    for v in View::ALL {
        let mut c = Compare::new(v);
        c.advance(3_000);
        let def = v.def();
        assert_eq!(c.panel.rows.len(), def.rows.len(), "{v:?}");
        assert_eq!(c.panel.charts.len(), def.charts.len(), "{v:?}");
        assert!(c
            .panel
            .charts
            .iter()
            .all(|(from, s)| *from == 1 && s[0].len() == 3));
        assert_eq!(c.panel.now_ms, 3_000);
        assert!(def.charts.iter().all(|&(r, _)| r < def.rows.len()));
        assert_eq!(def.params.len(), c.values.len());
        assert!(def
            .boxes
            .iter()
            .all(|b| b.1.is_none_or(|a| a < def.actions.len())));
    }
}

#[test]
fn http_numbers_are_the_core_models_with_the_same_inputs() {
    let mut c = Compare::new(View::Http);
    c.advance(4_000);
    c.set(param(View::Http, "rate_per_s"), "50")
        .expect("50 is valid");
    c.set(param(View::Http, "email.latency.fixed_ms"), " 300 ")
        .expect("300 is valid");
    assert_eq!(c.now_ms(), 4_000, "an edit keeps the time");
    c.advance(6_000);
    let mut spec = HttpSpec {
        rate_per_s: 50,
        ..HttpSpec::default()
    };
    spec.email.latency.fixed_ms = 300;
    let mut http = HttpFlow::new(&spec, 42).unwrap();
    let mut msg = MessagingFlow::new(
        &MessagingSpec {
            flow: spec,
            ..MessagingSpec::default()
        },
        42,
    )
    .unwrap();
    http.run_until(10_000);
    msg.run_until(10_000);
    let (h, m) = (http.metrics(), msg.metrics());
    assert_eq!(row(&c, "requests"), [Some(h.requests), Some(m.requests)]);
    assert_eq!(row(&c, "answered"), [Some(h.ok), Some(m.ok)]);
    assert_eq!(row(&c, "p99"), [Some(h.latency.p99), Some(m.latency.p99)]);
    assert!(h.latency.p50 >= 5 + 20 + 300, "the chain waits for email");
    assert_eq!(
        row(&c, "p50")[1],
        Some(7),
        "messaging answers after order + ack"
    );
}

#[test]
fn a_bad_number_names_its_field_and_rule_and_changes_nothing() {
    let mut c = Compare::new(View::Http);
    c.advance(2_000);
    let rows = c.panel.rows.clone();
    let e = c.set(0, "abc").unwrap_err();
    assert!(
        e.starts_with("rate_per_s: must be a whole number from 0 to 2000"),
        "{e}"
    );
    let e = c
        .set(param(View::Http, "email.timeout_ms"), "0")
        .unwrap_err();
    assert_eq!(
        e,
        "email.timeout_ms: must be a whole number from 1 to 3600000, got 0"
    );
    assert_eq!(c.values[0], 20);
    assert_eq!(c.panel.rows, rows);
    assert_eq!(c.now_ms(), 2_000);

    // A rule across fields comes from the core, with its path.
    let mut p = Compare::new(View::Pool);
    let e = p.set(param(View::Pool, "burst.to_ms"), "5000").unwrap_err();
    assert_eq!(e, "burst.to_ms: must be after burst.from_ms");
    assert_eq!(p.values[param(View::Pool, "burst.to_ms")], 12_000);
}

#[test]
fn email_down_fails_http_calls_while_messaging_buffers_them_and_loses_nothing() {
    let mut c = Compare::new(View::Http);
    c.set(param(View::Http, "down_s"), "20").unwrap();
    c.advance(10_000);
    c.act(0);
    assert!(c.used(0));
    c.advance(5_000);
    assert!(c.down(0));
    let at_15 = row(&c, "email_lag")[1].unwrap();
    assert!(at_15 > 50, "records wait in the partitions: {at_15}");
    c.act(0); // once per run
    assert_eq!(c.acts.len(), 1);
    c.advance(45_000);
    assert!(!c.down(0));
    let spec = HttpSpec {
        outage: Some(Outage {
            hop: Hop::Email,
            from_ms: 10_000,
            to_ms: 30_000,
            mode: OutageMode::Hang,
        }),
        ..HttpSpec::default()
    };
    let mut http = HttpFlow::new(&spec, 42).unwrap();
    http.run_until(60_000);
    let h = http.metrics();
    assert!(h.failed_timeout > 0);
    assert_eq!(row(&c, "failed"), [Some(h.failed_timeout), Some(0)]);
    assert!(row(&c, "email_max_lag")[1].unwrap() >= at_15);
    // The charts show the failures per second on the left only.
    let failed = &c.panel.charts[1].1;
    assert!(failed[0].iter().any(|n| *n > 0) && failed[1].iter().all(|n| *n == 0));

    c.reset();
    assert_eq!(
        (
            c.now_ms(),
            c.acts.len(),
            c.values[param(View::Http, "down_s")]
        ),
        (0, 0, 20)
    );
}

#[test]
fn any_split_of_time_gives_the_same_panel() {
    let mut a = Compare::new(View::Pool);
    let mut b = Compare::new(View::Pool);
    a.advance(12_345);
    for _ in 0..123 {
        b.advance(100);
    }
    b.advance(45);
    assert_eq!(a.panel.rows, b.panel.rows);
    assert_eq!(a.panel.charts, b.panel.charts);
}

#[test]
fn polling_numbers_are_the_core_models_with_the_same_inputs() {
    let mut c = Compare::new(View::Polling);
    c.set(param(View::Polling, "period_ms"), "2000").unwrap();
    c.set(param(View::Polling, "clients"), "10").unwrap();
    c.advance(30_000);
    let spec = PollingSpec {
        clients: 10,
        period_ms: 2_000,
        ..PollingSpec::default()
    };
    let mut f = PollingFlow::new(&spec, 42).unwrap();
    f.run_until(30_000);
    let m = f.metrics();
    assert_eq!(row(&c, "requests"), [Some(m.poll.requests), Some(10)]);
    assert_eq!(row(&c, "mean"), [Some(m.poll.delay.mean), Some(50)]);
    assert_eq!(row(&c, "max")[1], Some(50), "push delay = network latency");
}

#[test]
fn pool_thread_states_add_up_and_match_the_core() {
    let mut c = Compare::new(View::Pool);
    c.advance(12_500);
    let [b, w, i] = ["busy", "io", "idle"].map(|r| row(&c, r));
    // Mean threads over the last whole second: the three states cover the pool (rounding down each).
    let sum = b[0].unwrap() + w[0].unwrap() + i[0].unwrap();
    assert!((198..=200).contains(&sum), "{sum}");
    assert_eq!(i[0], Some(0), "the burst exhausts the pool");
    let mut f = PoolFlow::new(&PoolSpec::default(), 42).unwrap();
    f.run_until(12_500);
    let m = f.metrics();
    assert_eq!(row(&c, "refused"), [Some(m.server.rejected), Some(0)]);
    assert_eq!(
        row(&c, "waiting"),
        [Some(m.server.queued), Some(m.consumer.lag)]
    );
}

#[test]
fn a_gateway_down_refuses_what_the_browser_sends_as_the_core_does() {
    let mut c = Compare::new(View::System);
    c.advance(5_000);
    c.act(0);
    c.advance(20_000);
    assert!(
        c.down(0) && !c.down(1),
        "the gateway box is down for down_s"
    );
    let spec = SystemSpec {
        gateway_down: Some(Window {
            from_ms: 5_000,
            to_ms: 35_000,
        }),
        ..SystemSpec::default()
    };
    let mut f = SystemFlow::new(&spec, 42).unwrap();
    f.run_until(25_000);
    let refused = f.metrics().refused;
    assert_eq!(refused, 400, "20 requests/s for the 20 s since the click");
    assert_eq!(row(&c, "refused")[0], Some(refused));
}

#[test]
fn a_crashed_payment_service_delays_pushes_but_not_answers() {
    let mut c = Compare::new(View::System);
    // The groups' first join waits group.initial.rebalance.delay.ms (3 s): payment starts at about 6 s.
    c.advance(8_000);
    c.act(2);
    c.advance(10_000);
    assert!(c.down(2) && !c.down(1) && !c.down(0));
    assert_eq!(row(&c, "refused")[0], Some(0));
    assert!(row(&c, "p99")[0].unwrap() < 100, "answers stay fast");
    assert!(
        row(&c, "payment_lag")[1].unwrap() > 100,
        "Kafka buffers the orders"
    );
    // The request followed (the first) went through every hop before the crash.
    let [sent, written, paid, pushed] = [
        "follow_sent",
        "follow_written",
        "follow_paid",
        "follow_pushed",
    ]
    .map(|r| row(&c, r));
    assert_eq!(
        sent[0],
        Some(49),
        "20/s: the first request leaves at 49 ms (the producer schedule)"
    );
    assert!(written[0].unwrap() < paid[1].unwrap() && paid[1].unwrap() < pushed[1].unwrap());
}

#[test]
fn refusals_read_in_korean_through_the_rule_templates() {
    use crate::i18n::{rules::translate_problem, I18n, Lang};
    crate::i18n::preload_korean(include_str!("../../i18n/ko.txt")).unwrap();
    let ko = I18n::loaded(Lang::Ko).unwrap();
    let mut p = Compare::new(View::Pool);
    let e = p.set(param(View::Pool, "burst.to_ms"), "5000").unwrap_err();
    assert_eq!(
        translate_problem(&ko, &e),
        "burst.to_ms: burst.from_ms보다 뒤여야 합니다"
    );
    let e = p.set(param(View::Pool, "threads"), "0").unwrap_err();
    assert_eq!(
        translate_problem(&ko, &e),
        "threads: 1부터 10000까지의 정수여야 합니다(입력: 0)"
    );
}

#[test]
fn the_clock_stops_at_five_minutes_and_the_charts_keep_their_window() {
    use super::{CHART_S, MAX_MS};
    let mut a = Compare::new(View::Http);
    a.advance(400_000);
    assert_eq!(a.now_ms(), MAX_MS);
    let (from, series) = &a.panel.charts[0];
    assert_eq!(*from, MAX_MS / 1000 - CHART_S as u64 + 1);
    assert_eq!(series[0].len(), CHART_S);
    assert!(
        series[0].iter().all(|n| (10..=30).contains(n)),
        "about 20 answers a second all along: {series:?}"
    );
    // The same window and numbers as a run in one-second steps.
    let mut b = Compare::new(View::Http);
    for _ in 0..300 {
        b.advance(1_000);
    }
    assert_eq!(a.panel.charts, b.panel.charts);
    assert_eq!(a.panel.rows, b.panel.rows);
    a.advance(1_000);
    assert_eq!(a.now_ms(), MAX_MS);
}
