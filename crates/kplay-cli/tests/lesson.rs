//! `kplay lesson check` and `kplay lesson show` through the built binary.

use std::io::Write;
use std::process::{Command, Output};

fn repo() -> String {
    format!("{}/../..", env!("CARGO_MANIFEST_DIR"))
}

/// Runs `kplay` in the repository root (where `lessons/` is).
fn kplay(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kplay"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("kplay runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The shipped lesson 1 with `from` replaced by `to`, written to a temporary file.
fn variant(name: &str, from: &str, to: &str) -> String {
    let original = std::fs::read_to_string(format!("{}/lessons/01-topic.json", repo())).unwrap();
    assert!(original.contains(from), "lesson 1 contains {from:?}");
    let dir = std::env::temp_dir().join(format!("kplay-cli-lesson-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(original.replacen(from, to, 1).as_bytes()))
        .expect("write");
    path.to_string_lossy().into_owned()
}

#[test]
fn check_runs_every_shipped_lesson_and_prints_each_fact() {
    let out = kplay(&["lesson", "check"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("lessons/01-topic.json: topic"), "{stdout}");
    assert!(
        stdout.contains("  steps[0]: log_end{topic=orders} = 20: actual 20 OK"),
        "{stdout}"
    );
    assert!(!stdout.contains("FAIL"), "{stdout}");
    assert!(
        stdout.lines().last().unwrap().starts_with("ok: lessons "),
        "{stdout}"
    );
}

#[test]
fn a_fact_that_does_not_hold_fails_with_exit_1() {
    let file = variant("flipped.json", r#""eq": 20"#, r#""eq": 21"#);
    let out = kplay(&["lesson", "check", &file]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("  steps[0]: log_end{topic=orders} = 21: actual 20 FAIL"),
        "{stdout}"
    );
    assert!(
        stdout.lines().last().unwrap().starts_with("FAIL: "),
        "{stdout}"
    );
}

#[test]
fn a_broken_rule_names_the_file_and_field_with_exit_2() {
    let file = variant("answer.json", r#""answer": 1"#, r#""answer": 7"#);
    let out = kplay(&["lesson", "check", &file]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr).trim(),
        format!("error: {file}: steps[0].check.answer: must be an index into choices (0 to 2)")
    );
    assert!(out.stdout.is_empty());
    let file = variant(
        "measure.json",
        r#""measure": "log_end""#,
        r#""measure": "log_ends""#,
    );
    let out = kplay(&["lesson", "check", &file]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(&format!(
            "error: {file}: steps[0].check.facts[0].measure: unknown value \"log_ends\"; allowed: idle_threads,"
        )),
        "{stderr}"
    );
    let out = kplay(&["lesson", "check", "no-such-lesson.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("error: no-such-lesson.json: cannot read"));
}

#[test]
fn show_prints_a_step_in_korean_or_english() {
    let out = kplay(&[
        "lesson",
        "show",
        "lessons/01-topic.json",
        "--lang",
        "ko",
        "--step",
        "1",
    ]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        stdout.starts_with("토픽: 프로듀서, 토픽, 컨슈머\n"),
        "{stdout}"
    );
    assert!(stdout.contains("## 1/4 "), "{stdout}");
    assert!(!stdout.contains("## 2/4 "), "{stdout}");
    assert!(stdout.contains("  1) 사라졌습니다."), "{stdout}");
    let out = kplay(&["lesson", "show", "lessons/01-topic.json"]);
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("Topic: producer, topic, consumer\n"),
        "{stdout}"
    );
    assert!(stdout.contains("## 4/4 "), "{stdout}");
    let out = kplay(&["lesson", "show", "lessons/01-topic.json", "--step", "9"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr).trim(),
        "error: --step: must be a whole number from 1 to 4, got 9"
    );
    let out = kplay(&["lesson", "show", "lessons/01-topic.json", "--lang", "fr"]);
    assert_eq!(out.status.code(), Some(2));
}
