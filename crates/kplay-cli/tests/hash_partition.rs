//! `kplay hash` and `kplay partition` through the built binary (DESIGN.md §3).

mod support;

use support::{assert_input_error, kplay};

#[test]
fn hash_prints_kafka_murmur2_per_line_including_the_empty_key() {
    let run = kplay(&["hash"], b"21\nfoobar\n\nabc\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "-973932308\n-790332482\n275646681\n479470107\n");
}

#[test]
fn hash_accepts_a_last_line_without_newline_and_unicode() {
    let run = kplay(&["hash"], "a\nk\u{e9}y-\u{4e2d}".as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!("{}\n{}\n", 2731586172u32 as i32, 1364572764)
    );
}

#[test]
fn partition_masks_the_sign_and_takes_the_modulo() {
    // murmur2("21") = -973932308; & 0x7fffffff = 1173551340; % 1000 = 340.
    let run = kplay(&["partition", "--partitions", "1000"], b"21\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "340\n");
    let run = kplay(&["partition", "--partitions=3"], b"21\nfoobar\n");
    assert_eq!(run.stdout, "0\n0\n");
    let run = kplay(&["partition", "--partitions", "2147483647"], b"21\n");
    assert_eq!(run.stdout, "1173551340\n");
}

#[test]
fn partition_rejects_bad_counts_and_flags() {
    for (args, needle) in [
        (&["partition"][..], "--partitions: missing"),
        (&["partition", "--partitions"], "missing value"),
        (&["partition", "--partitions", "0"], "out of range"),
        (&["partition", "--partitions", "2147483648"], "out of range"),
        // A negative count is called negative (issue 17), not "not a number".
        (
            &["partition", "--partitions", "-3"],
            "-3 is negative; it must be a whole number from 1",
        ),
        (&["partition", "--partitions", "ten"], "not a number"),
        (
            &["partition", "--partitions", "3", "--partitions", "4"],
            "more than once",
        ),
        (
            &["partition", "--partitions", "3", "--verbose"],
            "unknown argument",
        ),
    ] {
        assert_input_error(&kplay(args, b"k\n"), needle);
    }
}

#[test]
fn bad_stdin_is_an_error_with_nothing_on_stdout() {
    assert_input_error(&kplay(&["hash"], b""), "stdin: no keys");
    assert_input_error(&kplay(&["partition", "--partitions", "3"], b""), "no keys");
    assert_input_error(
        &kplay(&["hash"], b"good\nbad\xc3\n"),
        "stdin line 2: invalid UTF-8",
    );
    assert_input_error(
        &kplay(&["partition", "--partitions", "3"], b"a\nb\nc\xff"),
        "stdin line 3",
    );
    assert_input_error(&kplay(&["hash", "extra"], b"a\n"), "takes no arguments");
}

#[test]
fn hash_and_partition_agree_on_many_keys() {
    let keys: String = (0..2000).map(|i| format!("key-{i}\n")).collect();
    let hashes = kplay(&["hash"], keys.as_bytes());
    let parts = kplay(&["partition", "--partitions", "7"], keys.as_bytes());
    assert_eq!(hashes.code, 0);
    assert_eq!(parts.code, 0);
    let hs: Vec<i64> = hashes.stdout.lines().map(|l| l.parse().unwrap()).collect();
    let ps: Vec<i64> = parts.stdout.lines().map(|l| l.parse().unwrap()).collect();
    assert_eq!(hs.len(), 2000);
    for (h, p) in hs.iter().zip(&ps) {
        assert_eq!((h & 0x7fff_ffff) % 7, *p);
    }
}
