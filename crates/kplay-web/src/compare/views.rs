//! The few functions that map the views' data ([`super::defs`]) onto `kplay_core::flows`: build a spec from the
//! numbers, step the models, read the counter rows from their metrics.

use super::{Cells, View};
use kplay_core::flows::http::{Hop, HttpFlow, HttpSpec, Outage, OutageMode};
use kplay_core::flows::messaging::{MessagingFlow, MessagingSpec};
use kplay_core::flows::polling::{PollingFlow, PollingSpec};
use kplay_core::flows::pool::{Burst, PoolFlow, PoolSpec, ThreadStates};
use kplay_core::flows::system::{SystemFlow, SystemSpec, Window};
use kplay_core::flows::Latency;
use kplay_core::lesson::FlowRun;
use kplay_core::scenario::{FaultKind, FaultSpec};

/// How long an action's window lasts: the view's `down_s` number, in ms (0 for a view without actions).
pub fn down_ms(view: View, v: &[u32]) -> u64 {
    let i = view.def().params.iter().position(|p| p.path == "down_s");
    i.map_or(0, |i| u64::from(v[i]) * 1000)
}

/// The core's problems as the app shows them (`path: rule`).
fn texts(ps: Vec<kplay_core::scenario::ScenarioProblem>) -> Vec<String> {
    ps.iter().map(ToString::to_string).collect()
}

/// The models for `view` with the numbers `v` (in [`Def::params`] order) and the actions used so far
/// (`(action, from_ms)`), validated by the core.
pub fn build(
    view: View,
    v: &[u32],
    acts: &[(usize, u64)],
    seed: u64,
) -> Result<FlowRun, Vec<String>> {
    Ok(match view {
        View::Http => {
            let mut s = HttpSpec {
                rate_per_s: v[0],
                order_ms: v[1],
                ..HttpSpec::default()
            };
            s.payment.latency.fixed_ms = v[2];
            s.email.latency.fixed_ms = v[3];
            s.email.timeout_ms = v[4];
            if let Some(&(_, at)) = acts.first() {
                let (from_ms, to_ms) = (at, at + down_ms(view, v));
                s.outage = Some(Outage {
                    hop: Hop::Email,
                    from_ms,
                    to_ms,
                    mode: OutageMode::Hang,
                });
            }
            let m = MessagingSpec {
                flow: s.clone(),
                threads: v[5],
                ..MessagingSpec::default()
            };
            let http = HttpFlow::new(&s, seed).map_err(texts)?;
            FlowRun::Http(Box::new((
                http,
                MessagingFlow::new(&m, seed).map_err(texts)?,
            )))
        }
        View::Polling => {
            let s = PollingSpec {
                clients: v[0],
                period_ms: v[1],
                rate_per_s: v[2],
                latency_ms: v[3],
                ..PollingSpec::default()
            };
            FlowRun::Polling(Box::new(PollingFlow::new(&s, seed).map_err(texts)?))
        }
        View::Pool => {
            let s = PoolSpec {
                threads: v[0],
                accept_count: v[1],
                rate_per_s: v[2],
                burst: Some(Burst {
                    rate_per_s: v[3],
                    from_ms: v[4].into(),
                    to_ms: v[5].into(),
                }),
                downstream: Latency {
                    fixed_ms: v[6],
                    jitter_ms: 10,
                },
                cpu_ms: v[7],
                consumer_threads: v[8],
                ..PoolSpec::default()
            };
            FlowRun::Pool(Box::new(PoolFlow::new(&s, seed).map_err(texts)?))
        }
        View::System => {
            let d = SystemSpec::default();
            let mut s = SystemSpec {
                rate_per_s: v[0],
                gateway: Latency {
                    fixed_ms: v[1],
                    ..d.gateway
                },
                api: Latency::fixed(v[2]),
                payment: Latency {
                    fixed_ms: v[3],
                    ..d.payment
                },
                threads: v[4],
                websocket: Latency::fixed(v[5]),
                push_ms: v[6],
                ..d
            };
            for &(a, at) in acts {
                let (from_ms, to_ms) = (at, at + down_ms(view, v));
                if a == 0 {
                    s.gateway_down = Some(Window { from_ms, to_ms });
                } else if a == 1 {
                    s.api_down = Some(Window { from_ms, to_ms });
                } else {
                    let id = if a == 2 { "payment-1" } else { "websocket-1" };
                    s.faults
                        .push(FaultSpec::new(from_ms, FaultKind::Crash).instance(id));
                    s.faults
                        .push(FaultSpec::new(to_ms, FaultKind::Restart).instance(id));
                }
            }
            FlowRun::System(Box::new(SystemFlow::new(&s, seed).map_err(texts)?))
        }
    })
}

