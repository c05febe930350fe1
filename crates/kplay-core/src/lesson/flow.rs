//! Lesson steps over the Compare models: a step's `flow` block is a flow scenario (the format of
//! `scenarios/flows/*.json`, read by [`crate::flows::setup::file::read`]), and its facts measure the models with
//! `flow_metric` (docs/lessons.md, "Flow steps"). The metric names and their values live here, so the native
//! checker ([`super::StepWorlds`]) and the web's Compare area read the same numbers from the same models.
//!
//! ```
//! use kplay_core::flows::setup::Model;
//! use kplay_core::lesson::{flow_metrics, FlowRun};
//! assert!(flow_metrics(Model::Polling).contains(&"poll.empty_responses"));
//! let v = kplay_core::json::parse(r#"{"version":1,"flow":"polling","clients":10,"period_ms":1000}"#).unwrap();
//! let mut run = FlowRun::new(&v).unwrap();
//! run.run_until(10_000);
//! assert_eq!(run.models().metric("poll.requests"), Some(100));
//! assert_eq!(run.models().metric("push.delay_max_ms"), Some(50));
//! ```

use crate::flows::http::HttpFlow;
use crate::flows::messaging::MessagingFlow;
use crate::flows::polling::PollingFlow;
use crate::flows::pool::{PoolFlow, ThreadStates};
use crate::flows::setup::{file, FlowSpec, Model};
use crate::flows::system::SystemFlow;
use crate::flows::Summary;
use crate::json::Value;
use crate::scenario::ScenarioProblem;
use alloc::boxed::Box;
use alloc::vec::Vec;

const HTTP: &[&str] = &[
    "requests",
    "http.ok",
    "http.failed",
    "http.timed_out",
    "http.in_flight",
    "http.latency_p50_ms",
    "http.latency_p99_ms",
    "http.latency_max_ms",
    "messaging.ok",
    "messaging.failed",
    "messaging.in_flight",
    "messaging.latency_p99_ms",
    "messaging.latency_max_ms",
    "payment.processed",
    "payment.waiting",
    "payment.lag",
    "payment.lag_max",
    "payment.duplicates",
    "email.processed",
    "email.waiting",
    "email.lag",
    "email.lag_max",
    "email.duplicates",
];

const POOL: &[&str] = &[
    "server.requests",
    "server.completed",
    "server.rejected",
    "server.in_service",
    "server.queued",
    "server.queue_peak",
    "server.exhausted_ms",
    "server.latency_p99_ms",
    "server.busy_threads",
    "server.waiting_threads",
    "server.idle_threads",
    "consumer.produced",
    "consumer.processed",
    "consumer.lag",
    "consumer.lag_max",
    "consumer.busy_threads",
    "consumer.waiting_threads",
    "consumer.idle_threads",
];

const POLLING: &[&str] = &[
    "events",
    "poll.requests",
    "poll.empty_responses",
    "poll.server_messages",
    "poll.delay_mean_ms",
    "poll.delay_p99_ms",
    "poll.delay_max_ms",
    "push.requests",
    "push.empty_responses",
    "push.server_messages",
    "push.delay_mean_ms",
    "push.delay_p99_ms",
    "push.delay_max_ms",
];

const SYSTEM: &[&str] = &[
    "requests",
    "refused",
    "answered",
    "response_p50_ms",
    "response_p99_ms",
    "response_max_ms",
    "pushed",
    "pushed_twice",
    "push_delay_p50_ms",
    "push_delay_p99_ms",
    "push_delay_max_ms",
    "payment.lag",
    "websocket.lag",
];

/// The metric names a `flow_metric` fact may name on a step of `model` (docs/lessons.md lists their meaning).
///
/// ```
/// use kplay_core::flows::setup::Model;
/// assert!(kplay_core::lesson::flow_metrics(Model::Http).contains(&"email.lag_max"));
/// assert!(!kplay_core::lesson::flow_metrics(Model::Pool).contains(&"email.lag_max"));
/// ```
pub fn flow_metrics(model: Model) -> &'static [&'static str] {
    match model {
        Model::Http => HTTP,
        Model::Pool => POOL,
        Model::Polling => POLLING,
        Model::System => SYSTEM,
    }
}

