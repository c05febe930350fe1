//! `kafka-consumer-groups` tables: `--describe` (offsets), `--members [--verbose]` and `--state`.
//!
//! Layouts (ConsumerGroupCommand, Scala in 2.x–3.6, Java from 3.7): columns are left-aligned with `%-Ns` and one
//! space, so a row is split on any run of spaces or tabs. Kafka 2.0 has no GROUP column; `--members` prints
//! GROUP-INSTANCE-ID only when some member is static (and then an empty value for the others); the ASSIGNMENT
//! column is `orders(0,1), payments(2)` up to 3.6 and `(0,1), (2)` from 3.7; `--state` prints the coordinator
//! as `host:port  (id)` and an empty ASSIGNMENT-STRATEGY for an Empty group.

use super::{MemberRow, Note, NoteKind, OffsetRow, Parsed, Problem, StateRow};
use crate::sim::DESCRIBE_COLUMNS;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// Which table the following rows belong to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Table {
    None,
    /// `cols`: where each of [`DESCRIBE_COLUMNS`] is in the header (`NONE` when absent: GROUP in 2.0); `n`: how many
    /// columns the header has (a later version may add one; it is read past); `header`: its line.
    Offsets {
        cols: [u8; 9],
        n: u8,
        header: usize,
    },
    Members {
        group: bool,
        instance: bool,
        verbose: bool,
    },
    State {
        group: bool,
    },
}

pub(super) fn header(t: &[&str], line: usize) -> Option<Table> {
    let has = |w: &str| t.contains(&w);
    let group = t.first() == Some(&"GROUP");
    if has("CURRENT-OFFSET") && has("LOG-END-OFFSET") {
        let mut cols = [NONE; 9];
        for (i, name) in DESCRIBE_COLUMNS.iter().enumerate() {
            match t.iter().position(|x| x == name) {
                Some(at) => cols[i] = u8::try_from(at).ok()?,
                None if i == 0 => {}
                None => return None, // not a header we can read: the line becomes a problem
            }
        }
        let n = u8::try_from(t.len()).ok()?;
        Some(Table::Offsets {
            cols,
            n,
            header: line,
        })
    } else if has("CONSUMER-ID") && has("#PARTITIONS") {
        let (instance, verbose) = (has("GROUP-INSTANCE-ID"), has("ASSIGNMENT"));
        Some(Table::Members {
            group,
            instance,
            verbose,
        })
    } else if has("ASSIGNMENT-STRATEGY") && has("#MEMBERS") {
        Some(Table::State { group })
    } else {
        None
    }
}

/// The notes ConsumerGroupCommand prints on stderr before a table (or instead of it).
pub(super) fn note(l: &str, line: usize) -> Option<Note> {
    let l = l
        .trim_start_matches("Error: ")
        .trim_start_matches("Warning: ");
    let rest = l.strip_prefix("Consumer group '")?;
    let end = rest.rfind('\'')?;
    let (group, tail) = (&rest[..end], rest[end + 1..].trim());
    let kind = if tail.starts_with("has no active members") {
        NoteKind::NoActiveMembers
    } else if tail.starts_with("is rebalancing") {
        NoteKind::Rebalancing
    } else if tail.starts_with("does not exist") {
        NoteKind::DoesNotExist
    } else {
        return None;
    };
    Some(Note {
        line,
        group: group.into(),
        kind,
    })
}

fn problem(out: &mut Parsed, line: usize, message: String) {
    out.problems.push(Problem { line, message });
}

fn opt(s: &str) -> Option<String> {
    (s != "-").then(|| s.to_string())
}

/// A number or `-`; `Err` names the column.
fn num<T: core::str::FromStr>(s: &str, column: &str) -> Result<Option<T>, String> {
    if s == "-" {
        return Ok(None);
    }
    s.parse()
        .map(Some)
        .map_err(|_| format!("column {column}: expected a whole number or -, found {s:?}"))
}

pub(super) fn row(table: Table, t: &[&str], line: usize, named: Option<&str>, out: &mut Parsed) {
    let r = match table {
        Table::None => return,
        Table::Offsets { cols, n, header } => {
            offsets(t, (cols, n, header), line, named).map(|r| out.offsets.push(r))
        }
        Table::Members {
            group,
            instance,
            verbose,
        } => members(t, group, instance, verbose, line, named).map(|r| out.members.push(r)),
        Table::State { group } => state(t, group, line, named).map(|r| out.states.push(r)),
    };
    if let Err(m) = r {
        problem(out, line, m);
    }
}

const NONE: u8 = u8::MAX;

