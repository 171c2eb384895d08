//! `dbserver start --bind 127.0.0.1:8000 --user root --pass root memory` starts a SurrealDB
//! server exactly as SurrealDB's `surreal` binary does, with the in-memory
//! storage engine (what tests need).

use std::process::ExitCode;

use surrealdb_server::core::CommunityComposer;

fn main() -> ExitCode {
    surrealdb_server::init(CommunityComposer())
}
