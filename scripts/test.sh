#!/usr/bin/env bash
# Runs every check Mentorbro has: format, lints for the server and the browser
# builds, unit and integration tests, and browser tests in headless Chromium.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh --only server browser
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

# The browser side in a lane of its own, beside the server's lints, build and
# tests: cargo-leptos and wasm-bindgen are installed, the WebAssembly is linted
# and built, all in target/front (cargo-leptos' own target directory for it),
# so the two lanes never wait for each other's cargo lock. Niced: it fills the
# core the server's build leaves idle while one large crate compiles alone.
web_log=target/web-lane.log
mkdir -p target
(
    set -euo pipefail
    renice -n 10 -p "$BASHPID" >/dev/null
    source scripts/setup.sh --only web
    log "lints: browser side (wasm32)"
    CARGO_TARGET_DIR=target/front cargo clippy -p frontend --target wasm32-unknown-unknown --locked -- -D warnings
    log "browser build"
    rm -f target/site/.release # the debug build replaces the release's site files
    cargo leptos build --frontend-only --split
) >"$web_log" 2>&1 &
web_lane=$!
trap 'kill "$web_lane" 2>/dev/null || true' EXIT
step "browser side: installs, lints and build started beside the server's (log: $web_log)"

step "lints: server side and load generator, all targets"
cargo clippy --all-targets --locked -- -D warnings

step "unit and integration tests"
cargo test --locked
step "hostile URLs, in a process of their own"
cargo test --locked --test integration -- --ignored inputs::pages

# The short form of the load test against the debug build that `cargo test`
# just made; fails on any failed request. The full run is in docs/reliability.md.
step "load test: 10 users for 20 s (debug build)"
scripts/load.sh 20 10

# The browser tests use the server binary `cargo test` built and the site the
# browser lane built.
step "waiting for the browser lane"
if ! wait "$web_lane"; then
    cat "$web_log"
    log "the browser lane failed"
    exit 1
fi
trap - EXIT
grep -E '^setup:|Finished|warning|error' "$web_log" || true
step "browser lane done"

# wapiti against the debug server, logged in as the demo coordinator: headers,
# CSP, cookie flags and the attack modules; fails on any finding.
step "security scan (wapiti)"
scripts/scan.sh

# The integration tests again, against a SurrealDB server on loopback, while the
# browser tests run: both mostly wait on the network, so they share the cores well.
step "integration tests against a SurrealDB server, beside the browser tests"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
target/debug/dbserver start --no-banner --log error --bind "127.0.0.1:$port" --user root --pass root memory >target/surrealdb-server.log 2>&1 &
dbserver=$!
trap 'kill "$dbserver" 2>/dev/null || true' EXIT
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
server_log=target/integration-surrealdb-server.log
# The tests that start their own databases (the binary on disk, a SurrealDB
# server of their own) would only repeat themselves here.
MENTORBRO_TEST_DATABASE="ws://127.0.0.1:$port" cargo test --locked --test integration -- \
    --skip backup:: --skip cli:: --skip crash:: --skip replicas:: >"$server_log" 2>&1 &
server_tests=$!

browser=0
(cd end2end && npx playwright test) || browser=$?
step "browser tests done"

server=0
wait "$server_tests" || server=$?
kill "$dbserver"
trap - EXIT
grep -E '^test result|FAILED|panicked' "$server_log" || true
if [ "$server" != 0 ]; then
    cat "$server_log"
    log "integration tests against the SurrealDB server failed"
fi
if [ "$browser" != 0 ] || [ "$server" != 0 ]; then
    exit 1
fi

step "all checks passed"
