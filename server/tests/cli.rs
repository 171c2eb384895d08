//! The binary as an operator meets it: bad configuration stops it with one
//! clear line, and accounts survive a restart over the same data directory.

use std::process::{Command, Stdio};

fn mentorbro() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mentorbro"));
    command.env("MENTORBRO_LOG", "error").stdin(Stdio::null());
    command
}

fn one_line_error(output: &std::process::Output) -> String {
    assert!(!output.status.success(), "expected failure, got {:?}", output.status);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|line| line.starts_with("mentorbro: ")).collect();
    assert_eq!(lines.len(), 1, "expected one error line, got:\n{stderr}");
    lines[0].to_owned()
}

#[test]
fn a_bad_database_value_stops_start_up_with_one_line() {
    let output = mentorbro().env("DATABASE", "postgres://localhost/x").output().unwrap();
    let line = one_line_error(&output);
    assert!(line.contains("not supported"), "{line}");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn an_unreachable_server_stops_start_up_with_one_line() {
    // Nothing listens on port 9 of loopback (discard); the connection is refused at once.
    let output = mentorbro().env("DATABASE", "ws://127.0.0.1:9").output().unwrap();
    let line = one_line_error(&output);
    assert!(line.contains("127.0.0.1:9"), "{line}");
}

#[test]
fn a_half_given_login_is_refused() {
    let output = mentorbro()
        .env("DATABASE", "mem://")
        .env("DATABASE_USER", "root")
        .env_remove("DATABASE_PASSWORD")
        .output()
        .unwrap();
    assert!(one_line_error(&output).contains("DATABASE_PASSWORD"));
}

#[test]
fn accounts_survive_a_restart_over_the_same_data_directory() {
    let dir = std::env::temp_dir().join(format!("mentorbro-restart-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let database = format!("rocksdb://{}", dir.display());
    let created = mentorbro()
        .env("DATABASE", &database)
        .env("MENTORBRO_ADMIN_PASSWORD", "restart-password")
        .args(["create-admin", "--email", "first@example.dk"])
        .output()
        .unwrap();
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));

    // A second process over the same directory finds the account: creating it again is refused.
    let again = mentorbro()
        .env("DATABASE", &database)
        .env("MENTORBRO_ADMIN_PASSWORD", "restart-password")
        .args(["create-admin", "--email", "first@example.dk"])
        .output()
        .unwrap();
    assert!(one_line_error(&again).contains("already exists"));
    let _ = std::fs::remove_dir_all(&dir);
}
