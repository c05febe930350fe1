//! Reading a lesson file into `kplay_core::lesson::Lesson` for the web, without serde's internally tagged enums:
//! deriving `Command` (`"action": …`) and `Highlight` (`"kind": …`) buffers each object and deserializes it a
//! second time from that buffer, which compiles a second copy of every scenario deserializer into the wasm
//! (~85 KB gzip measured). Here a command's `action` must be its first key (as every lesson file writes it), and
//! each field is read straight from the JSON with the deserializers the scenario loader already uses. A test
//! checks that every lesson file reads the same as with kplay-core's own serde.

use kplay_core::lesson::{Check, Choice, Highlight, Lesson, Panel, Step, StepCommand, Text, TryIt};
use kplay_core::scenario::{GroupSpec, InstanceSpec, Processing, ProducerSpec, TopicSpec};
use kplay_core::{Command, Scenario};
use serde::de::{Error, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileLesson {
    version: u32,
    id: String,
    title: Text,
    summary: Text,
    steps: Vec<FileStep>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileStep {
    title: Text,
    text: Text,
    #[serde(default)]
    scenario: Option<Scenario>,
    #[serde(default)]
    commands: Vec<FileCommand>,
    run_ms: u64,
    #[serde(default)]
    highlights: Vec<FileHighlight>,
    #[serde(default)]
    try_it: Option<TryIt>,
    #[serde(default)]
    check: Option<FileCheck>,
}

/// A check without its facts: they are for the lessons test, and skipping them keeps their reader out of the
/// wasm.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileCheck {
    question: Text,
    choices: Vec<Choice>,
    answer: usize,
    #[allow(dead_code)] // read only to be skipped
    facts: IgnoredAny,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileCommand {
    at_ms: u64,
    command: Cmd,
}

/// A highlight as one flat object; [`FileHighlight::into_core`] checks that `kind` has its fields.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileHighlight {
    kind: String,
    #[serde(default)]
    group: Option<String>,
    #[serde(default)]
    topic: Option<String>,
    #[serde(default)]
    partition: Option<u32>,
    #[serde(default)]
    instance: Option<String>,
    #[serde(default)]
    thread: Option<u32>,
    #[serde(default)]
    panel: Option<Panel>,
}

impl FileHighlight {
    fn into_core(self) -> Option<Highlight> {
        Some(match self.kind.as_str() {
            "group" => Highlight::Group { group: self.group? },
            "topic" => Highlight::Topic { topic: self.topic? },
            "partition" => Highlight::Partition {
                topic: self.topic?,
                partition: self.partition?,
            },
            "instance" => Highlight::Instance {
                instance: self.instance?,
            },
            "thread" => Highlight::Thread {
                instance: self.instance?,
                thread: self.thread?,
            },
            "row" => Highlight::Row {
                group: self.group?,
                topic: self.topic?,
                partition: self.partition?,
            },
            "panel" => Highlight::Panel { panel: self.panel? },
            _ => return None,
        })
    }
}

/// A [`Command`] whose `action` comes first.
struct Cmd(Command);

/// The fields a command may have; which type a name has depends on the action (`group` is a whole group for
/// `add_group`, a group id elsewhere).
#[derive(Default)]
struct Fields {
    name: [Option<String>; 4], // topic, producer, group, instance (as ids)
    topic: Option<TopicSpec>,
    producer: Option<ProducerSpec>,
    group: Option<GroupSpec>,
    instance: Option<InstanceSpec>,
    number: Option<u32>, // partitions, rate_per_s, threads
    processing: Option<Processing>,
    slow: Option<Option<u32>>,
    topics: Option<Vec<String>>,
}

const SUBJECTS: [&str; 4] = ["topic", "producer", "group", "instance"];
const NUMBERS: [(&str, &str); 3] = [
    ("add_partitions", "partitions"),
    ("set_rate", "rate_per_s"),
    ("set_threads", "threads"),
];

struct CmdVisitor;

impl<'de> Visitor<'de> for CmdVisitor {
    type Value = Cmd;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a command object with \"action\" first")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Cmd, A::Error> {
        if map.next_key::<String>()?.as_deref() != Some("action") {
            return Err(A::Error::custom("a command's first key must be \"action\""));
        }
        let action: String = map.next_value()?;
        let a = action.as_str();
        let mut f = Fields::default();
        while let Some(key) = map.next_key::<String>()? {
            let k = key.as_str();
            let whole = |kind: &str| a.strip_prefix("add_") == Some(kind);
            match (SUBJECTS.iter().position(|s| *s == k), k) {
                (Some(0), _) if whole("topic") => f.topic = Some(map.next_value()?),
                (Some(1), _) if whole("producer") => f.producer = Some(map.next_value()?),
                (Some(2), _) if whole("group") => f.group = Some(map.next_value()?),
                (Some(3), _) if whole("instance") => f.instance = Some(map.next_value()?),
                (Some(i), _) => f.name[i] = Some(map.next_value()?),
                (None, "processing_ms") if a == "slow" => f.slow = Some(map.next_value()?),
                (None, "processing_ms") => f.processing = Some(map.next_value()?),
                (None, "topics") => f.topics = Some(map.next_value()?),
                (None, _) if NUMBERS.contains(&(a, k)) => f.number = Some(map.next_value()?),
                (None, _) => return Err(A::Error::unknown_field(k, &[])),
            }
        }
        command(a, f).map(Cmd).map_err(A::Error::custom)
    }
}

