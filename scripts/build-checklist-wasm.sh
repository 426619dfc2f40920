#!/usr/bin/env bash
# build-checklist-wasm.sh -- builds the checklist engine's browser bundle into checklist-wasm/pkg:
#   checklist.js        ES module glue from `wasm-bindgen --target web` (no eval, no inline
#                       script, so it runs under `script-src 'self' 'wasm-unsafe-eval'`),
#                       minified by terser
#   checklist_bg.wasm   the engine, shrunk by `wasm-opt --flatten --rereloop -Oz -Oz`; its imports and
#                       exports get short names in wasm and glue (scripts/shorten-wasm-names.mjs)
#   respond.js, respond_bg.wasm   the same for the vendors' response mode (feature `respond`)
#   SOURCE_HASH         hash of the sources it was built from (scripts/check-checklist-bundle.sh)
# It installs what it lacks (apt packages, the wasm-bindgen CLI, wasm-opt), prints each step, and
# is safe to run again: installs are skipped, cargo builds incrementally, and the bundle is
# replaced only after a build that succeeded. The generator only copies the committed bundle;
# it never needs this toolchain.
#
# Routes to a wasm32-unknown-unknown compiler (CHECKLIST_WASM_ROUTE):
#   debian (default, canonical)  Debian's rustc-web/cargo-web + rust-web-src (std source) +
#          lld-<LLVM major of /usr/bin/rustc>, with std rebuilt for wasm by -Zbuild-std.
#   rustup  rustup's toolchain plus `rustup target add wasm32-unknown-unknown` (2 min timeout).
#   auto    rustup when its wasm32 target is installed or can be added, else debian.
# Why debian is canonical: the committed bundle must come from ONE compiler, because two
# compilers give different bytes (rustup stable is 1.95 here, Debian's is 1.96). The Debian
# route is the one that works on every machine of this project: the network reaches package
# registries only, and rustup's target download is not guaranteed. It also rebuilds std with
# the wasm-release profile (opt-level z, LTO, panic abort), which makes a smaller bundle.
# Reproducibility therefore means: same route + same compiler version + same sources => same
# bytes, in any checkout directory (paths are remapped, see CARGO_ENCODED_RUSTFLAGS below).
# Use the other routes for local experiments, not for the committed bundle.
#
# Usage: scripts/build-checklist-wasm.sh
#   CHECKLIST_WASM_ROUTE=debian|rustup|auto   compiler route (default debian)
#   CHECKLIST_TOOLS_DIR=DIR   where the wasm-bindgen CLI and wasm-opt go
#                             (default ${XDG_CACHE_HOME:-$HOME/.cache}/cc-guide-tools; never committed)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
ROUTE="${CHECKLIST_WASM_ROUTE:-debian}"
TOOLS_DIR="${CHECKLIST_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/cc-guide-tools}"
CARGO_HOME_DIR="${CARGO_HOME:-$HOME/.cargo}"
TARGET=wasm32-unknown-unknown
PROFILE=wasm-release
CRATE=checklist-wasm
OUT_NAME=checklist
PKG_DIR="$ROOT/checklist-wasm/pkg"
# npm's binaryen, pinned exactly: Debian's binaryen 108 corrupts wasm-bindgen's externref table.
BINARYEN_VERSION=132.0.0
# npm's terser, pinned exactly (its output is part of the committed bytes): minifies the glue.
TERSER_VERSION=5.51.2
# The compiler the committed bundle was built with; any other one still works but gives other bytes.
CANONICAL_RUSTC_RELEASE=1.96
# Features Rust 1.96 (LLVM 22) enables by default for wasm32-unknown-unknown ("generic" CPU).
# wasm-opt must know them to read the module, and may then use them; every current browser has them.
WASM_OPT_FEATURES=(--enable-bulk-memory --enable-bulk-memory-opt --enable-call-indirect-overlong
  --enable-multivalue --enable-mutable-globals --enable-nontrapping-float-to-int
  --enable-reference-types --enable-sign-ext)

