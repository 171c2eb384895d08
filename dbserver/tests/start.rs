//! The binary starts a SurrealDB server that answers its health check. Having
//! an integration test also makes `cargo test` build the binary, which the
//! server's tests of several app servers over one database start.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::Duration;

#[test]
fn starts_and_answers_its_health_check() {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dbserver"))
        .args(["start", "--no-banner", "--log", "error", "--bind"])
        .arg(format!("127.0.0.1:{port}"))
        .args(["--user", "root", "--pass", "root", "memory"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .expect("dbserver starts");
    let mut answer = String::new();
    for _ in 0..300 {
        if let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) {
            stream
                .write_all(b"GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .expect("request sent");
            stream.read_to_string(&mut answer).expect("answer read");
            break;
        }
        assert!(
            child.try_wait().expect("status").is_none(),
            "dbserver exited before it listened"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}
