//! A streaming checker of a storm's trace (fed in chunks, so ten virtual minutes never sit in memory):
//! generations never go back, rebalance callbacks only give up what a member owns, and every duplicate is
//! explained by the way its partition's earlier owner lost it before committing past it.

use kplay_core::sim::{Event, EventKind, RecordStage, World};
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub use super::cause::Cause;

/// (topic name id, incarnation: a deleted topic created again starts at offset 0, partition).
type Tp = (u32, u32, u32);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Gone {
    Lost,
    Revoked,
}

/// (when, the group's committed offset then, how).
type Handover = (u64, u64, Gone);

#[derive(Default)]
pub struct Checker {
    ids: HashMap<String, u32>,
    incarnation: HashMap<u32, u32>,
    /// The incarnation of each partition a member was assigned: a member may still process records of a
    /// deleted topic in hand after the topic was created again.
    assigned_as: HashMap<(u32, u32, u32, u32), u32>,
    /// Last processing of each (group, partition, offset): when and by which member.
    processed: HashMap<(u32, Tp, u64), (u64, u32)>,
    /// Each group's committed offset per partition over time: (when, offset); expiry commits 0.
    commits: HashMap<(u32, Tp), Vec<(u64, u64)>>,
    /// When a member gave a partition up, how, and the group's committed offset then.
    handovers: HashMap<(u32, u32, Tp), Vec<Handover>>,
    kicked: HashMap<u32, u64>,
    expired: HashMap<(u32, Tp), Vec<u64>>,
    /// Instance faults by instance: (time, fault).
    faults: HashMap<u32, Vec<(u64, String)>>,
    member_instance: HashMap<u32, u32>,
    generation: HashMap<u32, i32>,
    /// Partitions (by name: what the callbacks name) each member owns.
    owned: HashMap<(u32, u32), BTreeSet<(u32, u32)>>,
    cooperative: BTreeSet<String>,
    /// Duplicates per cause.
    pub duplicates: BTreeMap<Cause, u64>,
    /// Duplicates no cause explains (must stay empty), and broken trace rules.
    pub problems: Vec<String>,
    pub processed_events: u64,
    /// Duplicates not explained yet: a zombie's is explained by its hand-over after the duplicate.
    pending: Vec<Pending>,
}

/// A duplicate waiting for the hand-over that explains it.
struct Pending {
    g: u32,
    tp: Tp,
    offset: u64,
    /// The earlier processor, while it still holds the partition as far as it knows.
    first: Option<u32>,
    /// The processor of the duplicate, while it still holds the partition.
    again: Option<u32>,
    at: u64,
    /// The group's committed offset when the duplicate was processed.
    committed: u64,
}

impl Checker {
    /// A checker for groups whose names in `cooperative` use a cooperative assignor.
    pub fn new(cooperative: impl IntoIterator<Item = String>) -> Self {
        Checker {
            cooperative: cooperative.into_iter().collect(),
            ..Checker::default()
        }
    }

    fn id(&mut self, s: &str) -> u32 {
        let n = self.ids.len() as u32;
        *self.ids.entry(s.to_string()).or_insert(n)
    }

    fn tp(&mut self, topic: &str, partition: u32) -> Tp {
        let t = self.id(topic);
        (t, self.incarnation.get(&t).copied().unwrap_or(0), partition)
    }

    /// `topic`-`partition` as member `m` of group `g` knows it (the incarnation it was assigned).
    fn tp_of(&mut self, g: u32, m: u32, topic: &str, partition: u32) -> Tp {
        let tp = self.tp(topic, partition);
        match self.assigned_as.get(&(g, m, tp.0, partition)) {
            Some(&inc) => (tp.0, inc, partition),
            None => tp,
        }
    }

    fn problem(&mut self, s: String) {
        if self.problems.len() < 20 {
            self.problems.push(s);
        }
    }

    /// A deleted topic was created again: its offsets restart at 0, so later events of that name are of a new
    /// partition set (call after feeding every event before the creation).
    pub fn topic_created(&mut self, topic: &str) {
        let x = self.id(topic);
        *self.incarnation.entry(x).or_default() += 1;
    }

    pub fn feed(&mut self, events: &[Event]) {
        for e in events {
            self.event(e.t_ms, &e.kind);
        }
    }

    fn fault_at(&self, instance: u32, t: u64, names: &[&str]) -> bool {
        self.faults.get(&instance).is_some_and(|f| {
            f.iter()
                .any(|(at, n)| *at == t && names.contains(&n.as_str()))
        })
    }