export DEBIAN_FRONTEND=noninteractive
START=$SECONDS
log() { printf '\n==> [%3ss] %s\n' "$((SECONDS - START))" "$*" >&2; }
die() { printf 'build-checklist-wasm: error: %s\n' "$*" >&2; exit 1; }
run() { printf '+ %s\n' "$*" >&2; "$@"; }

SUDO=()
if [ "$(id -u)" -ne 0 ]; then SUDO=(sudo); fi
apt_updated=0
is_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'; }
# Installs the Debian packages that are missing; runs `apt-get update` at most once per run.
apt_install() {
  local missing=() p
  for p in "$@"; do is_installed "$p" || missing+=("$p"); done
  if [ ${#missing[@]} -eq 0 ]; then log "apt: already installed: $*"; return 0; fi
  command -v apt-get >/dev/null || die "the debian route needs apt-get to install ${missing[*]}; on other systems use CHECKLIST_WASM_ROUTE=rustup (bytes will differ from the committed bundle)"
  if [ $apt_updated -eq 0 ]; then
    run "${SUDO[@]}" apt-get update -q -o DPkg::Lock::Timeout=600
    apt_updated=1
  fi
  run "${SUDO[@]}" apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}"
}

# Succeeds when rustup's active toolchain has (or gets, within 2 minutes) the wasm32 std.
rustup_target_ready() {
  command -v rustup >/dev/null || { log "rustup: not installed"; return 1; }
  if ! rustup target list --installed 2>/dev/null | grep -qx "$TARGET"; then
    log "rustup: timeout 120 rustup target add $TARGET"
    timeout 120 rustup target add "$TARGET" || log "rustup: target add failed or timed out"
  fi
  rustup target list --installed 2>/dev/null | grep -qx "$TARGET"
}

# ------------------------------------------------------------------------------- 1. compiler
log "1/6 compiler route: $ROUTE"
case "$ROUTE" in
  auto) if rustup_target_ready; then ROUTE=rustup; else ROUTE=debian; fi; log "auto chose route: $ROUTE" ;;
  rustup) rustup_target_ready || die "rustup route: $TARGET is not installed and \`rustup target add\` failed; use CHECKLIST_WASM_ROUTE=debian" ;;
  debian) ;;
  *) die "CHECKLIST_WASM_ROUTE must be debian, rustup or auto, not \`$ROUTE\`" ;;
esac

REMAP_STD=()
if [ "$ROUTE" = debian ]; then
  apt_install rustc-web cargo-web rust-web-src
  RUSTC_BIN=/usr/bin/rustc CARGO_BIN=/usr/bin/cargo
  LLVM_MAJOR="$("$RUSTC_BIN" -vV | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')"
  [ -n "$LLVM_MAJOR" ] || die "cannot read the LLVM version of \`$RUSTC_BIN\`"
  apt_install "lld-$LLVM_MAJOR"
  WASM_LD="/usr/bin/wasm-ld-$LLVM_MAJOR"
  [ -x "$WASM_LD" ] || die "\`$WASM_LD\` is missing although lld-$LLVM_MAJOR is installed"
  STD_SRC="$("$RUSTC_BIN" --print sysroot)/lib/rustlib/src/rust"
  [ -f "$STD_SRC/library/Cargo.lock" ] || die "std source missing at \`$STD_SRC/library\` (package rust-web-src)"
  REMAP_STD=("--remap-path-prefix=$STD_SRC=/rust-src")
  # RUSTC must be set, or Debian's cargo picks rustup's rustc from PATH and std fails to build.
  BUILD_ENV=(RUSTC="$RUSTC_BIN" RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1
    "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=$WASM_LD")
  BUILD_STD=("-Zbuild-std=std,panic_abort")
  # Size: std is rebuilt here, so panics can abort without formatting a message, and neither
  # panic locations nor `{:?}` output are compiled in (the page never shows either).
  SIZE_FLAGS=(-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none)
