# Two commands (see README.md):
#   make run    install what is missing, build, serve the playground on http://127.0.0.1:8080
#   make test   native tests (ctest), the engine's wasm tests under node, end-to-end in headless Chromium
# Helpers: make build, make native, make wasm, make serve, make bench, make clean
SHELL := /bin/bash
export NODE_PATH ?= /usr/share/nodejs
BUILD := build
PORT ?= 8080
# The native suites run one test per core (every test is its own process and writes no files).
JOBS ?= $(shell nproc)

# make dist: the page as one folder for any static host (scripts/dist.sh; README: Publishing).
.PHONY: dist run test build deps third_party native wasm sanitize serve e2e bench bench-accuracy bench-engine bench-peers bench-long clean

run: build serve

deps:
	@scripts/deps.sh

third_party: deps
	@scripts/third_party.sh $(BUILD)/third_party

native: deps
	@start=$$(date +%s.%N); \
	[ -f $(BUILD)/native/build.ninja ] || cmake --preset native > /dev/null; \
	cmake --build --preset native; \
	printf 'native build: %.1f s\n' $$(echo "$$(date +%s.%N) - $$start" | bc)

wasm: third_party
	@start=$$(date +%s.%N); \
	[ -f $(BUILD)/wasm/build.ninja ] || cmake --preset wasm > /dev/null; \
	cmake --build --preset wasm; \
	printf 'wasm build: %.1f s\n' $$(echo "$$(date +%s.%N) - $$start" | bc)

build: native wasm

dist: wasm
	@scripts/dist.sh $(BUILD)/wasm/web dist $(PUBLIC_URL)

serve:
	@node scripts/serve.mjs $(BUILD)/wasm/web $(PORT)

# The native suite again under ASan + UBSan (clang), then each libFuzzer target for 20 s.
sanitize: deps
	@[ -f $(BUILD)/sanitize/build.ninja ] || cmake --preset sanitize > /dev/null
	cmake --build --preset sanitize

test: build sanitize
	ctest --preset native -j$(JOBS)
	ctest --preset sanitize -j$(JOBS)
	scripts/fuzz.sh $(BUILD)/sanitize 20
	ctest --preset wasm
	tests/pytorch/run.sh
	node --test --test-concurrency=1 tests/e2e/
	@echo "screenshots: $(BUILD)/screenshots/"

# Benchmarks print tables (figures in README.md); they are not tests.
bench: bench-engine bench-peers bench-accuracy

bench-engine: build
	build/native/dlp-bench
	node --no-experimental-fetch build/wasm/dlp-bench.js
	node --no-experimental-fetch build/wasm/dlp-bench-threads.js --threads-only
	node bench/kernels.mjs
	node bench/kernels.mjs --models --worker

# Peers (TF.js, ConvNetJS) come from bench/package.json, installed only for benchmarks.
bench-peers: wasm
	cd bench && npm ci --no-audit --no-fund --loglevel=error
	node bench/peers.mjs
	node bench/loading.mjs
	node bench/frame_times.mjs
	node bench/training.mjs
	node bench/seek.mjs

# The long session as a benchmark: 30 minutes of training, memory at start and end.
bench-long: wasm
	DLP_LONG_RUN_SECONDS=1800 node --test tests/e2e/long_run.test.mjs

bench-accuracy: wasm
	bench/accuracy.sh build/wasm

clean:
	rm -rf $(BUILD)/native $(BUILD)/wasm $(BUILD)/sanitize $(BUILD)/screenshots