/// The command `action` names, from its fields, or which field is missing.
fn command(action: &str, f: Fields) -> Result<Command, String> {
    let missing = |field: &str| format!("{action}: missing field `{field}`");
    let [topic, producer, group, instance] = f.name;
    let need = |v: Option<String>, field: &str| v.ok_or_else(|| missing(field));
    let number = |field: &str| f.number.ok_or_else(|| missing(field));
    Ok(match action {
        "add_topic" => Command::AddTopic {
            topic: f.topic.ok_or_else(|| missing("topic"))?,
        },
        "remove_topic" => Command::RemoveTopic {
            topic: need(topic, "topic")?,
        },
        "add_partitions" => Command::AddPartitions {
            topic: need(topic, "topic")?,
            partitions: number("partitions")?,
        },
        "add_producer" => Command::AddProducer {
            producer: f.producer.ok_or_else(|| missing("producer"))?,
        },
        "remove_producer" => Command::RemoveProducer {
            producer: need(producer, "producer")?,
        },
        "pause_producer" => Command::PauseProducer {
            producer: need(producer, "producer")?,
        },
        "resume_producer" => Command::ResumeProducer {
            producer: need(producer, "producer")?,
        },
        "set_rate" => Command::SetRate {
            producer: need(producer, "producer")?,
            rate_per_s: number("rate_per_s")?,
        },
        "add_group" => Command::AddGroup {
            group: f.group.ok_or_else(|| missing("group"))?,
        },
        "remove_group" => Command::RemoveGroup {
            group: need(group, "group")?,
        },
        "add_instance" => Command::AddInstance {
            group: need(group, "group")?,
            instance: f.instance.ok_or_else(|| missing("instance"))?,
        },
        "subscribe" => Command::Subscribe {
            instance: need(instance, "instance")?,
            topics: f.topics.ok_or_else(|| missing("topics"))?,
        },
        "set_processing" => Command::SetProcessing {
            instance: need(instance, "instance")?,
            processing_ms: f.processing.ok_or_else(|| missing("processing_ms"))?,
        },
        "slow" => Command::Slow {
            instance: need(instance, "instance")?,
            processing_ms: f.slow.flatten(),
        },
        _ => {
            let instance = need(instance, "instance")?;
            match action {
                "remove_instance" => Command::RemoveInstance { instance },
                "set_threads" => Command::SetThreads {
                    instance,
                    threads: number("threads")?,
                },
                "crash" => Command::Crash { instance },
                "stop" => Command::Stop { instance },
                "restart" => Command::Restart { instance },
                _ => return Err(format!("unknown action `{action}`")),
            }
        }
    })
}

impl<'de> Deserialize<'de> for Cmd {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(CmdVisitor)
    }
}