else
  RUSTC_BIN="$(rustup which rustc)" CARGO_BIN="$(rustup which cargo)"
  BUILD_ENV=(RUSTC="$RUSTC_BIN" RUSTDOC="$(rustup which rustdoc)")
  BUILD_STD=()
  SIZE_FLAGS=()
fi
RUSTC_VERSION="$("$RUSTC_BIN" -V)"
log "compiler: $RUSTC_VERSION ($RUSTC_BIN), cargo: $CARGO_BIN"
case "$ROUTE:$RUSTC_VERSION" in
  "debian:rustc $CANONICAL_RUSTC_RELEASE".*) ;;
  *) log "WARNING: the committed bundle is built by the debian route with rustc $CANONICAL_RUSTC_RELEASE.x; this build ($ROUTE, $RUSTC_VERSION) will not be byte-identical to it" ;;
esac

# ------------------------------------------------------------------------------- 2./3. tools
mkdir -p "$TOOLS_DIR/bin"
# Other checkouts on this machine share the tools dir; one installer at a time.
exec 9>"$TOOLS_DIR/.install.lock"
flock 9

WB_VERSION="$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")"
[ -n "$WB_VERSION" ] || die "no wasm-bindgen package in \`Cargo.lock\`"
WASM_BINDGEN="$TOOLS_DIR/bin/wasm-bindgen"
log "2/6 wasm-bindgen CLI $WB_VERSION (the version of the wasm-bindgen crate in Cargo.lock)"
if [ "$("$WASM_BINDGEN" --version 2>/dev/null | awk '{print $2}')" = "$WB_VERSION" ]; then
  log "wasm-bindgen-cli $WB_VERSION already installed in $TOOLS_DIR"
else
  # A host build: use rustup's cargo when there is one, else Debian's with its own rustc.
  if command -v rustup >/dev/null; then HOST_CARGO=(env -u RUSTC -u RUSTDOC -u RUSTC_BOOTSTRAP "$(rustup which cargo)")
  else HOST_CARGO=(env -u RUSTC_BOOTSTRAP RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc /usr/bin/cargo); fi
  log "cargo install wasm-bindgen-cli $WB_VERSION (about 5 minutes the first time)"
  # --locked first; the registry here may lack a dependency version pinned by the CLI's lock file.
  run "${HOST_CARGO[@]}" install wasm-bindgen-cli --version "=$WB_VERSION" --root "$TOOLS_DIR" --locked --force \
    || run "${HOST_CARGO[@]}" install wasm-bindgen-cli --version "=$WB_VERSION" --root "$TOOLS_DIR" --force
fi

BINARYEN_DIR="$TOOLS_DIR/binaryen-$BINARYEN_VERSION"
WASM_OPT="$BINARYEN_DIR/node_modules/.bin/wasm-opt"
log "3/6 wasm-opt from npm binaryen@$BINARYEN_VERSION"
have_binaryen="$(node -p 'require(process.argv[1]).version' "$BINARYEN_DIR/node_modules/binaryen/package.json" 2>/dev/null || true)"
if [ "$have_binaryen" = "$BINARYEN_VERSION" ] && [ -x "$WASM_OPT" ]; then
  log "binaryen $BINARYEN_VERSION already installed in $BINARYEN_DIR"
else
  command -v npm >/dev/null || apt_install npm
  mkdir -p "$BINARYEN_DIR"
  run npm install --prefix "$BINARYEN_DIR" --no-audit --no-fund --loglevel=error "binaryen@$BINARYEN_VERSION"
