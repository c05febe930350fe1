//! From the rows of a paste to a [`Scenario`] at the cluster's offsets, with the grouping of members into
//! instances and threads as data (so a UI can show and correct it) and every assumed value listed.

use super::collect::{collect, prefix, slot, Row, UNNAMED};
use super::explain::{explain, Explanation};
use super::{Parsed, PartitionRate, Problem};
use crate::scenario::{
    Cleanup, CommittedOffset, GroupSpec, InitialLog, InstanceSpec, ProducerSpec, Scenario,
    Strategy, TopicSpec, MAX_INITIAL_RECORDS,
};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// (topic, partition), the key of the sorted lists [`build`] fills.
type TopicPart = (String, u32);

/// A value the paste did not give, with the default used; the user is asked to set it.
///
/// ```
/// let a = kplay_core::import::Assumed { path: "producers".into(), value: "none".into(), why: "no rates".into() };
/// assert_eq!(a.path, "producers");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assumed {
    /// Scenario path the value went to.
    pub path: String,
    /// The value used.
    pub value: String,
    /// Why it had to be assumed.
    pub why: String,
}

/// One instance found in a group: members with the same HOST and client-id prefix, one thread each.
///
/// ```
/// let i = kplay_core::import::ImportedInstance { id: "g-1".into(), host: "/10.0.0.1".into(), client_prefix: "consumer-g".into(), members: vec![] };
/// assert!(i.members.is_empty());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedInstance {
    /// The scenario instance id given to it.
    pub id: String,
    /// HOST of its members.
    pub host: String,
    /// CLIENT-ID without its trailing `-<n>` (Kafka's `consumer-<group>-<n>`, Spring's `<prefix>-<n>`).
    pub client_prefix: String,
    /// `(CONSUMER-ID, CLIENT-ID)` of each member: one thread each.
    pub members: Vec<(String, String)>,
}

/// How the members of one group were grouped into instances.
///
/// ```
/// let g = kplay_core::import::GroupGrouping { group: "g".into(), instances: vec![] };
/// assert_eq!(g.group, "g");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupGrouping {
    /// Group id.
    pub group: String,
    /// Its instances, in the order of the scenario's `instances`.
    pub instances: Vec<ImportedInstance>,
}

/// The result of an import.
///
/// ```
/// let p = kplay_core::import::parse("GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID\ng t 0 5 9 4 c-1-a /h c-1");
/// let i = kplay_core::import::build(&p, &[]).unwrap();
/// assert_eq!(i.scenario.groups[0].committed[0].offset, 5);
/// assert_eq!(i.explanation[0].total_lag, 4);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The scenario, valid for [`crate::World::new`].
    pub scenario: Scenario,
    /// Members grouped into instances, per group.
    pub grouping: Vec<GroupGrouping>,
    /// Values the paste did not give.
    pub assumed: Vec<Assumed>,
    /// Rates used (from [`super::rates`]).
    pub rates: Vec<PartitionRate>,
    /// Per group: idle members, lag, assignment check, time to clear.
    pub explanation: Vec<Explanation>,
}

