#!/usr/bin/env bash
# Builds a libFuzzer target with AddressSanitizer and runs it.
#
#   scripts/fuzz.sh <Target> <seed-dir> [seconds] [libFuzzer options…]     seconds: default 60
#
# Targets: FilterFuzzer (seeds fuzz/filter-corpus), PatchFuzzer (fuzz/patch-corpus); the
# wrappers scripts/fuzz-filter.sh and scripts/fuzz-patch.sh name them. Seeds are
# committed; new inputs libFuzzer finds go to .build/fuzz/<Target>/corpus/ (not
# committed), crashes to .build/fuzz/<Target>/crashes/. Replay a crash with a normal
# build: swift build --product <Target> && .build/debug/<Target> <file>
set -euo pipefail

target="$1"
seeds="$2"
seconds="${3:-60}"
shift $(( $# < 3 ? $# : 3 ))
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

build_dir=".build/fuzz"
flags=(-c release --product "$target" --scratch-path "$build_dir/scratch"
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING)
swift build "${flags[@]}"
binary="$(swift build "${flags[@]}" --show-bin-path)/$target"

work="$build_dir/$target"
mkdir -p "$work/corpus" "$work/crashes"
"$binary" "$work/corpus" "$seeds" \
    -max_total_time="$seconds" \
    -timeout=5 \
    -rss_limit_mb=2048 \
    -print_final_stats=1 \
    -artifact_prefix="$work/crashes/" \
    "$@"
