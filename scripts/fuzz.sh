#!/usr/bin/env bash
# Builds libFuzzer targets with AddressSanitizer and runs each for a while.
#
#   scripts/fuzz.sh [seconds] [Target...]     default 60 s each; every Sources/*Fuzzer target
#
# A target `NameFuzzer` starts from fuzz/<name>-corpus/ (committed, name in lower case)
# and uses fuzz/<name>.dict when there is one. New inputs libFuzzer finds go to
# .build/fuzz/<name>-corpus/ (not committed); crashes to .build/fuzz/<name>-crashes/.
# Replay a crash with a normal build: swift build --product NameFuzzer && .build/debug/NameFuzzer <file>
# Each run ends with libFuzzer's final statistics (executions, coverage, corpus).
set -euo pipefail

seconds="${1:-60}"
shift || true
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    for directory in Sources/*Fuzzer; do targets+=("$(basename "$directory")"); done
fi

build_dir=".build/fuzz"
flags=(-c release --scratch-path "$build_dir/scratch"
       -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING)
bin="$(swift build "${flags[@]}" --show-bin-path)"

for target in "${targets[@]}"; do
    name="$(echo "${target%Fuzzer}" | tr '[:upper:]' '[:lower:]')"
    swift build "${flags[@]}" --product "$target"
    mkdir -p "$build_dir/$name-corpus" "$build_dir/$name-crashes"
    dictionary=()
    [ -f "fuzz/$name.dict" ] && dictionary=(-dict="fuzz/$name.dict")
    echo "== $target: $seconds s from fuzz/$name-corpus"
    "$bin/$target" "$build_dir/$name-corpus" "fuzz/$name-corpus" "${dictionary[@]}" \
        -max_total_time="$seconds" \
        -max_len=4096 \
        -timeout=5 \
        -rss_limit_mb=2048 \
        -print_final_stats=1 \
        -artifact_prefix="$build_dir/$name-crashes/"
done
