#!/usr/bin/env bash
# Builds Mentorbro (release) if its sources changed and serves it at
# http://127.0.0.1:3000 on the embedded database in ./data/db.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh

bin=target/release/mentorbro
# target/site is shared with debug builds (scripts/test.sh); this stamp says it holds the release.
stamp=target/site/.release
stale=1
if [ -x "$bin" ] && [ -f "$stamp" ]; then
    newer=$(find .cargo app frontend server matching style public Cargo.toml Cargo.lock rust-toolchain.toml \
        -newer "$stamp" -type f -print -quit 2>/dev/null || true)
    [ -z "$newer" ] && stale=0
fi
if [ "$stale" = 1 ]; then
    log "building the release (the first build takes a while)"
    # --precompress writes a brotli and a gzip copy beside each file of the
    # site, which the server sends to browsers that accept them.
    cargo leptos build --release --split --precompress
    touch "$stamp"
fi

mkdir -p data
export LEPTOS_OUTPUT_NAME=mentorbro LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg
export LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:3000}"
log "serving on http://$LEPTOS_SITE_ADDR (Ctrl-C stops)"
exec "$bin" "$@"
