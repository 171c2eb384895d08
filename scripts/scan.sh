#!/usr/bin/env bash
# Scans a running Mentorbro with wapiti (PyPI `wapiti3`, installed in a venv
# under target/) logged in as the demo coordinator: headers, CSP, cookie flags
# and the usual attack modules, on loopback only, bounded in time.
#
# Starts the debug server (built by `cargo leptos build`) on a fresh embedded
# database in target/scan-db filled with the demo data, on SCAN_PORT (3160).
# The report goes to target/scan/report.json and a summary to standard output.
# Exit code 1 when wapiti reports a vulnerability or an anomaly.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

port="${SCAN_PORT:-3160}"
base="http://127.0.0.1:${port}"
bin=target/debug/mentorbro
venv=target/wapiti-venv
out=target/scan
db=target/scan-db
max_scan="${SCAN_SECONDS:-300}"

[ -x "$bin" ] || { echo "scan: $bin is missing; run cargo leptos build first" >&2; exit 2; }
if [ ! -x "$venv/bin/wapiti" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet wapiti3==3.2.3
fi

rm -rf "$db" "$out" target/scan-uploads
mkdir -p "$out"
export LEPTOS_OUTPUT_NAME=mentorbro LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg
export LEPTOS_SITE_ADDR="127.0.0.1:${port}" DATABASE="rocksdb://${db}"
export MENTORBRO_UPLOADS=target/scan-uploads MENTORBRO_LOG=warn
# As deployed behind TLS: the session cookie is then marked Secure.
export MENTORBRO_PUBLIC_URL="${SCAN_PUBLIC_URL:-https://mentorbro.example}"
"$bin" demo-data --mentees 6 --mentors 4 >/dev/null
"$bin" >"$out/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    curl -fsS "$base/healthz" >/dev/null 2>&1 && break
    sleep 0.2
done

# The demo coordinator's session, as a browser would hold it after logging in.
cookie=$(curl -fsS -o /dev/null -D - "$base/api/login" \
    --data-urlencode "email=coordinator@demo.mentorbro.dk" \
    --data-urlencode "password=mentorbro-demo" |
    sed -n 's/^[Ss]et-[Cc]ookie: \(mentorbro_session=[^;]*\).*/\1/p' | tail -1)
[ -n "$cookie" ] || { echo "scan: the demo coordinator could not log in" >&2; exit 2; }

# Everything that would end the session, or the account, is left alone.
"$venv/bin/wapiti" --url "$base/" --scope folder \
    -C "$cookie" --drop-set-cookie \
    -x "$base/api/logout" -x "$base/api/logout_everywhere" -x "$base/api/delete_my_account" \
    -x "$base/api/change_password" -x "$base/events/*" \
    -s "$base/coordinator" -s "$base/coordinator/cohorts" -s "$base/account" -s "$base/p/aarhus-spouses" \
    -m "cookieflags,csp,http_headers,exec,file,permanentxss,redirect,sql,xss,upload,crlf,methods,backup,htaccess" \
    --max-scan-time "$max_scan" --max-attack-time 60 --flush-session \
    --store-session "$out/session" --store-config "$out/config" \
    -f json -o "$out/report.json" --no-bugreport -v 0 >"$out/wapiti.log" 2>&1 || true

python3 - "$out/report.json" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
found = 0
for section in ("vulnerabilities", "anomalies"):
    for name, items in sorted(report.get(section, {}).items()):
        for item in items:
            found += 1
            print(f"{section[:-1]}: {name}: {item.get('info', '').strip()} ({item.get('method', '')} {item.get('path', '')})")
crawled = report.get("infos", {}).get("crawled_pages_nbr", "?")
print(f"scan: {crawled} pages crawled, {found} findings")
sys.exit(1 if found else 0)
EOF
