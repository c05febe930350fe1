//! The Compare area's model (issue 12's web side): the four contrasts of `kplay_core::flows` behind one small
//! view-model, so one generic side-by-side component draws them all ([`crate::components::compare`]).
//!
//! A [`Compare`] holds the view's numbers, the actions used, the running models and a per-second history of its
//! counter rows; after every change it publishes a [`Panel`] (rows now + chart series), which is all the screen
//! reads. It advances on the playground's fixed-timestep loop ([`crate::sim::Sim::frame`]) outside rendering.
//! A changed number or an action rebuilds the models from time 0 with the same seed and runs them back to the
//! current time: the numbers on screen are always the core model's run with these inputs.
//!
//! ```
//! use kplay_web::compare::{Compare, View};
//! let mut c = Compare::new(View::Http);
//! c.advance(2_000);
//! assert_eq!(c.panel.rows[0], [Some(40), Some(40)], "20 requests/s on both sides");
//! assert!(c.set(0, "abc").unwrap_err().starts_with("rate_per_s: must be a whole number"));
//! ```

mod defs;
pub mod lesson;
mod views;

pub use defs::{Def, Param};
pub use views::build;

use kplay_core::lesson::FlowRun;
use std::rc::Rc;

/// A counter row's two sides (`None`: that side has no such number).
pub type Cells = [Option<u64>; 2];

/// Seconds of history a chart shows.
pub const CHART_S: usize = 120;

/// Where a contrast's clock stops (virtual ms). A changed number or an action reruns the models from 0 s to now,
/// so now must stay short enough for that rerun to fit between two frames' worth of patience; five minutes shows
/// every effect the views are about (an outage, a backlog draining) several times over.
pub const MAX_MS: u64 = kplay_core::lesson::MAX_FLOW_MS;

/// One contrast.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// Request-response vs messaging.
    Http,
    /// Polling vs push.
    Polling,
    /// Worker pool vs consumer threads.
    Pool,
    /// The gateway system around Kafka.
    System,
}

impl View {
    /// Every view in tab order.
    pub const ALL: [View; 4] = [View::Http, View::Polling, View::Pool, View::System];

    /// Its id in catalogue keys and test ids.
    pub fn id(self) -> &'static str {
        match self {
            View::Http => "http",
            View::Polling => "polling",
            View::Pool => "pool",
            View::System => "system",
        }
    }
}

/// A change the Compare area asks for ([`crate::sim::Sim::edit_compare`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Show a view (`None`: back to the playground).
    Area(Option<View>),
    /// Number `i` typed as this text.
    Set(usize, String),
    /// Action `i` now.
    Act(usize),
}

/// What the screen reads: the rows now and each chart's two series (one value per virtual second).
#[derive(Debug, Default)]
pub struct Panel {
    /// Virtual time.
    pub now_ms: u64,
    /// Counter rows in [`Def::rows`] order.
    pub rows: Vec<Cells>,
    /// Per chart of [`Def::charts`]: the first second shown and the two sides' values from it.
    pub charts: Vec<(u64, [Vec<u64>; 2])>,
}

/// One running contrast.
#[derive(Debug)]
pub struct Compare {
    /// The view.
    pub view: View,
    /// Its numbers, in [`Def::params`] order.
    pub values: Vec<u32>,
    /// Actions used: `(action, from_ms)`; each at most once per run.
    pub acts: Vec<(usize, u64)>,
    flows: FlowRun,
    /// The rows at the last whole seconds the charts need (`history[i]` at `(dropped + i + 1) × 1000` ms).
    history: Vec<Vec<Cells>>,
    /// Whole seconds no longer in `history`.
    dropped: usize,
    now_ms: u64,
    /// The latest view-model.
    pub panel: Rc<Panel>,
}

/// The seed every view runs with (the CLI's default).
const SEED: u64 = 42;

impl Compare {
    /// `view` with its default numbers at time 0.
    pub fn new(view: View) -> Compare {
        let values = view.def().params.iter().map(|p| p.default).collect();
        Compare::with(view, values, Vec::new())
            .unwrap_or_else(|_| unreachable!("the defaults are valid (a test runs them)"))
    }