/// A lesson file, or why it cannot be read (a JSON position, or the step and highlight that names no kind).
pub fn parse_lesson(text: &str) -> Result<Lesson, String> {
    let file: FileLesson = serde_json::from_str(text)
        .map_err(|e| format!("JSON line {}, column {}: {e}", e.line(), e.column()))?;
    let mut steps = Vec::with_capacity(file.steps.len());
    for (k, s) in file.steps.into_iter().enumerate() {
        let mut highlights = Vec::with_capacity(s.highlights.len());
        for (i, h) in s.highlights.into_iter().enumerate() {
            let kind = h.kind.clone();
            highlights.push(h.into_core().ok_or_else(|| {
                format!("steps[{k}].highlights[{i}]: kind `{kind}` without its fields")
            })?);
        }
        steps.push(Step {
            title: s.title,
            text: s.text,
            scenario: s.scenario,
            commands: s
                .commands
                .into_iter()
                .map(|c| StepCommand {
                    at_ms: c.at_ms,
                    command: c.command.0,
                })
                .collect(),
            run_ms: s.run_ms,
            highlights,
            try_it: s.try_it,
            check: s.check.map(|c| Check {
                question: c.question,
                choices: c.choices,
                answer: c.answer,
                facts: Vec::new(),
            }),
        });
    }
    Ok(Lesson {
        version: file.version,
        id: file.id,
        title: file.title,
        summary: file.summary,
        steps,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every lesson file in `lessons/` reads exactly as kplay-core's serde reads it (but for the checks' facts,
    /// which the web skips).
    #[test]
    fn every_lesson_file_reads_as_the_core_reads_it() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../lessons");
        let mut read = 0;
        for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{dir}: {e}")) {
            let path = entry.map(|e| e.path()).unwrap_or_default();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if !name.ends_with(".json") || name == "index.json" {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let mut core: Lesson =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            for c in core.steps.iter_mut().filter_map(|s| s.check.as_mut()) {
                assert!(!c.facts.is_empty());
                c.facts.clear();
            }
            assert_eq!(parse_lesson(&text), Ok(core), "{name}");
            read += 1;
        }
        assert!(read >= 1, "no lesson files found in {dir}");
    }

    #[test]
    fn every_command_reads_as_the_core_reads_it() {
        let commands = [
            r#"{"action":"add_topic","topic":{"name":"t","partitions":2}}"#,
            r#"{"action":"remove_topic","topic":"t"}"#,
            r#"{"action":"add_partitions","topic":"t","partitions":4}"#,
            r#"{"action":"add_producer","producer":{"id":"p","topic":"t","rate_per_s":5}}"#,
            r#"{"action":"remove_producer","producer":"p"}"#,
            r#"{"action":"pause_producer","producer":"p"}"#,
            r#"{"action":"resume_producer","producer":"p"}"#,
            r#"{"action":"set_rate","producer":"p","rate_per_s":7}"#,
            r#"{"action":"add_group","group":{"id":"g","topics":["t"]}}"#,
            r#"{"action":"remove_group","group":"g"}"#,
            r#"{"action":"add_instance","group":"g","instance":{"id":"i","listener":"L"}}"#,
            r#"{"action":"remove_instance","instance":"i"}"#,
            r#"{"action":"set_threads","instance":"i","threads":3}"#,
            r#"{"action":"set_processing","instance":"i","processing_ms":{"min":1,"max":5}}"#,
            r#"{"action":"crash","instance":"i"}"#,
            r#"{"action":"stop","instance":"i"}"#,
            r#"{"action":"restart","instance":"i"}"#,
            r#"{"action":"subscribe","instance":"i","topics":["a","b"]}"#,
            r#"{"action":"slow","instance":"i","processing_ms":50}"#,
            r#"{"action":"slow","instance":"i"}"#,
        ];
        for c in commands {
            let core: Command = serde_json::from_str(c).unwrap_or_else(|e| panic!("{c}: {e}"));
            let web: Result<Cmd, _> = serde_json::from_str(c);
            assert_eq!(web.map(|w| w.0).ok(), Some(core), "{c}");
        }
    }

    #[test]
    fn a_command_without_action_first_or_with_a_stray_field_is_an_error() {
        let late = serde_json::from_str::<Cmd>(r#"{"instance":"i","action":"crash"}"#);
        assert!(late
            .err()
            .is_some_and(|e| e.to_string().contains("first key must be \"action\"")));
        let stray = serde_json::from_str::<Cmd>(r#"{"action":"crash","instance":"i","threads":2}"#);
        assert!(stray
            .err()
            .is_some_and(|e| e.to_string().contains("unknown field `threads`")));
        let missing = serde_json::from_str::<Cmd>(r#"{"action":"set_threads","instance":"i"}"#);
        assert!(missing
            .err()
            .is_some_and(|e| e.to_string().contains("missing field `threads`")));
        let unknown = serde_json::from_str::<Cmd>(r#"{"action":"explode","instance":"i"}"#);
        assert!(unknown
            .err()
            .is_some_and(|e| e.to_string().contains("unknown action")));
    }
}
