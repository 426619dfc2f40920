#!/usr/bin/env bash
# build-wasm.sh -- builds the project's WebAssembly bundles, listed in scripts/wasm-bundles.sh:
# the checklist engine (checklist-wasm/pkg: the buyer's `checklist` and the vendors' `respond`)
# and the search engine (search-wasm/pkg: `search`). Each bundle is
#   NAME.js        ES module glue from `wasm-bindgen --target web` (no eval, no inline script,
#                  so it runs under `script-src 'self' 'wasm-unsafe-eval'`)
#   NAME_bg.wasm   the engine, shrunk by wasm-opt,
# then post-processed by the bundle's steps (wasm-bundles.sh: short import and export names,
# the glue minified by terser). Each package folder also gets SOURCE_HASH, the hash of the
# sources it was built from (scripts/check-wasm-bundle.sh defines and checks it).
# It installs what it lacks (apt packages, the wasm-bindgen CLI, npm's binaryen and terser),
# prints each step, and is safe to run again: installs are skipped, cargo builds
# incrementally, and a package folder is replaced only after all its bundles built. The
# generator only copies the committed bundles; it never needs this toolchain.
#
# Routes to a wasm32-unknown-unknown compiler (CHECKLIST_WASM_ROUTE):
#   debian (default, canonical)  Debian's rustc-web/cargo-web + rust-web-src (std source) +
#          lld-<LLVM major of /usr/bin/rustc>, with std rebuilt for wasm by -Zbuild-std.
#   rustup  rustup's toolchain plus `rustup target add wasm32-unknown-unknown` (2 min timeout).
#   auto    rustup when its wasm32 target is installed or can be added, else debian.
# Why debian is canonical: the committed bundles must come from ONE compiler, because two
# compilers give different bytes (rustup stable is 1.95 here, Debian's is 1.96). The Debian
# route is the one that works on every machine of this project: the network reaches package
# registries only, and rustup's target download is not guaranteed. It also rebuilds std with
# the wasm-release profile (opt-level z, LTO, panic abort), which makes a smaller bundle.
# Reproducibility therefore means: same route + same compiler version + same sources => same
# bytes, in any checkout directory (paths are remapped, see CARGO_ENCODED_RUSTFLAGS below).
# Use the other routes for local experiments, not for the committed bundles.
#
# Usage: scripts/build-wasm.sh [PACKAGE...]   (no PACKAGE: every package; names in wasm-bundles.sh)
#   CHECKLIST_WASM_ROUTE=debian|rustup|auto   compiler route (default debian)
#   CHECKLIST_TOOLS_DIR=DIR   where the wasm-bindgen CLI, binaryen and terser go
#                             (default ${XDG_CACHE_HOME:-$HOME/.cache}/cc-guide-tools; never committed)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
# shellcheck source=wasm-bundles.sh
. "$ROOT/scripts/wasm-bundles.sh"
ROUTE="${CHECKLIST_WASM_ROUTE:-debian}"
TOOLS_DIR="${CHECKLIST_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/cc-guide-tools}"
CARGO_HOME_DIR="${CARGO_HOME:-$HOME/.cargo}"
TARGET=wasm32-unknown-unknown
PROFILE=wasm-release
# npm's binaryen, pinned exactly: Debian's binaryen 108 corrupts wasm-bindgen's externref table.
BINARYEN_VERSION=132.0.0
# npm's terser, pinned exactly (its output is part of the committed bytes): minifies the glue.
TERSER_VERSION=5.51.2
# The compiler the committed bundles were built with; any other one still works but gives other bytes.
CANONICAL_RUSTC_RELEASE=1.96
# Features Rust 1.96 (LLVM 22) enables by default for wasm32-unknown-unknown ("generic" CPU).
# wasm-opt must know them to read the module, and may then use them; every current browser has them.
WASM_OPT_FEATURES=(--enable-bulk-memory --enable-bulk-memory-opt --enable-call-indirect-overlong
  --enable-multivalue --enable-mutable-globals --enable-nontrapping-float-to-int
  --enable-reference-types --enable-sign-ext)

export DEBIAN_FRONTEND=noninteractive
START=$SECONDS
log() { printf '\n==> [%3ss] %s\n' "$((SECONDS - START))" "$*" >&2; }
die() { printf 'build-wasm: error: %s\n' "$*" >&2; exit 1; }
run() { printf '+ %s\n' "$*" >&2; "$@"; }

