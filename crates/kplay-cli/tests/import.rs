//! `kplay import` through the built binary.

mod support;

use support::{output as kplay, temp_file};

fn fixture(name: &str) -> String {
    format!(
        "{}/../kplay-core/tests/data/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn import_prints_a_valid_scenario_and_explains_on_stderr() {
    let out = kplay(&[
        "import",
        &fixture("describe-3.6.txt"),
        &fixture("state-3.6.txt"),
        &fixture("topics-3.x.txt"),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let s: kplay_core::Scenario = serde_json::from_slice(&out.stdout).expect("scenario JSON");
    assert!(s.validate().is_ok());
    assert_eq!(s.topics[0].initial_logs[0].log_end, 1_234_567);
    assert!(
        err.contains("group billing: 4 member(s), 3 partition(s), strategy cooperative-sticky"),
        "{err}"
    );
    assert!(err.contains("group billing: idle consumer-billing-4-5e6f7a8b-7a5e-4a52-9d0b-1c2d3e4f5a6b: more members than partitions"), "{err}");
    assert!(
        err.contains("group billing: lag 467 (orders-2 400, orders-0 67)"),
        "{err}"
    );
    assert!(err.contains("assumed: producers: none"), "{err}");
    // The scenario file is usable by `kplay validate`.
    let path = temp_file("imported.json", &String::from_utf8_lossy(&out.stdout));
    assert!(kplay(&["validate", &path]).status.success());
}

#[test]
fn two_pastes_give_rates_and_the_time_to_clear() {
    let h = "GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID\n";
    let a = temp_file("a.txt", &format!("{h}g t 0 1000 2000 1000 m-1 /h c-1\n"));
    let b = temp_file("b.txt", &format!("{h}g t 0 1700 2300 600 m-1 /h c-1\n"));
    let out = kplay(&["import", &a, &b, "--interval-s", "7"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("rate: g t-0: produced 300 and consumed 700 in 7 s"),
        "{err}"
    );
    assert!(
        err.contains("group g: the lag clears in 10500 ms at the measured rates"),
        "{err}"
    );
}

#[test]
fn unreadable_lines_are_listed_by_file_and_line_and_exit_2() {
    let bad = temp_file("bad.txt", "GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID\ng t 0 1 1\n\nnonsense here\n");
    let out = kplay(&["import", &bad]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("error: {bad}: line 2: expected 9 columns")),
        "{err}"
    );
    assert!(
        err.contains(&format!("error: {bad}: line 4: expected a table header")),
        "{err}"
    );
    let out = kplay(&["import", &bad, "--interval-s", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("error: --interval-s: must be a whole number of seconds ≥ 1"));
}
