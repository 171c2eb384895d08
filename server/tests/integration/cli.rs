//! The binary as an operator meets it: bad configuration stops it with one
//! clear line, and accounts survive a restart over the same data directory.

use std::process::{Command, Stdio};

use app::backend::db::DbConfig;

use crate::servers::Mentorbro;

fn mentorbro() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mentorbro"));
    command.env("MENTORBRO_LOG", "error").stdin(Stdio::null());
    command
}

pub fn one_line_error(output: &std::process::Output) -> String {
    assert!(
        !output.status.success(),
        "expected failure, got {:?}",
        output.status
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|line| line.starts_with("mentorbro: "))
        .collect();
    assert_eq!(lines.len(), 1, "expected one error line, got:\n{stderr}");
    lines[0].to_owned()
}

#[test]
fn a_bad_database_value_stops_start_up_with_one_line() {
    let output = mentorbro()
        .env("DATABASE", "postgres://localhost/x")
        .output()
        .unwrap();
    let line = one_line_error(&output);
    assert!(line.contains("not supported"), "{line}");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn an_unreachable_server_stops_start_up_with_one_line() {
    // Nothing listens on port 9 of loopback (discard); the connection is refused at once.
    let output = mentorbro()
        .env("DATABASE", "ws://127.0.0.1:9")
        .output()
        .unwrap();
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
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );

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

fn post(port: u16, path: &str, body: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

#[test]
fn the_default_server_keeps_sessions_for_the_idle_period() {
    let in_memory = DbConfig {
        endpoint: "mem://".into(),
        username: None,
        password: None,
        namespace: "mentorbro".into(),
        database: "main".into(),
    };
    let server = Mentorbro::start(&in_memory, &[]);
    let response = post(
        server.port,
        "/api/sign_up",
        "name=Ana&email=ana%40example.dk&password=long-enough-1&role=mentee",
    );
    server.kill();
    let cookie = response
        .lines()
        .find(|line| {
            line.to_ascii_lowercase()
                .starts_with("set-cookie: mentorbro_session=")
        })
        .unwrap_or_else(|| panic!("no session cookie in:\n{response}"));
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(
        cookie.contains("Max-Age=7200"),
        "idle expiry should default to two hours: {cookie}"
    );
}
