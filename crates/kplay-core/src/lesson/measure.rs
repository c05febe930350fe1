//! Measuring a fact on a world's snapshot (and the observer, for what only the trace shows), and checking
//! that a highlight names something that exists.

use super::observe::Observer;
use super::{CommandMatch, Fact, Highlight, Measure, Value};
use crate::sim::{GroupView, Snapshot, TopicView};
use alloc::format;
use alloc::string::String;
use core::fmt::Write;

fn missing(what: &str, name: &str) -> Value {
    Value::Missing(format!("no {what} {name:?}"))
}

fn topic<'a>(snap: &'a Snapshot, name: &str) -> Result<&'a TopicView, Value> {
    snap.topics
        .iter()
        .find(|t| t.name == name)
        .ok_or_else(|| missing("topic", name))
}

fn group<'a>(snap: &'a Snapshot, name: &str) -> Result<&'a GroupView, Value> {
    snap.groups
        .iter()
        .find(|g| g.id == name)
        .ok_or_else(|| missing("group", name))
}

/// The fact's value on `snap` (validated facts carry the selectors their measure needs; a missing one reads
/// as the empty name, which matches nothing).
pub(crate) fn measure(f: &Fact, snap: &Snapshot, obs: &Observer) -> Value {
    match value(f, snap, obs) {
        Ok(v) | Err(v) => v,
    }
}

fn value(f: &Fact, snap: &Snapshot, obs: &Observer) -> Result<Value, Value> {
    let name = |s: &Option<String>| s.clone().unwrap_or_default();
    let num = |n: u64| Ok(Value::Num(n));
    if f.measure == Measure::FlowMetric {
        return Err(Value::Missing(
            "flow_metric measures a flow step's models".into(),
        ));
    }
    if matches!(
        f.measure,
        Measure::LogEnd
            | Measure::LogStart
            | Measure::Retained
            | Measure::Partitions
            | Measure::KeysSplit
    ) {
        let t = topic(snap, &name(&f.topic))?;
        let parts = t
            .partitions
            .iter()
            .enumerate()
            .filter(|(p, _)| f.partition.is_none_or(|q| q as usize == *p));
        if let Some(p) = f.partition {
            if p as usize >= t.partitions.len() {
                return Err(Value::Missing(format!("no partition {}-{p}", t.name)));
            }
        }
        return match f.measure {
            Measure::LogEnd => num(parts.map(|(_, p)| p.log_end).sum()),
            Measure::LogStart => num(parts.map(|(_, p)| p.log_start).sum()),
            Measure::Retained => num(parts.map(|(_, p)| p.records).sum()),
            Measure::Partitions => num(t.partitions.len() as u64),
            _ => num(obs.keys_split(&t.name)),
        };
    }
    let g = group(snap, &name(&f.group))?;
    Ok(match f.measure {
        Measure::IdleThreads => Value::Num(g.members.iter().filter(|m| m.idle).count() as u64),
        Measure::BusyThreads => Value::Num(
            g.members
                .iter()
                .filter(|m| !m.partitions.is_empty())
                .count() as u64,
        ),
        Measure::Members => Value::Num(g.members.len() as u64),
        Measure::Generation => Value::Num(g.generation.max(0) as u64),
        Measure::GroupState => Value::State(g.state),
        Measure::Lag | Measure::Committed => return rows(f, snap, g),
        Measure::Processed => Value::Num(g.processed - g.duplicates),
        Measure::Reprocessed => Value::Num(g.duplicates),
        Measure::NeverSaw => {
            let l = name(&f.listener);
            if !g.instances.iter().any(|i| i.listener == l) {
                return Err(missing("instance of the group with listener", &l));
            }
            let missed = g.missed_by_listener.iter().find(|(x, _)| *x == l);
            Value::Num(missed.map_or(0, |m| m.1))
        }
        Measure::Owned => {
            let i = name(&f.instance);
            if !g.instances.iter().any(|x| x.id == i) {
                return Err(missing("instance of the group named", &i));
            }
            let owned = g.members.iter().filter(|m| m.instance == i);
            Value::Num(owned.map(|m| m.partitions.len() as u64).sum())
        }
        Measure::Owner => return owner(f, g),
        Measure::OutOfOrder => Value::Num(obs.out_of_order(&g.id)),
        Measure::OrderInversions => Value::Num(obs.order_inversions(&g.id)),
        _ => Value::Num(g.lost_in_handoff),
    })
}

