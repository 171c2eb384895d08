#!/usr/bin/env bash
# Compares Mentorbro's assignment solver with scipy's linear_sum_assignment on the same
# instance files and prints a table per size.
#
#   bench/matching/run.sh            all sizes (a few minutes; instances are cached)
#   bench/matching/run.sh --quick    the small sizes only
#   bench/matching/run.sh --fresh    regenerate the instance files
#
# Set MENTORBRO_MATCH to use an already built mentorbro-match binary.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VENV="$HERE/.venv"

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c 'import numpy, scipy' 2>/dev/null; then
    "$VENV/bin/pip" install --quiet -r "$HERE/requirements.txt"
fi

if [ -z "${MENTORBRO_MATCH:-}" ]; then
    (cd "$ROOT" && cargo build --quiet --release -p mentorbro-matching --bin mentorbro-match)
    MENTORBRO_MATCH="${CARGO_TARGET_DIR:-$ROOT/target}/release/mentorbro-match"
fi

exec "$VENV/bin/python" "$HERE/harness.py" --cli "$MENTORBRO_MATCH" --dir "$HERE/instances" "$@"
