#!/usr/bin/env bash
# Installs what building, running and testing Mentorbro needs, skipping what is
# already present. Sourced by scripts/run.sh, scripts/test.sh and scripts/load.sh.
#
#   scripts/setup.sh                 server and web: all that building and running needs
#   scripts/setup.sh browser         also Chromium and the SMTP server the tests use
#   scripts/setup.sh --only PART...  only these parts:
#       server    the Rust toolchain and libclang (RocksDB)
#       web       cargo-leptos, wasm-bindgen, wasm-opt and Playwright (npm)
#       browser   Chromium and aiosmtpd
# The web part only builds with cargo, so scripts/test.sh runs it beside the
# server's build; the others install Debian and PyPI packages.
set -euo pipefail

if [ "${1:-}" = "--only" ]; then
    shift
    setup_parts=" $* "
else
    setup_parts=" server web $* "
fi
setup_part() { [[ "$setup_parts" == *" $1 "* ]]; }

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CARGO_LEPTOS_VERSION="0.3.11"
# Must equal the wasm-bindgen crate version pinned in Cargo.toml.
WASM_BINDGEN_VERSION="$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' Cargo.toml)"

log() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

need_apt_update=1
apt_install() {
    if [ "$need_apt_update" = 1 ]; then
        apt-get update -qq
        need_apt_update=0
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# The toolchain named in rust-toolchain.toml, with its wasm target and components.
if setup_part server && ! rustup run "$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)" rustc --version >/dev/null 2>&1; then
    log "installing the Rust toolchain from rust-toolchain.toml"
    rustup toolchain install
fi

# RocksDB's C++ build goes through bindgen, which needs libclang itself
# (libclang.so.N or libclang-N.so.N); libclang-cpp, which some machines
# carry, is another library.
if setup_part server && ! ldconfig -p 2>/dev/null | grep -qE 'libclang(-[0-9.]+)?\.so'; then
    log "installing libclang and clang (RocksDB build)"
    apt_install libclang-dev clang
fi

if setup_part web && [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "$CARGO_LEPTOS_VERSION" ]; then
    log "installing cargo-leptos $CARGO_LEPTOS_VERSION (takes some minutes once)"
    # Its own release profile asks for full LTO in one codegen unit: the
    # slowest way to build it, for no gain a build tool needs.
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
        cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
fi

if setup_part web && [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
    log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
    # --locked fails: its lockfile asks for a webpki-roots release the registry lacks.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# wasm-opt from npm's binaryen; Debian's binaryen 108 breaks hydration, so the
# npm one must come first on PATH. The same package.json carries Playwright.
if setup_part web && { [ ! -x end2end/node_modules/.bin/wasm-opt ] || [ end2end/package.json -nt end2end/node_modules/.installed ]; }; then
    log "installing npm packages (binaryen, Playwright)"
    (cd end2end && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed)
fi
export PATH="$ROOT/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# The security scan logs in with curl.
if setup_part browser && ! command -v curl >/dev/null; then
    log "installing curl (security scan)"
    apt_install curl
fi

if setup_part browser && [ ! -x /usr/bin/chromium ]; then
    log "installing Chromium from Debian's packages"
    apt_install chromium
fi

# The board's tests send email to a real SMTP server on loopback (aiosmtpd, from PyPI).
if setup_part browser && ! python3 -c 'import aiosmtpd' 2>/dev/null; then
    log "installing aiosmtpd for the email tests"
    python3 -m pip install --quiet --disable-pip-version-check 'aiosmtpd>=1.4,<2'
fi
