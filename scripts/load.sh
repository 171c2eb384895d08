#!/usr/bin/env bash
# Load test: starts Mentorbro on a fresh temporary RocksDB database filled with
# the demo data, runs the load generator (bench/load) against it on loopback,
# prints its table and stops the server. Fails when any request failed.
#
#   scripts/load.sh [SECONDS] [USERS]                 debug build; defaults 20 s, 20 users
#   MENTORBRO_LOAD_PROFILE=release scripts/load.sh 60 200   the full run, release build
#   MENTORBRO_LOAD_MIX=reads scripts/load.sh 30 64          read-only server functions
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh --only server
seconds=${1:-20}
users=${2:-20}
profile=${MENTORBRO_LOAD_PROFILE:-debug}
mix=${MENTORBRO_LOAD_MIX:-realistic}
export LEPTOS_OUTPUT_NAME=mentorbro LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg

case "$profile" in
    debug) release_flag=() ;;
    release) release_flag=(--release) ;;
    *) echo "MENTORBRO_LOAD_PROFILE must be debug or release, not $profile" >&2; exit 2 ;;
esac
bin=target/$profile/mentorbro
if [ ! -x "$bin" ]; then
    source scripts/setup.sh --only web
    log "building the $profile server"
    # --precompress (release only) as scripts/run.sh: what browsers are sent.
    cargo leptos build --split "${release_flag[@]}" ${release_flag:+--precompress}
fi
# Built for the workspace's default members, as `cargo test` builds it: with
# the features they share, so that nothing is built twice.
cargo build --locked --quiet "${release_flag[@]}" --bin mentorbro-load

work=$(mktemp -d)
server=
stop() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap stop EXIT
export DATABASE="rocksdb://$work/db" MENTORBRO_UPLOADS="$work/uploads" MENTORBRO_LOG=warn
"$bin" demo-data >/dev/null
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
MENTORBRO_ADDR="127.0.0.1:$port" "$bin" >target/load-server.log 2>&1 &
server=$!
for _ in $(seq 150); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done

log "load: $users users for $seconds s against the $profile server (pid $server) with the demo data"
status=0
"target/$profile/mentorbro-load" --url "http://127.0.0.1:$port" --users "$users" --seconds "$seconds" \
    --mix "$mix" --pid "$server" || status=$?
if [ "$status" != 0 ]; then
    log "the server's log: target/load-server.log"
fi
exit "$status"
