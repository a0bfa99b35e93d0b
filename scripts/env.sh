# Sourced by the other scripts: puts the pinned tools first on PATH and sets what they need.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# trunk 0.21 would otherwise ask the network for a newer version at every start.
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
cd "$ROOT"
# The reference server binary, wherever cargo puts its build output.
export MFA_SERVER_BIN="${MFA_SERVER_BIN:-${CARGO_TARGET_DIR:-$ROOT/target}/debug/mfa-server}"
# The release wasm is linked against a standard library compiled in the same build, for size
# (rust-src, installed by scripts/setup), with panics that trap at once instead of formatting a
# message nobody can read (wasm32-unknown-unknown has no stderr): 17 KB brotli less, measured in
# BENCHMARKS.md. `-Zfmt-debug=none` drops the `Debug` formatting no release text uses (messages
# are `Display`, worded in i18n/): 3.1 KB less. All are unstable options of the stable compiler (1.95 here), enabled only for the
# release build (`env "${RELEASE_ENV[@]}" ...`) by RUSTC_BOOTSTRAP.
RELEASE_ENV=(
  RUSTC_BOOTSTRAP=1
  CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none"
)