fn offsets(
    t: &[&str],
    (cols, n, header): ([u8; 9], u8, usize),
    line: usize,
    named: Option<&str>,
) -> Result<OffsetRow, String> {
    if t.len() != usize::from(n) {
        let found = t.len();
        return Err(format!(
            "expected {n} columns as in the header on line {header}, found {found}"
        ));
    }
    let col = |i: usize| t.get(usize::from(cols[i])).copied().unwrap_or("-");
    let g = match cols[0] {
        NONE => named.map(String::from),
        _ => Some(col(0).to_string()),
    };
    let c: [&str; 8] = core::array::from_fn(|i| col(i + 1));
    let topic = opt(c[0]);
    let partition = num(c[1], "PARTITION")?;
    if topic.is_some() != partition.is_some() {
        return Err("TOPIC and PARTITION must both be given or both be -".into());
    }
    Ok(OffsetRow {
        line,
        group: g,
        topic,
        partition,
        current: num(c[2], "CURRENT-OFFSET")?,
        log_end: num(c[3], "LOG-END-OFFSET")?,
        lag: num(c[4], "LAG")?,
        consumer_id: opt(c[5]),
        host: opt(c[6]),
        client_id: opt(c[7]),
    })
}

fn members(
    t: &[&str],
    group: bool,
    instance: bool,
    verbose: bool,
    line: usize,
    named: Option<&str>,
) -> Result<MemberRow, String> {
    let g = usize::from(group);
    // #PARTITIONS follows GROUP?, CONSUMER-ID, GROUP-INSTANCE-ID?, HOST, CLIENT-ID.
    let mut at = g + 1 + usize::from(instance) + 2;
    let numeric = |i: usize| t.get(i).is_some_and(|s| s.parse::<u32>().is_ok());
    let mut static_id = instance;
    if instance && !numeric(at) && numeric(at - 1) {
        (at, static_id) = (at - 1, false); // a dynamic member among static ones: empty GROUP-INSTANCE-ID
    }
    let expected = "GROUP? CONSUMER-ID GROUP-INSTANCE-ID? HOST CLIENT-ID #PARTITIONS ASSIGNMENT?";
    let Some(parts) = t.get(at).and_then(|s| s.parse::<u32>().ok()) else {
        return Err(format!(
            "expected columns {expected} with a whole number in #PARTITIONS"
        ));
    };
    let rest = &t[at + 1..];
    let assignment = if verbose {
        Some(assignment(&rest.join(" "))?)
    } else if !rest.is_empty() {
        return Err(format!(
            "expected {} columns ({expected}), found {}",
            at + 1,
            t.len()
        ));
    } else {
        None
    };
    let i = g + usize::from(static_id);
    Ok(MemberRow {
        line,
        group: if group {
            Some(t[0].into())
        } else {
            named.map(String::from)
        },
        consumer_id: t[g].into(),
        group_instance_id: static_id.then(|| t[g + 1].into()),
        host: t[i + 1].into(),
        client_id: t[i + 2].into(),
        partitions: parts,
        assignment,
    })
}

/// `orders(0,1,2), payments(3)`, `(0,1), (2)` or `-`.
fn assignment(s: &str) -> Result<super::AssignmentColumn, String> {
    let mut out = Vec::new();
    if s.trim() == "-" {
        return Ok(out);
    }
    let bad = || {
        format!(
            "column ASSIGNMENT: expected topic(0,1,…) items separated by \", \" or -, found {s:?}"
        )
    };
    let mut rest = s.trim();
    while !rest.is_empty() {
        let open = rest.find('(').ok_or_else(bad)?;
        let close = rest.find(')').ok_or_else(bad)?;
        if close < open {
            return Err(bad());
        }
        let topic = rest[..open].trim();
        let mut parts = Vec::new();
        for p in rest[open + 1..close].split(',') {
            parts.push(p.trim().parse::<u32>().map_err(|_| bad())?);
        }
        crate::sort::sort_by(&mut parts, &mut |a, b| a.cmp(b));
        out.push(((!topic.is_empty()).then(|| topic.into()), parts));
        rest = rest[close + 1..].trim_start();
        if let Some(r) = rest.strip_prefix(',') {
            rest = r.trim_start();
            if rest.is_empty() {
                return Err(bad());
            }
        } else if !rest.is_empty() {
            return Err(bad());
        }
    }
    Ok(out)
}

fn state(t: &[&str], group: bool, line: usize, named: Option<&str>) -> Result<StateRow, String> {
    let g = usize::from(group);
    let expected = "expected columns GROUP COORDINATOR (ID) ASSIGNMENT-STRATEGY STATE #MEMBERS";
    // The coordinator is `host:port  (id)`: its last token ends with ')'.
    let end = t
        .iter()
        .skip(g)
        .position(|s| s.ends_with(')'))
        .map(|p| p + g);
    let Some(end) = end else {
        return Err(format!(
            "{expected}: no coordinator `host:port  (id)` found"
        ));
    };
    let rest = &t[end + 1..];
    let (strategy, st, m) = match rest {
        [s, st, m] => (Some(String::from(*s)), *st, *m),
        [st, m] => (None, *st, *m),
        _ => {
            return Err(format!(
                "{expected}: found {} columns after the coordinator",
                rest.len()
            ))
        }
    };
    let members = m
        .parse()
        .map_err(|_| format!("column #MEMBERS: expected a whole number, found {m:?}"))?;
    Ok(StateRow {
        line,
        group: if group {
            Some(t[0].into())
        } else {
            named.map(String::from)
        },
        coordinator: t[g..=end].join("  "),
        strategy,
        state: st.into(),
        members,
    })
}
