# Zicht — entry points. The README's two commands are `make run` and `make test`.
#
#   make run            bootstrap, build, load demo data, serve API + web app on 127.0.0.1:8080
#   make test           bootstrap, build, run every test (unit, e2e, server, browser)
#   make test-sanitize  the same tests built with -fsanitize=address,undefined
#   make bench          the performance targets of docs/design.md, each next to its figure
#   make fuzz           every libFuzzer target for FUZZ_SECONDS each (clang)

BUILD       ?= build
ASAN_BUILD  ?= build-asan
FUZZ_BUILD  ?= build-fuzz
JOBS        ?= $(shell nproc)
FUZZ_SECONDS ?= 60
CMAKE_FLAGS ?=

# ccache: share the cache between checkouts at different paths (a fresh CI
# clone reuses what an earlier build of the same sources compiled).
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: all bootstrap build test test-sanitize run bench fuzz clean

all: build

bootstrap:
	@scripts/bootstrap

build:
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

test: bootstrap build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

test-sanitize: bootstrap
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DZICHT_SANITIZE=ON -DZICHT_BENCH=OFF >/dev/null
	@cmake --build $(ASAN_BUILD) -j$(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j$(JOBS)

run: bootstrap build
	@scripts/demo $(BUILD)/src/cli/zicht

bench:
	@scripts/bootstrap --bench
	@$(MAKE) --no-print-directory build
	@bench/run $(BUILD)

fuzz:
	@scripts/fuzz $(FUZZ_BUILD) $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
