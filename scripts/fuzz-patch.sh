#!/usr/bin/env bash
# libFuzzer on the PATCH applier (PatchFuzzer): request bodies applied to a User and a
# Group; see scripts/fuzz.sh.
#
#   scripts/fuzz-patch.sh [seconds]         default 60
set -euo pipefail
exec "$(dirname "$0")/fuzz.sh" PatchFuzzer fuzz/patch-corpus "${1:-60}" -max_len=2048 -dict=fuzz/patch.dict
