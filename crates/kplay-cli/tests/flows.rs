//! `kplay flows` through the built binary: both sides printed, JSON that parses, plain-words errors.

mod support;

use support::output as kplay;

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn http_prints_both_sides_and_the_outage_fails_only_the_http_side() {
    let out = kplay(&[
        "flows",
        "http",
        "--outage",
        "email",
        "--outage-from-ms",
        "10000",
        "--outage-to-ms",
        "40000",
        "--email-jitter-ms",
        "0",
        "--payment-jitter-ms",
        "0",
        "--until-ms",
        "60000",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(
        s.contains("request-response") && s.contains("messaging"),
        "{s}"
    );
    // 30 s × 20 requests/s reach email while it is down: each waits its 1000 ms timeout.
    let line = s
        .lines()
        .find(|l| l.starts_with("failed (timeout)"))
        .unwrap_or("");
    assert_eq!(
        line.split_whitespace().collect::<Vec<_>>()[2..],
        ["600", "0"],
        "{s}"
    );
    assert!(s.contains("email lag now / max"), "{s}");
}

#[test]
fn json_output_parses_and_is_the_same_for_the_same_seed() {
    let run = |seed: &str| {
        kplay(&[
            "flows",
            "pool",
            "--until-ms",
            "13000",
            "--seed",
            seed,
            "--json",
        ])
    };
    let (a, b) = (run("3"), run("3"));
    assert!(a.status.success(), "{}", text(&a.stderr));
    assert_eq!(a.stdout, b.stdout);
    let v: serde_json::Value = serde_json::from_slice(&a.stdout).expect("JSON");
    assert_eq!(v["spec"]["threads"], 200);
    assert_eq!(v["spec"]["accept_count"], 100);
    assert_eq!(v["metrics"]["server"]["max_queue"], 100);
    assert!(v["metrics"]["server"]["rejected"].as_u64().unwrap_or(0) > 0);
    assert!(v["metrics"]["consumer"]["max_lag"].as_u64().unwrap_or(0) > 1000);

    let p = kplay(&[
        "flows",
        "polling",
        "--clients",
        "10",
        "--latency-ms",
        "30",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&p.stdout).expect("JSON");
    assert_eq!(v["metrics"]["push"]["delay"]["max"], 30);
    assert_eq!(v["metrics"]["poll"]["requests"], 300);
}

#[test]
fn system_with_a_crashed_payment_answers_fast_and_pushes_every_request_later() {
    let out = kplay(&["flows", "system", "--crash", "payment", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let m = &v["metrics"];
    assert_eq!(m["requests"], 1800);
    assert_eq!(m["notified"], m["written"]);
    assert!(
        m["response"]["max"].as_u64().unwrap_or(u64::MAX) <= 22,
        "{m}"
    );
    assert!(m["end_to_end"]["max"].as_u64().unwrap_or(0) > 30_000, "{m}");
    assert_eq!(v["spec"]["faults"][0]["instance"], "payment-1");
}

#[test]
fn bad_input_names_the_option_and_the_rule_and_exits_2() {
    for (args, says) in [
        (vec!["flows"], "error: flows: missing model"),
        (
            vec!["flows", "grpc"],
            "error: flows: unknown model \"grpc\"",
        ),
        (
            vec!["flows", "http", "--rate", "-5"],
            "error: --rate: must be a whole number from 0 to 100000, got a negative number",
        ),
        (
            vec!["flows", "http", "--email-failure", "2"],
            "error: --email-failure: must be a number from 0 to 1, got \"2\"",
        ),
        (
            vec!["flows", "http", "--outage", "db"],
            "error: --outage: must be email or payment, got \"db\"",
        ),
        (
            vec!["flows", "pool", "--threads", "0"],
            "error: --threads: must be a whole number from 1 to 10000, got 0",
        ),
        (
            vec![
                "flows",
                "pool",
                "--burst-from-ms",
                "5000",
                "--burst-to-ms",
                "10",
            ],
            "error: --burst-to-ms: must be after --burst-from-ms",
        ),
        (
            vec!["flows", "polling", "--period"],
            "error: --period: missing value",
        ),
        (
            vec!["flows", "polling", "--period", "5"],
            "error: --period: unknown option",
        ),
        (
            vec!["flows", "polling", "--spread", "random", "--rate", "5000"],
            "error: --rate: must be a whole number from 0 to 1000 with --spread random, got 5000",
        ),
    ] {
        let out = kplay(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(
            text(&out.stderr).starts_with(says),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
}