/// Builds the scenario from one paste (several tools' outputs merged with [`Parsed::merge`]) and the rates
/// measured from two pastes ([`super::rates`]; empty when there was one). `Err` lists why nothing usable came
/// out. Problems already in `p` are not repeated.
///
/// ```
/// let p = kplay_core::import::parse("hello");
/// assert!(kplay_core::import::build(&p, &[]).is_err());
/// ```
pub fn build(p: &Parsed, rates: &[PartitionRate]) -> Result<Imported, Vec<Problem>> {
    let mut problems = Vec::new();
    let groups = collect(p, &mut problems);
    let mut assumed = Vec::new();
    let mut s = Scenario::default();
    // Topics: kafka-topics lines first, then what the groups' rows name.
    // Sorted lists by key (see [`slot`]): topic → partitions seen; (topic, partition) → (lowest committed, log end).
    let mut counts: Vec<(String, u32)> = Vec::new();
    let mut ends: Vec<(TopicPart, Option<(u64, u64)>)> = Vec::new();
    for (_, g) in &groups {
        for Row {
            topic: t,
            partition: part,
            current: cur,
            log_end: end,
            ..
        } in &g.rows
        {
            let c = slot(&mut counts, t.clone());
            *c = (*c).max(part + 1);
            if let Some(e) = *end {
                let at = slot(&mut ends, (t.clone(), *part)).get_or_insert((e, e));
                at.1 = at.1.max(e);
                if let Some(c) = *cur {
                    at.0 = at.0.min(c);
                }
            }
        }
        for m in &g.members {
            for (t, part) in m.parts.iter().flatten() {
                let c = slot(&mut counts, t.clone());
                *c = (*c).max(part + 1);
            }
        }
    }
    for row in &p.partitions {
        let c = slot(&mut counts, row.topic.clone());
        *c = (*c).max(row.partition + 1);
    }
    for t in &p.topics {
        slot(&mut counts, t.name.clone());
    }
    let mut backlog: u64 = 0;
    for (ti, (name, seen)) in counts.iter().enumerate() {
        let seen = *seen;
        let mut spec = TopicSpec::new(name, seen.max(1));
        // The last kafka-topics line of the topic, as a later paste's.
        match p.topics.iter().rev().find(|t| &t.name == name) {
            Some(row) => {
                spec.partitions = row.partitions.max(seen);
                if seen > row.partitions {
                    assumed.push(Assumed {
                        path: format!("topics[{ti}].partitions"),
                        value: seen.to_string(),
                        why: format!("kafka-topics says {} partitions but a group shows partition {} (pastes from different times?)", row.partitions, seen - 1),
                    });
                }
                super::explain::apply_configs(&mut spec, &row.configs, ti, &mut assumed);
            }
            None => assumed.push(Assumed {
                path: format!("topics[{ti}].partitions"),
                value: spec.partitions.to_string(),
                why: format!(
                    "no kafka-topics --describe for {name}: the highest partition shown + 1"
                ),
            }),
        }
        for ((t, part), at) in &ends {
            let (true, Some((start, end))) = (t == name, *at) else {
                continue;
            };
            let start = if spec.cleanup == Cleanup::Delete {
                start
            } else {
                end
            };
            backlog += end - start;
            spec.initial_logs.push(InitialLog {
                partition: *part,
                log_start: start,
                log_end: end,
            });
        }
        if spec.cleanup != Cleanup::Delete && !spec.initial_logs.is_empty() {
            assumed.push(Assumed {
                path: format!("topics[{ti}].initial_logs"),
                value: "log_start = log_end".into(),
                why: "a compacted topic's records are not imported (their keys are unknown)".into(),
            });
        }
        s.topics.push(spec);
    }
    if backlog > MAX_INITIAL_RECORDS {
        problems.push(Problem { line: 0, message: format!("the lag adds up to {backlog} records; the playground holds at most {MAX_INITIAL_RECORDS} at the start") });
    }
    let mut grouping = Vec::new();
    for (id, g) in &groups {
        let gi = s.groups.len();
        if g.topics.is_empty() {
            assumed.push(Assumed {
                path: "groups".into(),
                value: format!("without {id}"),
                why: format!("group {id}: no topic in the paste (paste its --describe)"),
            });
            continue;
        }
        if id == UNNAMED {
            assumed.push(Assumed {
                path: format!("groups[{gi}].id"),
                value: id.clone(),
                why: "no GROUP column and no note naming the group (Kafka 2.0 layout)".into(),
            });
        }
        let mut spec = GroupSpec::new(id, g.topics.iter().map(String::as_str));
        let named = g.strategy.as_deref().and_then(Strategy::from_name);
        match named {
            Some(st) => spec.strategy = st,
            None => assumed.push(Assumed {
                path: format!("groups[{gi}].strategy"),
                value: "range".into(),
                why: match &g.strategy {
                    Some(x) => format!("ASSIGNMENT-STRATEGY {x:?} is not one of Kafka's assignors"),
                    None => "no --state output (Kafka's default list behaves as range)".into(),
                },
            }),
        }
        for Row {
            topic: t,
            partition: part,
            current: cur,
            log_end: end,
            ..
        } in &g.rows
        {
            let Some(c) = *cur else { continue };
            if end.is_some_and(|e| c > e) {
                problems.push(Problem {
                    line: 0,
                    message: format!(
                        "group {id}: {t}-{part} CURRENT-OFFSET {c} is above LOG-END-OFFSET"
                    ),
                });
                continue;
            }
            spec.committed.push(CommittedOffset {
                topic: t.clone(),
                partition: *part,
                offset: c,
            });
        }
        // Instances: members with the same HOST and client-id prefix.
        let mut insts: Vec<super::ImportedInstance> = Vec::new();
        for m in &g.members {
            let pre = prefix(&m.client_id);
            match insts
                .iter_mut()
                .find(|i| i.host == m.host && i.client_prefix == pre)
            {
                Some(i) => i.members.push((m.id.clone(), m.client_id.clone())),
                None => insts.push(super::ImportedInstance {
                    id: format!("{id}-{}", insts.len() + 1),
                    host: m.host.clone(),
                    client_prefix: pre.into(),
                    members: alloc::vec![(m.id.clone(), m.client_id.clone())],
                }),
            }
        }
        for (k, i) in insts.iter().enumerate() {
            let mut inst = InstanceSpec::new(&i.id, id, i.members.len() as u32);
            let (ms, why) = super::rates::processing_ms(id, g, i, rates);
            inst.processing_ms = crate::scenario::Processing::Fixed(ms);
            let path = format!("groups[{gi}].instances[{k}].processing_ms");
            assumed.push(Assumed {
                path,
                value: ms.to_string(),
                why,
            });
            spec.instances.push(inst);
        }
        if !insts.is_empty() {
            assumed.push(Assumed {
                path: format!("groups[{gi}].instances[*].listener"),
                value: id.clone(),
                why: "the listener class is not in the paste".into(),
            });
        }
        assumed.push(Assumed {
            path: format!("groups[{gi}].commit"),
            value: "kafka auto, 5000 ms".into(),
            why: "how the application commits is not in the paste (Kafka's default)".into(),
        });
        grouping.push(super::GroupGrouping {
            group: id.clone(),
            instances: insts,
        });
        s.groups.push(spec);
    }
    // Producers: one per partition at the measured rate.
    let mut produced: Vec<(TopicPart, Option<&PartitionRate>)> = Vec::new();
    for r in rates {
        slot(&mut produced, (r.topic.clone(), r.partition)).get_or_insert(r);
    }
    for ((t, part), r) in &produced {
        let Some(r) = r else { continue };
        let per_s = r.produced / r.interval_s;
        if r.produced % r.interval_s != 0 {
            assumed.push(Assumed {
                path: format!("producers[{}].rate_per_s", s.producers.len()),
                value: per_s.to_string(),
                why: format!(
                    "{} records in {} s, rounded down to whole records per second",
                    r.produced, r.interval_s
                ),
            });
        }
        let mut ps = ProducerSpec::new(
            &format!("{t}-{part}"),
            t,
            u32::try_from(per_s).unwrap_or(u32::MAX),
        );
        ps.partition = Some(*part);
        s.producers.push(ps);
    }
    if rates.is_empty() {
        assumed.push(Assumed {
            path: "producers".into(),
            value: "none".into(),
            why:
                "rates are not in one paste: give two pastes taken N seconds apart (--interval-s N)"
                    .into(),
        });
    }
    if s.topics.is_empty() && s.groups.is_empty() {
        problems.push(Problem {
            line: 0,
            message: "nothing to import: no consumer-groups table and no kafka-topics lines".into(),
        });
    }
    if let Err(e) = s.validate() {
        problems.extend(e.into_iter().map(|e| Problem {
            line: 0,
            message: format!("the imported scenario breaks a rule: {e}"),
        }));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let explanation = groups
        .iter()
        .filter(|(_, g)| !g.topics.is_empty())
        .map(|(id, g)| explain(id, g, &s, rates))
        .collect();
    Ok(Imported {
        scenario: s,
        grouping,
        assumed,
        rates: rates.to_vec(),
        explanation,
    })
}
