//! Reading lesson files for the web: the JSON is read once as a `kplay_core::json::Value` and walked by hand; a step's
//! scenario and a command's group, topic, producer or instance are read from their `Value` by kplay-core's
//! scenario reader (`scenario::json`), the one the CLI and serde use. Derived readers for the lesson types cost ~15 KB gzip of wasm (each struct, `Vec`
//! and `Option` its own visitor, and serde's internally tagged `Command` and `Highlight` a second copy of every
//! scenario deserializer); this costs a few. Unknown fields are ignored here: the lessons test (kplay-core)
//! validates the files strictly, and a test below checks that every lesson file reads as kplay-core reads it.

use crate::i18n::Reason;
use kplay_core::json::Value;
use kplay_core::lesson::{
    Check, Choice, CommandMatch, Highlight, IndexEntry, Lesson, LessonIndex, Panel, Step,
    StepCommand, Text, TryIt,
};
use kplay_core::scenario::json;
use kplay_core::Command;

/// `v[key]` as a string.
fn string(v: &Value, key: &str) -> Option<String> {
    v.get(key)?.as_str().map(str::to_string)
}

/// `v[key]` as a whole number.
fn number(v: &Value, key: &str) -> Option<u64> {
    v.get(key)?.as_u64()
}

fn small(v: &Value, key: &str) -> Option<u32> {
    u32::try_from(number(v, key)?).ok()
}

fn index(v: &Value, key: &str) -> Option<usize> {
    usize::try_from(number(v, key)?).ok()
}

/// `v[key]` read by kplay-core's scenario reader `read` (`scenario::json::topic`, …).
fn spec<T>(
    v: &Value,
    key: &str,
    read: fn(&Value) -> Result<T, Vec<kplay_core::scenario::ScenarioProblem>>,
) -> Option<T> {
    read(v.get(key)?).ok()
}

fn text(v: &Value, key: &str) -> Option<Text> {
    let t = v.get(key)?;
    Some(Text::new(string(t, "en")?, string(t, "ko")?))
}

fn array<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// Each item of `v[key]` read by `read`, or `None` if one cannot be. A loop, not `collect::<Option<Vec<_>>>()`:
/// that adapter is compiled once per item type and costs more wasm than the loop.
pub(crate) fn each<T>(v: &Value, key: &str, read: impl Fn(&Value) -> Option<T>) -> Option<Vec<T>> {
    let items = array(v, key);
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        out.push(read(item)?);
    }
    Some(out)
}

/// A command from its JSON object (`{"action": "crash", "instance": "billing-1"}`).
pub fn command(v: &Value) -> Option<Command> {
    let s = |key: &str| string(v, key);
    let n = |key: &str| small(v, key);
    Some(match v.get("action")?.as_str()? {
        "add_topic" => Command::AddTopic {
            topic: spec(v, "topic", json::topic)?,
        },
        "remove_topic" => Command::RemoveTopic { topic: s("topic")? },
        "add_partitions" => Command::AddPartitions {
            topic: s("topic")?,
            partitions: n("partitions")?,
        },
        "add_producer" => Command::AddProducer {
            producer: spec(v, "producer", json::producer)?,
        },
        "remove_producer" => Command::RemoveProducer {
            producer: s("producer")?,
        },
        "pause_producer" => Command::PauseProducer {
            producer: s("producer")?,
        },
        "resume_producer" => Command::ResumeProducer {
            producer: s("producer")?,
        },
        "set_rate" => Command::SetRate {
            producer: s("producer")?,
            rate_per_s: n("rate_per_s")?,
        },
        "add_group" => Command::AddGroup {
            group: spec(v, "group", json::group)?,
        },
        "remove_group" => Command::RemoveGroup { group: s("group")? },
        "add_instance" => Command::AddInstance {
            group: s("group")?,
            instance: spec(v, "instance", json::instance)?,
        },
        "remove_instance" => Command::RemoveInstance {
            instance: s("instance")?,
        },
        "set_threads" => Command::SetThreads {
            instance: s("instance")?,
            threads: n("threads")?,
        },
        "set_processing" => Command::SetProcessing {
            instance: s("instance")?,
            processing_ms: spec(v, "processing_ms", json::processing)?,
        },
        "crash" => Command::Crash {
            instance: s("instance")?,
        },
        "stop" => Command::Stop {
            instance: s("instance")?,
        },
        "restart" => Command::Restart {
            instance: s("instance")?,
        },
        "subscribe" => Command::Subscribe {
            instance: s("instance")?,
            topics: each(v, "topics", |t| t.as_str().map(str::to_string))?,
        },
        "slow" => Command::Slow {
            instance: s("instance")?,
            processing_ms: match v.get("processing_ms") {
                None | Some(Value::Null) => None,
                Some(_) => Some(n("processing_ms")?),
            },
        },
        _ => return None,
    })
}

