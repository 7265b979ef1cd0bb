#!/usr/bin/env bash
# Builds the FilterFuzzer target with libFuzzer and AddressSanitizer and runs it.
#
#   scripts/fuzz-filter.sh [seconds]        default 60
#
# Seeds: fuzz/filter-corpus/ (committed). New inputs libFuzzer finds go to
# .build/fuzz/corpus/ (not committed); crashes to .build/fuzz/crashes/. Replay a crash
# with a normal build: swift build --product FilterFuzzer && .build/debug/FilterFuzzer <file>
set -euo pipefail

seconds="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

build_dir=".build/fuzz"
swift build -c release --product FilterFuzzer \
    --scratch-path "$build_dir/scratch" \
    -Xswiftc -sanitize=fuzzer,address \
    -Xswiftc -parse-as-library \
    -Xswiftc -DFUZZING

binary="$(swift build -c release --product FilterFuzzer --scratch-path "$build_dir/scratch" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING --show-bin-path)/FilterFuzzer"

mkdir -p "$build_dir/corpus" "$build_dir/crashes"
"$binary" "$build_dir/corpus" fuzz/filter-corpus \
    -max_total_time="$seconds" \
    -max_len=512 \
    -timeout=5 \
    -rss_limit_mb=2048 \
    -print_final_stats=1 \
    -artifact_prefix="$build_dir/crashes/"
