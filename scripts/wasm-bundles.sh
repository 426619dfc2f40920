# wasm-bundles.sh -- the one list of the project's WebAssembly bundles, and what each one's
# source hash covers. Sourced (not run) by scripts/build-wasm.sh, which builds them, and by
# scripts/check-wasm-bundle.sh, which says whether the committed ones are stale.
#
# A PACKAGE is a committed folder of bundles with one SOURCE_HASH stamp; a BUNDLE is one
# `NAME.js` + `NAME_bg.wasm` pair in it, built from one crate with some cargo features.
# Adding a bundle is one line in WASM_BUNDLES (and, for a new folder, one in WASM_PACKAGES).
# Only these scripts read the two lists; paths are relative to the repository root and
# contain no spaces.

# One package per line:
#   name   the package (a word; `scripts/build-wasm.sh NAME` builds it); the build remaps the
#          checkout to `/NAME` in the compiler's paths and uses target/wasm/NAME-ROUTE
#   dir    the committed folder the bundles and SOURCE_HASH go to
#   after  a command run with the folder after each build (sizes, ceilings), or `-`
#   inputs the folders and files (beyond Cargo.toml, Cargo.lock and the build scripts) whose
#          content the bundles are built from: every file under a folder counts
WASM_PACKAGES=(
  # name    dir                 after                         inputs
  "checklist checklist-wasm/pkg scripts/wasm-size-report.sh   checklist-wasm/src checklist-wasm/core/src checklist-wasm/Cargo.toml checklist-wasm/core/Cargo.toml"
  "search    search-wasm/pkg    -                             search-wasm/src search-wasm/core/src search-wasm/Cargo.toml search-wasm/core/Cargo.toml"
)

# One bundle per line:
#   package   the package (above) it belongs to
#   name      its file names: NAME.js (the glue) and NAME_bg.wasm
#   crate     the cargo package compiled for wasm32 (`cargo build -p CRATE`)
#   features  cargo features, comma-separated, or `-` for the defaults
#   budget    the most glue + wasm may weigh gzipped, in KB (1024 B), or `-` for none here
#   steps     what is done after `wasm-bindgen --target web`, in order (build-wasm.sh, step_*):
#               oz        wasm-opt -Oz
#               rereloop  wasm-opt --flatten --rereloop -Oz -Oz (smaller, slower to build)
#               shorten   short import and export names in wasm and glue
#                         (scripts/shorten-wasm-names.mjs)
#               terser    the glue minified
# The buyer's checklist, the vendors' response mode and the checklist's on-demand module (what
# the workspace loads on first use: imports, share links, CSV, comparison report) are one crate
# built three times, so no page loads code it does not use; the checklist's first-load ceiling
# is scripts/wasm-size-report.sh's.
WASM_BUNDLES=(
  # package  name       crate           features  budget  steps
  "checklist checklist  checklist-wasm  -         -       rereloop shorten terser"
  "checklist respond    checklist-wasm  respond   -       rereloop shorten terser"
  "checklist ondemand   checklist-wasm  ondemand  -       rereloop shorten terser"
  "search    search     search-wasm     -         60      oz"
)

# Prints the names of all packages, one a line.
wasm_package_names() {
  local row
  for row in "${WASM_PACKAGES[@]}"; do printf '%s\n' "${row%% *}"; done
}

# Prints the WASM_PACKAGES line of package $1 (whitespace-separated fields); fails for an
# unknown name.
wasm_package_row() {
  local row fields
  for row in "${WASM_PACKAGES[@]}"; do
    read -r -a fields <<<"$row"
    if [ "${fields[0]}" = "$1" ]; then printf '%s\n' "$row"; return 0; fi
  done
  echo "unknown wasm package \`$1\`; packages: $(wasm_package_names | tr '\n' ' ')" >&2
  return 1
}

# Prints the WASM_BUNDLES lines of package $1, in build order.
wasm_bundle_rows() {
  local row fields
  for row in "${WASM_BUNDLES[@]}"; do
    read -r -a fields <<<"$row"
    if [ "${fields[0]}" = "$1" ]; then printf '%s\n' "$row"; fi
  done
}

# Prints the script a post-processing step runs, if it has one of its own (an input of the hash).
wasm_step_script() {
  case "$1" in
    shorten) printf '%s\n' scripts/shorten-wasm-names.mjs ;;
  esac
}

# Prints one "<sha256>  <path>" line per input of package $1, in a locale-independent order,
# then one line for the package's own lines of the two lists above (path
# `scripts/wasm-bundles.sh:NAME`), so another package's line does not make this one stale.
# Run from the repository root. Untracked files under the input folders count too: a bundle
# built from them is not reproducible from what is committed.
wasm_manifest() {
  local package="$1" row fields input step script
  row="$(wasm_package_row "$package")" || return 1
  read -r -a fields <<<"$row"
  local inputs=("${fields[@]:3}") steps=()
  local bundles
  bundles="$(wasm_bundle_rows "$package")"
  [ -n "$bundles" ] || { echo "wasm package \`$package\` has no bundles in WASM_BUNDLES" >&2; return 1; }
  while read -r -a fields; do steps+=("${fields[@]:5}"); done <<<"$bundles"
  for input in "${inputs[@]}"; do
    [ -e "$input" ] || { echo "wasm package \`$package\`: input \`$input\` is missing" >&2; return 1; }
  done
  {
    for input in "${inputs[@]}"; do
      if [ -d "$input" ]; then find "$input" -type f -print0; else printf '%s\0' "$input"; fi
    done
    printf '%s\0' Cargo.toml Cargo.lock scripts/build-wasm.sh
    for step in "${steps[@]}"; do
      script="$(wasm_step_script "$step")"
      [ -z "$script" ] || printf '%s\0' "$script"
    done
  } | LC_ALL=C sort -zu | xargs -0 sha256sum -- || return 1
  printf '%s\n%s\n' "$row" "$bundles" | tr -s ' ' | sha256sum | sed "s|-\$|scripts/wasm-bundles.sh:$package|"
}

# Prints the source hash of package $1: sha256 of its manifest.
wasm_source_hash() {
  local manifest
  manifest="$(wasm_manifest "$1")" || return 1
  printf '%s\n' "$manifest" | sha256sum | cut -d' ' -f1
}
