//! Every lesson of the repository (`lessons/*.json`) parses, validates, matches `lessons/index.json`, runs on the
//! engine without a rejected command or a highlight naming nothing, and every fact of every check holds at its
//! step's `run_ms`. Then the checker itself: a flipped expectation, a bad answer, a missing Korean text, an
//! unknown measure and an unknown highlight target are each caught, with the file, step and field named.

use kplay_core::lesson::{check_index, Lesson, LessonIndex, StepWorlds, Value};
use std::path::PathBuf;

fn lessons_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../lessons")
}

/// The lesson files (`NN-slug.json`, sorted), without `index.json`.
fn lesson_files() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(lessons_dir())
        .expect("lessons/ exists at the repository root")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter(|p| p.file_name().is_some_and(|n| n != "index.json"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).expect("readable lesson file");
            (name, text)
        })
        .collect();
    files.sort();
    files
}

/// Everything wrong with one lesson file, each line naming the file, the step and the field or fact.
fn failures(file: &str, text: &str) -> Vec<String> {
    let lesson: Lesson = match serde_json::from_str(text) {
        Ok(l) => l,
        Err(e) => return vec![format!("{file}: {e}")],
    };
    if let Err(problems) = lesson.validate() {
        return problems.iter().map(|p| format!("{file}: {p}")).collect();
    }
    let mut out = Vec::new();
    for report in StepWorlds::new(&lesson) {
        for p in &report.problems {
            out.push(format!("{file}: {p}"));
        }
        for (i, r) in report.facts.iter().enumerate() {
            if !r.holds {
                out.push(format!(
                    "{file}: steps[{}].check.facts[{i}]: {} but the engine shows {}",
                    report.step, r.fact, r.actual
                ));
            }
        }
    }
    out
}

#[test]
fn every_lesson_validates_runs_and_its_facts_hold() {
    let files = lesson_files();
    assert!(!files.is_empty(), "no lesson files in lessons/");
    let all: Vec<String> = files.iter().flat_map(|(f, t)| failures(f, t)).collect();
    assert!(all.is_empty(), "lesson failures:\n{}", all.join("\n"));
}

#[test]
fn index_lists_every_lesson_file_with_its_id_title_and_steps() {
    let text =
        std::fs::read_to_string(lessons_dir().join("index.json")).expect("lessons/index.json");
    let index: LessonIndex = serde_json::from_str(&text).expect("index.json parses");
    let files = lesson_files();
    let lessons: Vec<(String, Lesson)> = files
        .iter()
        .map(|(f, t)| (f.clone(), serde_json::from_str(t).expect("lesson parses")))
        .collect();
    let refs: Vec<(&str, &Lesson)> = lessons.iter().map(|(f, l)| (f.as_str(), l)).collect();
    let problems = check_index(&index, &refs);
    let lines: Vec<String> = problems
        .iter()
        .map(|p| format!("index.json: {p}"))
        .collect();
    assert!(lines.is_empty(), "{}", lines.join("\n"));
    let mut ids: Vec<&str> = lessons.iter().map(|(_, l)| l.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), lessons.len(), "lesson ids are unique");
}

