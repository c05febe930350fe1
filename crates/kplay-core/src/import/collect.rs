//! The groups of a paste: their rows, members (with what they own) and strategy, by group name.

use super::{Parsed, Problem};
use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// A member as the paste shows it.
#[derive(Clone, Debug, Default)]
pub(super) struct Member {
    pub id: String,
    pub host: String,
    pub client_id: String,
    /// Assigned partitions; `None` when the paste does not say.
    pub parts: Option<Vec<(String, u32)>>,
}

/// One group's rows.
#[derive(Clone, Debug, Default)]
pub(super) struct Group {
    pub topics: Vec<String>,
    pub members: Vec<Member>,
    pub strategy: Option<String>,
    pub rows: Vec<Row>,
}

/// One topic-partition of a group's `--describe` rows.
#[derive(Clone, Debug)]
pub(super) struct Row {
    pub topic: String,
    pub partition: u32,
    pub current: Option<u64>,
    pub log_end: Option<u64>,
    pub lag: Option<i64>,
}

pub(super) const UNNAMED: &str = "imported";

fn member<'a>(g: &'a mut Group, id: &str, host: &str, client: &str) -> &'a mut Member {
    if let Some(i) = g.members.iter().position(|m| m.id == id) {
        return &mut g.members[i];
    }
    g.members.push(Member {
        id: id.into(),
        host: host.into(),
        client_id: client.into(),
        parts: None,
    });
    let last = g.members.len() - 1;
    &mut g.members[last]
}

fn add_topic(g: &mut Group, t: &str) {
    if !g.topics.iter().any(|x| x == t) {
        g.topics.push(t.into());
    }
}

/// `consumer-billing-3` → (`consumer-billing`, 3); a client id without `-<n>` is its own prefix.
pub(super) fn prefix(client: &str) -> &str {
    match client.rsplit_once('-') {
        Some((p, n)) if !p.is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
            p
        }
        _ => client,
    }
}

/// The value at `k` in `v`, a list kept sorted by key (a `BTreeMap`'s order, in far less wasm than a map per
/// key and value type), inserted as `V::default()` when absent.
pub(super) fn slot<K: Ord, V: Default>(v: &mut Vec<(K, V)>, k: K) -> &mut V {
    let i = match v.binary_search_by(|e| e.0.cmp(&k)) {
        Ok(i) => i,
        Err(i) => {
            v.insert(i, (k, V::default()));
            i
        }
    };
    &mut v[i].1
}

/// Reads the groups of a paste, by name in order (rows without a GROUP column or note go to `imported`).
pub(super) fn collect(p: &Parsed, problems: &mut Vec<Problem>) -> Vec<(String, Group)> {
    let mut groups: Vec<(String, Group)> = Vec::new();
    let name = |g: &Option<String>| g.clone().unwrap_or_else(|| UNNAMED.into());
    for r in &p.offsets {
        let g = slot(&mut groups, name(&r.group));
        if let (Some(t), Some(part)) = (&r.topic, r.partition) {
            add_topic(g, t);
            g.rows.push(Row {
                topic: t.clone(),
                partition: part,
                current: r.current,
                log_end: r.log_end,
                lag: r.lag,
            });
        }
        if let Some(id) = &r.consumer_id {
            let host = r.host.clone().unwrap_or_default();
            let m = member(g, id, &host, r.client_id.as_deref().unwrap_or(""));
            let parts = m.parts.get_or_insert_with(Vec::new);
            if let (Some(t), Some(part)) = (&r.topic, r.partition) {
                parts.push((t.clone(), part));
            }
        }
    }
    for r in &p.members {
        let g = slot(&mut groups, name(&r.group));
        let single = (g.topics.len() == 1).then(|| g.topics[0].clone());
        let m = member(g, &r.consumer_id, &r.host, &r.client_id);
        let Some(a) = &r.assignment else {
            if r.partitions == 0 && m.parts.is_none() {
                m.parts = Some(Vec::new()); // #PARTITIONS 0: idle, even without --verbose
            }
            continue;
        };
        let mut parts = Vec::new();
        for (t, ps) in a {
            let Some(t) = t.clone().or_else(|| single.clone()) else {
                let message = "ASSIGNMENT without topic names (Kafka 3.7+) in a group with several topics: paste --describe too".to_string();
                problems.push(Problem {
                    line: r.line,
                    message,
                });
                continue;
            };
            parts.extend(ps.iter().map(|&n| (t.clone(), n)));
        }
        if m.parts.is_none() {
            m.parts = Some(parts.clone());
        }
        for (t, _) in parts {
            add_topic(g, &t);
        }
    }
    for r in &p.states {
        let g = slot(&mut groups, name(&r.group));
        g.strategy = r.strategy.clone();
    }
    groups
}
