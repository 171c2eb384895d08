#!/usr/bin/env bash
# The performance suite in one command: builds the release app and the load
# generator, then measures what users feel on loopback against the release
# server with generated data (bench/suite.mjs), prints one table with each
# goal beside its figure and writes it, with the date and the machine, into
# docs/performance.md between <!-- suite:begin --> and <!-- suite:end -->.
#
#   bench/run.sh            full run, about 15 minutes once built
#   bench/run.sh --quick    fewer samples, to try it out; docs left alone
#   bench/run.sh --scale    also cargo bench -p server --bench scale
#
# Raw figures (JSON) and server logs go to target/bench-suite/. Exits non-zero
# when a step fails; a goal missed only shows as "over" in the table.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

usage() { sed -n '8,10s/^# *//p' "${BASH_SOURCE[0]}"; }
for arg in "$@"; do
    case "$arg" in
        --quick | --scale) ;;
        -h | --help) usage; exit 0 ;;
        *) echo "bench/run.sh: unknown option $arg" >&2; usage >&2; exit 2 ;;
    esac
done

# Chromium and Playwright besides the build tools.
source scripts/setup.sh browser
# Leptos reads it at compile time; the same value as cargo-leptos' keeps the
# scale bench's build sharing artefacts with the release server's.
export LEPTOS_OUTPUT_NAME=mentorbro

log "building the release site and server (cargo leptos build --release --split --precompress)"
# As scripts/run.sh: the brotli and gzip copies of the site are what browsers get.
cargo leptos build --release --split --precompress
# target/site is shared with debug builds; this stamp says it holds the release (as scripts/run.sh).
touch target/site/.release

log "building the load generator and the hello-world server"
cargo build --release --locked --quiet -p mentorbro-load

cd end2end
exec node ../bench/suite.mjs "$@"
