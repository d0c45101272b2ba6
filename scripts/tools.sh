# Installs what building Compact Tracker needs, skipping each tool that is
# already present at its pinned version. Sourced by run.sh, test.sh, release.sh.

say() { printf '\n==> %s\n' "$*"; }

# The wasm-bindgen version the lock file resolves; the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_rust_tools() {
  export PATH="$HOME/.cargo/bin:$PATH"
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "Adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  local wbg
  wbg=$(wasm_bindgen_version)
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wbg" ]; then
    say "Installing wasm-bindgen-cli $wbg (about 6 minutes, once)"
    # Not --locked: one of its locked dependency versions is not served.
    cargo install wasm-bindgen-cli --version "=$wbg"
  fi
}

# wasm-opt from npm's binaryen (pinned in package.json); Debian's older
# binaryen produces wasm that fails to hydrate.
ensure_wasm_opt() {
  if [ "$(node_modules/.bin/wasm-opt --version 2>/dev/null | awk '{print $3}')" != "132" ]; then
    say "Installing wasm-opt (npm binaryen)"
    npm install --no-audit --no-fund
  fi
  export PATH="$PWD/node_modules/.bin:$PATH"
}

ensure_browser() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "Installing Chromium and chromedriver (Debian packages)"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium chromium-driver
  fi
}

# xmllint checks IATI exports against the schema in the tests.
ensure_xmllint() {
  if ! command -v xmllint >/dev/null; then
    say "Installing xmllint (Debian package libxml2-utils)"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y libxml2-utils
  fi
}
