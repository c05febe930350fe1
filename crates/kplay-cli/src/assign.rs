//! `kplay assign --strategy range|roundrobin|sticky|cooperative-sticky`: runs one of Kafka's assignors on a
//! group described as JSON on stdin and prints the assignment as JSON (DESIGN.md §3).
//!
//! Input: `{"topics":{"t1":3},"members":{"c1":{"topics":["t1"],"owned":{"t1":[0]},"generation":1,
//! "instance_id":null}}}` (`owned`, `generation` and `instance_id` optional). Member order is kept: it is the
//! order in which the leader received the subscriptions.
//!
//! A member subscribed to a topic that is not in `topics` is not an error: Kafka's leader logs and skips such a
//! topic, so `kplay` prints `warning: …` on stderr and assigns the rest (exit 0). For the rare groups where Kafka's
//! sticky balancing loop never ends, `kplay` says so the same way and prints the assignment it stopped at.

use crate::error::CliError;
use crate::json::{self, Json};
use kplay_core::assignor::{GroupSubscription, MemberSubscription, Strategy, TopicPartition};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;

const USAGE: &str = "usage: kplay assign --strategy range|roundrobin|sticky|cooperative-sticky";
const MAX_INT: u64 = 2_147_483_647;

/// Entry point of `kplay assign`.
pub fn run(args: &[String]) -> Result<(), CliError> {
    let strategy = parse_strategy_flag(args)?;
    let mut raw = Vec::new();
    std::io::stdin()
        .lock()
        .read_to_end(&mut raw)
        .map_err(|e| CliError::new("stdin", format!("cannot read: {e}")))?;
    let text = std::str::from_utf8(&raw).map_err(|e| {
        let line = 1 + raw[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        CliError::new(
            format!("stdin line {line}"),
            "invalid UTF-8 (JSON must be UTF-8)",
        )
    })?;
    if text.trim().is_empty() {
        return Err(CliError::new(
            "stdin",
            format!("empty input; expected a JSON group\n{USAGE}"),
        ));
    }
    let doc =
        json::parse(text).map_err(|e| CliError::new("stdin", format!("invalid JSON: {e}")))?;
    let group = group_from_json(&doc)?;
    for (member, topic) in group.unknown_subscriptions() {
        eprintln!(
            "warning: members[{member:?}].topics: topic {topic:?} is not in \"topics\"; Kafka skips it, so does kplay"
        );
    }
    let assignment = strategy
        .assign(&group)
        .map_err(|e| CliError::new("stdin", e.to_string()))?;
    if matches!(strategy, Strategy::Sticky | Strategy::CooperativeSticky)
        && kplay_core::assignor::sticky::balancing_never_ends(&group)
    {
        eprintln!(
            "warning: Kafka's sticky balancing never finishes for this group (its leader would hang in poll); \
             kplay stopped at the first repeated state and printed the assignment it kept (docs/kafka-quirks.md)"
        );
    }
    let mut out = String::with_capacity(64 * assignment.members.len());
    out.push('{');
    for (i, (member, topics)) in assignment.members.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(&mut out, member);
        out.push_str(":{");
        for (j, (topic, partitions)) in topics.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            push_json_string(&mut out, topic);
            out.push_str(":[");
            for (k, p) in partitions.iter().enumerate() {
                if k > 0 {
                    out.push(',');
                }
                out.push_str(&p.to_string());
            }
            out.push(']');
        }
        out.push('}');
    }
    out.push_str("}\n");
    crate::error::write_stdout(out.as_bytes())
}

fn push_json_string(out: &mut String, s: &str) {
    // serde_json's escaping of a plain string cannot fail.
    out.push_str(&serde_json::to_string(s).unwrap_or_else(|_| String::from("\"\"")));
}

fn parse_strategy_flag(args: &[String]) -> Result<Strategy, CliError> {
    let mut value: Option<&str> = None;
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        let given = if arg == "--strategy" {
            i += 1;
            args.get(i)
                .map(String::as_str)
                .ok_or_else(|| CliError::new("--strategy", format!("missing value\n{USAGE}")))?
        } else if let Some(v) = arg.strip_prefix("--strategy=") {
            v
        } else {
            return Err(CliError::new(
                "arguments",
                format!("unknown argument {arg:?}\n{USAGE}"),
            ));
        };
        if value.replace(given).is_some() {
            return Err(CliError::new("--strategy", "given more than once"));
        }
        i += 1;
    }
    let name = value.ok_or_else(|| CliError::new("--strategy", format!("missing\n{USAGE}")))?;
    Strategy::from_name(name).ok_or_else(|| {
        CliError::new(
            "--strategy",
            format!("unknown strategy {name:?}; expected range, roundrobin, sticky or cooperative-sticky"),
        )
    })
}

fn err(path: &str, problem: impl Into<String>) -> CliError {
    CliError::new(format!("stdin: {path}"), problem)
}

fn object<'a>(value: &'a Json, path: &str) -> Result<&'a [(String, Json)], CliError> {
    match value {
        Json::Object(entries) => Ok(entries),
        other => Err(err(
            path,
            format!("expected an object, got {}", other.kind()),
        )),
    }
}

/// An integer from `min` to 2147483647 (Kafka's `int` range for counts and partition numbers).
fn int_in_range(value: &Json, path: &str, min: u64, what: &str) -> Result<u32, CliError> {
    let rule = format!("{what} must be a whole number from {min} to {MAX_INT}");
    let Json::Number(n) = value else {
        return Err(err(path, format!("{rule}, got {}", value.kind())));
    };
    match n.as_u64() {
        Some(v) if (min..=MAX_INT).contains(&v) => Ok(v as u32),
        _ if n.as_i64().is_some_and(|v| v < 0) => {
            Err(err(path, format!("{rule}, got a negative number ({n})")))
        }
        _ => Err(err(path, format!("{rule}, got {n}"))),
    }
}

