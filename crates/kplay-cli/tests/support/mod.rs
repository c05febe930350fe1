//! Runs the built `kplay` binary with arguments and stdin.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// What one `kplay` run produced.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `kplay args…` with `stdin` as its input.
#[allow(dead_code)]
pub fn kplay(args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kplay"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn kplay");
    let mut pipe = child.stdin.take().expect("stdin pipe");
    // A failing run may exit before reading everything; a broken pipe here is then expected.
    let _ = pipe.write_all(stdin);
    drop(pipe);
    let out = child.wait_with_output().expect("wait for kplay");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Asserts the CLI contract for bad input: exit 2, nothing on stdout, one `error: <where>: <what>` message that
/// contains `needle`, and no panic.
#[allow(dead_code)]
pub fn assert_input_error(run: &Run, needle: &str) {
    assert_eq!(run.code, 2, "exit code; stderr: {}", run.stderr);
    assert!(
        run.stdout.is_empty(),
        "stdout must be empty, got {:?}",
        run.stdout
    );
    assert!(
        run.stderr.starts_with("error: "),
        "stderr: {:?}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "stderr: {:?}", run.stderr);
    assert!(
        run.stderr.contains(needle),
        "expected {needle:?} in {:?}",
        run.stderr
    );
}

/// Runs `kplay args…` without input and returns what the process left: status, stdout and stderr as bytes.
#[allow(dead_code)]
pub fn output(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kplay"))
        .args(args)
        .output()
        .expect("kplay runs")
}

/// Writes `text` to `name` in a folder of this test process's own; gives the file's path.
#[allow(dead_code)]
pub fn temp_file(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("kplay-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .expect("write");
    path.to_string_lossy().into_owned()
}
