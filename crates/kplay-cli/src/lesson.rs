//! `kplay lesson check [FILES…]` and `kplay lesson show FILE [--lang ko|en] [--step N]` (docs/lessons.md).
//!
//! `check` reads each lesson (default: every `lessons/*.json` of the current directory, and `lessons/index.json`
//! against them), runs its steps on the engine and prints each fact's actual value with `OK` or `FAIL`. Exit 0
//! when all hold, 1 when a fact fails (or a command is rejected, or a highlight names nothing), 2 when a file
//! cannot be read or breaks a rule (`error: <file>: <field path>: <rule>`).

use crate::error::CliError;
use kplay_core::lesson::{check_index, Lesson, LessonIndex, StepWorlds};
use kplay_core::scenario::{json_problem, parse_whole};
use serde::de::DeserializeOwned;

const USAGE: &str =
    "usage: kplay lesson check [FILES…] | kplay lesson show FILE [--lang ko|en] [--step N]";

/// `kplay lesson …`: `Ok(false)` when a fact fails (exit 1).
pub fn run(args: &[String]) -> Result<bool, CliError> {
    match args.split_first() {
        Some((c, rest)) if c == "check" => check(rest),
        Some((c, rest)) if c == "show" => show(rest).map(|()| true),
        _ => Err(CliError::new("arguments", USAGE)),
    }
}

/// Reads `path` as JSON of type `T`; a type problem names its field path.
fn read<T: DeserializeOwned>(path: &str) -> Result<T, CliError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::new(path, format!("cannot read: {e}")))?;
    let de = &mut serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let at = e.path().to_string();
        let msg = e.inner().to_string();
        let place = if at == "." || at.is_empty() {
            path.to_string()
        } else {
            format!("{path}: {at}")
        };
        let line = e.inner().line();
        let what = json_problem(&msg);
        let what = if e.inner().is_syntax() || e.inner().is_eof() {
            format!("{what} (line {line})")
        } else {
            what
        };
        CliError::new(place, what)
    })
}

/// Reads and validates a lesson; every problem but the last is printed, the last returned.
fn load(path: &str) -> Result<Lesson, CliError> {
    let lesson: Lesson = read(path)?;
    lesson
        .validate()
        .map_err(|problems| last_of(path, problems))?;
    Ok(lesson)
}

fn last_of(path: &str, problems: Vec<kplay_core::scenario::ScenarioProblem>) -> CliError {
    let mut errors: Vec<CliError> = problems
        .into_iter()
        .map(|p| CliError::new(format!("{path}: {}", p.path), p.problem))
        .collect();
    let last = errors
        .pop()
        .unwrap_or_else(|| CliError::new(path, "invalid lesson"));
    for e in errors {
        eprintln!("{e}");
    }
    last
}

/// The lesson files of `dir` (`*.json` but `index.json`), sorted.
fn files_in(dir: &str) -> Result<Vec<String>, CliError> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| CliError::new(dir, format!("cannot read: {e}")))?;
    let mut files: Vec<String> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter(|p| p.file_name().is_some_and(|n| n != "index.json"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    files.sort();
    Ok(files)
}

/// Runs one valid lesson, printing every fact; whether all hold.
fn check_one(path: &str, lesson: &Lesson) -> bool {
    println!("{path}: {}", lesson.id);
    let mut ok = true;
    for report in StepWorlds::new(lesson) {
        for p in &report.problems {
            println!("  {p} FAIL");
        }
        for r in &report.facts {
            println!("  steps[{}]: {r}", report.step);
        }
        ok &= report.ok();
    }
    ok
}

fn check(args: &[String]) -> Result<bool, CliError> {
    if let Some(opt) = args.iter().find(|a| a.starts_with("--")) {
        return Err(CliError::new(opt.clone(), "unknown option"));
    }
    let default = args.is_empty();
    let files = if default {
        files_in("lessons")?
    } else {
        args.to_vec()
    };
    if files.is_empty() {
        return Err(CliError::new("lessons", "no lesson files"));
    }
    let mut bad: Vec<CliError> = Vec::new();
    let mut lessons: Vec<(String, Lesson)> = Vec::new();
    let (mut ok, mut facts) = (true, 0);
    for path in &files {
        match load(path) {
            Ok(lesson) => {
                ok &= check_one(path, &lesson);
                facts += lesson
                    .steps
                    .iter()
                    .filter_map(|s| s.check.as_ref())
                    .map(|c| c.facts.len())
                    .sum::<usize>();
                lessons.push((path.clone(), lesson));
            }
            Err(e) => bad.push(e),
        }
    }
    if default {
        let index_path = "lessons/index.json";
        match read::<LessonIndex>(index_path) {
            Ok(index) => {
                let named: Vec<(&str, &Lesson)> = lessons
                    .iter()
                    .map(|(p, l)| (p.rsplit('/').next().unwrap_or(p), l))
                    .collect();
                let problems = check_index(&index, &named);
                if !problems.is_empty() {
                    bad.push(last_of(index_path, problems));
                }
            }
            Err(e) => bad.push(e),
        }
    }
    if let Some(last) = bad.pop() {
        for e in bad {
            eprintln!("{e}");
        }
        return Err(last);
    }
    let steps: usize = lessons.iter().map(|(_, l)| l.steps.len()).sum();
    let verdict = if ok { "ok" } else { "FAIL" };
    println!(
        "{verdict}: lessons {}, steps {steps}, facts {facts}",
        lessons.len()
    );
    Ok(ok)
}

fn show(args: &[String]) -> Result<(), CliError> {
    let (mut path, mut korean, mut step) = (None, false, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| CliError::new(name.to_string(), "missing value"))
        };
        match a.as_str() {
            "--lang" => {
                korean = match value("--lang")?.as_str() {
                    "ko" => true,
                    "en" => false,
                    other => {
                        return Err(CliError::new(
                            "--lang",
                            format!("must be ko or en, got {other:?}"),
                        ))
                    }
                }
            }
            "--step" => step = Some(value("--step")?),
            other if other.starts_with("--") => {
                return Err(CliError::new(other.to_string(), "unknown option"))
            }
            other if path.is_none() => path = Some(other.to_string()),
            other => {
                return Err(CliError::new(
                    "arguments",
                    format!("unexpected argument {other:?}"),
                ))
            }
        }
    }
    let path = path.ok_or_else(|| CliError::new("arguments", USAGE))?;
    let lesson = load(&path)?;
    let n = lesson.steps.len() as u64;
    let only = match step {
        Some(s) => {
            Some(parse_whole(&s, 1, n).map_err(|e| CliError::new("--step", e))? as usize - 1)
        }
        None => None,
    };
    println!("{}", lesson.title.pick(korean));
    println!("{}", lesson.summary.pick(korean));
    for (k, s) in lesson.steps.iter().enumerate() {
        if only.is_some_and(|o| o != k) {
            continue;
        }
        println!("\n## {}/{n} {}\n", k + 1, s.title.pick(korean));
        println!("{}", s.text.pick(korean));
        if let Some(t) = &s.try_it {
            println!("\n> {}", t.prompt.pick(korean));
        }
        if let Some(c) = &s.check {
            println!("\n? {}", c.question.pick(korean));
            for (i, ch) in c.choices.iter().enumerate() {
                println!("  {}) {}", i + 1, ch.text.pick(korean));
            }
        }
    }
    Ok(())
}
