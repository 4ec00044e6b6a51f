# Two commands (see README.md):
#   make run    install what building and serving needs, build the page, serve it on http://127.0.0.1:8080
#   make test   every test, each phase timed: native, sanitized, fuzzers, wasm under node, PyTorch, end-to-end
# Helpers: make check (the quick inner loop), build, native, wasm, page, serve, e2e, bench, clean
SHELL := /bin/bash
export NODE_PATH ?= /usr/share/nodejs
BUILD := build
PORT ?= 8080
# The native suites run one test per core (every test is its own process and writes no files).
JOBS ?= $(shell nproc)

# make dist: the page as one folder for any static host (scripts/dist.sh; docs/embedding.md).
.PHONY: dist run test check build deps deps-test third_party native wasm wasm-tests page sanitize serve e2e bench bench-accuracy bench-engine bench-peers bench-long clean

# make run builds and serves the page only: no native build, no test tools.
run: page serve

# What building and serving needs; deps-test adds Chromium, PyTorch, clang's sanitizers and libFuzzer.
deps:
	@scripts/deps.sh
deps-test:
	@scripts/deps.sh --test

third_party: deps
	@scripts/third_party.sh $(BUILD)/third_party

# ccache, where it is installed (make test installs it), keeps compiled objects under
# ~/.cache/ccache, keyed by the preprocessed source, the compiler and its flags: a clean clone
# builds again in a fraction of the time, and a changed input never reuses a stale object. The
# native builds name it as their compiler launcher; emcc runs clang through it (COMPILER_WRAPPER).
CCACHE := $(shell command -v ccache 2>/dev/null)
ifneq ($(CCACHE),)
export EM_COMPILER_WRAPPER := $(CCACHE)
# Paths inside the clone are hashed relative to it, so another clone of the same tree hits.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := true
LAUNCHER_native := -DCMAKE_C_COMPILER_LAUNCHER=$(CCACHE) -DCMAKE_CXX_COMPILER_LAUNCHER=$(CCACHE)
LAUNCHER_sanitize := $(LAUNCHER_native)
endif
# A wasm link (binaryen's optimizer, 8-18 s) is kept under ~/.cache/dlp/links, keyed by the bytes
# of everything it reads (scripts/link_cache.py); objects from ccache then link from the cache too.
# A wasm compile runs clang with emcc's flags without starting emcc's Python each time
# (scripts/wasm_cc.sh: the same objects, a second less per file).
LAUNCHER_wasm := -DCMAKE_CXX_LINKER_LAUNCHER=$(CURDIR)/scripts/link_cache.py \
  -DCMAKE_C_COMPILER_LAUNCHER=$(CURDIR)/scripts/wasm_cc.sh -DCMAKE_CXX_COMPILER_LAUNCHER=$(CURDIR)/scripts/wasm_cc.sh

# Each build prints its time; `cmake --build` with targets builds only those (and what they need).
define cmake_build # preset, targets (empty: all)
	@start=$$(date +%s.%N); \
	[ -f $(BUILD)/$(1)/build.ninja ] || cmake --preset $(1) $(LAUNCHER_$(1)) > /dev/null; \
	cmake --build --preset $(1) $(if $(2),--target $(2)); \
	printf '$(1) build: %.1f s\n' $$(echo "$$(date +%s.%N) - $$start" | bc)
endef

# The wasm targets the tests use; `make wasm` builds all of them (the benchmarks too).
WASM_TEST_TARGETS := page dlp_tests dlp_threads_check
# The sanitized build: the native suite and the fuzzers (the CLI and benchmark build natively only).
SANITIZE_TARGETS := dlp_tests fuzz_spec fuzz_link fuzz_safetensors fuzz_idx fuzz_session

native: deps
	$(call cmake_build,native)
wasm: third_party
	$(call cmake_build,wasm)
page: third_party
	$(call cmake_build,wasm,page)
sanitize: deps-test
	$(call cmake_build,sanitize,$(SANITIZE_TARGETS))

build: native wasm

dist: page
	@scripts/dist.sh $(BUILD)/wasm/web dist $(PUBLIC_URL)

serve:
	@node scripts/serve.mjs $(BUILD)/wasm/web $(PORT)

# Every test, each phase timed (scripts/phase.sh; the table at the end and in $(BUILD)/times.txt).
# The end-to-end files run one at a time, all in one Chromium (tests/e2e/run.mjs).
E2E := node tests/e2e/run.mjs --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
       --test-reporter=./tests/e2e/file_times.mjs --test-reporter-destination=stdout
PHASE := scripts/phase.sh
test:
	@$(PHASE) --reset
	@$(PHASE) "install (apt, npm)" scripts/deps.sh --test
	@$(PHASE) "SDL2 for wasm, Dear ImGui sources" scripts/third_party.sh $(BUILD)/third_party
	@$(PHASE) "native build" $(MAKE) --no-print-directory native
	@$(PHASE) "wasm build (page, tests)" $(MAKE) --no-print-directory wasm-tests
	@$(PHASE) "sanitized build" $(MAKE) --no-print-directory sanitize
	@$(PHASE) "native tests" ctest --preset native -j$(JOBS)
	@$(PHASE) "sanitized tests" ctest --preset sanitize -j$(JOBS)
	@$(PHASE) "fuzzers (5 x 20 s, two at a time)" scripts/fuzz.sh $(BUILD)/sanitize 20
	@$(PHASE) "wasm tests (node)" ctest --preset wasm -j$(JOBS)
	@$(PHASE) "PyTorch oracle" tests/pytorch/run.sh
	@$(PHASE) "end-to-end (Chromium)" $(E2E) tests/e2e/
	@echo "screenshots: $(BUILD)/screenshots/"
	@echo "phases:"; $(PHASE) --report

wasm-tests: third_party
	$(call cmake_build,wasm,$(WASM_TEST_TARGETS))

# The end-to-end suite alone (needs the wasm build).
e2e: deps-test
	$(E2E) tests/e2e/

# The quick inner loop: both unit suites and one walk through the page (about 3 minutes warm).
check: deps-test native wasm-tests
	ctest --preset native -j$(JOBS)
	ctest --preset wasm -j$(JOBS)
	node --test tests/e2e/base.test.mjs

# Benchmarks print tables (figures in docs/benchmarks.md); they are not tests.
bench: bench-engine bench-peers bench-accuracy

bench-engine: deps-test build
	build/native/dlp-bench
	node --no-experimental-fetch build/wasm/dlp-bench.js
	node --no-experimental-fetch build/wasm/dlp-bench-threads.js --threads-only
	node bench/kernels.mjs
	node bench/kernels.mjs --models --worker

# Peers (TF.js, ConvNetJS, jax-js) come from bench/package.json, installed only for benchmarks.
bench-peers: deps-test wasm
	cd bench && npm ci --no-audit --no-fund --loglevel=error
	node bench/peers.mjs
	node bench/jax_harness.mjs
	node bench/time_to_accuracy.mjs
	node bench/loading.mjs
	node bench/static_host.mjs
	node bench/drawn_digits.mjs
	node bench/frame_times.mjs
	node bench/training.mjs
	node bench/settings.mjs
	node bench/idle_cpu.mjs
	node bench/seek.mjs

# The long session as a benchmark: 30 minutes of training, memory at start and end.
bench-long: deps-test wasm
	DLP_LONG_RUN_SECONDS=1800 node --test tests/e2e/long_run.test.mjs

bench-accuracy: wasm
	bench/accuracy.sh build/wasm

clean:
	rm -rf $(BUILD)/native $(BUILD)/wasm $(BUILD)/sanitize $(BUILD)/screenshots