fn check_keys(entries: &[(String, Json)], path: &str, allowed: &[&str]) -> Result<(), CliError> {
    for (key, _) in entries {
        if !allowed.contains(&key.as_str()) {
            return Err(err(
                path,
                format!("unknown field {key:?}; allowed: {}", allowed.join(", ")),
            ));
        }
    }
    Ok(())
}

fn field<'a>(entries: &'a [(String, Json)], name: &str) -> Option<&'a Json> {
    entries.iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

pub(crate) fn group_from_json(doc: &Json) -> Result<GroupSubscription, CliError> {
    let root = object(doc, "(top level)")?;
    check_keys(root, "(top level)", &["topics", "members"])?;
    let topics_json = field(root, "topics").ok_or_else(|| err("topics", "missing"))?;
    let members_json = field(root, "members").ok_or_else(|| err("members", "missing"))?;

    let mut topics = Vec::new();
    for (name, count) in object(topics_json, "topics")? {
        let path = format!("topics[{name:?}]");
        if name.is_empty() {
            return Err(err(&path, "a topic name cannot be empty"));
        }
        topics.push((
            name.clone(),
            int_in_range(count, &path, 1, "a partition count")?,
        ));
    }

    let member_entries = object(members_json, "members")?;
    if member_entries.is_empty() {
        return Err(err(
            "members",
            "a group has at least one member (its leader)",
        ));
    }
    let mut members = Vec::with_capacity(member_entries.len());
    let mut instance_owner: HashMap<&str, &str> = HashMap::new();
    for (id, body) in member_entries {
        let path = format!("members[{id:?}]");
        let member = member_from_json(id, body, &path)?;
        if let Some(instance) = member_entries_instance(body) {
            if let Some(other) = instance_owner.insert(instance, id) {
                return Err(err(
                    &format!("{path}.instance_id"),
                    format!("group.instance.id {instance:?} is already used by member {other:?}"),
                ));
            }
        }
        members.push(member);
    }
    Ok(GroupSubscription::new(topics, members))
}

fn member_entries_instance(body: &Json) -> Option<&str> {
    let Json::Object(entries) = body else {
        return None;
    };
    match field(entries, "instance_id") {
        Some(Json::String(s)) => Some(s),
        _ => None,
    }
}

fn member_from_json(id: &str, body: &Json, path: &str) -> Result<MemberSubscription, CliError> {
    let entries = object(body, path)?;
    check_keys(
        entries,
        path,
        &["topics", "owned", "generation", "instance_id"],
    )?;
    let topics_path = format!("{path}.topics");
    let topics = match field(entries, "topics") {
        None => return Err(err(&topics_path, "missing (a list of topic names)")),
        Some(Json::Array(items)) => items,
        Some(other) => {
            return Err(err(
                &topics_path,
                format!("expected an array of topic names, got {}", other.kind()),
            ))
        }
    };
    let mut seen = HashSet::new();
    let mut names = Vec::with_capacity(topics.len());
    for (i, t) in topics.iter().enumerate() {
        let Json::String(name) = t else {
            return Err(err(
                &format!("{topics_path}[{i}]"),
                format!("expected a topic name, got {}", t.kind()),
            ));
        };
        if !seen.insert(name.as_str()) {
            return Err(err(
                &format!("{topics_path}[{i}]"),
                format!("topic {name:?} is listed twice"),
            ));
        }
        names.push(name.clone());
    }
    let mut member = MemberSubscription::new(id, names);

    match field(entries, "instance_id") {
        None | Some(Json::Null) => {}
        Some(Json::String(s)) if s.is_empty() => {
            return Err(err(
                &format!("{path}.instance_id"),
                "cannot be empty (use null for a dynamic member)",
            ))
        }
        Some(Json::String(s)) => member.instance_id = Some(s.clone()),
        Some(other) => {
            return Err(err(
                &format!("{path}.instance_id"),
                format!("expected a string or null, got {}", other.kind()),
            ))
        }
    }

    match field(entries, "generation") {
        None | Some(Json::Null) => {}
        Some(value) => {
            let gpath = format!("{path}.generation");
            let Json::Number(n) = value else {
                return Err(err(
                    &gpath,
                    format!("expected an integer or null, got {}", value.kind()),
                ));
            };
            let g = n
                .as_i64()
                .and_then(|g| i32::try_from(g).ok())
                .ok_or_else(|| {
                    err(
                        &gpath,
                        format!("must be an integer from -2147483648 to 2147483647, got {n}"),
                    )
                })?;
            member.generation = Some(g);
        }
    }

    match field(entries, "owned") {
        None | Some(Json::Null) => {}
        Some(owned) => {
            let opath = format!("{path}.owned");
            for (topic, parts) in object(owned, &opath)? {
                let tpath = format!("{opath}[{topic:?}]");
                let Json::Array(items) = parts else {
                    return Err(err(
                        &tpath,
                        format!(
                            "expected an array of partition numbers, got {}",
                            parts.kind()
                        ),
                    ));
                };
                let mut seen_parts = BTreeMap::new();
                for (i, p) in items.iter().enumerate() {
                    let ppath = format!("{tpath}[{i}]");
                    let partition = int_in_range(p, &ppath, 0, "a partition number")?;
                    if seen_parts.insert(partition, ()).is_some() {
                        return Err(err(
                            &ppath,
                            format!("partition {partition} is listed twice"),
                        ));
                    }
                    member
                        .owned
                        .push(TopicPartition::new(topic.clone(), partition));
                }
            }
        }
    }
    Ok(member)
}
