//! `kplay run FLOW.json` and `kplay validate FLOW.json` through the built binary: the shipped flow scenarios
//! run and write a JSON Lines trace of the documented kinds, deterministically; bad files name the field and
//! the rule (docs/scenario.md, "Flow scenarios").

mod support;

use support::{kplay as kplay_in, output as kplay, temp_file};

fn repo(path: &str) -> String {
    format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The kinds docs/scenario.md lists for each model's trace (flow events, then the engine's).
fn kinds(model: &str) -> &'static [&'static str] {
    match model {
        "http" => &[
            "http_request",
            "http_call",
            "http_response",
            "produced",
            "processed",
            "committed",
            "assigned",
            "revoked",
            "group_state",
            "fault",
        ],
        "pool" => &[
            "pool_request",
            "pool_started",
            "pool_response",
            "produced",
            "processed",
            "committed",
            "assigned",
            "group_state",
        ],
        "polling" => &["published", "poll_sent", "poll_answered", "pushed"],
        _ => &[
            "system_request",
            "system_push",
            "produced",
            "processed",
            "committed",
            "assigned",
            "revoked",
            "lost",
            "group_state",
            "fault",
        ],
    }
}

/// Runs `file` to `until` with the trace on stdout; the trace's lines as JSON, checked: each has `t_ms` and
/// a documented `kind`, in time order.
fn trace(file: &str, until: &str, model: &str, extra: &[&str]) -> (String, Vec<serde_json::Value>) {
    let mut args = vec!["run", file, "--until-ms", until, "--trace", "-"];
    args.extend_from_slice(extra);
    let out = kplay(&args);
    assert!(out.status.success(), "{file}: {}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let mut last = 0;
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{file}: {e}: {l}")))
        .collect();
    for v in &lines {
        let t = v["t_ms"].as_u64().unwrap_or_else(|| panic!("no t_ms: {v}"));
        assert!(t >= last, "{file}: out of time order at {v}");
        last = t;
        let kind = v["kind"].as_str().unwrap_or("");
        assert!(
            kinds(model).contains(&kind),
            "{file}: undocumented kind {v}"
        );
    }
    (stdout, lines)
}

fn count(lines: &[serde_json::Value], kind: &str) -> usize {
    lines.iter().filter(|v| v["kind"] == kind).count()
}

#[test]
fn every_example_validates_and_runs_with_a_trace_of_its_models() {
    let examples = [
        ("http-email-outage", "http", "30000", "http vs messaging"),
        (
            "pool-burst",
            "pool",
            "12000",
            "worker pool vs consumer threads",
        ),
        ("polling-mail-client", "polling", "60000", "polling vs push"),
        ("system-payment-crash", "system", "45000", "gateway system"),
    ];
    let mut shipped: Vec<String> = std::fs::read_dir(repo("scenarios/flows"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    shipped.sort();
    let mut listed: Vec<String> = examples.iter().map(|e| format!("{}.json", e.0)).collect();
    listed.sort();
    assert_eq!(shipped, listed, "each example is run here");
    for (name, model, until, title) in examples {
        let file = repo(&format!("scenarios/flows/{name}.json"));
        let out = kplay(&["validate", &file]);
        assert_eq!(text(&out.stdout), "ok\n", "{}", text(&out.stderr));
        let (_, lines) = trace(&file, until, model, &[]);
        let out = kplay(&["run", &file, "--until-ms", until]);
        assert!(out.stdout.is_empty(), "no --trace: nothing on stdout");
        let err = text(&out.stderr);
        assert!(err.contains(title) && err.contains("seed 42"), "{err}");
        match model {
            "http" => {
                // 20/s for 30 s; every request is produced once. Email hangs from 10 s (to 40 s): each call
                // that reaches it then times out 1000 ms later, so by 30 s exactly the calls before 29 s have.
                assert_eq!(count(&lines, "http_request"), 600);
                assert_eq!(count(&lines, "produced"), 600);
                let timeouts = lines
                    .iter()
                    .filter(|v| v["kind"] == "http_response" && v["outcome"] == "timeout")
                    .count();
                let hung = lines
                    .iter()
                    .filter(|v| v["kind"] == "http_call" && v["hop"] == "email")
                    .filter(|v| (10_000..29_000).contains(&v["t_ms"].as_u64().unwrap_or(0)))
                    .count();
                assert_eq!(timeouts, hung);
                assert!(hung > 350, "{hung}");
                // The email instance stops at 10 s (its restart at 40 s is after the run).
                assert!(lines
                    .iter()
                    .any(|v| v["kind"] == "fault" && v["fault"] == "stop" && v["t_ms"] == 10_000));
                assert_eq!(count(&lines, "fault"), 1);
            }
            "pool" => {
                let refused = lines
                    .iter()
                    .filter(|v| v["kind"] == "pool_request" && v["outcome"] == "refused")
                    .count();
                assert!(refused > 0, "the burst is refused in part");
                assert_eq!(count(&lines, "pool_request"), count(&lines, "produced"));
            }
            "polling" => {
                // 100 clients every 10 s for 60 s; one event per second, pushed to all 100.
                assert_eq!(count(&lines, "poll_sent"), 600);
                assert_eq!(count(&lines, "published"), 60);
                assert!(lines
                    .iter()
                    .filter(|v| v["kind"] == "pushed")
                    .all(|v| v["clients"] == 100));
            }
            _ => {
                assert_eq!(count(&lines, "system_request"), 900);
                assert!(lines
                    .iter()
                    .any(|v| v["kind"] == "fault" && v["instance"] == "payment-1"));
                assert!(count(&lines, "system_push") > 0);
            }
        }
    }
}

#[test]
fn the_same_file_and_seed_give_a_byte_identical_trace_and_seed_overrides_the_file() {
    let file = repo("scenarios/flows/http-email-outage.json");
    let (a, _) = trace(&file, "15000", "http", &[]);
    let (b, _) = trace(&file, "15000", "http", &[]);
    assert!(a == b, "two runs differ");
    // --seed 9 on a file with seed 42 is the file with seed 9.
    let (c, _) = trace(&file, "15000", "http", &["--seed", "9"]);
    assert!(a != c, "another seed draws other latencies");
    let body = std::fs::read_to_string(&file).unwrap();
    assert!(body.contains("\"seed\": 42"), "{body}");
    let nine = temp_file("seed9.json", &body.replace("\"seed\": 42", "\"seed\": 9"));
    let (d, _) = trace(&nine, "15000", "http", &[]);
    assert!(c == d, "--seed overrides the file's seed");
    let out = kplay(&["run", &file, "--until-ms", "100", "--seed", "9"]);
    assert!(
        text(&out.stderr).contains("(seed 9)"),
        "{}",
        text(&out.stderr)
    );
    // A file without a seed runs seed 42, as `kplay flows`.
    let none = temp_file("noseed.json", &body.replace("\"seed\": 42,", ""));
    let (e, _) = trace(&none, "15000", "http", &[]);
    assert!(a == e, "the default seed is 42");
}

#[test]
fn the_trace_matches_kplay_flows_numbers() {
    let file = temp_file(
        "poll.json",
        r#"{"version":1,"flow":"polling","clients":7,"period_ms":1000,"rate":3,"latency_ms":20}"#,
    );
    let (_, lines) = trace(&file, "20000", "polling", &[]);
    let flows = kplay(&[
        "flows",
        "polling",
        "--clients",
        "7",
        "--period-ms",
        "1000",
        "--rate",
        "3",
        "--latency-ms",
        "20",
        "--until-ms",
        "20000",
        "--json",
    ]);
    let m: serde_json::Value = serde_json::from_slice(&flows.stdout).unwrap();
    let m = &m["metrics"];
    assert_eq!(
        count(&lines, "poll_sent") as u64,
        m["poll"]["requests"].as_u64().unwrap()
    );
    let empty = lines
        .iter()
        .filter(|v| v["kind"] == "poll_answered" && v["events"] == 0)
        .count();
    assert_eq!(empty as u64, m["poll"]["empty_responses"].as_u64().unwrap());
    let published: u64 = lines
        .iter()
        .filter(|v| v["kind"] == "published")
        .map(|v| v["events"].as_u64().unwrap())
        .sum();
    assert_eq!(published, m["events"].as_u64().unwrap());
}

#[test]
fn bad_flow_files_name_the_field_and_the_rule_and_exit_2() {
    let cases = [
        (
            r#"{"version":1,"flow":"http","colour":"red"}"#,
            "colour: unknown field \"colour\"; allowed: version, flow, seed, description, rate,",
        ),
        (
            r#"{"version":1,"flow":"http","rate":"fast"}"#,
            "rate: must be a whole number from 0 to 100000, got a string",
        ),
        (
            r#"{"version":1,"flow":"http","outage":5}"#,
            "outage: must be email or payment, got a number",
        ),
        (
            r#"{"version":1,"flow":"pool","threads":0}"#,
            "threads: must be a whole number from 1 to 10000, got 0",
        ),
        (
            r#"{"version":1,"flow":"http","email_failure":1.5}"#,
            "email_failure: must be a number from 0 to 1, got \"1.5\"",
        ),
        (
            r#"{"version":1,"flow":"http","partitions":2.5}"#,
            "partitions: must be a whole number from 1 to 64, got 2.5",
        ),
        (
            r#"{"version":1,"flow":"system","crash":"payment","crash_from_ms":5000,"crash_to_ms":10}"#,
            "crash_to_ms: must be after crash_from_ms",
        ),
        (
            r#"{"version":1,"flow":"system","gateway_down_from_ms":5000}"#,
            "gateway_down_to_ms: required with gateway_down_from_ms",
        ),
        (
            r#"{"version":1,"flow":"system","gateway_down_from_ms":5000,"gateway_down_to_ms":10}"#,
            "gateway_down_to_ms: must be after gateway_down_from_ms",
        ),
        (
            r#"{"version":1,"rate":5}"#,
            "missing the required field \"flow\"",
        ),
        (
            r#"{"version":1,"flow":"grpc"}"#,
            "flow: must be http, pool, polling or system, got \"grpc\"",
        ),
        (
            r#"{"version":2,"flow":"http"}"#,
            "version: must be 1, got 2",
        ),
        (
            r#"{"flow":"http"}"#,
            "missing the required field \"version\"",
        ),
        (
            r#"{"version":1,"flow":"http","seed":-1}"#,
            "seed: must be a whole number",
        ),
    ];
    for (i, (body, says)) in cases.into_iter().enumerate() {
        let file = temp_file(&format!("bad{i}.json"), body);
        for args in [
            vec!["validate", file.as_str()],
            vec!["run", &file, "--until-ms", "10", "--trace", "-"],
        ] {
            let run = kplay_in(&args, b"");
            support::assert_input_error(&run, &format!("error: {file}: {says}"));
        }
    }
    // Every problem is listed, the last one in the error returned.
    let file = temp_file(
        "many.json",
        r#"{"version":3,"flow":"pool","threads":0,"x":1}"#,
    );
    let run = kplay_in(&["validate", &file], b"");
    assert_eq!(run.stderr.lines().count(), 3, "{}", run.stderr);
}

/// docs/scenario.md's "Flow scenarios" tables list every key of each model, and the default they give is the
/// default: setting a key to it changes nothing.
#[test]
fn the_documented_keys_and_defaults_are_the_tables() {
    use kplay_core::flows::setup::{FlowSetup, Model};
    let doc = std::fs::read_to_string(repo("docs/scenario.md")).unwrap();
    let flows = &doc[doc.find("## Flow scenarios").expect("section")..];
    for model in Model::ALL {
        let head = format!("`\"flow\": \"{}\"`", model.name());
        let at = flows.find(&head).unwrap_or_else(|| panic!("{head}"));
        let table = flows[at..]
            .lines()
            .skip_while(|l| !l.starts_with('|'))
            .take_while(|l| l.starts_with('|'))
            .skip(2);
        let mut documented = Vec::new();
        let plain = || FlowSetup::new(model).build(&|k| k.into()).unwrap();
        for row in table {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            let names: Vec<&str> = cells[1].split(" / ").map(|n| n.trim_matches('`')).collect();
            let defaults: Vec<&str> = cells[2].split(" / ").map(|d| d.trim_matches('`')).collect();
            for (i, name) in names.iter().enumerate() {
                documented.push(name.to_string());
                let default = defaults
                    .get(i)
                    .or(defaults.first())
                    .copied()
                    .unwrap_or("none");
                if default == "none" {
                    continue;
                }
                let mut s = FlowSetup::new(model);
                s.set(name, default)
                    .unwrap_or_else(|e| panic!("{}: {name} = {default}: {e:?}", model.name()));
                assert_eq!(
                    s.build(&|k| k.into()).unwrap(),
                    plain(),
                    "{}: {name}'s default is not {default}",
                    model.name()
                );
            }
        }
        let keys: Vec<String> = model.keys().iter().map(|k| k.name.to_string()).collect();
        assert_eq!(documented, keys, "{}", model.name());
    }
}

/// A file's keys are `kplay flows`' options: each example, its keys given as options, prints the same table
/// `kplay run` prints on stderr.
#[test]
fn each_example_prints_what_kplay_flows_prints_with_the_same_keys_as_options() {
    for (name, until) in [
        ("http-email-outage", "20000"),
        ("pool-burst", "11000"),
        ("polling-mail-client", "30000"),
        ("system-payment-crash", "20000"),
    ] {
        let file = repo(&format!("scenarios/flows/{name}.json"));
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let obj = v.as_object().unwrap();
        let mut args: Vec<String> = vec!["flows".into(), obj["flow"].as_str().unwrap().into()];
        for (k, x) in obj {
            if ["version", "flow", "description"].contains(&k.as_str()) {
                continue;
            }
            args.push(format!("--{}", k.replace('_', "-")));
            args.push(x.as_str().map_or_else(|| x.to_string(), str::to_string));
        }
        args.extend(["--until-ms".into(), until.into()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let flows = kplay(&args);
        assert!(flows.status.success(), "{args:?}: {}", text(&flows.stderr));
        let run = kplay(&["run", &file, "--until-ms", until]);
        let err = text(&run.stderr);
        let (first, table) = err.split_once('\n').unwrap_or(("", ""));
        assert!(
            first.starts_with(&format!("ran {file} until {until} ms (seed 42): flow ")),
            "{first}"
        );
        assert_eq!(table, text(&flows.stdout), "{name}");
    }
}
