//! The story of a run: the rare events a learner needs to explain what happened (rebalances, partitions assigned,
//! revoked or lost, faults, warnings such as `commit_failed` or `poll_timeout`, offsets expired, records skipped),
//! kept apart from the thousands of `produced` / `processed` / `committed` events a second that push everything out
//! of the recent event log. Also the marks the charts draw under their time axis.

use crate::i18n::I18n;
use kplay_core::sim::{Event, EventKind};
use std::collections::VecDeque;

/// Story events kept. When full, the oldest *story* event is dropped (counted in [`Story::dropped`]); high-volume
/// events never take a story event's place.
pub const STORY_CAP: usize = 2000;
/// Chart marks kept; marks older than the charts' window are dropped when a sample is taken.
pub const MARK_CAP: usize = 200;

/// What a chart mark stands for (its CSS class: `mark-rebalance`, `mark-fault`, `mark-warning`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    /// A group moved to a new generation.
    Rebalance,
    /// A fault was injected (crash, stop, slow …).
    Fault,
    /// A warning, e.g. a failed commit or a poll timeout.
    Warning,
}

impl MarkKind {
    /// The CSS class of the mark.
    pub fn class(self) -> &'static str {
        match self {
            MarkKind::Rebalance => "mark mark-rebalance",
            MarkKind::Fault => "mark mark-fault",
            MarkKind::Warning => "mark mark-warning",
        }
    }
}

/// A mark under the charts' time axis; its tooltip is built in the language shown ([`Mark::label`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    /// Virtual time.
    pub t_ms: u64,
    /// What kind of moment.
    pub kind: MarkKind,
    /// The group (rebalance), the fault's name, or the warning's code.
    pub what: String,
    /// The new state (rebalance), the fault's target or the warning's group; empty when none.
    pub detail: String,
    /// The new generation (rebalance only).
    pub generation: i32,
}

impl Mark {
    /// The tooltip text, e.g. `billing: generation 2 (PreparingRebalance)`, `fault: crash billing-1`.
    pub fn label(&self, i18n: &I18n) -> String {
        match self.kind {
            MarkKind::Rebalance => i18n.tf(
                "charts.mark_rebalance",
                &[
                    ("group", &self.what),
                    ("generation", &self.generation),
                    ("state", &self.detail),
                ],
            ),
            MarkKind::Fault => i18n
                .tf(
                    "charts.mark_fault",
                    &[("fault", &self.what), ("target", &self.detail)],
                )
                .trim_end()
                .to_string(),
            MarkKind::Warning if self.detail.is_empty() => self.what.clone(),
            MarkKind::Warning => format!("{}: {}", self.detail, self.what),
        }
    }
}

/// The story buffer and the chart marks, digested once per event.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Story {
    /// Story events, oldest first, at most [`STORY_CAP`].
    pub events: VecDeque<Event>,
    /// Story events dropped because the buffer was full.
    pub dropped: u64,
    /// Chart marks, oldest first, at most [`MARK_CAP`].
    pub marks: VecDeque<Mark>,
    /// Last generation seen per group (a change is a rebalance mark).
    generations: Vec<(String, i32)>,
}

/// Whether an event belongs to the story: everything but the per-record kinds.
///
/// ```
/// use kplay_core::sim::EventKind;
/// let k = EventKind::Fault { fault: "crash".into(), instance: Some("i-1".into()), producer: None, topic: None };
/// assert!(kplay_web::trace::is_story(&k));
/// ```
pub fn is_story(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Produced { .. } | EventKind::Processed { .. } | EventKind::Committed { .. }
    )
}

impl Story {
    /// Keeps `e` if it belongs to the story and adds a chart mark for a new generation, a fault or a warning.
    pub fn keep(&mut self, e: &Event) {
        if !is_story(&e.kind) {
            return;
        }
        let mark = match &e.kind {
            EventKind::GroupState {
                group,
                state,
                generation,
            } => self.new_generation(group, *generation).then_some((
                MarkKind::Rebalance,
                group,
                Some(state),
                *generation,
            )),
            EventKind::Fault {
                fault,
                instance,
                producer,
                topic,
            } => {
                let target = instance.as_ref().or(producer.as_ref()).or(topic.as_ref());
                Some((MarkKind::Fault, fault, target, 0))
            }
            EventKind::Warning { code, group, .. } => {
                Some((MarkKind::Warning, code, group.as_ref(), 0))
            }
            _ => None,
        };
        if let Some((kind, what, detail, generation)) = mark {
            self.mark(Mark {
                t_ms: e.t_ms,
                kind,
                what: what.clone(),
                detail: detail.cloned().unwrap_or_default(),
                generation,
            });
        }
        if self.events.len() >= STORY_CAP {
            self.events.pop_front();
            self.dropped += 1;
        }
        self.events.push_back(e.clone());
    }

    fn new_generation(&mut self, group: &str, generation: i32) -> bool {
        match self.generations.iter_mut().find(|(g, _)| g == group) {
            Some((_, seen)) if *seen == generation => false,
            Some((_, seen)) => {
                *seen = generation;
                true
            }
            None => {
                self.generations.push((group.into(), generation));
                generation > 0
            }
        }
    }

    /// Adds a mark, unless the same one was made less than a virtual second ago (a failed commit repeats once per
    /// thread; one mark says it).
    fn mark(&mut self, new: Mark) {
        let repeat = self
            .marks
            .iter()
            .rev()
            .take_while(|m| m.t_ms + 1000 > new.t_ms)
            .any(|m| {
                (m.kind, &m.what, &m.detail, m.generation)
                    == (new.kind, &new.what, &new.detail, new.generation)
            });
        if repeat {
            return;
        }
        if self.marks.len() >= MARK_CAP {
            self.marks.pop_front();
        }
        self.marks.push_back(new);
    }

    /// Drops the marks older than `t_ms` (the oldest chart sample).
    pub fn prune_marks(&mut self, t_ms: u64) {
        while self.marks.front().is_some_and(|m| m.t_ms < t_ms) {
            self.marks.pop_front();
        }
    }
}
