#!/usr/bin/env bash
# The filter fuzzer alone (see scripts/fuzz.sh):   scripts/fuzz-filter.sh [seconds]
exec "$(dirname "$0")/fuzz.sh" "${1:-60}" FilterFuzzer
