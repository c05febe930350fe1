//! Lessons as data (docs/lessons.md): a lesson is a few steps, each a text, a world (a scenario, or the previous
//! step's world continued), commands at given times, what to highlight, an optional "try it" prompt and an
//! optional check: a question with choices and the facts about the engine that make the right answer true.
//!
//! [`Lesson::validate`] lists every broken rule with its field path (each step's scenario is checked by the
//! scenario validator, its paths prefixed `steps[1].scenario.`); [`StepWorlds`] runs the steps on the engine
//! and reports each fact's actual value, so a test can prove that every answer is what Kafka does.
//!
//! ```
//! use kplay_core::lesson::{Lesson, Text};
//! let t = Text::new("Topic", "토픽");
//! assert_eq!(t.pick(true), "토픽");
//! assert!(Lesson::default().validate().is_err());
//! ```

use crate::scenario::Scenario;
use crate::sim::Command;
use alloc::string::String;
use alloc::vec::Vec;

mod fact;
mod flow;
mod flow_rules;
mod matching;
mod measure;
mod observe;
mod run;
mod validate;

pub use fact::{Fact, Measure, Value};
pub use flow::{flow_metrics, FlowModels, FlowRun};
pub use run::{FactResult, StepReport, StepWorlds};
pub use validate::check_index;

/// The lesson file format version this engine reads.
pub const VERSION: u32 = 1;
/// Fewest and most steps a lesson has.
pub const STEPS: (usize, usize) = (3, 8);
/// Fewest and most choices a check has.
pub const CHOICES: (usize, usize) = (2, 4);
/// Largest `run_ms` of a step.
pub const MAX_RUN_MS: u64 = 600_000;
/// Latest time a flow step's check may be at, counted from its flow's start: where the web's Compare area stops.
pub const MAX_FLOW_MS: u64 = 300_000;

/// A text in English and Korean (both required, both non-empty).
///
/// ```
/// let t = kplay_core::lesson::Text::new("offset", "오프셋");
/// assert_eq!(t.pick(false), "offset");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Text {
    /// English.
    pub en: String,
    /// Korean.
    pub ko: String,
}

impl Text {
    /// A text from both languages.
    ///
    /// ```
    /// assert_eq!(kplay_core::lesson::Text::new("a", "b").ko, "b");
    /// ```
    pub fn new(en: impl Into<String>, ko: impl Into<String>) -> Self {
        Text {
            en: en.into(),
            ko: ko.into(),
        }
    }

    /// The Korean text when `korean`, else the English one.
    ///
    /// ```
    /// assert_eq!(kplay_core::lesson::Text::new("a", "b").pick(true), "b");
    /// ```
    pub fn pick(&self, korean: bool) -> &str {
        if korean {
            &self.ko
        } else {
            &self.en
        }
    }
}

/// A whole lesson file (`lessons/NN-slug.json`).
///
/// ```
/// let l = kplay_core::lesson::Lesson::default();
/// assert_eq!(l.version, 1);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Lesson {
    /// Format version; must be [`VERSION`].
    pub version: u32,
    /// Short stable id (`group-id-warning`), unique among the lessons.
    pub id: String,
    /// Title.
    pub title: Text,
    /// One sentence saying what the lesson shows.
    pub summary: Text,
    /// The steps, in order ([`STEPS`] many).
    pub steps: Vec<Step>,
}

impl Default for Lesson {
    fn default() -> Self {
        Lesson {
            version: VERSION,
            id: String::new(),
            title: Text::default(),
            summary: Text::default(),
            steps: Vec::new(),
        }
    }
}

/// One step: a text, its world, commands, highlights, a prompt and a check.
///
/// ```
/// let s = kplay_core::lesson::Step::default();
/// assert!(s.scenario.is_none() && s.commands.is_empty());
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Step {
    /// Title.
    pub title: Text,
    /// Paragraphs separated by a blank line; `backticks` mark Kafka identifiers and code.
    pub text: Text,
    /// A fresh world from this scenario; without it (not allowed on step 0) the step continues the previous
    /// step's world as it is after the previous step's `run_ms`.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub scenario: Option<Scenario>,
    /// Instead of a scenario: a Compare view's models from this flow scenario (`scenarios/flows/*.json`'s
    /// format), measured by `flow_metric` facts ([`FlowRun`]).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub flow: Option<crate::json::Value>,
    /// Commands applied when the step's clock reaches their `at_ms` (in `at_ms` order).
    #[cfg_attr(feature = "serde", serde(default))]
    pub commands: Vec<StepCommand>,
    /// When the check is evaluated, counted from the step's start (1 to [`MAX_RUN_MS`]).
    pub run_ms: u64,
    /// What the step points at.
    #[cfg_attr(feature = "serde", serde(default))]
    pub highlights: Vec<Highlight>,
    /// Something for the learner to do.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub try_it: Option<TryIt>,
    /// A question whose answer the engine proves.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub check: Option<Check>,
}

/// A command of a step and when it runs, counted from the step's start.
///
/// ```
/// use kplay_core::{lesson::StepCommand, Command};
/// let c = StepCommand { at_ms: 4000, command: Command::Crash { instance: "billing-1".into() } };
/// assert_eq!(c.command.name(), "crash");
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct StepCommand {
    /// Milliseconds after the step's start (at most the step's `run_ms`).
    pub at_ms: u64,
    /// The action, in the serde form of [`Command`] (`{"action": "crash", "instance": "billing-1"}`).
    pub command: Command,
}

