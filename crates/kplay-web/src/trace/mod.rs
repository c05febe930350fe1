//! What the UI derives from the engine's events and snapshots: a bounded event log, record lifecycles, records in
//! flight for the animation, and time series for the charts. Everything here is bounded so a long run cannot grow
//! memory or the DOM.

use kplay_core::sim::{Event, EventKind, Snapshot};
use std::collections::VecDeque;
use std::rc::Rc;

mod group;
mod lines;
mod maps;
mod step;
mod story;
pub use lines::{describe, warning_text};
pub use maps::{Lifecycles, OffsetMap};
pub use step::Step;
pub use story::{is_story, Mark, MarkKind, Story, MARK_CAP, STORY_CAP};

/// Recent events of every kind kept for the event log (the story is kept apart: [`Trace::story`]).
pub const EVENT_LOG_CAP: usize = 300;
/// Records whose lifecycle is remembered (oldest forgotten first).
pub const LIFECYCLE_CAP: usize = 4000;
/// Records animated at once; more are not drawn (the log cells still show them).
pub const FLIGHT_CAP: usize = 48;
/// Chart samples kept (one per virtual second).
pub const SAMPLE_CAP: usize = 120;
/// How long a flight lasts, in real milliseconds.
pub const FLIGHT_MS: f64 = 600.0;

/// Identifies a record: topic, partition, offset.
pub type RecordId = (String, u32, u64);

/// One step of a record's life.
#[derive(Clone, Debug, PartialEq)]
pub struct LifeStep {
    /// Virtual time.
    pub t_ms: u64,
    /// What happened (shared: one commit covers many records, one thread processes many).
    pub what: Rc<Step>,
}

/// Where a flying record goes.
#[derive(Clone, Debug, PartialEq)]
pub enum FlightKind {
    /// Producer → partition.
    Produce {
        /// Producer id.
        producer: String,
    },
    /// Partition → consumer thread.
    Consume {
        /// Group id.
        group: String,
        /// Instance id.
        instance: String,
        /// Thread number.
        thread: u32,
    },
}

/// A record drawn moving.
#[derive(Clone, Debug, PartialEq)]
pub struct Flight {
    /// Direction and ends.
    pub kind: FlightKind,
    /// Topic.
    pub topic: String,
    /// Partition.
    pub partition: u32,
    /// Key (colour).
    pub key: Option<String>,
    /// Real time (ms, `performance.now()`) it started.
    pub started: f64,
    /// Whether this record was processed again (re-read from the committed offset).
    pub reprocessed: bool,
}

/// One chart sample.
#[derive(Clone, Debug, PartialEq)]
pub struct Sample {
    /// Virtual time.
    pub t_ms: u64,
    /// Total lag per group, in group order ([`crate::format::group_lag`], as `--describe`).
    pub group_lag: Vec<(String, u64)>,
    /// Per group, in group order: records appended so far to the topics it reads (sum of their log-end
    /// offsets) and records it processed for the first time; their changes are the group's own rates.
    pub group_progress: Vec<(String, u64, u64)>,
    /// Lag per (group, topic, partition), only for partitions with a committed offset (`--describe` prints `-`
    /// for the others).
    pub partition_lag: Vec<(String, String, u32, u64)>,
    /// Records produced so far.
    pub produced: u64,
    /// Records processed so far over all groups.
    pub processed: u64,
}

/// Everything derived from events; fed once per frame.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trace {
    /// The newest events of every kind, oldest first, at most [`EVENT_LOG_CAP`].
    pub events: VecDeque<Event>,
    /// Rebalances, faults, warnings …: kept however many records flow ([`STORY_CAP`]), and the charts' marks.
    pub story: Story,
    /// Lifecycle per record.
    pub lifecycles: Lifecycles,
    order: VecDeque<RecordId>,
    /// Records in flight.
    pub flights: VecDeque<Flight>,
    /// Flights not drawn because the cap was reached.
    pub flights_skipped: u64,
    /// Records processed again (a consumer re-read them from the committed offset after a crash or rebalance).
    pub reprocessed: u64,
    /// Chart samples.
    pub samples: VecDeque<Sample>,
    /// Per (group, topic, partition): one past the highest offset processed. Kafka's describe has no such column;
    /// compared with the committed offset it shows what a crash would make the group process again.
    pub processed_upto: OffsetMap,
    /// Last committed offset seen per (group, topic, partition).
    committed_seen: OffsetMap,
    /// "processed by" steps per (group, instance, thread), shared by every record that thread processes.
    processed_texts: Vec<(String, String, u32, Rc<Step>)>,
    /// Warnings (code, group, message), newest last, deduplicated by code and group.
    pub warnings: Vec<(String, Option<String>, String)>,
    /// Groups that completed a rebalance since the last [`Trace::clear_recovered`].
    settled: Vec<String>,
}

