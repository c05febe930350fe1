//! `kplay place` and `kplay coordinator` through the built binary: Kafka's cases, the Java-made vectors, and the
//! error contract (exit 2, nothing on stdout, `error: <option>: <rule>`).

mod support;

use serde_json::Value;
use support::{assert_input_error, kplay};

const PLACEMENT: &str = include_str!("../../kplay-core/tests/data/kafka-placement-vectors.json");
const COORDINATOR: &str = include_str!("../../kplay-core/tests/data/java-coordinator-vectors.json");

#[test]
fn kafkas_published_placements() {
    let run = kplay(
        &[
            "place",
            "--brokers",
            "0,1,2,3,4",
            "--partitions",
            "10",
            "--replication-factor",
            "3",
            "--start-index",
            "0",
        ],
        b"",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "{\"0\":[0,1,2],\"1\":[1,2,3],\"2\":[2,3,4],\"3\":[3,4,0],\"4\":[4,0,1],\
         \"5\":[0,2,3],\"6\":[1,3,4],\"7\":[2,4,0],\"8\":[3,0,1],\"9\":[4,1,2]}\n"
    );
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let run = kplay(
        &[
            "place",
            "--brokers=0,1,2,3,4,5",
            "--racks=rack1,rack3,rack3,rack2,rack2,rack1",
            "--partitions=7",
            "--replication-factor=3",
            "--start-index=0",
        ],
        b"",
    );
    assert_eq!(
        run.stdout,
        "{\"0\":[0,3,1],\"1\":[3,1,5],\"2\":[1,5,4],\"3\":[5,4,2],\"4\":[4,2,0],\"5\":[2,0,3],\"6\":[0,4,2]}\n"
    );
}

#[test]
fn kafka_adminutils_vectors_through_the_binary() {
    let file: Value = serde_json::from_str(PLACEMENT).unwrap();
    let mut ran = 0;
    for case in file["cases"].as_array().unwrap().iter().step_by(6) {
        let brokers = case["brokers"].as_array().unwrap();
        let ids: Vec<String> = brokers.iter().map(|b| b["id"].to_string()).collect();
        let racks: Vec<&str> = brokers
            .iter()
            .map(|b| b["rack"].as_str().unwrap_or(""))
            .collect();
        let mut args = vec![
            "place".to_string(),
            format!("--brokers={}", ids.join(",")),
            format!("--partitions={}", case["partitions"]),
            format!("--replication-factor={}", case["replication_factor"]),
            format!("--start-index={}", case["start_index"]),
            format!("--shift={}", case["replica_shift"]),
            format!(
                "--start-partition={}",
                case["start_partition_id"].as_i64().unwrap().max(0)
            ),
        ];
        if racks.iter().any(|r| !r.is_empty()) {
            args.push(format!("--racks={}", racks.join(",")));
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = kplay(&args, b"");
        match case.get("error") {
            Some(class) => assert_input_error(&run, class.as_str().unwrap()),
            None => {
                assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
                let got: Value = serde_json::from_str(&run.stdout).unwrap();
                assert_eq!(got, case["expect"], "{args:?}");
            }
        }
        ran += 1;
    }
    assert!(ran >= 100);
}

#[test]
fn a_seed_draws_the_start_and_says_which() {
    let args = [
        "place",
        "--brokers",
        "1,2,3,4",
        "--partitions",
        "8",
        "--replication-factor",
        "3",
        "--seed",
        "7",
    ];
    let first = kplay(&args, b"");
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_eq!(kplay(&args, b"").stdout, first.stdout);
    // "note: start index I and replica shift S drawn from seed 7 …": the same placement as giving I and S.
    let words: Vec<&str> = first.stderr.split_whitespace().collect();
    assert_eq!(&words[..3], ["note:", "start", "index"], "{}", first.stderr);
    let (index, shift) = (words[3], words[7]);
    let fixed = kplay(
        &[
            "place",
            "--brokers",
            "1,2,3,4",
            "--partitions",
            "8",
            "--replication-factor",
            "3",
            "--start-index",
            index,
            "--shift",
            shift,
        ],
        b"",
    );
    assert_eq!(fixed.stdout, first.stdout);
    assert!(fixed.stderr.is_empty());
}

#[test]
fn bad_place_arguments() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["--partitions", "3", "--replication-factor", "1"],
            "error: --brokers: missing",
        ),
        // Where Java's int arithmetic would overflow, Kafka throws or places differently: refused.
        (
            &[
                "--brokers",
                "1,2,3",
                "--partitions",
                "2",
                "--replication-factor",
                "3",
                "--start-partition",
                "2147483647",
                "--start-index",
                "0",
            ],
            "error: --start-partition: the last partition id would be 2147483648",
        ),
        (
            &[
                "--brokers",
                "1,2,3",
                "--partitions",
                "2",
                "--replication-factor",
                "3",
                "--start-index",
                "2147483647",
            ],
            "error: --start-index: partition id + start index reaches 2147483648",
        ),
        (
            &[
                "--brokers",
                "1,2,3",
                "--racks",
                "a,b,c",
                "--partitions",
                "2",
                "--replication-factor",
                "3",
                "--start-index",
                "5",
                "--shift",
                "1000000000",
            ],
            "error: --shift: replica shift × racks reaches 3000000000",
        ),
        (
            &[
                "--brokers",
                "1,,2",
                "--partitions",
                "3",
                "--replication-factor",
                "1",
            ],
            "--brokers: entry 2",
        ),
        (
            &[
                "--brokers",
                "1,-2",
                "--partitions",
                "3",
                "--replication-factor",
                "1",
            ],
            "from 0 to 2147483647",
        ),
        (
            &[
                "--brokers",
                "1,2,1",
                "--partitions",
                "3",
                "--replication-factor",
                "1",
            ],
            "broker 1 is listed twice",
        ),
        (
            &[
                "--brokers",
                "1,2",
                "--racks",
                "a",
                "--partitions",
                "3",
                "--replication-factor",
                "1",
            ],
            "--racks: 1 entries for 2 brokers",
        ),
        (
            &[
                "--brokers",
                "1,2",
                "--racks",
                "a,",
                "--partitions",
                "3",
                "--replication-factor",
                "1",
            ],
            "--racks: Not all brokers have rack information",
        ),
        (
            &[
                "--brokers",
                "1,2",
                "--partitions",
                "0",
                "--replication-factor",
                "1",
            ],
            "--partitions: Number of partitions must be larger than 0.",
        ),
        (
            &[
                "--brokers",
                "1,2",
                "--partitions",
                "-4",
                "--replication-factor",
                "1",
            ],
            "InvalidPartitionsException",
        ),
        (
            &[
                "--brokers",
                "1,2",
                "--partitions",
                "2000000",
                "--replication-factor",
                "1",
            ],
            "--partitions: 2000000 is more than",
        ),
        (
            &[
                "--brokers",
                "1,2",
                "--partitions",
                "3x",
                "--replication-factor",
                "1",
            ],
            "--partitions: must be a whole number",
        ),
        (
            &["--brokers", "1,2", "--partitions", "3"],
            "--replication-factor: missing",
        ),
        (
            &[
                "--brokers",
                "1,2",
                "--partitions",
                "3",
                "--replication-factor",
                "0",
            ],
            "--replication-factor: Replication factor must be larger than 0.",
        ),
        (
            &[
                "--brokers",
                "1,2",
                "--partitions",
                "3",
                "--replication-factor",
                "3",
            ],
            "--replication-factor: Replication factor: 3 larger than available brokers: 2.",
        ),
        (
            &[
                "--brokers",
                "1,2",
                "--partitions",
                "3",
                "--replication-factor",
                "1",
                "--shift",
                "1",
            ],
            "--shift: needs --start-index",
        ),
        (
            &[
                "--brokers",
                "1,2",
                "--partitions",
                "3",
                "--replication-factor",
                "1",
                "--start-index",
                "1",
                "--seed",
                "3",
            ],
            "--seed: ",
        ),
        (
            &[
                "--brokers",
                "1,2",
                "--partitions",
                "3",
                "--replication-factor",
                "1",
                "--start-index",
                "-1",
            ],
            "--start-index: must be",
        ),
        (
            &[
                "--brokers",
                "1,2",
                "--partitions",
                "3",
                "--replication-factor",
                "1",
                "--seed",
                "x",
            ],
            "--seed: ",
        ),
        (
            &["--brokers", "1,2", "--brokers", "3"],
            "--brokers: given more than once",
        ),
        (&["--brokers"], "--brokers: missing value"),
        (&["--topic", "t"], "unknown argument \"--topic\""),
    ];
    for (args, needle) in cases {
        let mut all = vec!["place"];
        all.extend_from_slice(args);
        assert_input_error(&kplay(&all, b""), needle);
    }
}

