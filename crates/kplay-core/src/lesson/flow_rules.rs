//! The rules of flow steps (docs/lessons.md, "Flow steps"): a step's `flow` block, what a step continuing it may
//! have, and which facts it takes. Part of [`super::Lesson::validate`].

use super::flow::{flow_metrics, model_of};
use super::validate::{add, Problems};
use super::{Fact, Measure, Step, MAX_FLOW_MS};
use crate::flows::setup::{file, Model};
use alloc::format;

/// What a step runs: a scenario's world (`None`), or a flow of that model (`Some(None)`: the flow block names
/// no model it can be read as).
pub(super) type Runs = Option<Option<Model>>;

/// The rules of a fact that depend on what its step runs: `flow_metric` only on flow steps, with a metric of the
/// step's model; every other measure only on world steps.
pub(super) fn flow_fact(p: &mut Problems, at: &str, f: &Fact, runs: Runs) {
    let name = f.measure.name();
    match (runs, f.measure == Measure::FlowMetric) {
        (None, true) => add(
            p,
            format!("{at}.measure"),
            "flow_metric needs a flow step (this step runs a scenario)",
        ),
        (Some(_), false) => add(
            p,
            format!("{at}.measure"),
            format!("{name} measures a scenario's world; a flow step takes flow_metric"),
        ),
        (Some(model), true) => {
            let known = |m: Model| {
                f.metric
                    .as_deref()
                    .is_some_and(|x| flow_metrics(m).contains(&x))
            };
            match (model, &f.metric) {
                (_, None) => {}
                (Some(m), Some(x)) if !known(m) => add(
                    p,
                    format!("{at}.metric"),
                    format!(
                        "unknown metric {x:?} of flow {}; known: {}",
                        m.name(),
                        flow_metrics(m).join(", ")
                    ),
                ),
                (None, Some(x)) if !Model::ALL.into_iter().any(known) => {
                    add(p, format!("{at}.metric"), format!("unknown metric {x:?}"))
                }
                _ => {}
            }
        }
        (None, false) => {}
    }
}

/// A step's `flow` block and the rules of flow steps (a step with a flow, or one continuing it): the block reads as
/// a flow scenario; no scenario beside it; no commands, highlights or try_it (they act on a world); the check's
/// time, counted from the flow's start, within [`MAX_FLOW_MS`]. Updates what the step runs and the flow's time.
pub(super) fn flow_step(p: &mut Problems, at: &str, s: &Step, runs: &mut Runs, flow_ms: &mut u64) {
    if let Some(v) = &s.flow {
        if s.scenario.is_some() {
            add(
                p,
                format!("{at}.flow"),
                "must not be given with scenario (a step runs one or the other)",
            );
        }
        if let Err(list) = file::read(v) {
            for q in list {
                let path = if q.path.is_empty() {
                    format!("{at}.flow")
                } else {
                    format!("{at}.flow.{}", q.path)
                };
                add(p, path, q.problem);
            }
        }
        // Thread facts read the last whole second of 1-second buckets; another width would make them count
        // thread-ms over another span and prove impossible numbers.
        if v.get("bucket_ms").is_some() {
            add(
                p,
                format!("{at}.flow.bucket_ms"),
                "is not used in a lesson (thread facts read 1-second buckets)",
            );
        }
        *runs = Some(model_of(v));
        *flow_ms = 0;
    } else if s.scenario.is_some() {
        *runs = None;
    }
    if runs.is_none() {
        return;
    }
    *flow_ms = flow_ms.saturating_add(s.run_ms);
    if *flow_ms > MAX_FLOW_MS {
        add(
            p,
            format!("{at}.run_ms"),
            format!(
                "puts the check {} ms after the flow's start; at most {MAX_FLOW_MS} (where the Compare area stops)",
                flow_ms
            ),
        );
    }
    let used = [
        ("commands", !s.commands.is_empty()),
        ("highlights", !s.highlights.is_empty()),
        ("try_it", s.try_it.is_some()),
    ];
    for (field, set) in used {
        if set {
            add(
                p,
                format!("{at}.{field}"),
                "is not used on a flow step (it acts on a scenario's world)",
            );
        }
    }
}