/// The running models of one contrast, borrowed: what a `flow_metric` fact is measured on (the web lends its
/// Compare area's models, the native checker its [`FlowRun`]'s).
///
/// ```
/// use kplay_core::flows::polling::PollingFlow;
/// use kplay_core::lesson::FlowModels;
/// let f = PollingFlow::new(&Default::default(), 42).unwrap();
/// assert_eq!(FlowModels::Polling(&f).metric("events"), Some(0));
/// assert_eq!(FlowModels::Polling(&f).metric("email.lag"), None);
/// ```
#[derive(Clone, Copy, Debug)]
pub enum FlowModels<'a> {
    /// Request-response and messaging under one spec.
    Http(&'a HttpFlow, &'a MessagingFlow),
    /// Worker pool and consumer threads.
    Pool(&'a PoolFlow),
    /// Polling and push.
    Polling(&'a PollingFlow),
    /// The gateway system.
    System(&'a SystemFlow),
}

/// Mean threads of each state over the last whole second before `now` (thread-ms / 1000, rounded down).
fn last_second(buckets: &[ThreadStates], now: u64, pick: fn(&ThreadStates) -> u64) -> u64 {
    pick(&ThreadStates::last_whole_second(buckets, now)) / 1000
}

fn summary(s: &Summary, what: &str) -> Option<u64> {
    match what {
        "mean" => Some(s.mean),
        "p50" => Some(s.p50),
        "p99" => Some(s.p99),
        "max" => Some(s.max),
        _ => None,
    }
}

impl FlowModels<'_> {
    /// The metric's value now, `None` for a name the model does not have ([`flow_metrics`]).
    ///
    /// ```
    /// use kplay_core::flows::pool::PoolFlow;
    /// let mut f = PoolFlow::new(&Default::default(), 42).unwrap();
    /// f.run_until(3_000);
    /// let m = kplay_core::lesson::FlowModels::Pool(&f);
    /// assert_eq!(m.metric("server.rejected"), Some(0));
    /// assert_eq!(m.metric("server.requests"), Some(600));
    /// ```
    pub fn metric(&self, name: &str) -> Option<u64> {
        let (side, what) = name.split_once('.').unwrap_or(("", name));
        let lat =
            |s: &Summary, w: &str| summary(s, w.strip_prefix("latency_")?.strip_suffix("_ms")?);
        match *self {
            FlowModels::Http(h, m) => {
                let (h, m) = (h.metrics(), m.metrics());
                match (side, what) {
                    ("", "requests") => Some(h.requests),
                    ("http", "ok") => Some(h.ok),
                    ("http", "failed") => Some(h.failed_timeout + h.failed_error),
                    ("http", "timed_out") => Some(h.failed_timeout),
                    ("http", "in_flight") => Some(h.in_flight),
                    ("http", w) => lat(&h.latency, w),
                    ("messaging", "ok") => Some(m.ok),
                    ("messaging", "failed") => Some(m.requests - m.ok - m.in_flight),
                    ("messaging", "in_flight") => Some(m.in_flight),
                    ("messaging", w) if w != "latency_p50_ms" => lat(&m.latency, w),
                    (g, w) => {
                        let g = m.groups.iter().find(|x| x.id == g)?;
                        match w {
                            "processed" => Some(g.distinct_processed),
                            "waiting" => Some(g.waiting),
                            "lag" => Some(g.lag),
                            "lag_max" => Some(g.max_lag),
                            "duplicates" => Some(g.duplicates),
                            _ => None,
                        }
                    }
                }
            }
            FlowModels::Pool(f) => {
                let m = f.metrics();
                let (s, c, now) = (&m.server, &m.consumer, m.now_ms);
                let threads = |b: &[ThreadStates], w: &str| {
                    let pick: fn(&ThreadStates) -> u64 = match w {
                        "busy_threads" => |t| t.busy_ms,
                        "waiting_threads" => |t| t.waiting_ms,
                        "idle_threads" => |t| t.idle_ms,
                        _ => return None,
                    };
                    Some(last_second(b, now, pick))
                };
                match (side, what) {
                    ("server", "requests") => Some(s.requests),
                    ("server", "completed") => Some(s.completed),
                    ("server", "rejected") => Some(s.rejected),
                    ("server", "in_service") => Some(s.in_service),
                    ("server", "queued") => Some(s.queued),
                    ("server", "queue_peak") => Some(s.max_queue),
                    ("server", "exhausted_ms") => Some(s.exhausted_ms),
                    ("server", "latency_p99_ms") => Some(s.latency.p99),
                    ("server", w) => threads(&s.threads, w),
                    ("consumer", "produced") => Some(c.produced),
                    ("consumer", "processed") => Some(c.processed),
                    ("consumer", "lag") => Some(c.lag),
                    ("consumer", "lag_max") => Some(c.max_lag),
                    ("consumer", w) => threads(&c.threads, w),
                    _ => None,
                }
            }
            FlowModels::Polling(f) => {
                let m = f.metrics();
                let s = match side {
                    "poll" => m.poll,
                    "push" => m.push,
                    _ => return (name == "events").then_some(m.events),
                };
                match what {
                    "requests" => Some(s.requests),
                    "empty_responses" => Some(s.empty_responses),
                    "server_messages" => Some(s.server_messages),
                    w => summary(&s.delay, w.strip_prefix("delay_")?.strip_suffix("_ms")?),
                }
            }
            FlowModels::System(f) => {
                let m = f.metrics();
                if !side.is_empty() {
                    return (what == "lag")
                        .then(|| m.lag.iter().find(|(g, _)| g == side).map(|(_, l)| *l))
                        .flatten();
                }
                match name {
                    "requests" => Some(m.requests),
                    "refused" => Some(m.refused),
                    "answered" => Some(m.written),
                    "pushed" => Some(m.notified),
                    "pushed_twice" => Some(m.duplicate_pushes),
                    w => match w.strip_prefix("push_delay_") {
                        Some(d) => summary(&m.end_to_end, d.strip_suffix("_ms")?),
                        None => summary(
                            &m.response,
                            w.strip_prefix("response_")?.strip_suffix("_ms")?,
                        ),
                    },
                }
            }
        }
    }
}

/// The owned models of a flow step, built from its `flow` block, as the native checker runs them.
///
/// ```
/// let v = kplay_core::json::parse(r#"{"version":1,"flow":"http","rate":10}"#).unwrap();
/// let mut run = kplay_core::lesson::FlowRun::new(&v).unwrap();
/// run.run_until(2_000);
/// assert_eq!(run.now_ms(), 2_000);
/// assert_eq!(run.models().metric("requests"), Some(20));
/// ```
#[derive(Debug)]
pub enum FlowRun {
    /// Request-response and messaging.
    Http(Box<(HttpFlow, MessagingFlow)>),
    /// Worker pool and consumer threads.
    Pool(Box<PoolFlow>),
    /// Polling and push.
    Polling(Box<PollingFlow>),
    /// The gateway system.
    System(Box<SystemFlow>),
}

impl FlowRun {
    /// The models of a flow scenario (`flow` block), or every problem with its path inside the block.
    ///
    /// ```
    /// let v = kplay_core::json::parse(r#"{"version":1,"flow":"pool","threads":0}"#).unwrap();
    /// let e = kplay_core::lesson::FlowRun::new(&v).unwrap_err();
    /// assert_eq!(e[0].to_string(), "threads: must be a whole number from 1 to 10000, got 0");
    /// ```
    pub fn new(flow: &Value) -> Result<FlowRun, Vec<ScenarioProblem>> {
        let f = file::read(flow)?;
        Ok(match f.spec {
            FlowSpec::Http(s) => FlowRun::Http(Box::new((
                HttpFlow::new(&s.flow, f.seed)?,
                MessagingFlow::new(&s, f.seed)?,
            ))),
            FlowSpec::Pool(s) => FlowRun::Pool(Box::new(PoolFlow::new(&s, f.seed)?)),
            FlowSpec::Polling(s) => FlowRun::Polling(Box::new(PollingFlow::new(&s, f.seed)?)),
            FlowSpec::System(s) => FlowRun::System(Box::new(SystemFlow::new(&s, f.seed)?)),
        })
    }

    /// The models, to measure.
    pub fn models(&self) -> FlowModels<'_> {
        match self {
            FlowRun::Http(b) => FlowModels::Http(&b.0, &b.1),
            FlowRun::Pool(f) => FlowModels::Pool(f),
            FlowRun::Polling(f) => FlowModels::Polling(f),
            FlowRun::System(f) => FlowModels::System(f),
        }
    }

    /// Virtual time.
    pub fn now_ms(&self) -> u64 {
        match self {
            FlowRun::Http(b) => b.0.now_ms(),
            FlowRun::Pool(f) => f.now_ms(),
            FlowRun::Polling(f) => f.now_ms(),
            FlowRun::System(f) => f.now_ms(),
        }
    }

    /// Runs every side to the absolute time `t_ms` (nothing when it is already past).
    pub fn run_until(&mut self, t_ms: u64) {
        match self {
            FlowRun::Http(b) => {
                b.0.run_until(t_ms);
                b.1.run_until(t_ms);
            }
            FlowRun::Pool(f) => f.run_until(t_ms),
            FlowRun::Polling(f) => f.run_until(t_ms),
            FlowRun::System(f) => f.run_until(t_ms),
        }
    }
}

/// The model a `flow` block names, if it names one.
pub(crate) fn model_of(flow: &Value) -> Option<Model> {
    flow.get("flow")?.as_str().and_then(Model::from_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every listed metric reads on its model, and no other name does.
    #[test]
    fn every_listed_metric_reads_and_others_do_not() {
        for model in Model::ALL {
            let v = crate::json::parse(&alloc::format!(
                r#"{{"version":1,"flow":"{}"}}"#,
                model.name()
            ))
            .unwrap();
            let mut run = FlowRun::new(&v).unwrap();
            run.run_until(3_000);
            let m = run.models();
            for name in flow_metrics(model) {
                assert!(m.metric(name).is_some(), "{}: {name}", model.name());
            }
            for other in Model::ALL.iter().flat_map(|o| flow_metrics(*o)) {
                if !flow_metrics(model).contains(other) {
                    assert_eq!(m.metric(other), None, "{}: {other}", model.name());
                }
            }
            for bad in [
                "",
                ".",
                "lag",
                "x.lag",
                "http.latency_p1_ms",
                "poll.delay",
                "email",
            ] {
                assert_eq!(m.metric(bad), None, "{}: {bad}", model.name());
            }
        }
    }
}
