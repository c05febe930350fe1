//! Reading what Kafka's own tools print (issue 14): `kafka-consumer-groups --describe` (offsets, `--members`,
//! `--members --verbose`, `--state`) and `kafka-topics --describe`, in the layouts of Kafka 2.x to 4.x, into
//! plain rows ([`parse`]); then a [`crate::Scenario`] at the cluster's offsets with what had to be assumed
//! ([`build`]), and an explanation of lag and assignment ([`Imported::explanation`]).
//!
//! Every line that cannot be read becomes a [`Problem`] with its line number and what was expected.
//!
//! ```
//! let text = "\nGROUP  TOPIC  PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG  CONSUMER-ID  HOST  CLIENT-ID\n\
//!             billing orders 0 1200 1234567 1233367 consumer-billing-1-ab /10.0.0.1 consumer-billing-1\n";
//! let parsed = kplay_core::import::parse(text);
//! assert!(parsed.problems.is_empty());
//! assert_eq!(parsed.offsets[0].log_end, Some(1_234_567));
//! ```

use alloc::string::String;
use alloc::vec::Vec;

mod build;
mod collect;
mod explain;
mod groups;
mod rates;
mod rows;
mod topics;

pub use build::{build, Assumed, GroupGrouping, Imported, ImportedInstance};
pub use explain::{ClearTime, Explanation, IdleMember, LagShare};
pub use rates::{rates, PartitionRate};
pub use rows::*;

/// A line that could not be read: its 1-based number (0: the paste as a whole) and what was expected.
///
/// ```
/// let p = kplay_core::import::parse("hello");
/// assert_eq!(p.problems[0].line, 1);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line number; 0 when the problem is about the paste as a whole.
    pub line: usize,
    /// What was expected, and what was found.
    pub message: String,
}

impl core::fmt::Display for Problem {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if self.line == 0 {
            f.write_str(&self.message)
        } else {
            write!(f, "line {}: {}", self.line, self.message)
        }
    }
}

/// Parses one paste (any mix of the tools' outputs, one after another).
///
/// ```
/// let p = kplay_core::import::parse("Topic: orders\tPartitionCount: 3\tReplicationFactor: 1\tConfigs: retention.ms=1000");
/// assert_eq!(p.topics[0].partitions, 3);
/// assert_eq!(p.topics[0].configs[0], ("retention.ms".into(), "1000".into()));
/// ```
pub fn parse(text: &str) -> Parsed {
    let mut out = Parsed::default();
    let mut table = groups::Table::None;
    let mut note_group: Option<String> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let l = raw.trim();
        if l.is_empty() {
            table = groups::Table::None;
            continue;
        }
        let tokens: Vec<&str> = l.split_whitespace().collect();
        if let Some(t) = groups::header(&tokens, line) {
            table = t;
            continue;
        }
        if let Some(note) = groups::note(l, line) {
            note_group = Some(note.group.clone());
            out.notes.push(note);
            continue;
        }
        if topics::is_topic_line(&tokens) {
            table = groups::Table::None;
            topics::line(&tokens, line, &mut out);
            continue;
        }
        if is_command(&tokens) {
            continue; // the command that was run, copied with its output
        }
        if table == groups::Table::None {
            out.problems.push(Problem {
                line,
                message: "expected a table header (GROUP TOPIC PARTITION CURRENT-OFFSET …, GROUP CONSUMER-ID … #PARTITIONS, GROUP COORDINATOR (ID) ASSIGNMENT-STRATEGY STATE #MEMBERS), a `Topic:` line or a note such as \"Consumer group 'g' has no active members.\"".into(),
            });
            continue;
        }
        groups::row(table, &tokens, line, note_group.as_deref(), &mut out);
    }
    out
}

/// A shell prompt (`$ …`) or a line starting with the tool itself (`bin/kafka-topics.sh --describe …`).
fn is_command(t: &[&str]) -> bool {
    let Some(first) = t.first() else { return false };
    let tool = first
        .rsplit('/')
        .next()
        .unwrap_or(first)
        .trim_end_matches(".sh");
    first.starts_with('$') || tool == "kafka-consumer-groups" || tool == "kafka-topics"
}
