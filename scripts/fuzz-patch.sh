#!/usr/bin/env bash
# libFuzzer on the PATCH applier (PatchFuzzer): request bodies applied to a User and a
# Group, seeds in fuzz/patch-corpus, dictionary fuzz/patch.dict; see scripts/fuzz.sh.
#
#   scripts/fuzz-patch.sh [seconds]         default 60
set -euo pipefail
exec "$(dirname "$0")/fuzz.sh" "${1:-60}" PatchFuzzer
