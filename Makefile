# The two commands of the README. Each installs what is missing first (scripts/bootstrap.sh).
SHELL := /bin/bash
export PATH := $(CURDIR)/e2e/node_modules/.bin:$(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: serve test bench build validate calibrate fuzz

## Build the app and serve it on http://127.0.0.1:8080
serve:
	@scripts/bootstrap.sh serve
	@echo "HPG Explorer: http://127.0.0.1:8080"
	trunk serve --release

## Every check, failing on the first failure (CI runs exactly this)
test:
	@scripts/bootstrap.sh
	scripts/test.sh

## Release build into dist/
build:
	@scripts/bootstrap.sh serve
	trunk build --release

## Benchmarks, one table against the budgets (docs/PERFORMANCE.md): the engine native (criterion) and
## as WebAssembly in headless Chromium, interaction, size and load of the release build
bench:
	@scripts/bootstrap.sh
	cargo bench --bench engine
	trunk build --release
	node e2e/bench/run.mjs

## Run the published-outcome validation
validate:
	cargo run --release --bin hpg-sim -- validate tests/validation/cases.json

## Fit the model's uncertain parameters to every published outcome at once, then cross-validate by study
## (resumes from target/calibration.json; delete it to start over)
calibrate:
	cargo run --release --bin hpg-sim -- calibrate-model tests/validation/cases.json --cv

## The decoder fuzz properties at 20x CI's 100,000 cases (HPG_FUZZ_SCALE sets the factor)
fuzz:
	HPG_FUZZ_SCALE=$${HPG_FUZZ_SCALE:-20} cargo test --release --locked --test fuzz_decoders