/// `owner`: the threads holding the partition now, as `instance#thread` joined by `,` (more than one only while
/// a zombie still holds it), `-` for nobody. The partition must be a row of the group's `--describe` table.
fn owner(f: &Fact, g: &GroupView) -> Result<Value, Value> {
    let (t, p) = (f.topic.as_deref().unwrap_or(""), f.partition.unwrap_or(0));
    if !g
        .partitions
        .iter()
        .any(|r| r.topic == t && r.partition == p)
    {
        return Err(Value::Missing(format!("group {} has no row {t}-{p}", g.id)));
    }
    let mut who = String::new();
    for m in &g.members {
        if m.partitions.iter().any(|(x, q)| x == t && *q == p) {
            let sep = if who.is_empty() { "" } else { "," };
            let _ = write!(who, "{sep}{}#{}", m.instance, m.thread);
        }
    }
    if who.is_empty() {
        who.push('-');
    }
    Ok(Value::Name(who))
}

/// `lag` and `committed`: over the group's `--describe` rows, narrowed by topic and partition.
fn rows(f: &Fact, snap: &Snapshot, g: &GroupView) -> Result<Value, Value> {
    let mut lag = 0;
    let mut found = None;
    for r in g.partitions.iter().filter(|r| {
        f.topic.as_ref().is_none_or(|t| *t == r.topic)
            && f.partition.is_none_or(|p| p == r.partition)
    }) {
        found = Some(r);
        lag += match r.lag {
            Some(l) => l,
            None => topic(snap, &r.topic)?
                .partitions
                .get(r.partition as usize)
                .map_or(0, |p| p.records),
        };
    }
    let Some(r) = found else {
        let t = f.topic.as_deref().unwrap_or("?");
        return Err(Value::Missing(match f.partition {
            Some(p) => format!("group {} has no row {t}-{p}", g.id),
            None => format!("group {} has no row of topic {t:?}", g.id),
        }));
    };
    if f.measure == Measure::Lag {
        return Ok(Value::Num(lag));
    }
    r.committed
        .map(Value::Num)
        .ok_or_else(|| Value::Missing("no committed offset".into()))
}

/// Whether the highlight names something that exists in `snap`.
pub(crate) fn exists(h: &Highlight, snap: &Snapshot) -> bool {
    let topic_parts = |t: &str| {
        snap.topics
            .iter()
            .find(|x| x.name == t)
            .map(|x| x.partitions.len())
    };
    let instance = |i: &str| {
        snap.groups
            .iter()
            .flat_map(|g| g.instances.iter())
            .find(|x| x.id == i)
    };
    match h {
        Highlight::Group { group } => snap.groups.iter().any(|g| g.id == *group),
        Highlight::Topic { topic } => topic_parts(topic).is_some(),
        Highlight::Partition { topic, partition } => {
            topic_parts(topic).is_some_and(|n| (*partition as usize) < n)
        }
        Highlight::Instance { instance: i } => instance(i).is_some(),
        Highlight::Thread {
            instance: i,
            thread,
        } => instance(i).is_some_and(|x| *thread < x.threads),
        Highlight::Row {
            group,
            topic,
            partition,
        } => snap.groups.iter().any(|g| {
            g.id == *group
                && g.partitions
                    .iter()
                    .any(|r| r.topic == *topic && r.partition == *partition)
        }),
        Highlight::Panel { .. } => true,
    }
}

/// The fields of a "try it" match naming something that does not exist in `snap`, except the one its action
/// creates (`add_group`'s group, `add_instance`'s instance, `add_topic`'s topic, `add_producer`'s producer).
pub(crate) fn unknown_names(m: &CommandMatch, snap: &Snapshot) -> [bool; 4] {
    let creates = |what: &str| m.action.strip_prefix("add_") == Some(what);
    let instance = m.instance.as_ref().is_some_and(|i| {
        !creates("instance")
            && !exists(
                &Highlight::Instance {
                    instance: i.clone(),
                },
                snap,
            )
    });
    let group = m.group.as_ref().is_some_and(|g| {
        !creates("group") && !exists(&Highlight::Group { group: g.clone() }, snap)
    });
    let topic = m.topic.as_ref().is_some_and(|t| {
        !creates("topic") && !exists(&Highlight::Topic { topic: t.clone() }, snap)
    });
    let producer = m
        .producer
        .as_ref()
        .is_some_and(|p| !creates("producer") && !snap.producers.iter().any(|x| x.id == *p));
    [instance, group, topic, producer]
}
