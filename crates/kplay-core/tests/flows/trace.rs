//! The per-event traces (`flows::trace`): recording changes nothing the models compute, and the events
//! account for the metrics (each count computed from the trace, compared with the model's own).

use kplay_core::flows::http::{HttpFlow, OutageMode};
use kplay_core::flows::polling::{PollingFlow, PollingSpec};
use kplay_core::flows::pool::{PoolFlow, PoolSpec};
use kplay_core::flows::system::{SystemFlow, SystemSpec};
use kplay_core::flows::trace::{FlowEvent, FlowEventKind};
use kplay_core::scenario::{FaultKind, FaultSpec};

fn count(events: &[FlowEvent], f: impl Fn(&FlowEventKind) -> bool) -> u64 {
    events.iter().filter(|e| f(&e.kind)).count() as u64
}

#[test]
fn http_events_account_for_the_metrics_and_recording_changes_nothing() {
    let mut spec = super::fixed_http();
    spec.outage = super::email_down(2_000, 4_000, OutageMode::Refuse);
    let mut plain = HttpFlow::new(&spec, 5).unwrap();
    let mut traced = HttpFlow::new(&spec, 5).unwrap();
    traced.set_trace_capacity(usize::MAX);
    let mut events = Vec::new();
    for _ in 0..60 {
        plain.step(100);
        traced.step(100);
        events.extend(traced.drain_trace());
    }
    let m = traced.metrics();
    assert_eq!(plain.metrics(), m);
    assert!(events.windows(2).all(|w| w[0].t_ms <= w[1].t_ms));
    assert_eq!(
        count(&events, |k| *k == FlowEventKind::HttpRequest),
        m.requests
    );
    let outcome = |o: &'static str| {
        count(
            &events,
            move |k| matches!(k, FlowEventKind::HttpResponse { outcome, .. } if *outcome == o),
        )
    };
    assert_eq!((outcome("ok"), outcome("error")), (m.ok, m.failed_error));
    assert_eq!(m.failed_error, m.outage_calls, "refused at once");
    // Every response's latency is its time minus its send time.
    assert!(events.iter().all(|e| match e.kind {
        FlowEventKind::HttpResponse {
            sent_ms,
            latency_ms,
            ..
        } => e.t_ms - sent_ms == latency_ms,
        _ => true,
    }));
}

#[test]
fn pool_events_account_for_every_request_and_the_consumer_side_is_unchanged() {
    let spec = PoolSpec::default();
    let mut plain = PoolFlow::new(&spec, 3).unwrap();
    let mut traced = PoolFlow::new(&spec, 3).unwrap();
    traced.set_trace_capacity(usize::MAX);
    plain.run_until(13_000);
    traced.run_until(13_000);
    let m = traced.metrics();
    assert_eq!(
        plain.metrics(),
        m,
        "the engine's full trace level simulates the same world"
    );
    let events = traced.drain_trace();
    let outcome = |o: &'static str| {
        count(
            &events,
            move |k| matches!(k, FlowEventKind::PoolRequest { outcome } if *outcome == o),
        )
    };
    assert_eq!(outcome("refused"), m.server.rejected);
    assert_eq!(
        outcome("started") + outcome("queued") + outcome("refused"),
        m.server.requests
    );
    let queued_then_started = count(&events, |k| matches!(k, FlowEventKind::PoolStarted { .. }));
    assert_eq!(outcome("queued"), queued_then_started + m.server.queued);
    let answered = count(&events, |k| matches!(k, FlowEventKind::PoolResponse { .. }));
    assert_eq!(answered, m.server.completed);
    let engine = traced.drain_engine_trace();
    let produced = engine
        .iter()
        .filter(|e| e.kind.name() == "produced")
        .count() as u64;
    assert_eq!(produced, m.consumer.produced);
}

#[test]
fn system_pushes_in_the_trace_are_the_metrics_pushes() {
    let instance = "payment-1";
    let spec = SystemSpec {
        faults: vec![
            FaultSpec::new(5_000, FaultKind::Crash).instance(instance),
            FaultSpec::new(15_000, FaultKind::Restart).instance(instance),
        ],
        ..SystemSpec::default()
    };
    let mut plain = SystemFlow::new(&spec, 8).unwrap();
    let mut traced = SystemFlow::new(&spec, 8).unwrap();
    traced.set_trace_capacity(usize::MAX);
    plain.run_until(30_000);
    traced.run_until(30_000);
    let m = traced.metrics();
    assert_eq!(plain.metrics(), m);
    let events = traced.drain_trace();
    let first = count(&events, |k| {
        matches!(k, FlowEventKind::SystemPush { again: false, .. })
    });
    let again = count(&events, |k| {
        matches!(k, FlowEventKind::SystemPush { again: true, .. })
    });
    assert_eq!((first, again), (m.notified, m.duplicate_pushes));
    assert_eq!(
        count(&events, |k| matches!(
            k,
            FlowEventKind::SystemRequest { .. }
        )),
        m.requests
    );
}

#[test]
fn polling_events_account_for_every_poll_and_delivery_in_a_crowded_run() {
    // 3,000 clients on a 40 ms period: ~75 answers a millisecond, the runs the model records at once.
    let spec = PollingSpec {
        clients: 3_000,
        period_ms: 40,
        rate_per_s: 700,
        latency_ms: 7,
        ..PollingSpec::default()
    };
    let mut plain = PollingFlow::new(&spec, 9).unwrap();
    let mut traced = PollingFlow::new(&spec, 9).unwrap();
    traced.set_trace_capacity(usize::MAX);
    let mut events = Vec::new();
    for _ in 0..30 {
        plain.step(100);
        traced.step(100);
        events.extend(traced.drain_trace());
    }
    let m = traced.metrics();
    assert_eq!(plain.metrics(), m);
    let sum = |f: fn(&FlowEventKind) -> Option<u64>| {
        events.iter().filter_map(|e| f(&e.kind)).sum::<u64>()
    };
    assert_eq!(
        count(&events, |k| matches!(k, FlowEventKind::PollSent { .. })),
        m.poll.requests
    );
    let answers = count(&events, |k| matches!(k, FlowEventKind::PollAnswered { .. }));
    assert_eq!(
        answers, m.poll.server_messages,
        "one answer per poll handled"
    );
    assert_eq!(
        count(&events, |k| matches!(
            k,
            FlowEventKind::PollAnswered { events: 0, .. }
        )),
        m.poll.empty_responses
    );
    // Each delivered event is one delay sample.
    let delivered = sum(|k| match k {
        FlowEventKind::PollAnswered { events, .. } => Some(*events),
        _ => None,
    });
    assert_eq!(delivered, m.poll.delay.count);
    let published = sum(|k| match k {
        FlowEventKind::Published { events } => Some(*events),
        _ => None,
    });
    assert_eq!(published, m.events);
    assert!(
        answers > 2_000 && delivered > answers,
        "a crowded run: {answers} answers, {delivered} deliveries"
    );
}