/// Something a step points at. Every name must exist in the step's world at its start or at `run_ms`.
///
/// ```
/// let h = kplay_core::lesson::Highlight::Topic { topic: "orders".into() };
/// assert_eq!(h, h.clone());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)
)]
#[allow(missing_docs)]
pub enum Highlight {
    /// A consumer group.
    Group { group: String },
    /// A topic.
    Topic { topic: String },
    /// One partition of a topic.
    Partition { topic: String, partition: u32 },
    /// An instance (process).
    Instance { instance: String },
    /// One consumer thread of an instance (`thread` from 0).
    Thread { instance: String, thread: u32 },
    /// A row of the group's table (`kafka-consumer-groups --describe`).
    Row {
        group: String,
        topic: String,
        partition: u32,
    },
    /// A panel of the page.
    Panel { panel: Panel },
}

/// A panel of the page.
///
/// ```
/// assert_eq!(kplay_core::lesson::Panel::Groups.name(), "groups");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[allow(missing_docs)]
pub enum Panel {
    Build,
    Groups,
    Inspect,
    Events,
    Scenario,
}

impl Panel {
    /// The panel's name in the file.
    ///
    /// ```
    /// assert_eq!(kplay_core::lesson::Panel::Events.name(), "events");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Panel::Build => "build",
            Panel::Groups => "groups",
            Panel::Inspect => "inspect",
            Panel::Events => "events",
            Panel::Scenario => "scenario",
        }
    }
}

/// A prompt for the learner and the command that completes it.
///
/// ```
/// use kplay_core::lesson::{CommandMatch, Text, TryIt};
/// let t = TryIt { prompt: Text::new("Crash it", "멈춰 보세요"), when: CommandMatch::action("crash") };
/// assert!(t.when.matches(&kplay_core::Command::Crash { instance: "a".into() }));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct TryIt {
    /// What to do.
    pub prompt: Text,
    /// Which command counts.
    pub when: CommandMatch,
}

/// Which commands complete a prompt: `action` is a [`Command::name`]; each given name must match too.
///
/// ```
/// let m = kplay_core::lesson::CommandMatch::action("stop");
/// assert_eq!(m.action, "stop");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CommandMatch {
    /// The command's name (`crash`, `add_partitions`, …).
    pub action: String,
    /// The instance it acts on.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub instance: Option<String>,
    /// The group it acts on.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub group: Option<String>,
    /// The topic it acts on.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub topic: Option<String>,
    /// The producer it acts on.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub producer: Option<String>,
}

/// A question, its choices, the right one and the facts that prove it.
///
/// ```
/// let c = kplay_core::lesson::Check::default();
/// assert_eq!(c.answer, 0);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Check {
    /// The question.
    pub question: Text,
    /// The choices ([`CHOICES`] many).
    pub choices: Vec<Choice>,
    /// Index of the right choice.
    pub answer: usize,
    /// What the engine shows at `run_ms` when the answer is right (at least one).
    pub facts: Vec<Fact>,
}

/// One choice and why it is right or wrong.
///
/// ```
/// let c = kplay_core::lesson::Choice::default();
/// assert!(c.text.en.is_empty());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Choice {
    /// The choice.
    pub text: Text,
    /// Why it is right or wrong (shown after answering).
    pub explain: Text,
}

/// `lessons/index.json`: the lessons in order, with what a menu shows before loading them.
///
/// ```
/// assert!(kplay_core::lesson::LessonIndex::default().lessons.is_empty());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct LessonIndex {
    /// Format version; must be [`VERSION`].
    pub version: u32,
    /// The lessons, in the order they are taught.
    pub lessons: Vec<IndexEntry>,
}

impl Default for LessonIndex {
    fn default() -> Self {
        LessonIndex {
            version: VERSION,
            lessons: Vec::new(),
        }
    }
}

/// One lesson of the index: its file (relative to `lessons/`), id, title and step count, as in the file.
///
/// ```
/// let e = kplay_core::lesson::IndexEntry::default();
/// assert_eq!(e.steps, 0);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct IndexEntry {
    /// File name, `NN-slug.json`.
    pub file: String,
    /// The lesson's `id`.
    pub id: String,
    /// The lesson's `title`.
    pub title: Text,
    /// The lesson's number of steps.
    pub steps: usize,
}

impl Lesson {
    /// Whether `command` completes step `step`'s prompt (false when the step has none).
    ///
    /// ```
    /// use kplay_core::lesson::{CommandMatch, Lesson, Step, Text, TryIt};
    /// let mut l = Lesson::default();
    /// let mut s = Step::default();
    /// s.try_it = Some(TryIt { prompt: Text::new("a", "b"), when: CommandMatch::action("crash") });
    /// l.steps.push(s);
    /// assert!(l.try_it_matches(0, &kplay_core::Command::Crash { instance: "x".into() }));
    /// assert!(!l.try_it_matches(1, &kplay_core::Command::Crash { instance: "x".into() }));
    /// ```
    pub fn try_it_matches(&self, step: usize, command: &Command) -> bool {
        self.steps
            .get(step)
            .and_then(|s| s.try_it.as_ref())
            .is_some_and(|t| t.when.matches(command))
    }
}
