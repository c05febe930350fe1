//! A built flow spec running: both sides stepped together, and (for `kplay run FLOW.json --trace`) their
//! events merged into one JSON Lines trace in virtual-time order.

use kplay_core::flows::http::HttpFlow;
use kplay_core::flows::messaging::MessagingFlow;
use kplay_core::flows::polling::PollingFlow;
use kplay_core::flows::pool::PoolFlow;
use kplay_core::flows::setup::FlowSpec;
use kplay_core::flows::system::SystemFlow;
use kplay_core::flows::trace::FlowEvent;
use kplay_core::scenario::ScenarioProblem;
use kplay_core::sim::Event;

/// One trace line: a flow model's event or an engine event (the engine's own shape, as `kplay run` writes
/// for engine scenarios).
#[derive(serde::Serialize)]
#[serde(untagged)]
pub enum Line {
    /// From a flow model.
    Flow(FlowEvent),
    /// From the engine inside a messaging side.
    Engine(Event),
}

impl Line {
    fn t_ms(&self) -> u64 {
        match self {
            Line::Flow(e) => e.t_ms,
            Line::Engine(e) => e.t_ms,
        }
    }
}

/// The models of one flow spec.
pub enum Running {
    /// HTTP side and messaging side.
    Http(Box<HttpFlow>, Box<MessagingFlow>),
    /// Pool and consumer (one flow).
    Pool(Box<PoolFlow>),
    /// Polling and push (one flow).
    Polling(Box<PollingFlow>),
    /// The gateway system.
    System(Box<SystemFlow>),
}

/// The trace is written after every virtual millisecond, so the buffers hold one millisecond of events at most
/// (100,000 polling clients on a 1 ms period send and get 200,000 a millisecond: ~10 MB, where 100 ms took GBs).
const CHUNK_MS: u64 = 1;

impl Running {
    pub fn new(spec: &FlowSpec, seed: u64) -> Result<Self, Vec<ScenarioProblem>> {
        Ok(match spec {
            FlowSpec::Http(s) => Running::Http(
                Box::new(HttpFlow::new(&s.flow, seed)?),
                Box::new(MessagingFlow::new(s, seed)?),
            ),
            FlowSpec::Pool(s) => Running::Pool(Box::new(PoolFlow::new(s, seed)?)),
            FlowSpec::Polling(s) => Running::Polling(Box::new(PollingFlow::new(s, seed)?)),
            FlowSpec::System(s) => Running::System(Box::new(SystemFlow::new(s, seed)?)),
        })
    }

    /// Records every event from now on (drained after each chunk, so nothing is dropped).
    pub fn trace(&mut self) {
        let cap = usize::MAX;
        match self {
            Running::Http(h, m) => {
                h.set_trace_capacity(cap);
                m.set_trace_capacity(cap);
            }
            Running::Pool(f) => f.set_trace_capacity(cap),
            Running::Polling(f) => f.set_trace_capacity(cap),
            Running::System(f) => f.set_trace_capacity(cap),
        }
    }

    pub fn now_ms(&self) -> u64 {
        match self {
            Running::Http(h, _) => h.now_ms(),
            Running::Pool(f) => f.now_ms(),
            Running::Polling(f) => f.now_ms(),
            Running::System(f) => f.now_ms(),
        }
    }

    /// Runs to `t_ms` in chunks, handing each chunk's events (flow events first at equal times, each source in
    /// its own order) to `sink`.
    pub fn run_until(
        &mut self,
        t_ms: u64,
        sink: &mut dyn FnMut(Vec<Line>) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        while self.now_ms() < t_ms {
            let to = t_ms.min(self.now_ms() + CHUNK_MS);
            let (flow, engine) = match self {
                Running::Http(h, m) => {
                    h.run_until(to);
                    m.run_until(to);
                    (h.drain_trace(), m.drain_engine_trace())
                }
                Running::Pool(f) => {
                    f.run_until(to);
                    (f.drain_trace(), f.drain_engine_trace())
                }
                Running::Polling(f) => {
                    f.run_until(to);
                    (f.drain_trace(), Vec::new())
                }
                Running::System(f) => {
                    f.run_until(to);
                    (f.drain_trace(), f.drain_engine_trace())
                }
            };
            let mut lines: Vec<Line> = flow
                .into_iter()
                .map(Line::Flow)
                .chain(engine.into_iter().map(Line::Engine))
                .collect();
            // Stable: at equal times the flow's events stay before the engine's, each in its own order.
            lines.sort_by_key(Line::t_ms);
            sink(lines)?;
        }
        Ok(())
    }
}
