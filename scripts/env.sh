# Sourced by the other scripts: puts the pinned tools first on PATH and sets what they need.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/tools/node_modules/.bin:$ROOT/tools/cargo/bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# trunk 0.21 would otherwise ask the network for a newer version at every start.
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
# The component tests in Firefox: `GECKODRIVER="$GECKODRIVER_BIN" cargo test ...` (scripts/test);
# exported under another name, as wasm-bindgen-test-runner picks the browser by which is set.
export GECKODRIVER_BIN="${GECKODRIVER_BIN:-${CARGO_HOME:-$HOME/.cargo}/bin/geckodriver}"
# WebKitGTK's WebDriver server (Debian's webkit2gtk-driver), for the component tests and journeys.
export WEBKIT_DRIVER="${WEBKIT_DRIVER:-/usr/bin/WebKitWebDriver}"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
cd "$ROOT"
# The reference server binary, wherever cargo puts its build output.
export MFA_SERVER_BIN="${MFA_SERVER_BIN:-${CARGO_TARGET_DIR:-$ROOT/target}/debug/mfa-server}"
# The release wasm is linked against a standard library compiled in the same build, for size
# (rust-src, installed by scripts/setup), with panics that trap at once instead of formatting a
# message nobody can read (wasm32-unknown-unknown has no stderr); `-Zfmt-debug=none` drops the
# `Debug` formatting no release text uses (messages are `Display`, worded in i18n/). BENCHMARKS.md
# has what each saves. `--emit-relocs` keeps the linker's relocations, which the splitter reads
# (tools/wasm-split/wasm-bindgen) to cut the security page's chunk out. The unstable options of
# the stable compiler (1.95 here) are enabled only for the release build
# (`env "${RELEASE_ENV[@]}" ...`) by RUSTC_BOOTSTRAP.
# CARGO_PROFILE_RELEASE_PANIC sets the release profile's `panic = "abort"` for this build only:
# in Cargo.toml it would apply to the reference server as well.
# wasm-opt's feature flags for a module built with RELEASE_ENV (the chunks in scripts/stage-chunks,
# the stack probes in scripts/bench-stack): the same as Trunk's own wasm-opt step enables, which
# a stripped wasm, having no target_features section, cannot tell wasm-opt itself.
WASM_OPT_FEATURES=(
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue
)
RELEASE_ENV=(
  CARGO_PROFILE_RELEASE_PANIC=abort
  RUSTC_BOOTSTRAP=1
  CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Clink-args=--emit-relocs"
)