if [ $# -eq 0 ]; then mapfile -t PACKAGES < <(wasm_package_names); else PACKAGES=("$@"); fi
for package in "${PACKAGES[@]}"; do wasm_package_row "$package" >/dev/null || exit 2; done

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
  # std's `optimize_for_size`: its algorithms (sorting, integer formatting, ...) in their
  # smaller forms: 0.8 KB gzip less on the checklist's first load, 5.7 KB on the search engine.
  BUILD_STD=("-Zbuild-std=std,panic_abort" "-Zbuild-std-features=optimize_for_size")
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

# Installs npm package $1 at exactly version $2 into $TOOLS_DIR/$1-$2 (once), and prints the
# folder of its commands (node_modules/.bin). Call with the install lock held.
npm_tool() {
  local name="$1" version="$2" have
  local dir="$TOOLS_DIR/$name-$version"
  log "3/6 npm $name@$version"
  have="$(node -p 'require(process.argv[1]).version' "$dir/node_modules/$name/package.json" 2>/dev/null || true)"
  if [ "$have" = "$version" ] && [ -d "$dir/node_modules/.bin" ]; then
    log "$name $version already installed in $dir"
  else
    command -v npm >/dev/null || apt_install npm
    mkdir -p "$dir"
    run npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "$name@$version" >&2
  fi
  printf '%s\n' "$dir/node_modules/.bin"
}
command -v node >/dev/null || apt_install nodejs
WASM_OPT="$(npm_tool binaryen "$BINARYEN_VERSION")/wasm-opt"
TERSER="$(npm_tool terser "$TERSER_VERSION")/terser"
[ -x "$WASM_OPT" ] || die "npm binaryen@$BINARYEN_VERSION has no \`$WASM_OPT\`"
[ -x "$TERSER" ] || die "npm terser@$TERSER_VERSION has no \`$TERSER\`"
flock -u 9
log "tools: $("$WASM_BINDGEN" --version), $("$WASM_OPT" --version), terser $("$TERSER" --version)"

# ------------------------------------------------------------------------------- 5. steps
# The post-processing steps a bundle's line in wasm-bundles.sh names; each takes the staged
# glue ($1) and wasm ($2) and rewrites them in place.
# --strip-target-features: browsers ignore that custom section; it only costs bytes.
# --low-memory-unused: Rust puts the 1 MB stack first, growing down, so the lowest 1 KB is
# touched only by a stack overflow; wasm-opt may then fold small address offsets.
wasm_opt() {
  local wasm="$1"; shift
  run "$WASM_OPT" "$@" --low-memory-unused "${WASM_OPT_FEATURES[@]}" --strip-target-features -o "$wasm.opt" "$wasm"
  mv -f "$wasm.opt" "$wasm"
}
step_oz() { wasm_opt "$2" -Oz; }
# --flatten --rereloop rebuilds the control flow before two -Oz rounds: 1.5 KB gzip smaller
# than one -Oz on the checklist (-Oz --converge: 0.4 KB; -Os: 0.1 KB larger). Tried and left
# out: --gufa-optimizing (33 B), and --ignore-implicit-traps (0.13 KB), which broke the grid's
# "failing" filter (it showed every row; checklist-grid.test.mjs caught it).
step_rereloop() { wasm_opt "$2" --flatten --rereloop -Oz -Oz; }
# Short import and export names in wasm and glue (3.2 + 1.6 KB gzip on the checklist: the
# hashed names hardly compress). The public exports of the glue keep their names.
step_shorten() { run node "$ROOT/scripts/shorten-wasm-names.mjs" "$2" "$1"; }
# The glue minified (another 1.7 KB gzip on the checklist).
step_terser() {
  run "$TERSER" "$1" --module --compress --mangle -o "$1.min"
  mv -f "$1.min" "$1"
}

# ------------------------------------------------------------------------------- 4.-6. packages
cd "$ROOT"
# Builds package $1: every bundle of it into a staging folder, then stamps and swaps it in.
build_package() {
  local package="$1" fields dir after
  read -r -a fields <<<"$(wasm_package_row "$package")"
  dir="${fields[1]}" after="${fields[2]}"
  local hash_before hash_after
  hash_before="$(wasm_source_hash "$package")" || die "cannot hash the sources of \`$package\`"
  # Its own target dir per package and route: cargo keeps --remap-path-prefix out of its
  # artifact hashes, so two packages' builds (remapped to /NAME each) would rebuild std for
  # each other in one dir; the host build and the other route keep their caches too.
  local target_dir="$ROOT/target/wasm/$package-$ROUTE"
  # Paths in panic locations must not name this checkout, the cargo home or the std source, so
  # that any checkout builds the same bytes. Cargo keeps --remap-path-prefix out of -Cmetadata.
  # CARGO_ENCODED_RUSTFLAGS (0x1f-separated) survives spaces in paths, and replaces any RUSTFLAGS
  # or build.rustflags of the caller, which would change the bytes. Later prefixes win in rustc.
  local rustflags=("--remap-path-prefix=$ROOT=/$package" "${REMAP_STD[@]}"
    "--remap-path-prefix=$CARGO_HOME_DIR=/cargo" "${SIZE_FLAGS[@]}")
  local encoded_rustflags
  encoded_rustflags="$(IFS=$'\x1f'; printf '%s' "${rustflags[*]}")"
  local stage="$ROOT/target/wasm/$package-pkg.staging"
  rm -rf "$stage"
  local name crate features budget steps step features_arg wasm_in
  while read -r -a fields; do
    name="${fields[1]}" crate="${fields[2]}" features="${fields[3]}" budget="${fields[4]}"
    steps=("${fields[@]:5}")
    features_arg=()
    [ "$features" = - ] || features_arg=(--features "$features")
    log "4/6 $package/$name: cargo build -p $crate --profile $PROFILE --target $TARGET ${features_arg[*]} (route $ROUTE, target dir ${target_dir#"$ROOT"/})"
    # `env -u` must come before the assignments: GNU env stops reading options at the first NAME=VALUE.
    run env -u RUSTFLAGS -u RUSTC_WRAPPER -u RUSTUP_TOOLCHAIN -u RUSTC_BOOTSTRAP -u CARGO_BUILD_TARGET \
      "${BUILD_ENV[@]}" "CARGO_ENCODED_RUSTFLAGS=$encoded_rustflags" \
      "$CARGO_BIN" build --locked -p "$crate" --profile "$PROFILE" --target "$TARGET" \
      --target-dir "$target_dir" "${BUILD_STD[@]}" "${features_arg[@]}" \
      || die "cargo build failed (see above). --locked keeps Cargo.lock, an input of the bundle, unchanged: if cargo says the lock file needs updating, run \`cargo check -p $crate\` (it adds only what is missing) and commit Cargo.lock"
    wasm_in="$target_dir/$TARGET/$PROFILE/${crate//-/_}.wasm"
    [ -f "$wasm_in" ] || die "cargo did not produce \`$wasm_in\`"
    log "5/6 $package/$name: wasm-bindgen --target web, then ${steps[*]} (into ${stage#"$ROOT"/})"
    # --omit-default-module-path: every loader passes the wasm's address (`module_or_path`);
    # --encode-into always: every current browser has TextEncoder.encodeInto, so the glue
    # needs no fallback (66 B gzip less on the checklist's glue together).
    run "$WASM_BINDGEN" --target web --no-typescript --remove-name-section --remove-producers-section \
      --omit-default-module-path --encode-into always \
      --out-dir "$stage" --out-name "$name" "$wasm_in"
    for step in "${steps[@]}"; do
      declare -F "step_$step" >/dev/null || die "bundle \`$name\`: unknown step \`$step\` in scripts/wasm-bundles.sh"
      "step_$step" "$stage/$name.js" "$stage/${name}_bg.wasm"
    done
    # Catch a module that browsers would refuse before it replaces the bundle.
    run node -e 'const b = require("fs").readFileSync(process.argv[1]);
      if (!WebAssembly.validate(b)) { console.error("invalid wasm: " + process.argv[1]); process.exit(1); }
      new WebAssembly.Module(b);' "$stage/${name}_bg.wasm"
  done < <(wasm_bundle_rows "$package")

  hash_after="$(wasm_source_hash "$package")" || die "cannot hash the sources of \`$package\`"
  [ "$hash_before" = "$hash_after" ] || die "sources changed during the build; run it again ($dir is unchanged)"
  printf '%s\n' "$hash_after" > "$stage/SOURCE_HASH"
  log "6/6 replace $dir (source hash $hash_after)"
  rm -rf "$ROOT/$dir.old"
  if [ -d "$ROOT/$dir" ]; then mv "$ROOT/$dir" "$ROOT/$dir.old"; fi
  mv "$stage" "$ROOT/$dir"
  rm -rf "$ROOT/$dir.old"

  # The stamp covers the working tree; uncommitted inputs make a commit that CI calls stale.
  if git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
    local dirty
    dirty="$(wasm_manifest "$package" | sed 's/^[0-9a-f]*  //; s/:[a-z0-9_-]*$//' | LC_ALL=C sort -u \
      | xargs git -C "$ROOT" status --porcelain --)"
    if [ -n "$dirty" ]; then
      log "NOTE: built from uncommitted sources; commit them together with $dir:"
      printf '%s\n' "$dirty" >&2
    fi
  fi

  ( cd "$ROOT/$dir" && sha256sum -- * ) >&2
  local total gz
  while read -r -a fields; do
    name="${fields[1]}" budget="${fields[4]}"
    total=0
    for f in "$dir/$name.js" "$dir/${name}_bg.wasm"; do
      gz=$(gzip -9 -n -c "$f" | wc -c)
      total=$((total + gz))
      printf '%-24s %8d B raw %8d B gzip\n' "$f" "$(wc -c < "$f")" "$gz"
    done
    if [ "$budget" = - ]; then
      printf '%s bundle: %d B gzip (glue + wasm)\n' "$name" "$total"
    else
      printf '%s bundle: %d B gzip (glue + wasm; budget %d KB)\n' "$name" "$total" "$budget"
      [ "$total" -le $((budget * 1024)) ] || die "$name bundle over its $budget KB gzip budget (scripts/wasm-bundles.sh)"
    fi
  done < <(wasm_bundle_rows "$package")
  [ "$after" = - ] || run "$ROOT/$after" "$ROOT/$dir"
}

for package in "${PACKAGES[@]}"; do build_package "$package"; done
log "done in $((SECONDS - START))s: ${PACKAGES[*]}; route $ROUTE, $RUSTC_VERSION, wasm-bindgen $WB_VERSION, binaryen $BINARYEN_VERSION, terser $TERSER_VERSION"
