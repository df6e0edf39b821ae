#!/bin/sh
# Builds the libFuzzer targets and runs each for SECONDS; exits non-zero when any
# target finds a crash, a leak, a timeout (a message that stalls) or runs out of memory.
#
#   fuzz/run-short.sh SECONDS [BUILD_DIR]      (CI: fuzz/run-short.sh 15 build-asan)
#
# BUILD_DIR defaults to build-fuzz beside this folder; it is configured with clang,
# BOUNCED_FUZZ and BOUNCED_SANITIZE when it has no CMakeCache.txt yet. Seeds come
# from ../shared/corpus/sisimai (or $BOUNCED_CORPUS) and are regenerated into
# BUILD_DIR/fuzz-corpus/seeds on every run; what the fuzzers learn stays in
# BUILD_DIR/fuzz-corpus/TARGET; crashing inputs land in BUILD_DIR/fuzz-artifacts.
set -eu

seconds=${1:?usage: fuzz/run-short.sh SECONDS [BUILD_DIR]}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${2:-$root/build-fuzz}
corpus_src=${BOUNCED_CORPUS:-$root/../shared/corpus/sisimai}
targets="classify_message delivery_status verp text_scanners config_load message_reader"

mkdir -p "$build/fuzz-artifacts"
build_log="$build/fuzz-artifacts/build.log"
if [ ! -f "$build/CMakeCache.txt" ]; then
    CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DBOUNCED_FUZZ=ON -DBOUNCED_SANITIZE=ON \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$build_log" 2>&1 || { tail -30 "$build_log"; exit 2; }
fi
for t in $targets; do
    cmake --build "$build" --target "fuzz_$t" -j "$(nproc)" >>"$build_log" 2>&1 || { tail -30 "$build_log"; exit 2; }
done

seeds="$build/fuzz-corpus/seeds"
rm -rf "$seeds"
python3 "$root/fuzz/seed-corpus.py" "$corpus_src" "$seeds"

failed=""
for t in $targets; do
    case $t in
        classify_message) max_len=32768 ;;
        *) max_len=16384 ;;
    esac
    work="$build/fuzz-corpus/$t"
    log="$build/fuzz-artifacts/$t.log"
    mkdir -p "$work" "$seeds/$t"
    echo "fuzz: $t for ${seconds}s"
    if "$build/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
        -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$t-" "$work" "$seeds/$t" >"$log" 2>&1; then
        grep -E '^stat::number_of_executed_units|^Done' "$log" | sed "s/^/fuzz: $t: /" || true
    else
        echo "fuzz: $t FAILED; log $log; the input is in $build/fuzz-artifacts/"
        grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -5 | sed "s/^/fuzz: $t: /"
        failed="$failed $t"
    fi
done

if [ -n "$failed" ]; then
    echo "fuzz: failures in:$failed"
    exit 1
fi
echo "fuzz: all targets clean"