/// The counter rows of a view's models, in [`Def::rows`] order (`v`: the view's numbers).
pub fn rows(flows: &FlowRun, v: &[u32]) -> Vec<Cells> {
    let both = |a: u64, b: u64| [Some(a), Some(b)];
    let right = |b: Option<u64>| [None, b];
    match flows {
        FlowRun::Http(b) => {
            let (h, m) = (b.0.metrics(), b.1.metrics());
            let email = m.groups.iter().find(|g| g.id == "email");
            vec![
                both(h.requests, m.requests),
                both(h.ok, m.ok),
                both(
                    h.failed_timeout + h.failed_error,
                    m.requests - m.ok - m.in_flight,
                ),
                both(h.latency.p50, m.latency.p50),
                both(h.latency.p99, m.latency.p99),
                both(h.throughput_per_s, m.throughput_per_s),
                both(h.in_flight, m.in_flight),
                right(email.map(|g| g.lag)),
                right(email.map(|g| g.waiting)),
                right(email.map(|g| g.max_lag)),
            ]
        }
        FlowRun::Polling(f) => {
            let m = f.metrics();
            let (a, b) = (m.poll, m.push);
            vec![
                both(m.events, m.events),
                both(a.requests, b.requests),
                both(a.empty_responses, b.empty_responses),
                both(a.server_messages, b.server_messages),
                both(a.server_requests_per_s, b.server_requests_per_s),
                both(a.delay.mean, b.delay.mean),
                both(a.delay.p99, b.delay.p99),
                both(a.delay.max, b.delay.max),
            ]
        }
        FlowRun::Pool(f) => {
            let m = f.metrics();
            let (s, c) = (&m.server, &m.consumer);
            let (ls, lc) = (
                ThreadStates::last_whole_second(&s.threads, m.now_ms),
                ThreadStates::last_whole_second(&c.threads, m.now_ms),
            );
            let state = |t: fn(&ThreadStates) -> u64| both(t(&ls) / 1000, t(&lc) / 1000);
            vec![
                both(s.requests, c.produced),
                both(s.completed, c.processed),
                both(s.rejected, 0),
                both(s.queued, c.lag),
                both(s.max_queue, c.max_lag),
                state(|t| t.busy_ms),
                state(|t| t.waiting_ms),
                state(|t| t.idle_ms),
            ]
        }
        FlowRun::System(f) => {
            let m = f.metrics();
            let lag = |id: &str| m.lag.iter().find(|(g, _)| g == id).map(|(_, l)| *l);
            let j = f.follow(u64::from(v[8]));
            let left = |a: Option<u64>| [a, None];
            vec![
                left(Some(m.requests)),
                left(Some(m.refused)),
                left(Some(m.written)),
                left(Some(m.response.p50)),
                left(Some(m.response.p99)),
                right(Some(m.notified)),
                right(Some(m.duplicate_pushes)),
                right(Some(m.end_to_end.p50)),
                right(Some(m.end_to_end.p99)),
                right(lag("payment")),
                right(lag("websocket")),
                left(j.map(|j| j.sent_ms)),
                left(j.and_then(|j| j.written_ms)),
                right(j.and_then(|j| j.paid_ms)),
                right(j.and_then(|j| j.pushed_ms)),
            ]
        }
    }
}