/// A small lesson for the checker's own tests, independent of the shipped lessons: 2 partitions, an
/// instance with 3 threads (1 idle), then 2 threads (none idle).
const SAMPLE: &str = r#"{
  "version": 1, "id": "sample",
  "title": { "en": "Sample", "ko": "예시" },
  "summary": { "en": "Idle threads.", "ko": "노는 스레드." },
  "steps": [
    { "title": { "en": "Three threads", "ko": "스레드 셋" }, "text": { "en": "Look.", "ko": "보세요." },
      "scenario": { "version": 1, "seed": 3,
        "topics": [{ "name": "t", "partitions": 2 }],
        "producers": [{ "id": "p", "topic": "t", "rate_per_s": 10 }],
        "groups": [{ "id": "g", "topics": ["t"], "auto_offset_reset": "earliest",
                     "instances": [{ "id": "i", "listener": "L", "threads": 3 }] }] },
      "run_ms": 8000,
      "highlights": [{ "kind": "thread", "instance": "i", "thread": 2 }, { "kind": "row", "group": "g", "topic": "t", "partition": 1 }],
      "check": { "question": { "en": "Idle?", "ko": "몇 개?" },
        "choices": [ { "text": { "en": "1", "ko": "1" }, "explain": { "en": "yes", "ko": "네" } },
                     { "text": { "en": "0", "ko": "0" }, "explain": { "en": "no", "ko": "아니요" } } ],
        "answer": 0,
        "facts": [ { "measure": "idle_threads", "group": "g", "eq": 1 },
                   { "measure": "group_state", "group": "g", "is": "Stable" },
                   { "measure": "partitions", "topic": "t", "eq": 2 } ] } },
    { "title": { "en": "Two threads", "ko": "스레드 둘" }, "text": { "en": "Look.", "ko": "보세요." },
      "commands": [ { "at_ms": 1000, "command": { "action": "set_threads", "instance": "i", "threads": 2 } } ],
      "run_ms": 8000,
      "try_it": { "prompt": { "en": "Set threads.", "ko": "스레드 수를 바꿔 보세요." }, "when": { "action": "set_threads", "instance": "i" } },
      "check": { "question": { "en": "Idle?", "ko": "몇 개?" },
        "choices": [ { "text": { "en": "1", "ko": "1" }, "explain": { "en": "no", "ko": "아니요" } },
                     { "text": { "en": "0", "ko": "0" }, "explain": { "en": "yes", "ko": "네" } } ],
        "answer": 1,
        "facts": [ { "measure": "idle_threads", "group": "g", "eq": 0 },
                   { "measure": "owned", "group": "g", "instance": "i", "eq": 2 } ] } },
    { "title": { "en": "Read on", "ko": "계속" }, "text": { "en": "Look.", "ko": "보세요." },
      "run_ms": 1000 }
  ]
}"#;

#[test]
fn the_sample_lesson_passes() {
    assert_eq!(failures("sample.json", SAMPLE), Vec::<String>::new());
}

