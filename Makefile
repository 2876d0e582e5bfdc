# The two commands of the README. Each installs what is missing first (scripts/bootstrap.sh).
SHELL := /bin/bash
export PATH := $(CURDIR)/e2e/node_modules/.bin:$(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: serve test bench build validate

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

## Benchmarks (results and budgets: docs/PERFORMANCE.md): the engine (criterion) and, in headless
## Chromium against the release build, control input -> chart repainted
bench:
	@scripts/bootstrap.sh
	cargo bench --bench engine
	trunk build --release
	node e2e/bench/interaction.mjs

## Run the published-outcome validation
validate:
	cargo run --release --bin hpg-sim -- validate tests/validation/cases.json
