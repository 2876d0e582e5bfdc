#!/usr/bin/env bash
# Every check the project has, in order, stopping at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/e2e/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check
step "cargo clippy (native)"
cargo clippy --locked --all-targets -- -D warnings
step "cargo clippy (wasm32)"
cargo clippy --locked --target wasm32-unknown-unknown --lib --bins --tests -- -D warnings
step "cargo doc (the model's public API, no warning)"
RUSTDOCFLAGS="-D warnings" cargo doc --locked -p hpg-model --no-deps
step "native tests"
cargo test --locked --release 2>&1 | tee target/native-tests.log
step "wasm-bindgen tests in headless Chromium"
cargo test --locked --target wasm32-unknown-unknown --test web 2>&1 | tee target/wasm-tests.log
step "release build (trunk)"
trunk build --release
step "end-to-end tests in headless Chromium"
(cd e2e && node --test --test-reporter=spec --test-concurrency=1 tests/) 2>&1 | tee target/e2e-tests.log

step "summary"
count() { grep -E "$2" "$1" | grep -oE "$3" | awk '{s+=$1} END {print s+0}'; }
native_pass=$(count target/native-tests.log '^test result:' '[0-9]+ passed' )
native_fail=$(count target/native-tests.log '^test result:' '[0-9]+ failed')
wasm_pass=$(count target/wasm-tests.log '^test result:' '[0-9]+ passed')
wasm_fail=$(count target/wasm-tests.log '^test result:' '[0-9]+ failed')
e2e_pass=$(grep -E '^ℹ pass' target/e2e-tests.log | awk '{print $3}')
e2e_fail=$(grep -E '^ℹ fail' target/e2e-tests.log | awk '{print $3}')
echo "native (cargo test):        $native_pass passed, $native_fail failed"
echo "browser (wasm-bindgen-test): $wasm_pass passed, $wasm_fail failed"
echo "end-to-end (node --test):    $e2e_pass passed, $e2e_fail failed"
echo "all: $((native_pass + wasm_pass + e2e_pass)) passed, $((native_fail + wasm_fail + e2e_fail)) failed"
