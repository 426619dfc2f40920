#!/usr/bin/env bash
# The project's one test command: installs what the tests need (idempotently), then runs
# every test: the Rust tests of the workspace, the stale-bundle check of the checklist, a
# release build of the site, and the end-to-end tests in Debian's Chromium against the
# built site on real static servers. Safe to run again; a second run installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n==> %s\n' "$*" >&2; }

# Debian packages the tests need (browsers, the static hosts the site is tested on, faketime
# for the reproducibility test); installed only when missing, `apt-get update` once.
# Java runs the Nu HTML Checker; install a JRE only where the machine has no java.
APT_PACKAGES=(chromium chromium-driver python3 nginx apache2 busybox faketime)
command -v java >/dev/null 2>&1 || APT_PACKAGES+=(default-jre-headless)
missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q -o DPkg::Lock::Timeout=600
  $SUDO apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}"
fi

log "npm packages of the browser tests"
lock_hash=$(sha256sum tests/browser/package-lock.json | cut -d' ' -f1)
if [ "$(cat tests/browser/node_modules/.installed-lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_hash" > tests/browser/node_modules/.installed-lock-hash
fi

log "formatting (cargo fmt --check, settings in rustfmt.toml)"
cargo fmt --all --check

log "lints (cargo clippy, every target, warnings are errors)"
cargo clippy --workspace --all-targets --locked -q -- -D warnings
# The checklist crate's other two bundles (the vendors' response mode, the on-demand module)
# compile code the default features leave out.
for feature in respond ondemand; do
  cargo clippy -p checklist-wasm --features "$feature" --all-targets --locked -q -- -D warnings
done

log "Rust tests (cargo test --workspace)"
cargo test --workspace --locked

# The fuzz targets are a workspace of their own (fuzz/Cargo.toml says why), sharing target/.
log "fuzz crate: formatting, lints, and every committed input replayed through its properties"
cargo fmt --manifest-path fuzz/Cargo.toml --all --check
cargo clippy --manifest-path fuzz/Cargo.toml --all-targets --locked -q --target-dir target -- -D warnings
cargo test --manifest-path fuzz/Cargo.toml --locked --target-dir target

log "fuzz every target for a fixed number of inputs from a fixed seed (scripts/fuzz.sh TARGET SECONDS runs longer)"
scripts/fuzz.sh --runs 3000 all

log "wasm bundles (checklist, search) are up to date with their sources"
scripts/check-wasm-bundle.sh

log "wasm name shortening agrees with V8's reading of the wasm (a built module and the committed bundles)"
node --test scripts/shorten-wasm-names.test.mjs

log "checklist bundle sizes (first load, on-demand module and total, raw and gzip; fails when the first load is over its ceiling; prints the gap to the 100 KB target)"
scripts/wasm-size-report.sh

log "checklist scoring benchmark (native; target: a full recompute under 1 ms)"
cargo run --release --locked -q -p checklist-core --example bench_scoring

log "page weight per page type (fails when a page type is over its budget)"
cargo run --release --locked -q -p generator -- check --page-weight

log "build the site for the browser tests: at the root, and under /guide/ for nginx"
cargo run --release --locked -q -p generator -- build --out target/test-site/public
cargo run --release --locked -q -p generator -- build --base-path /guide/ --out target/test-site-guide/public

log "browser tests (Chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'))"
(cd tests/browser && npm test)

log "checklist workspace benchmark (a report, not a gate; targets: load < 300 ms, one answer at 50 vendors < 16 ms)"
(cd tests/browser && node bench-checklist.mjs)

log "Lighthouse scores (mobile; a report, not a gate)"
(cd tests/browser && CHROME_PATH=/usr/bin/chromium node lighthouse.mjs)

log "all tests passed"
