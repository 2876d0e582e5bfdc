#!/usr/bin/env bash
# Every check the project has, in order, stopping at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check
step "cargo clippy (native)"
cargo clippy --locked --all-targets -- -D warnings
step "cargo clippy (wasm32)"
cargo clippy --locked --target wasm32-unknown-unknown --lib --bins --tests -- -D warnings
step "native tests"
cargo test --locked 2>&1 | tee target/native-tests.log
step "wasm-bindgen tests in headless Chromium"
cargo test --locked --target wasm32-unknown-unknown --test web 2>&1 | tee target/wasm-tests.log
step "release build (trunk)"
trunk build --release
step "end-to-end tests in headless Chromium"
(cd e2e && node --test --test-reporter=spec --test-concurrency=1 tests/) 2>&1 | tee target/e2e-tests.log

step "summary"
grep -E '^test result:' target/native-tests.log | awk '{p+=$4; f+=$6} END {print "native: " p " passed, " f " failed"}'
grep -E '^test result:' target/wasm-tests.log | tail -1
grep -E '^ℹ (tests|pass|fail)' target/e2e-tests.log