    fn event(&mut self, t: u64, kind: &EventKind) {
        match kind {
            EventKind::Processed {
                group,
                member,
                instance,
                topic,
                partition,
                offset,
                duplicate,
                ..
            } => {
                self.processed_events += 1;
                let (g, m, i) = (self.id(group), self.id(member), self.id(instance));
                self.member_instance.insert(m, i);
                let tp = self.tp_of(g, m, topic, *partition);
                let prev = self.processed.insert((g, tp, *offset), (t, m));
                if prev.is_some() != *duplicate {
                    self.problem(format!(
                        "{t} ms: {group} {topic}-{partition}@{offset}: duplicate flag {duplicate}, earlier processing {prev:?}"
                    ));
                }
                if let Some((t1, m1)) = prev {
                    match self.explain(g, tp, *offset, t1, m1, t) {
                        Some(c) => *self.duplicates.entry(c).or_default() += 1,
                        None => {
                            let held = |m: u32| {
                                let mine = self.owned.get(&(g, m));
                                mine.is_some_and(|o| o.contains(&(tp.0, tp.2))).then_some(m)
                            };
                            let pending = Pending {
                                g,
                                tp,
                                offset: *offset,
                                first: held(m1),
                                again: held(m),
                                at: t,
                                committed: self.committed_at(g, tp, t),
                            };
                            self.pending.push(pending);
                        }
                    }
                }
            }
            EventKind::Committed {
                group,
                topic,
                partition,
                offset,
                ..
            } => {
                let g = self.id(group);
                let tp = self.tp(topic, *partition);
                self.commits.entry((g, tp)).or_default().push((t, *offset));
            }
            EventKind::Assigned {
                group,
                member,
                partitions,
                ..
            } => {
                let coop = self.cooperative.contains(group);
                let (g, m) = (self.id(group), self.id(member));
                let tps: Vec<(u32, u32)> =
                    partitions.iter().map(|(t, p)| (self.id(t), *p)).collect();
                for &(x, p) in &tps {
                    let inc = self.incarnation.get(&x).copied().unwrap_or(0);
                    self.assigned_as.insert((g, m, x, p), inc);
                }
                let mine = self.owned.entry((g, m)).or_default();
                let ok = if coop {
                    tps.iter().all(|tp| !mine.contains(tp))
                } else {
                    mine.is_empty()
                };
                mine.extend(tps);
                if !ok {
                    self.problem(format!(
                        "{t} ms: {member} assigned {partitions:?} while owning some or all"
                    ));
                }
            }
            EventKind::Revoked {
                group,
                member,
                instance,
                partitions,
                ..
            }
            | EventKind::Lost {
                group,
                member,
                instance,
                partitions,
            } => {
                let how = if matches!(kind, EventKind::Lost { .. }) {
                    Gone::Lost
                } else {
                    Gone::Revoked
                };
                let (g, m, i) = (self.id(group), self.id(member), self.id(instance));
                self.member_instance.insert(m, i);
                let tps: Vec<Tp> = partitions
                    .iter()
                    .map(|(x, p)| self.tp_of(g, m, x, *p))
                    .collect();
                for tp in &tps {
                    self.assigned_as.remove(&(g, m, tp.0, tp.2));
                }
                // A zombie's first hand-over after the duplicate explains it: it processed the record again
                // and then loses the partition, or it processed it first, still held it, and nobody had
                // committed past it when the new owner processed it again.
                let mut zombies = 0;
                self.pending.retain_mut(|d| {
                    if d.g != g || !tps.contains(&d.tp) {
                        return true;
                    }
                    let explained = (d.again == Some(m) && how == Gone::Lost)
                        || (d.first == Some(m) && d.committed <= d.offset);
                    if d.again == Some(m) {
                        d.again = None;
                    }
                    if d.first == Some(m) {
                        d.first = None;
                    }
                    zombies += u64::from(explained);
                    !explained
                });
                if zombies > 0 {
                    *self.duplicates.entry(Cause::Zombie).or_default() += zombies;
                }
                for tp in &tps {
                    let committed = self.committed_at(g, *tp, t);
                    self.handovers
                        .entry((m, g, *tp))
                        .or_default()
                        .push((t, committed, how));
                }
                let names: Vec<(u32, u32)> = tps.iter().map(|tp| (tp.0, tp.2)).collect();
                let mine = self.owned.entry((g, m)).or_default();
                let ok = names.iter().all(|tp| mine.contains(tp));
                mine.retain(|tp| !names.contains(tp));
                if !ok {
                    self.problem(format!(
                        "{t} ms: {member} gives up {partitions:?} it does not own"
                    ));
                }
            }
            EventKind::GroupState {
                group,
                generation,
                state,
            } => {
                let g = self.id(group);
                if state == "Dead" {
                    // An Empty group without offsets is deleted at the offsets check (Kafka's
                    // cleanupGroupMetadata); the next JoinGroup creates it again at generation 0.
                    self.generation.remove(&g);
                    return;
                }
                let prev = self.generation.insert(g, *generation).unwrap_or(0);
                if *generation < prev {
                    self.problem(format!(
                        "{t} ms: {group} generation went back to {generation}"
                    ));
                }
            }
            EventKind::OffsetsExpired { group, partitions } => {
                let g = self.id(group);
                for (x, p) in partitions {
                    let tp = self.tp(x, *p);
                    self.commits.entry((g, tp)).or_default().push((t, 0));
                    self.expired.entry((g, tp)).or_default().push(t);
                }
            }
            EventKind::Fault {
                fault,
                instance,
                topic,
                ..
            } => {
                if let Some(i) = instance {
                    let i = self.id(i);
                    self.faults.entry(i).or_default().push((t, fault.clone()));
                }
                let _ = topic;
            }
            EventKind::Warning { code, message, .. } if code == "poll_timeout" => {
                // "member M did not poll …" / "static member M did not poll …"
                let member = message
                    .split_whitespace()
                    .skip_while(|w| *w != "member")
                    .nth(1)
                    .unwrap_or("");
                let m = self.id(member);
                self.kicked.entry(m).or_insert(t);
            }
            _ => {}
        }
    }

