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

/// A fixed lesson for these tests (an early lesson 1), so they do not depend on the shipped lessons' wording.
const SAMPLE: &str = "crates/kplay-cli/tests/data/sample-lesson.json";

/// The sample lesson with `from` replaced by `to`, written to a temporary file.
fn variant(name: &str, from: &str, to: &str) -> String {
    let original = std::fs::read_to_string(format!("{}/{SAMPLE}", repo())).unwrap();
    assert!(
        original.contains(from),
        "the sample lesson contains {from:?}"
    );
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
    let mut files: Vec<String> = std::fs::read_dir(format!("{}/lessons", repo()))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") && n != "index.json")
        .collect();
    files.sort();
    let headers: Vec<&str> = stdout.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(headers.len(), files.len() + 1, "{stdout}");
    for (h, f) in headers.iter().zip(&files) {
        assert!(h.starts_with(&format!("lessons/{f}: ")), "{h} for {f}");
    }
    assert!(
        stdout
            .lines()
            .filter(|l| l.starts_with(' '))
            .all(|l| l.starts_with("  steps[") && l.ends_with(" OK")),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .last()
            .unwrap()
            .starts_with(&format!("ok: lessons {}, steps ", files.len())),
        "{stdout}"
    );
}

#[test]
fn check_prints_each_fact_of_a_file_and_a_failing_one_exits_1() {
    let out = kplay(&["lesson", "check", SAMPLE]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.starts_with(&format!("{SAMPLE}: topic\n")),
        "{stdout}"
    );
    assert!(
        stdout.contains("  steps[0]: log_end{topic=orders} = 50: actual 50 OK"),
        "{stdout}"
    );
    assert_eq!(
        stdout.lines().last(),
        Some("ok: lessons 1, steps 4, facts 10")
    );
    let file = variant("flipped.json", r#""eq": 50"#, r#""eq": 51"#);
    let out = kplay(&["lesson", "check", &file]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("  steps[0]: log_end{topic=orders} = 51: actual 50 FAIL"),
        "{stdout}"
    );
    assert_eq!(
        stdout.lines().last(),
        Some("FAIL: lessons 1, steps 4, facts 10")
    );
}

#[test]
fn a_broken_rule_names_the_file_and_field_with_exit_2() {
    let file = variant("answer.json", r#""answer": 0"#, r#""answer": 7"#);
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
    let out = kplay(&["lesson", "show", SAMPLE, "--lang", "ko", "--step", "1"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(stdout.starts_with("토픽은 로그입니다\n"), "{stdout}");
    assert!(
        stdout.contains("\n## 1/4 프로듀서가 토픽에 씁니다\n"),
        "{stdout}"
    );
    assert!(!stdout.contains("## 2/4 "), "{stdout}");
    assert!(stdout.contains("\n? 5초가 지났고"), "{stdout}");
    assert!(
        stdout.contains("\n  1) 파티션 로그의 오프셋 0부터 49까지에 있어요\n"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("맞아요"),
        "the explanations give the answer away: {stdout}"
    );
    let out = kplay(&["lesson", "show", SAMPLE]);
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("A topic is a log\n"), "{stdout}");
    assert!(
        stdout.contains("\n## 4/4 Another group reads it all again\n"),
        "{stdout}"
    );
    assert!(stdout.contains("\n> Add one more group"), "{stdout}");
    let out = kplay(&["lesson", "show", SAMPLE, "--step", "9"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr).trim(),
        "error: --step: must be a whole number from 1 to 4, got 9"
    );
    let out = kplay(&["lesson", "show", SAMPLE, "--lang", "fr"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr).trim(),
        "error: --lang: must be ko or en, got \"fr\""
    );
}