fn highlight(v: &Value) -> Option<Highlight> {
    let s = |key: &str| string(v, key);
    Some(match v.get("kind")?.as_str()? {
        "group" => Highlight::Group { group: s("group")? },
        "topic" => Highlight::Topic { topic: s("topic")? },
        "partition" => Highlight::Partition {
            topic: s("topic")?,
            partition: small(v, "partition")?,
        },
        "instance" => Highlight::Instance {
            instance: s("instance")?,
        },
        "thread" => Highlight::Thread {
            instance: s("instance")?,
            thread: small(v, "thread")?,
        },
        "row" => Highlight::Row {
            group: s("group")?,
            topic: s("topic")?,
            partition: small(v, "partition")?,
        },
        "panel" => {
            let name = s("panel")?;
            let all = [
                Panel::Build,
                Panel::Groups,
                Panel::Inspect,
                Panel::Events,
                Panel::Scenario,
            ];
            Highlight::Panel {
                panel: all.into_iter().find(|p| p.name() == name)?,
            }
        }
        _ => return None,
    })
}

fn try_it(v: &Value) -> Option<TryIt> {
    let w = v.get("when")?;
    Some(TryIt {
        prompt: text(v, "prompt")?,
        when: CommandMatch {
            action: string(w, "action")?,
            instance: string(w, "instance"),
            group: string(w, "group"),
            topic: string(w, "topic"),
            producer: string(w, "producer"),
        },
    })
}

/// A check without its facts: they are the engine's evidence for the lessons test, not shown.
fn check(v: &Value) -> Option<Check> {
    Some(Check {
        question: text(v, "question")?,
        choices: each(v, "choices", |c| {
            Some(Choice {
                text: text(c, "text")?,
                explain: text(c, "explain")?,
            })
        })?,
        answer: index(v, "answer")?,
        facts: Vec::new(),
    })
}

/// An optional part: absent is `None`, present but unreadable is an error.
fn optional<T>(v: &Value, key: &str, read: impl Fn(&Value) -> Option<T>) -> Option<Option<T>> {
    match v.get(key) {
        None => Some(None),
        Some(x) => read(x).map(Some),
    }
}

fn step(v: &Value) -> Option<Step> {
    Some(Step {
        title: text(v, "title")?,
        text: text(v, "text")?,
        scenario: optional(v, "scenario", |s| json::scenario(s).ok())?,
        flow: v.get("flow").cloned(),
        commands: each(v, "commands", |c| {
            Some(StepCommand {
                at_ms: number(c, "at_ms")?,
                command: command(c.get("command")?)?,
            })
        })?,
        run_ms: number(v, "run_ms")?,
        highlights: each(v, "highlights", highlight)?,
        try_it: optional(v, "try_it", try_it)?,
        check: optional(v, "check", check)?,
    })
}

fn json(text: &str) -> Result<Value, Reason> {
    kplay_core::json::parse(text)
        .map_err(|e| Reason::new("reason.json", e.line() as u64, e.column() as u64))
}

/// A lesson file, or where it stops being one (`steps[2]`); the reader names the file ([`Reason::of`]).
pub fn parse_lesson(text: &str) -> Result<Lesson, Reason> {
    let v = json(text)?;
    let head = || {
        Some((
            small(&v, "version")?,
            string(&v, "id")?,
            crate::lesson::file::text(&v, "title")?,
            crate::lesson::file::text(&v, "summary")?,
        ))
    };
    let (version, id, title, summary) =
        head().ok_or_else(|| Reason::new("reason.not_lesson", 0, 0))?;
    let mut steps = Vec::new();
    for (k, s) in array(&v, "steps").iter().enumerate() {
        steps.push(step(s).ok_or_else(|| Reason::new("reason.not_step", k as u64, 0))?);
    }
    Ok(Lesson {
        version,
        id,
        title,
        summary,
        steps,
    })
}