impl Trace {
    /// Forgets everything (after a reset or load).
    pub fn clear(&mut self) {
        *self = Trace::default();
    }

    fn note(&mut self, id: RecordId, t_ms: u64, what: Rc<Step>) {
        let step = LifeStep { t_ms, what };
        if let Some(steps) = self.lifecycles.get_mut(&id) {
            steps.push(step);
            return;
        }
        if self.order.len() >= LIFECYCLE_CAP {
            if let Some(old) = self.order.pop_front() {
                self.lifecycles.remove(&old);
            }
        }
        self.order.push_back(id.clone());
        self.lifecycles.insert(id, vec![step]);
    }

    /// The step of a record processed by this thread, made once per thread (thousands of records a second share a
    /// handful of threads). Bounded: instances can come and go in a long session.
    fn processed_text(&mut self, group: &str, instance: &str, thread: u32) -> Rc<Step> {
        let known = self
            .processed_texts
            .iter()
            .find(|(g, i, t, _)| *t == thread && i == instance && g == group);
        if let Some((_, _, _, text)) = known {
            return text.clone();
        }
        if self.processed_texts.len() >= 256 {
            self.processed_texts.clear();
        }
        let text = Rc::new(Step::Processed {
            group: group.into(),
            instance: instance.into(),
            thread,
            again: false,
        });
        self.processed_texts
            .push((group.into(), instance.into(), thread, text.clone()));
        text
    }

    /// Whether a new flight would be drawn; checked before building one, since past the cap most are not.
    fn can_fly(&mut self, animate: bool) -> bool {
        if !animate {
            return false;
        }
        if self.flights.len() >= FLIGHT_CAP {
            self.flights_skipped += 1;
            return false;
        }
        true
    }