#[test]
fn a_flipped_expectation_fails_naming_file_step_fact_and_actual() {
    let text = SAMPLE.replace(r#""group": "g", "eq": 0 }"#, r#""group": "g", "eq": 1 }"#);
    assert_ne!(text, SAMPLE);
    let f = failures("sample.json", &text);
    assert_eq!(
        f,
        ["sample.json: steps[1].check.facts[0]: idle_threads{group=g} = 1 but the engine shows 0"]
    );
    let state = SAMPLE.replace(r#""is": "Stable""#, r#""is": "Empty""#);
    assert_eq!(
        failures("sample.json", &state),
        ["sample.json: steps[0].check.facts[1]: group_state{group=g} is Empty but the engine shows Stable"]
    );
}

#[test]
fn a_bad_answer_index_is_a_problem_with_its_path() {
    let text = SAMPLE.replace(r#""answer": 1"#, r#""answer": 2"#);
    assert_eq!(
        failures("sample.json", &text),
        ["sample.json: steps[1].check.answer: must be an index into choices (0 to 1)"]
    );
}

#[test]
fn a_missing_korean_text_is_a_problem_with_its_path() {
    let text = SAMPLE.replace(r#""ko": "스레드 둘""#, r#""ko": " ""#);
    assert_eq!(
        failures("sample.json", &text),
        ["sample.json: steps[1].title.ko: must not be empty"]
    );
    let text = SAMPLE.replace(r#", "ko": "예시""#, "");
    let f = failures("sample.json", &text);
    assert!(f[0].contains("missing field `ko`"), "{f:?}");
}

#[test]
fn an_unknown_measure_or_field_is_refused_by_the_reader() {
    let text = SAMPLE.replace(
        r#""measure": "partitions""#,
        r#""measure": "partition_count""#,
    );
    let f = failures("sample.json", &text);
    assert!(f[0].contains("unknown variant `partition_count`"), "{f:?}");
    let text = SAMPLE.replace(r#""run_ms": 1000"#, r#""run_ms": 1000, "colour": "red""#);
    let f = failures("sample.json", &text);
    assert!(f[0].contains("unknown field `colour`"), "{f:?}");
}

#[test]
fn selectors_and_expectations_follow_the_measure() {
    let text = SAMPLE.replace(
        r#"{ "measure": "partitions", "topic": "t", "eq": 2 }"#,
        r#"{ "measure": "partitions", "group": "g", "eq": 2, "at_most": 3 }"#,
    );
    assert_eq!(
        failures("sample.json", &text),
        [
            "sample.json: steps[0].check.facts[2].group: is not used by partitions",
            "sample.json: steps[0].check.facts[2].topic: is required by partitions",
            "sample.json: steps[0].check.facts[2]: must have exactly one of eq, at_least, at_most or is",
        ]
    );
}

#[test]
fn an_unknown_highlight_target_or_rejected_command_is_a_problem() {
    let text = SAMPLE.replace(r#""thread": 2 }"#, r#""thread": 3 }"#);
    assert_eq!(
        failures("sample.json", &text),
        ["sample.json: steps[0].highlights[0]: names something that does not exist in the step's world"]
    );
    let text = SAMPLE.replace(
        r#""when": { "action": "set_threads", "instance": "i" }"#,
        r#""when": { "action": "set_threads", "instance": "j", "producer": "p" }"#,
    );
    assert_eq!(
        failures("sample.json", &text),
        ["sample.json: steps[1].try_it.when.instance: names something that does not exist in the step's world"]
    );
    let text = SAMPLE.replace(
        r#""when": { "action": "set_threads", "instance": "i" }"#,
        r#""when": { "action": "add_instance", "instance": "new-1", "group": "g" }"#,
    );
    assert_eq!(failures("sample.json", &text), Vec::<String>::new());
    let text = SAMPLE.replace(r#""partition": 1 }]"#, r#""partition": 5 }]"#);
    assert_eq!(failures("sample.json", &text).len(), 1);
    let text = SAMPLE.replace(
        r#""instance": "i", "threads": 2"#,
        r#""instance": "x", "threads": 2"#,
    );
    let f = failures("sample.json", &text);
    assert!(
        f[0].starts_with("sample.json: steps[1].commands[0].command.instance: unknown instance"),
        "{f:?}"
    );
}

#[test]
fn a_scenario_problem_is_reported_under_its_step() {
    let text = SAMPLE.replace(r#""threads": 3"#, r#""threads": 0"#);
    assert_eq!(
        failures("sample.json", &text),
        ["sample.json: steps[0].scenario.groups[0].instances[0].threads: must be a whole number from 1 to 64"]
    );
}

#[test]
fn step_worlds_continue_and_start_fresh_deterministically() {
    let lesson: Lesson = serde_json::from_str(SAMPLE).unwrap();
    let mut run = StepWorlds::new(&lesson);
    run.next();
    assert_eq!(run.world().unwrap().now_ms(), 8000);
    run.next();
    assert_eq!(
        run.world().unwrap().now_ms(),
        16_000,
        "step 1 continues step 0's world"
    );
    let start = StepWorlds::start_world(&lesson, 1).unwrap();
    assert_eq!(start.now_ms(), 8000);
    assert_eq!(
        lesson.run(),
        lesson.run(),
        "the same lesson gives the same reports"
    );
    let log_end = |w: &kplay_core::World| w.snapshot().topics[0].partitions[0].log_end;
    assert_eq!(
        log_end(&start),
        log_end(&StepWorlds::start_world(&lesson, 1).unwrap())
    );
    assert!(lesson.try_it_matches(
        1,
        &kplay_core::Command::SetThreads {
            instance: "i".into(),
            threads: 4
        }
    ));
    assert!(!lesson.try_it_matches(
        1,
        &kplay_core::Command::SetThreads {
            instance: "j".into(),
            threads: 4
        }
    ));
    let missing = lesson.steps[0].check.as_ref().unwrap().facts[0]
        .clone()
        .group("nope");
    assert!(!missing.holds(&Value::Missing("no group \"nope\"".into())));
}

#[test]
fn the_index_names_files_in_order_and_as_they_are() {
    let lesson: Lesson = serde_json::from_str(SAMPLE).unwrap();
    let entry = |file: &str| kplay_core::lesson::IndexEntry {
        file: file.into(),
        id: lesson.id.clone(),
        title: lesson.title.clone(),
        steps: lesson.steps.len(),
    };
    let mut index = LessonIndex::default();
    index.lessons.push(entry("02-sample.json"));
    assert_eq!(check_index(&index, &[("02-sample.json", &lesson)]), vec![]);
    let paths = |index: &LessonIndex, files: &[(&str, &Lesson)]| -> Vec<String> {
        check_index(index, files)
            .iter()
            .map(|p| p.to_string())
            .collect()
    };
    index.lessons[0].title.ko = "다른 제목".into();
    index.lessons.push(entry("01-other.json"));
    index.lessons.push(entry("sample.json"));
    assert_eq!(
        paths(
            &index,
            &[("02-sample.json", &lesson), ("03-extra.json", &lesson)]
        ),
        [
            "lessons[0].title: must be the file's title",
            "lessons[1].file: must come after the previous entry's file (NN order)",
            "lessons[1].id: duplicate id \"sample\"",
            "lessons[1].file: no lesson file \"01-other.json\"",
            "lessons[2].file: must be NN-slug.json (two digits, a dash, a-z 0-9 -)",
            "lessons[2].id: duplicate id \"sample\"",
            "lessons[2].file: no lesson file \"sample.json\"",
            "lessons: does not list the file \"03-extra.json\"",
        ]
    );
}

#[test]
fn highlights_and_panels_are_read_strictly() {
    let bad_panel = SAMPLE.replace(
        r#"{ "kind": "row", "group": "g""#,
        r#"{ "kind": "panel", "panel": "charts" }, { "kind": "row", "group": "g""#,
    );
    let f = failures("sample.json", &bad_panel);
    assert!(f[0].contains("unknown variant `charts`"), "{f:?}");
    let extra = SAMPLE.replace(r#""thread": 2 }"#, r#""thread": 2, "colour": "red" }"#);
    let f = failures("sample.json", &extra);
    assert!(f[0].contains("unknown field `colour`"), "{f:?}");
    let ok = SAMPLE.replace(
        r#"{ "kind": "row", "group": "g""#,
        r#"{ "kind": "panel", "panel": "events" }, { "kind": "row", "group": "g""#,
    );
    assert_eq!(failures("sample.json", &ok), Vec::<String>::new());
}

/// The lesson files' budget (issue 11): every file under `lessons/`, as the web fetches them, within 60 KB
/// after `gzip -9` (the same measure as the bundle budget of `cargo xtask dist`).
const LESSONS_GZIP_BUDGET: usize = 60 * 1000;

#[test]
fn lesson_files_fit_their_gzip_budget() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut total = 0;
    let mut sizes = Vec::new();
    for entry in std::fs::read_dir(lessons_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let mut gzip = Command::new("gzip")
            .args(["-9", "-c"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("gzip is installed (cargo xtask dist needs it too)");
        let mut stdin = gzip.stdin.take().unwrap();
        let writer = std::thread::spawn(move || stdin.write_all(&bytes));
        let out = gzip.wait_with_output().unwrap();
        writer.join().unwrap().unwrap();
        assert!(out.status.success());
        total += out.stdout.len();
        sizes.push(format!("{} {}", out.stdout.len(), path.display()));
    }
    assert!(
        total <= LESSONS_GZIP_BUDGET,
        "lesson files are {total} B gzip, over the {LESSONS_GZIP_BUDGET} B budget:\n{}",
        sizes.join("\n")
    );
}