#[test]
fn coordinator_partitions_match_java() {
    let file: Value = serde_json::from_str(COORDINATOR).unwrap();
    let cases = file["cases"].as_array().unwrap();
    let input: String = cases
        .iter()
        .map(|c| format!("{}\n", c["group_id"].as_str().unwrap()))
        .collect();
    for (k, count) in file["counts"].as_array().unwrap().iter().enumerate() {
        let count = count.to_string();
        let args: Vec<&str> = if k == 0 {
            vec!["coordinator"]
        } else {
            vec!["coordinator", "--partitions", &count]
        };
        let run = kplay(&args, input.as_bytes());
        assert_eq!(run.code, 0, "{}", run.stderr);
        let expected: String = cases
            .iter()
            .map(|c| format!("{}\n", c["partitions"][k]))
            .collect();
        assert_eq!(run.stdout, expected, "{count} partitions");
    }
}

#[test]
fn coordinator_lines_and_errors() {
    // No trailing newline, an empty line (the empty id) and a \r kept as part of the id.
    let run = kplay(
        &["coordinator"],
        b"my-group\n\npolygenelubricants\nmy-group\r",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // "my-group\r".hashCode() = -1906497762 * 31 + 13 (wrapping) = 1028111535 (Java says so too); % 50 = 35.
    assert_eq!(run.stdout, "12\n0\n0\n35\n");
    assert_input_error(&kplay(&["coordinator"], b""), "stdin: no group ids");
    assert_input_error(
        &kplay(&["coordinator"], b"ok\n\xff\n"),
        "stdin line 2: invalid UTF-8",
    );
    assert_input_error(
        &kplay(&["coordinator", "--partitions", "0"], b"g\n"),
        "--partitions: 0 is out of range",
    );
    assert_input_error(
        &kplay(&["coordinator", "--partitions"], b"g\n"),
        "--partitions: missing value",
    );
    assert_input_error(
        &kplay(&["coordinator", "--partitions=3", "--partitions=4"], b"g\n"),
        "given more than once",
    );
    assert_input_error(
        &kplay(&["coordinator", "group"], b"g\n"),
        "unknown argument \"group\"",
    );
}