    fn with(view: View, values: Vec<u32>, acts: Vec<(usize, u64)>) -> Result<Compare, Vec<String>> {
        let flows = build(view, &values, &acts, SEED)?;
        let mut c = Compare {
            view,
            values,
            acts,
            flows,
            history: Vec::new(),
            dropped: 0,
            now_ms: 0,
            panel: Rc::default(),
        };
        c.publish();
        Ok(c)
    }

    /// Virtual time.
    pub fn now_ms(&self) -> u64 {
        self.now_ms
    }

    /// Advances `dt_ms` virtual milliseconds (never past [`MAX_MS`]), keeping a row sample at every whole second.
    pub fn advance(&mut self, dt_ms: u64) {
        let end = self.now_ms.saturating_add(dt_ms).min(MAX_MS);
        while self.now_ms < end {
            let next = (self.now_ms / 1000 + 1) * 1000;
            let to = next.min(end);
            self.flows.run_until(to);
            self.now_ms = to;
            if to == next {
                self.history.push(views::rows(&self.flows, &self.values));
                // A per-second chart's first point needs the sample before it.
                if self.history.len() > CHART_S + 1 {
                    self.history.remove(0);
                    self.dropped += 1;
                }
            }
        }
        self.publish();
    }

    /// Back to time 0 with the same numbers and no action used.
    pub fn reset(&mut self) {
        if let Ok(c) = Compare::with(self.view, self.values.clone(), Vec::new()) {
            *self = c;
        }
    }

    /// Sets number `i` from the text typed; a bad value changes nothing and says which field and rule.
    pub fn set(&mut self, i: usize, text: &str) -> Result<(), String> {
        let Some(p) = self.view.def().params.get(i) else {
            return Err(String::new());
        };
        let n = crate::parse::whole(text, p.path, p.lo, p.hi)?;
        let mut values = self.values.clone();
        values[i] = n;
        self.rebuild(values, self.acts.clone())
    }

    /// Uses action `i` now (once per run: a second use, or an unknown action, changes nothing).
    pub fn act(&mut self, i: usize) {
        if i < self.view.def().actions.len() && !self.used(i) {
            let mut acts = self.acts.clone();
            acts.push((i, self.now_ms));
            let _ = self.rebuild(self.values.clone(), acts);
        }
    }

    /// Whether action `i` was used in this run.
    pub fn used(&self, i: usize) -> bool {
        self.acts.iter().any(|a| a.0 == i)
    }

    /// Whether action `i`'s window covers now (its box is down).
    pub fn down(&self, i: usize) -> bool {
        let ms = views::down_ms(self.view, &self.values);
        self.acts
            .iter()
            .any(|&(a, at)| a == i && (at..at + ms).contains(&self.now_ms))
    }

    /// New models with these inputs, run back to the current time; on bad input nothing changes.
    fn rebuild(&mut self, values: Vec<u32>, acts: Vec<(usize, u64)>) -> Result<(), String> {
        let mut c = Compare::with(self.view, values, acts).map_err(|e| e.join("; "))?;
        c.advance(self.now_ms);
        *self = c;
        Ok(())
    }

    fn publish(&mut self) {
        let from = self.history.len().saturating_sub(CHART_S);
        let shown = &self.history[from..];
        let first_s = self.dropped + from;
        let charts =
            self.view
                .def()
                .charts
                .iter()
                .map(|&(row, per_s)| {
                    let side = |s: usize| -> Vec<u64> {
                        let at = |i: usize| shown[i][row][s].unwrap_or(0);
                        (0..shown.len())
                            .map(|i| match (per_s, i) {
                                (false, _) => at(i),
                                (true, 0) if first_s == 0 => at(0),
                                (true, 0) => at(0)
                                    .saturating_sub(self.history[from - 1][row][s].unwrap_or(0)),
                                (true, _) => at(i).saturating_sub(at(i - 1)),
                            })
                            .collect()
                    };
                    (first_s as u64 + 1, [side(0), side(1)])
                })
                .collect();
        self.panel = Rc::new(Panel {
            now_ms: self.now_ms,
            rows: views::rows(&self.flows, &self.values),
            charts,
        });
    }
}

#[cfg(test)]
mod tests;
