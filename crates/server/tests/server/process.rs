//! The server binary as an operator meets it: start-up errors in plain words, graceful shutdown.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn server() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_portal-server"));
    for var in [
        "PORTAL_ADDR",
        "PORTAL_DATABASE_URL",
        "PORTAL_DATA_DIR",
        "PORTAL_DIST_DIR",
    ] {
        command.env_remove(var);
    }
    command
}

/// The server with a fresh data folder and a stand-in build, both inside `dir`.
fn server_in(dir: &std::path::Path) -> Command {
    crate::common::write_dist(&dir.join("dist"));
    let mut command = server();
    command
        .arg("--data-dir")
        .arg(dir.join("data"))
        .arg("--dist-dir")
        .arg(dir.join("dist"));
    command
}

/// Runs the server to completion and returns its exit success and standard error.
fn run_to_failure(command: &mut Command) -> (bool, String) {
    let output = command.output().expect("the server binary runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_bad_flag_is_named() {
    let (ok, stderr) = run_to_failure(server().args(["--addr", "not-an-address"]));
    assert!(!ok);
    assert!(stderr.contains("--addr"), "{stderr}");
}

#[test]
fn an_unusable_data_folder_is_explained() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("a-file");
    std::fs::write(&file, b"not a folder").expect("write");
    let (ok, stderr) = run_to_failure(server().arg("--data-dir").arg(file.join("data")));
    assert!(!ok);
    assert!(stderr.contains("The data folder"), "{stderr}");
    assert!(stderr.contains("--data-dir or PORTAL_DATA_DIR"), "{stderr}");
}

#[test]
fn a_missing_build_is_explained() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (ok, stderr) = run_to_failure(
        server()
            .arg("--data-dir")
            .arg(dir.path().join("data"))
            .arg("--dist-dir")
            .arg(dir.path().join("nowhere")),
    );
    assert!(!ok);
    assert!(stderr.contains("The built web app"), "{stderr}");
    assert!(stderr.contains("cargo xtask run"), "{stderr}");
}

#[test]
fn an_unreachable_database_is_explained_without_its_password() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Nothing listens on port 9 (discard) on a test machine, so the connection is refused at once.
    let (ok, stderr) = run_to_failure(server_in(dir.path()).args([
        "--database-url",
        "postgres://portal:hunter2@127.0.0.1:9/portal",
    ]));
    assert!(!ok);
    assert!(stderr.contains("Could not open the database"), "{stderr}");
    assert!(!stderr.contains("hunter2"), "{stderr}");
}

#[test]
fn an_unsupported_database_is_explained() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (ok, stderr) =
        run_to_failure(server_in(dir.path()).args(["--database-url", "mysql://localhost/portal"]));
    assert!(!ok);
    assert!(
        stderr.contains("must start with sqlite:// or postgres://"),
        "{stderr}"
    );
}

#[test]
fn mail_settings_that_cannot_be_used_are_named_without_the_password() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (ok, stderr) = run_to_failure(server_in(dir.path()).args(["--mail-from", "nobody"]));
    assert!(!ok);
    assert!(stderr.contains("PORTAL_MAIL_FROM"), "{stderr}");
    let (ok, stderr) = run_to_failure(
        server_in(dir.path()).args(["--smtp-url", "ftp://portal:hunter2@mail.example.org"]),
    );
    assert!(!ok);
    assert!(stderr.contains("PORTAL_SMTP_URL"), "{stderr}");
    assert!(!stderr.contains("hunter2"), "{stderr}");
    let (ok, stderr) = run_to_failure(server_in(dir.path()).args(["--mail-lease-seconds", "10"]));
    assert!(!ok);
    assert!(
        stderr.contains("PORTAL_MAIL_LEASE_SECONDS must be 60 or more"),
        "{stderr}"
    );
}

#[test]
fn starts_on_a_fresh_data_folder_serves_and_stops_gracefully() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut child = server_in(dir.path())
        .args(["--addr", "127.0.0.1:0", "--log-format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the server announces its address");
    let address = line
        .trim()
        .rsplit("http://")
        .next()
        .expect("an address")
        .to_owned();
    assert!(
        dir.path().join("data/portal.db").exists(),
        "SQLite file created"
    );

    let mut stream = TcpStream::connect(&address).expect("connect");
    write!(
        stream,
        "GET /api/health HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(15);
    let exit = loop {
        if let Some(exit) = child.try_wait().expect("wait") {
            break exit;
        }
        assert!(
            Instant::now() < deadline,
            "the server did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "graceful shutdown exits cleanly: {exit:?}");
    let mut logs = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut logs)
        .expect("logs");
    // Structured logs: every line is a JSON object, and the request was logged.
    for log_line in logs.lines() {
        serde_json::from_str::<serde_json::Value>(log_line)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {log_line}"));
    }
    assert!(logs.contains("/api/health"), "{logs}");
    assert!(logs.contains("shutting down"), "{logs}");
}

#[test]
fn create_admin_reads_the_password_from_standard_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let create = |password: &str| {
        let mut child = server_in(dir.path())
            .args([
                "create-admin",
                "--email",
                "head@council.test",
                "--name",
                "Hal Head",
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        writeln!(child.stdin.take().expect("stdin"), "{password}").expect("write");
        let output = child.wait_with_output().expect("wait");
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let (ok, _, stderr) = create("short");
    assert!(!ok);
    assert!(stderr.contains("at least 10 characters"), "{stderr}");
    let (ok, stdout, _) = create("kettle garden purple");
    assert!(ok);
    assert!(
        stdout.contains("Administrator head@council.test created."),
        "{stdout}"
    );
    assert!(stdout.contains("otpauth://totp/"), "{stdout}");
    let (ok, _, stderr) = create("kettle garden purple");
    assert!(!ok);
    assert!(stderr.contains("already an account"), "{stderr}");
}
