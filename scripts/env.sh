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
