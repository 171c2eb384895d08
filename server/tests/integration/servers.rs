//! Real servers in processes of their own: SurrealDB's server (the workspace's
//! `dbserver` binary, built from the `surrealdb-server` crate) and Mentorbro's
//! own binary, for tests of several app servers over one database and of
//! crashes.
//!
//! `MENTORBRO_TEST_BINARY=$PWD/target/release/mentorbro` (absolute: cargo runs
//! the tests in `server/`) runs these tests against
//! another build of the binary (the release one) instead of the debug build
//! cargo made for the test.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::Duration;

use app::backend::db::DbConfig;

use crate::common::fresh_namespace;

pub const ROOT_USER: &str = "root";
pub const ROOT_PASSWORD: &str = "root";

/// A loopback port nothing listens on at the moment.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
}

/// The Mentorbro binary to start: `MENTORBRO_TEST_BINARY` when set, else the
/// one cargo built with this test.
pub fn mentorbro_binary() -> PathBuf {
    match std::env::var_os("MENTORBRO_TEST_BINARY") {
        Some(path) => PathBuf::from(path),
        None => PathBuf::from(env!("CARGO_BIN_EXE_mentorbro")),
    }
}

/// Waits until `child` accepts connections on `port`; kills it and fails if it
/// exits first or takes longer than 30 seconds.
pub fn listening(child: Child, port: u16, what: &str) -> Child {
    match try_listening(child, port, what) {
        Ok(child) => child,
        Err((status, _)) => panic!("{what} exited before it listened on port {port}: {status}"),
    }
}

/// As [`listening`], but a child that exits first is handed back with its status.
fn try_listening(mut child: Child, port: u16, what: &str) -> Result<Child, (ExitStatus, Child)> {
    for _ in 0..300 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(child);
        }
        if let Ok(Some(status)) = child.try_wait() {
            return Err((status, child));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("{what} did not listen on port {port} within 30 s");
}

/// A SurrealDB server on loopback, storing in memory, with a root user.
pub struct SurrealServer {
    child: Child,
    port: u16,
}

impl SurrealServer {
    pub fn start() -> Self {
        let binary = PathBuf::from(env!("CARGO_BIN_EXE_mentorbro")).with_file_name("dbserver");
        assert!(
            binary.exists(),
            "{} is missing: build it with `cargo build -p dbserver` (scripts/test.sh does)",
            binary.display()
        );
        let port = free_port();
        let child = Command::new(&binary)
            .args(["start", "--no-banner", "--log", "error", "--bind"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["--user", ROOT_USER, "--pass", ROOT_PASSWORD, "memory"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .expect("dbserver starts");
        let child = listening(child, port, "the SurrealDB server");
        Self { child, port }
    }

    /// Settings for a fresh namespace on this server.
    pub fn config(&self) -> DbConfig {
        DbConfig {
            endpoint: format!("ws://127.0.0.1:{}", self.port),
            username: Some(ROOT_USER.into()),
            password: Some(ROOT_PASSWORD.into()),
            namespace: fresh_namespace(),
            database: "test".into(),
        }
    }
}

impl Drop for SurrealServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Mentorbro's binary serving on loopback.
pub struct Mentorbro {
    child: Child,
    pub port: u16,
}

impl Mentorbro {
    /// Starts the server over the database `config` names, with further
    /// environment variables `env` (e.g. `MENTORBRO_MAIL`).
    pub fn start(config: &DbConfig, env: &[(&str, &str)]) -> Self {
        let port = free_port();
        let child = Self::command(config, env, port)
            .spawn()
            .expect("mentorbro starts");
        let child = listening(child, port, "mentorbro");
        Self { child, port }
    }

    /// Starts the server over an embedded database that another handle (a
    /// test's own, closing in the background) may still hold locked for a
    /// moment: a start that fails on the lock is tried again, for up to 20 s.
    pub fn start_when_unlocked(config: &DbConfig) -> Self {
        for _ in 0..100 {
            let port = free_port();
            let child = Self::command(config, &[], port)
                .stderr(Stdio::piped())
                .spawn()
                .expect("mentorbro starts");
            match try_listening(child, port, "mentorbro") {
                Ok(mut child) => {
                    // Pass on what it logs, so its pipe never fills.
                    if let Some(mut stderr) = child.stderr.take() {
                        std::thread::spawn(move || {
                            std::io::copy(&mut stderr, &mut std::io::stderr())
                        });
                    }
                    return Self { child, port };
                }
                Err((status, mut child)) => {
                    let mut stderr = String::new();
                    if let Some(mut pipe) = child.stderr.take() {
                        let _ = pipe.read_to_string(&mut stderr);
                    }
                    assert!(
                        stderr.contains("LOCK"),
                        "mentorbro exited ({status}): {stderr}"
                    );
                    std::thread::sleep(Duration::from_millis(200));
                }
            }
        }
        panic!("the database at {} stayed locked", config.endpoint);
    }

    fn command(config: &DbConfig, env: &[(&str, &str)], port: u16) -> Command {
        let mut command = Command::new(mentorbro_binary());
        command
            .env("DATABASE", &config.endpoint)
            .env("DATABASE_NAMESPACE", &config.namespace)
            .env("DATABASE_NAME", &config.database)
            .env("MENTORBRO_ADDR", format!("127.0.0.1:{port}"))
            .env(
                "MENTORBRO_UPLOADS",
                std::env::temp_dir().join(format!("mentorbro-uploads-{port}")),
            )
            .env("MENTORBRO_LOG", "error")
            .env("LEPTOS_OUTPUT_NAME", "mentorbro")
            .env_remove("MENTORBRO_MAIL")
            .stdin(Stdio::null());
        if let (Some(user), Some(password)) = (&config.username, &config.password) {
            command
                .env("DATABASE_USER", user)
                .env("DATABASE_PASSWORD", password);
        }
        command.envs(env.iter().copied());
        command
    }

    /// Ends the process at once, as a crash or `kill -9` would (SIGKILL).
    pub fn kill(self) {
        drop(self);
    }
}

impl Drop for Mentorbro {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
