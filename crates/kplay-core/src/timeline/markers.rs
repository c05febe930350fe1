//! The moments worth jumping to on a timeline: rebalances, faults, commits and warnings.

use crate::sim::{Event, EventKind};
use alloc::collections::{BTreeMap, VecDeque};
use alloc::string::String;

/// Most markers kept; beyond it the oldest commit marker goes first (commits are the most frequent), then the
/// oldest marker of any kind.
pub const MAX_MARKERS: usize = 4_096;

/// What a marker marks.
///
/// ```
/// assert_ne!(kplay_core::timeline::MarkerKind::Rebalance, kplay_core::timeline::MarkerKind::Commit);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum MarkerKind {
    /// A group entered a new generation (`detail` is the generation number).
    Rebalance,
    /// A fault or action was applied (`detail` is its name: crash, stop, add_partitions, …).
    Fault,
    /// A member of the group committed offsets (one marker per group and millisecond).
    Commit,
    /// A warning (`detail` is its code: commit_failed, poll_timeout, mixed_listeners, …).
    Warning,
}

/// One marker: when, what, which group (if any) and a detail.
///
/// ```
/// use kplay_core::timeline::{Marker, MarkerKind};
/// let m = Marker { at_ms: 3_000, kind: MarkerKind::Fault, group: None, detail: "crash".into() };
/// assert_eq!(m.detail, "crash");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Marker {
    /// Virtual time in ms.
    pub at_ms: u64,
    /// What happened.
    pub kind: MarkerKind,
    /// The group it concerns, if any.
    pub group: Option<String>,
    /// Generation number, fault name or warning code; empty for commits.
    pub detail: String,
}

/// Markers in time order, capped, plus the last generation seen per group (to spot generation changes).
#[derive(Clone, Debug, Default)]
pub(super) struct MarkerLog {
    list: VecDeque<Marker>,
    generations: BTreeMap<String, i32>,
}

impl MarkerLog {
    pub(super) fn iter(&self) -> impl Iterator<Item = &Marker> {
        self.list.iter()
    }

    /// Turns an event into a marker, if it marks something.
    pub(super) fn take(&mut self, e: &Event) {
        let (kind, group, detail) = match &e.kind {
            EventKind::GroupState {
                group, generation, ..
            } => {
                let before = self.generations.insert(group.clone(), *generation);
                if before.is_some_and(|g| g >= *generation) || *generation <= 0 {
                    return;
                }
                (
                    MarkerKind::Rebalance,
                    Some(group.clone()),
                    alloc::format!("{generation}"),
                )
            }
            EventKind::Fault { fault, .. } => (MarkerKind::Fault, None, fault.clone()),
            EventKind::Warning { code, group, .. } => {
                (MarkerKind::Warning, group.clone(), code.clone())
            }
            EventKind::Committed { group, .. } => {
                let same = self
                    .list
                    .iter()
                    .rev()
                    .take_while(|m| m.at_ms == e.t_ms)
                    .any(|m| {
                        m.kind == MarkerKind::Commit && m.group.as_deref() == Some(group.as_str())
                    });
                if same {
                    return;
                }
                (MarkerKind::Commit, Some(group.clone()), String::new())
            }
            _ => return,
        };
        if self.list.len() >= MAX_MARKERS {
            match self.list.iter().position(|m| m.kind == MarkerKind::Commit) {
                Some(i) => {
                    self.list.remove(i);
                }
                None => {
                    self.list.pop_front();
                }
            }
        }
        self.list.push_back(Marker {
            at_ms: e.t_ms,
            kind,
            group,
            detail,
        });
    }

    /// Drops the markers after `t_ms`; the generations seen are rebuilt from the markers kept.
    pub(super) fn forget_after(&mut self, t_ms: u64) {
        while self.list.back().is_some_and(|m| m.at_ms > t_ms) {
            self.list.pop_back();
        }
        // A generation seen after the fork must count as new again when the new future reaches it.
        self.generations.clear();
        for m in &self.list {
            if let (MarkerKind::Rebalance, Some(g)) = (m.kind, &m.group) {
                if let Ok(n) = m.detail.parse::<i32>() {
                    self.generations.insert(g.clone(), n);
                }
            }
        }
    }
}