    /// Why (`g`, `tp`, `offset`), processed at `t1` by `m1`, was processed again at `t2`.
    #[allow(clippy::too_many_arguments)]
    fn explain(&self, g: u32, tp: Tp, offset: u64, t1: u64, m1: u32, t2: u64) -> Option<Cause> {
        // Kicked out by t2 (member ids are not reused after a kick-out), and nobody had committed past the
        // record when it happened (or when it processed the record, if that came after).
        let kicked = |m: u32| {
            self.kicked
                .get(&m)
                .is_some_and(|&k| k <= t2 && self.committed_at(g, tp, k.max(t1)) <= offset)
        };
        let gone = self.handovers.get(&(m1, g, tp)).and_then(|h| {
            h.iter()
                .find(|&&(t, c, _)| t1 <= t && t <= t2 && c <= offset)
        });
        if let Some(&(t, _, how)) = gone {
            let inst = self.member_instance.get(&m1).copied().unwrap_or(u32::MAX);
            let stopped = self.fault_at(inst, t, &["stop", "remove_instance", "set_threads"]);
            return Some(match how {
                Gone::Lost if self.fault_at(inst, t, &["crash"]) => Cause::Crash,
                _ if kicked(m1) => Cause::KickedOut,
                _ if stopped => Cause::StopWithoutCommit,
                Gone::Lost => Cause::LostOther,
                Gone::Revoked => Cause::RevokedWithoutCommit,
            });
        }
        if kicked(m1) {
            return Some(Cause::KickedOut);
        }
        let expired = self
            .expired
            .get(&(g, tp))
            .is_some_and(|e| e.iter().any(|&t| t1 <= t && t <= t2));
        expired.then_some(Cause::OffsetsExpired)
    }

    /// The group's committed offset for `tp` at `t` (after that millisecond's events so far).
    fn committed_at(&self, g: u32, tp: Tp, t: u64) -> u64 {
        let Some(h) = self.commits.get(&(g, tp)) else {
            return 0;
        };
        let i = h.partition_point(|&(at, _)| at <= t);
        i.checked_sub(1).map_or(0, |i| h[i].1)
    }

    /// Records the duplicates nothing explained as problems (call once the trace is complete).
    pub fn finish(&mut self) {
        let names: HashMap<u32, String> = self.ids.iter().map(|(k, v)| (*v, k.clone())).collect();
        let name = |i: &u32| names.get(i).cloned().unwrap_or_default();
        for d in std::mem::take(&mut self.pending) {
            self.problem(format!(
                "{} ms: {} processed {}-{}@{} again with no lost commit to explain it",
                d.at,
                name(&d.g),
                name(&d.tp.0),
                d.tp.2,
                d.offset
            ));
        }
    }

    /// At-least-once: every retained record of every live topic a group subscribes to was processed by that
    /// group. Returns (records checked, up to 5 missing as text).
    pub fn at_least_once(&mut self, w: &World) -> (u64, Vec<String>) {
        let snap = w.snapshot();
        let live: BTreeMap<&str, &kplay_core::sim::TopicView> =
            snap.topics.iter().map(|t| (t.name.as_str(), t)).collect();
        let (mut checked, mut missing) = (0, Vec::new());
        for g in &snap.groups {
            let gid = self.id(&g.id);
            for lag in &g.partitions {
                let Some(p) = live
                    .get(lag.topic.as_str())
                    .and_then(|t| t.partitions.get(lag.partition as usize))
                else {
                    continue;
                };
                let tp = self.tp(&lag.topic, lag.partition);
                for offset in p.log_start..p.log_end {
                    let Some(j) = w.follow(&lag.topic, lag.partition, offset) else {
                        continue;
                    };
                    if !j.retained {
                        continue;
                    }
                    checked += 1;
                    let stage = j.groups.iter().find(|s| s.0 == g.id).map(|s| &s.1);
                    let done =
                        matches!(stage, Some(RecordStage::Processed | RecordStage::Committed));
                    let seen = self.processed.contains_key(&(gid, tp, offset));
                    if (!done || !seen) && missing.len() < 5 {
                        missing.push(format!(
                            "{} never processed {}-{}@{offset} ({stage:?})",
                            g.id, lag.topic, lag.partition
                        ));
                    }
                }
            }
        }
        (checked, missing)
    }
}