    /// Takes this frame's events. `now` is real time; `animate` false skips flights (e.g. while fast-forwarding).
    pub fn absorb(&mut self, events: Vec<Event>, now: f64, animate: bool) {
        self.flights.retain(|f| now - f.started < FLIGHT_MS);
        for e in events {
            let t = e.t_ms;
            match &e.kind {
                EventKind::Produced {
                    topic,
                    partition,
                    offset,
                    key,
                    producer,
                    ..
                } => {
                    let id = (topic.clone(), *partition, *offset);
                    let what = Step::Produced {
                        producer: producer.clone(),
                        key: key.clone(),
                    };
                    self.note(id, t, Rc::new(what));
                    if self.can_fly(animate) {
                        self.flights.push_back(Flight {
                            kind: FlightKind::Produce {
                                producer: producer.clone(),
                            },
                            topic: topic.clone(),
                            partition: *partition,
                            key: key.clone(),
                            started: now,
                            reprocessed: false,
                        });
                    }
                }
                EventKind::Processed {
                    group,
                    instance,
                    thread,
                    topic,
                    partition,
                    offset,
                    key,
                    duplicate,
                    ..
                } => {
                    let upto = self.processed_upto.slot(group, topic, *partition);
                    *upto = (*upto).max(offset + 1);
                    let id = (topic.clone(), *partition, *offset);
                    let what = if *duplicate {
                        self.reprocessed += 1;
                        Rc::new(Step::Processed {
                            group: group.clone(),
                            instance: instance.clone(),
                            thread: *thread,
                            again: true,
                        })
                    } else {
                        self.processed_text(group, instance, *thread)
                    };
                    self.note(id, t, what);
                    if self.can_fly(animate) {
                        self.flights.push_back(Flight {
                            kind: FlightKind::Consume {
                                group: group.clone(),
                                instance: instance.clone(),
                                thread: *thread,
                            },
                            topic: topic.clone(),
                            partition: *partition,
                            key: key.clone(),
                            started: now,
                            reprocessed: *duplicate,
                        });
                    }
                }
                EventKind::Committed {
                    group,
                    topic,
                    partition,
                    offset,
                    ..
                } => {
                    // A commit of offset n covers every record below n; mark only those since this group's previous
                    // commit on the partition, so the cost follows new records, not the remembered window.
                    let seen = self.committed_seen.slot(group, topic, *partition);
                    let from = *seen;
                    // Offsets can move back (a reset); remember the latest either way.
                    *seen = *offset;
                    if *offset > from {
                        let ids: Vec<RecordId> = self
                            .lifecycles
                            .offsets(topic, *partition, from..*offset)
                            .map(|o| (topic.clone(), *partition, o))
                            .collect();
                        let what = Rc::new(Step::Committed {
                            group: group.clone(),
                            offset: *offset,
                        });
                        for id in ids {
                            self.note(id, t, what.clone());
                        }
                    }
                }
                EventKind::GroupState { group, state, .. }
                    if state == "Stable" && !self.settled.contains(group) =>
                {
                    self.settled.push(group.clone());
                }
                EventKind::Warning {
                    code,
                    group,
                    message,
                } if !self
                    .warnings
                    .iter()
                    .any(|(c, g, _)| c == code && g == group) =>
                {
                    self.warnings
                        .push((code.clone(), group.clone(), message.clone()));
                }
                _ => {}
            }
            self.story.keep(&e);
            if self.events.len() >= EVENT_LOG_CAP {
                self.events.pop_front();
            }
            self.events.push_back(e);
        }
    }

    /// Records a chart sample when a new virtual second started.
    pub fn sample(&mut self, snap: &Snapshot) {
        if self
            .samples
            .back()
            .is_some_and(|s| snap.now_ms < s.t_ms + 1000)
        {
            return;
        }
        let group_lag = snap
            .groups
            .iter()
            .map(|g| (g.id.clone(), crate::format::group_lag(g)))
            .collect();
        let group_progress = snap
            .groups
            .iter()
            .map(|g| {
                let appended = g.partitions.iter().map(|p| p.log_end).sum();
                (
                    g.id.clone(),
                    appended,
                    g.processed.saturating_sub(g.duplicates),
                )
            })
            .collect();
        // Plain loops, not `flat_map` (each flattening adapter is code of its own in the bundle).
        let mut partition_lag = Vec::new();
        for g in &snap.groups {
            for p in &g.partitions {
                if let Some(lag) = p.lag {
                    partition_lag.push((g.id.clone(), p.topic.clone(), p.partition, lag));
                }
            }
        }
        if self.samples.len() >= SAMPLE_CAP {
            self.samples.pop_front();
        }
        self.samples.push_back(Sample {
            t_ms: snap.now_ms,
            group_lag,
            group_progress,
            partition_lag,
            produced: snap.totals.produced,
            processed: snap.totals.processed,
        });
        if let Some(first) = self.samples.front() {
            self.story.prune_marks(first.t_ms);
        }
    }

    /// Produce and consume rates (records per virtual second) over the last `window` samples.
    pub fn rates(&self, window: usize) -> (f64, f64) {
        let n = self.samples.len();
        if n < 2 {
            return (0.0, 0.0);
        }
        let a = &self.samples[n.saturating_sub(window + 1)];
        let b = &self.samples[n - 1];
        let dt = (b.t_ms.saturating_sub(a.t_ms)) as f64 / 1000.0;
        if dt <= 0.0 {
            return (0.0, 0.0);
        }
        (
            (b.produced - a.produced) as f64 / dt,
            (b.processed - a.processed) as f64 / dt,
        )
    }
}

#[cfg(test)]
mod numbers;
#[cfg(test)]
mod story_tests;
#[cfg(test)]
mod tests;