fi
TERSER_DIR="$TOOLS_DIR/terser-$TERSER_VERSION"
TERSER="$TERSER_DIR/node_modules/.bin/terser"
log "3/6 terser from npm terser@$TERSER_VERSION"
have_terser="$(node -p 'require(process.argv[1]).version' "$TERSER_DIR/node_modules/terser/package.json" 2>/dev/null || true)"
if [ "$have_terser" = "$TERSER_VERSION" ] && [ -x "$TERSER" ]; then
  log "terser $TERSER_VERSION already installed in $TERSER_DIR"
else
  command -v npm >/dev/null || apt_install npm
  mkdir -p "$TERSER_DIR"
  run npm install --prefix "$TERSER_DIR" --no-audit --no-fund --loglevel=error "terser@$TERSER_VERSION"
fi
flock -u 9
log "tools: $("$WASM_BINDGEN" --version), $("$WASM_OPT" --version), terser $("$TERSER" --version)"

# ------------------------------------------------------------------------------- 4. cargo build
cd "$ROOT"
HASH_BEFORE="$(scripts/check-checklist-bundle.sh --print-hash)"
# Its own target dir per route: the host build and the other route keep their caches.
TARGET_DIR="$ROOT/target/wasm/$ROUTE"
# Paths in panic locations must not name this checkout, the cargo home or the std source, so
# that any checkout builds the same bytes. Cargo keeps --remap-path-prefix out of -Cmetadata.
# CARGO_ENCODED_RUSTFLAGS (0x1f-separated) survives spaces in paths, and replaces any RUSTFLAGS
# or build.rustflags of the caller, which would change the bytes. Later prefixes win in rustc.
RUSTFLAGS_LIST=("--remap-path-prefix=$ROOT=/checklist" "${REMAP_STD[@]}"
  "--remap-path-prefix=$CARGO_HOME_DIR=/cargo" "${SIZE_FLAGS[@]}")
ENCODED_RUSTFLAGS="$(IFS=$'\x1f'; printf '%s' "${RUSTFLAGS_LIST[*]}")"
STAGE="$ROOT/target/wasm/pkg.staging"
rm -rf "$STAGE"
# Two bundles from the one crate: the buyer's workspace (`checklist`), and the vendors'
# response mode (`respond`, the crate's `respond` feature), so neither page loads the other's
# code. Each is built, bound and shrunk in turn (they share the target dir and its cache).
build_bundle() {
  local out_name="$1"; shift
  log "4/6 cargo build -p $CRATE --profile $PROFILE --target $TARGET $* (route $ROUTE, target dir ${TARGET_DIR#"$ROOT"/})"
  # `env -u` must come before the assignments: GNU env stops reading options at the first NAME=VALUE.
  run env -u RUSTFLAGS -u RUSTC_WRAPPER -u RUSTUP_TOOLCHAIN -u RUSTC_BOOTSTRAP -u CARGO_BUILD_TARGET \
    "${BUILD_ENV[@]}" "CARGO_ENCODED_RUSTFLAGS=$ENCODED_RUSTFLAGS" \
    "$CARGO_BIN" build --locked -p "$CRATE" --profile "$PROFILE" --target "$TARGET" \
    --target-dir "$TARGET_DIR" "${BUILD_STD[@]}" "$@" \
    || die "cargo build failed (see above). --locked keeps Cargo.lock, an input of the bundle, unchanged: if cargo says the lock file needs updating, run \`cargo check -p $CRATE\` (it adds only what is missing) and commit Cargo.lock"
  local wasm_in="$TARGET_DIR/$TARGET/$PROFILE/${CRATE//-/_}.wasm"
  [ -f "$wasm_in" ] || die "cargo did not produce \`$wasm_in\`"
  log "5/6 wasm-bindgen --target web, then wasm-opt -Oz (into ${STAGE#"$ROOT"/}/$out_name*)"
  run "$WASM_BINDGEN" --target web --no-typescript --remove-name-section --remove-producers-section \
    --out-dir "$STAGE" --out-name "$out_name" "$wasm_in"
  # --strip-target-features: browsers ignore that custom section; it only costs bytes.
  # --low-memory-unused: Rust puts the 1 MB stack first, growing down, so the lowest 1 KB is
  # touched only by a stack overflow; wasm-opt may then fold small address offsets.
  # --flatten --rereloop rebuilds the control flow before two -Oz rounds: 1.5 KB gzip smaller
  # than one -Oz on the checklist (-Oz --converge: 0.4 KB; -Os: 0.1 KB larger).
  run "$WASM_OPT" --flatten --rereloop -Oz -Oz --low-memory-unused "${WASM_OPT_FEATURES[@]}" --strip-target-features -o "$STAGE/${out_name}_bg.opt.wasm" "$STAGE/${out_name}_bg.wasm"
  mv -f "$STAGE/${out_name}_bg.opt.wasm" "$STAGE/${out_name}_bg.wasm"
  # Short import and export names in wasm and glue (3.2 + 1.6 KB gzip on the checklist: the
  # hashed names hardly compress), then the glue minified (another 1.7 KB gzip). The public
  # exports of the glue (`default`, `mount`, `engine_version`) keep their names.
  run node "$ROOT/scripts/shorten-wasm-names.mjs" "$STAGE/${out_name}_bg.wasm" "$STAGE/${out_name}.js"
  run "$TERSER" "$STAGE/${out_name}.js" --module --compress --mangle -o "$STAGE/${out_name}.min.js"
  mv -f "$STAGE/${out_name}.min.js" "$STAGE/${out_name}.js"
  # Catch a module that browsers would refuse before it replaces the bundle.
  run node -e 'const b = require("fs").readFileSync(process.argv[1]);
    if (!WebAssembly.validate(b)) { console.error("invalid wasm: " + process.argv[1]); process.exit(1); }
    new WebAssembly.Module(b);' "$STAGE/${out_name}_bg.wasm"
}
build_bundle "$OUT_NAME"
build_bundle respond --features respond

