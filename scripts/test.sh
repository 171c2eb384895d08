#!/usr/bin/env bash
# Runs every check Mentorbro has: format, lints for the server and the browser
# builds, unit and integration tests, and browser tests in headless Chromium.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh browser
# On a fresh checkout every crate is built once; incremental state would only
# cost time and disk.
[ -d target/debug ] || export CARGO_INCREMENTAL=0
# Leptos reads this at compile time; with the value cargo-leptos gives it, the
# tests and the app share one build of the server side instead of two.
export LEPTOS_OUTPUT_NAME=mentorbro
start=$(date +%s)
step() { log "$* ($(( $(date +%s) - start )) s)"; }

step "format"
cargo fmt --all --check

step "lints: server side, all targets"
cargo clippy --all-targets --locked -- -D warnings
step "lints: browser side (wasm32)"
cargo clippy -p frontend --target wasm32-unknown-unknown --locked -- -D warnings

step "unit and integration tests"
cargo test --locked

step "integration tests again, against a SurrealDB server on loopback"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
target/debug/dbserver start --no-banner --log error --bind "127.0.0.1:$port" --user root --pass root memory &
dbserver=$!
trap 'kill "$dbserver" 2>/dev/null || true' EXIT
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
MENTORBRO_TEST_DATABASE="ws://127.0.0.1:$port" cargo test --locked -p server --test integration
kill "$dbserver"
trap - EXIT

step "browser tests"
rm -f target/site/.release # the debug build below replaces the release's site files
# The server binary is the one `cargo test` built; only the browser side is left to build.
cargo leptos build --frontend-only
(cd end2end && npx playwright test)

step "all checks passed"
