//! `kplay run --trace -` feeding a reader that stops early (`| head`) ends quietly; other write errors are
//! still `error: --trace: …` with exit 2.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

fn scenario() -> String {
    format!(
        "{}/../../scenarios/crash-duplicates.json",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn a_closed_stdout_ends_the_run_quietly_with_success() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kplay"))
        .args(["run", &scenario(), "--until-ms", "3600000", "--trace", "-"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn kplay");
    let stdout = child.stdout.take().expect("stdout pipe");
    let mut lines = BufReader::new(stdout).lines();
    for _ in 0..3 {
        let line = lines.next().expect("a trace line").expect("readable");
        assert!(line.starts_with('{'), "{line}");
    }
    // What `head -n 3` does: close the pipe while kplay is still writing (an hour of trace is megabytes).
    drop(lines);
    let out = child.wait_with_output().expect("wait for kplay");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "stderr: {stderr}");
    assert!(!stderr.contains("error"), "stderr: {stderr}");
}

#[cfg(target_os = "linux")]
#[test]
fn other_write_errors_are_still_reported() {
    let out = Command::new(env!("CARGO_BIN_EXE_kplay"))
        .args([
            "run",
            &scenario(),
            "--until-ms",
            "60000",
            "--trace",
            "/dev/full",
        ])
        .output()
        .expect("run kplay");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(out.stdout.is_empty());
    assert!(
        stderr.starts_with("error: --trace: write failed:"),
        "stderr: {stderr}"
    );
}
