#!/usr/bin/env bash
# libFuzzer on the filter parser (FilterFuzzer); see scripts/fuzz.sh.
#
#   scripts/fuzz-filter.sh [seconds]        default 60
set -euo pipefail
exec "$(dirname "$0")/fuzz.sh" FilterFuzzer fuzz/filter-corpus "${1:-60}" -max_len=512
