//! Lesson rules. Every rule is checked and every broken one reported with its path, like the scenario's.

use super::fact::{GROUP, INSTANCE, LISTENER, METRIC, PARTITION, TOPIC};
use super::flow_rules::{flow_fact, flow_step, Runs};
use super::matching::ACTIONS;
use super::{Check, Fact, Lesson, LessonIndex, Measure, Text, CHOICES, MAX_RUN_MS, STEPS, VERSION};
use crate::scenario::{range_rule, ScenarioProblem};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// The state names `group_state` facts may expect.
const STATES: [&str; 5] = [
    "Stable",
    "PreparingRebalance",
    "CompletingRebalance",
    "Empty",
    "Dead",
];

pub(super) type Problems = Vec<ScenarioProblem>;

pub(super) fn add(p: &mut Problems, path: String, problem: impl Into<String>) {
    p.push(ScenarioProblem::new(path, problem));
}

fn text(p: &mut Problems, at: &str, t: &Text) {
    for (lang, s) in [("en", &t.en), ("ko", &t.ko)] {
        if s.trim().is_empty() {
            add(p, format!("{at}.{lang}"), "must not be empty");
        }
    }
}

fn id_ok(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn fact(p: &mut Problems, at: &str, f: &Fact, runs: Runs) {
    let (need, may) = f.measure.selectors();
    let name = f.measure.name();
    flow_fact(p, at, f, runs);
    let given = [
        (GROUP, "group", f.group.is_some()),
        (TOPIC, "topic", f.topic.is_some()),
        (PARTITION, "partition", f.partition.is_some()),
        (INSTANCE, "instance", f.instance.is_some()),
        (LISTENER, "listener", f.listener.is_some()),
        (METRIC, "metric", f.metric.is_some()),
    ];
    for (bit, field, set) in given {
        if need & bit != 0 && !set {
            add(p, format!("{at}.{field}"), format!("is required by {name}"));
        } else if may & bit == 0 && set {
            add(p, format!("{at}.{field}"), format!("is not used by {name}"));
        }
    }
    if f.partition.is_some() && f.topic.is_none() && may & TOPIC != 0 && need & TOPIC == 0 {
        add(p, format!("{at}.partition"), "needs topic");
    }
    let expectations = [f.eq, f.at_least, f.at_most]
        .iter()
        .filter(|e| e.is_some())
        .count()
        + usize::from(f.is.is_some());
    if expectations != 1 {
        add(
            p,
            at.into(),
            "must have exactly one of eq, at_least, at_most or is",
        );
    }
    let state = f.measure == Measure::GroupState;
    let owner = f.measure == Measure::Owner;
    match &f.is {
        Some(_) if !state && !owner => add(p, format!("{at}.is"), format!("is not used by {name}")),
        Some(s) if state && !STATES.contains(&s.as_str()) => add(
            p,
            format!("{at}.is"),
            format!("must be one of {}", STATES.join(", ")),
        ),
        None if state && expectations == 1 => add(
            p,
            format!("{at}.is"),
            "group_state takes is (a state name), not a number",
        ),
        None if owner && expectations == 1 => add(
            p,
            format!("{at}.is"),
            "owner takes is (an owner like billing-1#0, or -), not a number",
        ),
        _ => {}
    }
}

fn check(p: &mut Problems, at: &str, c: &Check, runs: Runs) {
    text(p, &format!("{at}.question"), &c.question);
    let n = c.choices.len();
    if n < CHOICES.0 || n > CHOICES.1 {
        add(
            p,
            format!("{at}.choices"),
            format!("must have from {} to {} choices", CHOICES.0, CHOICES.1),
        );
    }
    for (i, ch) in c.choices.iter().enumerate() {
        text(p, &format!("{at}.choices[{i}].text"), &ch.text);
        text(p, &format!("{at}.choices[{i}].explain"), &ch.explain);
    }
    if c.answer >= n {
        let why = match n {
            0 => String::from("must be an index into choices (there are none)"),
            _ => format!("must be an index into choices (0 to {})", n - 1),
        };
        add(p, format!("{at}.answer"), why);
    }
    if c.facts.is_empty() {
        add(
            p,
            format!("{at}.facts"),
            "must have at least one fact that proves the answer",
        );
    }
    for (i, f) in c.facts.iter().enumerate() {
        fact(p, &format!("{at}.facts[{i}]"), f, runs);
    }
}

pub(super) fn lesson(l: &Lesson) -> Problems {
    let mut p = Vec::new();
    if l.version != VERSION {
        add(&mut p, "version".into(), format!("must be {VERSION}"));
    }
    if !id_ok(&l.id) {
        add(
            &mut p,
            "id".into(),
            "must be 1 to 64 characters of a-z, 0-9 and -",
        );
    }
    text(&mut p, "title", &l.title);
    text(&mut p, "summary", &l.summary);
    let n = l.steps.len();
    if n < STEPS.0 || n > STEPS.1 {
        add(
            &mut p,
            "steps".into(),
            format!("must have from {} to {} steps", STEPS.0, STEPS.1),
        );
    }
    if !l.steps.iter().any(|s| s.check.is_some()) {
        add(
            &mut p,
            "steps".into(),
            "at least one step must have a check",
        );
    }
    let (mut runs, mut flow_ms): (Runs, u64) = (None, 0);
    for (k, s) in l.steps.iter().enumerate() {
        let at = format!("steps[{k}]");
        text(&mut p, &format!("{at}.title"), &s.title);
        text(&mut p, &format!("{at}.text"), &s.text);
        flow_step(&mut p, &at, s, &mut runs, &mut flow_ms);
        match &s.scenario {
            None if k == 0 && s.flow.is_none() => add(
                &mut p,
                format!("{at}.scenario"),
                "is required on the first step (or a flow)",
            ),
            None => {}
            Some(sc) => {
                if let Err(list) = sc.validate() {
                    for q in list {
                        add(&mut p, format!("{at}.scenario.{}", q.path), q.problem);
                    }
                }
            }
        }
        if s.run_ms < 1 || s.run_ms > MAX_RUN_MS {
            add(&mut p, format!("{at}.run_ms"), range_rule(1, MAX_RUN_MS));
        }
        let mut last = 0;
        for (i, c) in s.commands.iter().enumerate() {
            if c.at_ms > s.run_ms {
                add(
                    &mut p,
                    format!("{at}.commands[{i}].at_ms"),
                    format!("must be at most the step's run_ms ({})", s.run_ms),
                );
            } else if c.at_ms < last {
                add(
                    &mut p,
                    format!("{at}.commands[{i}].at_ms"),
                    "must not be before the previous command's at_ms",
                );
            }
            last = last.max(c.at_ms);
        }
        if let Some(t) = &s.try_it {
            text(&mut p, &format!("{at}.try_it.prompt"), &t.prompt);
            if !ACTIONS.contains(&t.when.action.as_str()) {
                add(
                    &mut p,
                    format!("{at}.try_it.when.action"),
                    format!("unknown action {:?}", t.when.action),
                );
            }
        }
        if let Some(c) = &s.check {
            check(&mut p, &format!("{at}.check"), c, runs);
        }
    }
    p
}

impl Lesson {
    /// Checks every rule and returns all problems, each with its path (`steps[2].check.answer`). Each step's
    /// scenario is checked by [`crate::scenario::Scenario::validate`], its paths prefixed `steps[k].scenario.`.
    /// What needs the engine (commands accepted, highlights naming things that exist, facts holding) is
    /// checked by running the steps ([`super::StepWorlds`]).
    ///
    /// ```
    /// let mut l = kplay_core::lesson::Lesson::default();
    /// l.version = 2;
    /// let p = l.validate().unwrap_err();
    /// assert_eq!(p[0].to_string(), "version: must be 1");
    /// ```
    pub fn validate(&self) -> Result<(), Vec<ScenarioProblem>> {
        let p = lesson(self);
        if p.is_empty() {
            Ok(())
        } else {
            Err(p)
        }
    }
}

/// Whether `file` is `NN-slug.json` (two digits, a dash, then `a-z 0-9 -`).
fn file_name_ok(file: &str) -> bool {
    let b = file.as_bytes();
    file.strip_suffix(".json").is_some_and(|stem| {
        stem.len() > 3
            && b[0].is_ascii_digit()
            && b[1].is_ascii_digit()
            && b[2] == b'-'
            && id_ok(&stem[3..])
    })
}

/// Checks `index.json` against the lesson files (`(file name, lesson)`): the version, each entry's file
/// (`NN-slug.json`, in ascending order), id, title and step count as in its file, every file listed once, ids
/// unique.
///
/// ```
/// use kplay_core::lesson::{check_index, IndexEntry, Lesson, LessonIndex};
/// let mut l = Lesson::default();
/// l.id = "topic".into();
/// let mut index = LessonIndex::default();
/// index.lessons.push(IndexEntry { file: "01-topic.json".into(), id: "topic".into(), ..Default::default() });
/// assert!(check_index(&index, &[("01-topic.json", &l)]).is_empty());
/// index.lessons[0].steps = 4;
/// assert_eq!(check_index(&index, &[("01-topic.json", &l)])[0].path, "lessons[0].steps");
/// ```
pub fn check_index(index: &LessonIndex, files: &[(&str, &Lesson)]) -> Vec<ScenarioProblem> {
    let mut p = Vec::new();
    if index.version != VERSION {
        add(&mut p, "version".into(), format!("must be {VERSION}"));
    }
    for (i, e) in index.lessons.iter().enumerate() {
        let at = format!("lessons[{i}]");
        if index.lessons[..i].iter().any(|o| o.file == e.file) {
            add(
                &mut p,
                format!("{at}.file"),
                format!("lists {:?} twice", e.file),
            );
            continue;
        }
        if !file_name_ok(&e.file) {
            add(
                &mut p,
                format!("{at}.file"),
                "must be NN-slug.json (two digits, a dash, a-z 0-9 -)",
            );
        } else if i > 0 && index.lessons[i - 1].file >= e.file {
            add(
                &mut p,
                format!("{at}.file"),
                "must come after the previous entry's file (NN order)",
            );
        }
        if index.lessons[..i].iter().any(|o| o.id == e.id) {
            add(
                &mut p,
                format!("{at}.id"),
                format!("duplicate id {:?}", e.id),
            );
        }
        let Some((_, l)) = files.iter().find(|(f, _)| *f == e.file) else {
            add(
                &mut p,
                format!("{at}.file"),
                format!("no lesson file {:?}", e.file),
            );
            continue;
        };
        if l.id != e.id {
            add(
                &mut p,
                format!("{at}.id"),
                format!("must be the file's id {:?}", l.id),
            );
        }
        if l.title != e.title {
            add(&mut p, format!("{at}.title"), "must be the file's title");
        }
        if l.steps.len() != e.steps {
            add(
                &mut p,
                format!("{at}.steps"),
                format!("must be the file's step count ({})", l.steps.len()),
            );
        }
    }
    for (f, _) in files {
        if !index.lessons.iter().any(|e| e.file == *f) {
            add(
                &mut p,
                "lessons".into(),
                format!("does not list the file {f:?}"),
            );
        }
    }
    p
}