/// `lessons/index.json`.
pub fn parse_index(text: &str) -> Result<LessonIndex, Reason> {
    let v = json(text)?;
    let entry = |e: &Value| {
        Some(IndexEntry {
            file: string(e, "file")?,
            id: string(e, "id")?,
            title: crate::lesson::file::text(e, "title")?,
            steps: index(e, "steps")?,
        })
    };
    let lessons = each(&v, "lessons", entry);
    match (small(&v, "version"), lessons) {
        (Some(version), Some(lessons)) => Ok(LessonIndex { version, lessons }),
        _ => Err(Reason::new("reason.not_index", 0, 0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo_file(name: &str) -> String {
        let path = format!("{}/../../lessons/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// Every lesson file in `lessons/` reads exactly as kplay-core's serde reads it (but for the checks' facts,
    /// which the web skips), and so does the index.
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
            let text = repo_file(name);
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
        let index = repo_file("index.json");
        let core: LessonIndex = serde_json::from_str(&index).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(parse_index(&index), Ok(core));
    }

    #[test]
    fn every_command_reads_as_the_core_reads_it() {
        let commands = [
            r#"{"action":"add_topic","topic":{"name":"t","partitions":2}}"#,
            r#"{"action":"remove_topic","topic":"t"}"#,
            r#"{"topic":"t","partitions":4,"action":"add_partitions"}"#,
            r#"{"action":"add_producer","producer":{"id":"p","topic":"t","rate_per_s":5}}"#,
            r#"{"action":"remove_producer","producer":"p"}"#,
            r#"{"action":"pause_producer","producer":"p"}"#,
            r#"{"action":"resume_producer","producer":"p"}"#,
            r#"{"action":"set_rate","producer":"p","rate_per_s":7}"#,
            r#"{"action":"add_group","group":{"id":"g","topics":["t"],"strategy":"cooperative-sticky"}}"#,
            r#"{"action":"remove_group","group":"g"}"#,
            r#"{"action":"add_instance","group":"g","instance":{"id":"i","listener":"L","threads":2}}"#,
            r#"{"action":"remove_instance","instance":"i"}"#,
            r#"{"action":"set_threads","instance":"i","threads":3}"#,
            r#"{"action":"set_processing","instance":"i","processing_ms":{"min":1,"max":5}}"#,
            r#"{"action":"set_processing","instance":"i","processing_ms":20}"#,
            r#"{"action":"crash","instance":"i"}"#,
            r#"{"action":"stop","instance":"i"}"#,
            r#"{"action":"restart","instance":"i"}"#,
            r#"{"action":"subscribe","instance":"i","topics":["a","b"]}"#,
            r#"{"action":"slow","instance":"i","processing_ms":50}"#,
            r#"{"action":"slow","instance":"i"}"#,
        ];
        for c in commands {
            let core: Command = serde_json::from_str(c).unwrap_or_else(|e| panic!("{c}: {e}"));
            let v: Value = serde_json::from_str(c).unwrap_or_else(|e| panic!("{c}: {e}"));
            assert_eq!(command(&v), Some(core), "{c}");
        }
    }

    #[test]
    fn broken_files_say_where_and_never_panic() {
        assert_eq!(parse_lesson("{"), Err(Reason::new("reason.json", 1, 1)));
        assert_eq!(
            parse_lesson("[]"),
            Err(Reason::new("reason.not_lesson", 0, 0))
        );
        let lesson = repo_file("01-topic.json");
        let broken = lesson.replacen("\"action\": \"add_group\"", "\"action\": \"explode\"", 1);
        assert_ne!(broken, lesson, "the file has an add_group command to break");
        assert_eq!(
            parse_lesson(&broken).err(),
            Some(Reason::new("reason.not_step", 1, 0))
        );
        let no_instance: Value = serde_json::from_str(r#"{"action":"crash"}"#).unwrap_or_default();
        assert_eq!(command(&no_instance), None);
        assert_eq!(
            parse_index("{\"version\":1,\"lessons\":[{\"file\":\"a.json\"}]}").err(),
            Some(Reason::new("reason.not_index", 0, 0))
        );
    }
}
