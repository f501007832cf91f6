# Kernpunt: `make run` to build and serve, `make test` to run every test.
# Both install what is missing first (see scripts/setup.sh).

SHELL := /bin/bash
KERNPUNT_TOOLS ?= $(HOME)/.cache/kernpunt-tools
export KERNPUNT_TOOLS
export PATH := $(HOME)/.cargo/bin:$(KERNPUNT_TOOLS)/node_modules/.bin:$(PATH)

TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
SERVER := $(TARGET_DIR)/release/server
KERNPUNT_DATABASE ?= data/kernpunt.db
export KERNPUNT_DATABASE

.PHONY: run test build setup setup-test test-rust test-e2e check bench bench-search bench-signups bench-digest bench-bundle bench-lighthouse bench-soak seed

# What a release build reads. `make run` builds only when one of them is newer than the
# last build (target/site/.built), so a second run with nothing changed serves at once;
# `make build` always builds.
BUILD_INPUTS := $(shell find app server frontend style public migrations -type f 2>/dev/null) \
	Cargo.toml Cargo.lock $(wildcard .cargo/config.toml package.json package-lock.json)
BUILT := target/site/.built

run: setup $(BUILT)
	@[ -x "$(SERVER)" ] || $(MAKE) build
	@if [ ! -f "$(KERNPUNT_DATABASE)" ]; then \
		echo "==> Creating $(KERNPUNT_DATABASE) with demo data…"; \
		"$(SERVER)" seed; \
	fi
	@echo "==> Kernpunt runs on http://$${KERNPUNT_ADDR:-127.0.0.1:3000} (Ctrl-C stops it)"
	@echo "    Demo login: coordinator@voorbeeld.nl (or beheer@ / redacteur@voorbeeld.nl), password kernpunt-demo"
	"$(SERVER)"

test: setup-test build test-rust test-e2e

setup:
	@scripts/setup.sh run

setup-test:
	@scripts/setup.sh test

# Release build of server and wasm, with hashed and precompressed assets.
build:
	@echo "==> Building Kernpunt in release mode (a few minutes the first time)…"
	cargo leptos build --release --precompress
	@touch $(BUILT)

$(BUILT): $(BUILD_INPUTS)
	@$(MAKE) --no-print-directory build

# Unit, database and HTTP tests. The app crate's tests need its ssr feature.
test-rust:
	@echo "==> Rust tests…"
	cargo test -p app --features ssr
	cargo test -p server

# Playwright in Chromium against the release server, with JavaScript on and off.
test-e2e:
	@echo "==> Browser tests (Playwright + axe-core)…"
	cd end2end && SERVER_BIN="$(abspath $(SERVER))" npx playwright test

# Quick compile checks while developing.
check:
	cargo check -p app --features ssr
	cargo check -p app --features hydrate --target wasm32-unknown-unknown
	cargo check -p server

seed: build
	"$(SERVER)" seed

bench: build
	bench/pages.sh

# Library search latency with 10,000 generated items (database layer and over HTTP).
bench-search:
	cargo run --release -p server --example search_bench

# Sign-ups per second over HTTP with 64 concurrent clients, p50/p95/p99 latency, and a check
# that nothing was overbooked or lost (server/examples/signup_bench.rs).
bench-signups:
	bench/signups.sh

# The weekly digest for 10,000 subscribers following 3 things each over a week of 500
# events: matching and grouping, and writing every mail to the outbox (issue 14).
bench-digest:
	cargo test --release -p app --features ssr --lib following::db::tests::bench_digest -- --ignored --nocapture

# Brotli bytes of WASM+JS a first visit to each route downloads; fails over 150 KB (issue 12).
bench-bundle:
	bench/bundle.sh

# Lighthouse mobile scores of six pages visitors land on; fails under the targets (issue 12).
bench-lighthouse:
	bench/lighthouse.sh

# 60 s of mixed traffic at 64 connections: errors, p99 per kind, memory (issue 16).
bench-soak:
	bench/soak.sh
