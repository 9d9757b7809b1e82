# Zicht — entry points. The README's two commands are `make run` and `make test`.
#
#   make run            bootstrap, build, load demo data, serve API + web app on 127.0.0.1:8080
#   make test           bootstrap, build, run every test (unit, e2e, server, browser)
#   make test-sanitize  the same tests built with -fsanitize=address,undefined
#   make test-tsan      the tests labelled `concurrency` under ThreadSanitizer (clang)
#   make bench          the performance targets of docs/design.md, each next to its figure
#   make fuzz           every libFuzzer target for FUZZ_SECONDS each (clang)
#   make fuzz-ci        every libFuzzer target for FUZZ_RUNS runs each (CI)

BUILD       ?= build
ASAN_BUILD  ?= build-asan
FUZZ_BUILD  ?= build-fuzz
TSAN_BUILD  ?= build-tsan
JOBS        ?= $(shell nproc)
FUZZ_SECONDS ?= 60
FUZZ_RUNS   ?= 20000
CMAKE_FLAGS ?=

# ccache: share the cache between checkouts at different paths (a fresh CI
# clone reuses what an earlier build of the same sources compiled).
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1
# The CLI's precompiled CLI11 header: without this, ccache refuses every
# cli/ file ("could not use precompiled header") and each build recompiles them.
export CCACHE_SLOPPINESS := pch_defines,time_macros,include_file_mtime,include_file_ctime

.PHONY: all bootstrap build test test-sanitize test-tsan run bench fuzz fuzz-ci clean

all: build

bootstrap:
	@scripts/bootstrap

build:
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

test: bootstrap build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

test-sanitize: bootstrap
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DZICHT_SANITIZE=ON -DZICHT_BENCH=OFF $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(ASAN_BUILD) -j$(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j$(JOBS)

# ThreadSanitizer with clang, so that the same build checks the lock
# annotations (-Wthread-safety is clang's). Only the concurrency tests and
# what they need are built.
test-tsan: bootstrap
	@CC=clang CXX=clang++ cmake -S . -B $(TSAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DZICHT_TSAN=ON -DZICHT_BENCH=OFF $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(TSAN_BUILD) -j$(JOBS) --target concurrency_tests
	cd $(TSAN_BUILD) && TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 ctest --output-on-failure -j$(JOBS) -L concurrency

run: bootstrap build
	@scripts/demo $(BUILD)/src/cli/zicht

bench:
	@scripts/bootstrap --bench
	@$(MAKE) --no-print-directory build
	@bench/run $(BUILD)

fuzz:
	@scripts/fuzz $(FUZZ_BUILD) $(FUZZ_SECONDS)

fuzz-ci:
	@scripts/fuzz $(FUZZ_BUILD) -runs=$(FUZZ_RUNS)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(TSAN_BUILD) $(FUZZ_BUILD)
