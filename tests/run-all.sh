#!/usr/bin/env bash
# Builds bounced and runs every test: the classifier's unit tests, the corpus check
# (skipped without ../shared), the store's tests against a private PostgreSQL that
# this script starts, and the command-line and end-to-end tests.
#
#   tests/run-all.sh              optimised build (Release: -O2, no debug information) in build/
#   tests/run-all.sh --sanitize   the same tests but the end-to-end scripts (label e2e), under
#                                 AddressSanitizer + UBSan, in build-asan/ (-O1 -g1)
set -euo pipefail
cd "$(dirname "$0")/.."

build=build
cmake_args=(-DCMAKE_BUILD_TYPE=Release)
ctest_args=()
pg_port=54329
if [ "${1:-}" = "--sanitize" ]; then
    build=build-asan
    cmake_args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DBOUNCED_SANITIZE=ON)
    # The e2e scripts drive the same bounced code as the CLI tests, through real Postfix and
    # Dovecot; the normal run has them. Here they would cost CI minutes for no new code path.
    ctest_args=(-LE e2e)
    # With clang the same build also holds the libFuzzer targets (fuzz/run-short.sh SECONDS
    # build-asan), so CI compiles the instrumented code once, not twice.
    if [ ! -f "$build/CMakeCache.txt" ] && command -v clang++ >/dev/null; then
        export CC=clang CXX=clang++
        cmake_args+=(-DBOUNCED_FUZZ=ON)
    fi
    pg_port=54331
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi

deploy/install-deps.sh
cmake -S . -B "$build" "${cmake_args[@]}" >/dev/null
cmake --build "$build" -j"$(nproc)"

BOUNCED_TEST_DATABASE_URL=$(deploy/pg/start.sh "$build/pg" "$pg_port")
export BOUNCED_TEST_DATABASE_URL
trap 'deploy/pg/stop.sh "$build/pg" >/dev/null 2>&1 || true' EXIT
echo "test database: $BOUNCED_TEST_DATABASE_URL"

ctest --test-dir "$build" --output-on-failure -j2 "${ctest_args[@]}"