# ------------------------------------------------------------------------------- 6. stamp + swap
HASH_AFTER="$(scripts/check-checklist-bundle.sh --print-hash)"
[ "$HASH_BEFORE" = "$HASH_AFTER" ] || die "sources changed during the build; run it again (checklist-wasm/pkg is unchanged)"
printf '%s\n' "$HASH_AFTER" > "$STAGE/SOURCE_HASH"
log "6/6 replace ${PKG_DIR#"$ROOT"/} (source hash $HASH_AFTER)"
rm -rf "$PKG_DIR.old"
if [ -d "$PKG_DIR" ]; then mv "$PKG_DIR" "$PKG_DIR.old"; fi
mv "$STAGE" "$PKG_DIR"
rm -rf "$PKG_DIR.old"

# The stamp covers the working tree; uncommitted inputs make a commit that CI calls stale.
if git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
  dirty="$(git -C "$ROOT" status --porcelain -- checklist-wasm/src checklist-wasm/core/src \
    checklist-wasm/Cargo.toml checklist-wasm/core/Cargo.toml Cargo.toml Cargo.lock scripts/build-checklist-wasm.sh \
    scripts/shorten-wasm-names.mjs)"
  if [ -n "$dirty" ]; then
    log "NOTE: built from uncommitted sources; commit them together with checklist-wasm/pkg:"
    printf '%s\n' "$dirty" >&2
  fi
fi

( cd "$PKG_DIR" && sha256sum -- * ) >&2
scripts/wasm-size-report.sh "$PKG_DIR"
# The vendors' bundle has no ceiling of its own; print its size beside the buyer's.
log "respond bundle: $(gzip -9 -c "$PKG_DIR/respond.js" | wc -c) B + $(gzip -9 -c "$PKG_DIR/respond_bg.wasm" | wc -c) B gzip (glue + wasm)"
log "done in $((SECONDS - START))s: route $ROUTE, $RUSTC_VERSION, wasm-bindgen $WB_VERSION, binaryen $BINARYEN_VERSION"
