//! `kafka-topics --describe` (TopicCommand): a topic line `Topic: t\tTopicId: …\tPartitionCount: 3\t
//! ReplicationFactor: 1\tConfigs: a=1,b=2` and partition lines `\tTopic: t\tPartition: 0\tLeader: 1\tReplicas:
//! 1,2\tIsr: 1,2`. Kafka 2.0–2.x printed the topic line without spaces (`Topic:t\tPartitionCount:3`) and without
//! TopicId (added in 2.8); later versions add `Elr:`/`LastKnownElr:` and reassignment fields. Tabs often become
//! spaces in a copy, so a line is read as known `Key:` tokens each followed by its value.

use super::{Parsed, PartitionRow, Problem, TopicRow};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

const KEYS: [&str; 14] = [
    "Topic",
    "TopicId",
    "PartitionCount",
    "ReplicationFactor",
    "Configs",
    "MarkedForDeletion",
    "Partition",
    "Leader",
    "Replicas",
    "Isr",
    "Elr",
    "LastKnownElr",
    "Offline",
    "IsrNotYetUpdated",
];

pub(super) fn is_topic_line(t: &[&str]) -> bool {
    t.first().is_some_and(|s| s.starts_with("Topic:"))
}

/// Splits a line into `(key, value)` pairs; `Adding Replicas:` and `Removing Replicas:` are one key each.
fn pairs<'a>(t: &[&'a str]) -> Vec<(String, Vec<&'a str>)> {
    let mut out: Vec<(String, Vec<&'a str>)> = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let tok = t[i];
        let two = (tok == "Adding" || tok == "Removing") && t.get(i + 1) == Some(&"Replicas:");
        if two {
            out.push((format!("{tok} Replicas"), Vec::new()));
            i += 2;
            continue;
        }
        match tok.split_once(':') {
            Some((k, v)) if KEYS.contains(&k) => {
                let vals = if v.is_empty() {
                    Vec::new()
                } else {
                    alloc::vec![v]
                };
                out.push((k.into(), vals));
            }
            _ => match out.last_mut() {
                Some((_, v)) => v.push(tok),
                None => out.push((String::new(), alloc::vec![tok])),
            },
        }
        i += 1;
    }
    out
}

fn get(p: &[(String, Vec<&str>)], key: &str) -> Option<String> {
    p.iter().find(|(k, _)| k == key).map(|(_, v)| v.join(" "))
}

fn whole(p: &[(String, Vec<&str>)], key: &str) -> Result<u32, String> {
    let v = get(p, key).ok_or_else(|| format!("expected `{key}:` with a whole number"))?;
    v.parse()
        .map_err(|_| format!("{key}: expected a whole number, found {v:?}"))
}

fn list(p: &[(String, Vec<&str>)], key: &str) -> Result<Vec<u32>, String> {
    let v = get(p, key).unwrap_or_default();
    let v = v.trim();
    if v.is_empty() {
        return Ok(Vec::new());
    }
    v.split(',')
        .map(|s| s.trim().parse::<u32>())
        .collect::<Result<_, _>>()
        .map_err(|_| format!("{key}: expected broker ids separated by commas, found {v:?}"))
}

/// `a=1,cleanup.policy=compact,delete`: a piece without `=` continues the previous value.
fn configs(v: &str) -> Result<Vec<(String, String)>, String> {
    let mut out: Vec<(String, String)> = Vec::new();
    for piece in v.split(',').filter(|s| !s.is_empty()) {
        match (piece.split_once('='), out.last_mut()) {
            (Some((k, val)), _) => out.push((k.trim().into(), val.trim().into())),
            (None, Some((_, prev))) => {
                prev.push(',');
                prev.push_str(piece.trim());
            }
            (None, None) => return Err(format!("Configs: expected key=value pairs, found {v:?}")),
        }
    }
    Ok(out)
}

pub(super) fn line(t: &[&str], line: usize, out: &mut Parsed) {
    let p = pairs(t);
    let r = if p.iter().any(|(k, _)| k == "PartitionCount") {
        topic(&p, line).map(|r| out.topics.push(r))
    } else {
        partition(&p, line).map(|r| out.partitions.push(r))
    };
    if let Err(message) = r {
        out.problems.push(Problem { line, message });
    }
}

fn name(p: &[(String, Vec<&str>)]) -> Result<String, String> {
    match get(p, "Topic") {
        Some(n) if !n.is_empty() && !n.contains(' ') => Ok(n),
        _ => Err("expected `Topic:` followed by the topic name".into()),
    }
}

fn topic(p: &[(String, Vec<&str>)], line: usize) -> Result<TopicRow, String> {
    Ok(TopicRow {
        line,
        name: name(p)?,
        partitions: whole(p, "PartitionCount")?,
        replication: get(p, "ReplicationFactor").and_then(|v| v.parse().ok()),
        configs: configs(&get(p, "Configs").unwrap_or_default())?,
    })
}

fn partition(p: &[(String, Vec<&str>)], line: usize) -> Result<PartitionRow, String> {
    let expected = "expected a topic line (Topic: PartitionCount: ReplicationFactor: Configs:) or a partition line (Topic: Partition: Leader: Replicas: Isr:)";
    if get(p, "Partition").is_none() {
        return Err(expected.into());
    }
    let leader = match get(p, "Leader").as_deref() {
        Some("none") | Some("-1") => None,
        Some(v) => Some(
            v.parse()
                .map_err(|_| format!("Leader: expected a broker id or none, found {v:?}"))?,
        ),
        None => return Err(format!("{expected}: no `Leader:`")),
    };
    Ok(PartitionRow {
        line,
        topic: name(p)?,
        partition: whole(p, "Partition")?,
        leader,
        replicas: list(p, "Replicas")?,
        isr: list(p, "Isr")?,
    })
}
