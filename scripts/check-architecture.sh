#!/usr/bin/env bash
# The module rules of ../shared/design/architecture.md, checked on the sources (no build):
# - each module imports only what its row of the table allows;
# - Sources/Percolator holds no SQL text and no pragma (storage is reached through Store);
# - the admin endpoints (Sources/Percolator/AdminAPI) never name the persistence port:
#   they call the application services of Sources/Percolator/Application;
# - Sources/Percolator names Store's `Connection` only in the files still listed in
#   scripts/architecture-debt.txt, which the persistence port (issue 10) empties; a listed
#   file that no longer names it must leave the list, so the list only shrinks.
# Exit 0 when every rule holds; 1 with one line per breach.
set -euo pipefail
cd "$(dirname "$0")/.."

FOUNDATION="Foundation FoundationEssentials FoundationNetworking Dispatch Glibc Synchronization"
declare -A allowed=(
  [SCIM]="$FOUNDATION"
  [HTTP]="$FOUNDATION CLinuxShim"
  [Coffee]="$FOUNDATION"
  [Crypto]="$FOUNDATION CCrypto"
  [Store]="$FOUNDATION SCIM Coffee CSQLite CLibPQ Crypto"
  [Web]="Foundation"
  [Percolator]="$FOUNDATION HTTP SCIM Store Coffee Crypto Web"
  [percolator]="$FOUNDATION HTTP Percolator"
  [FuzzerDriver]="$FOUNDATION"
  [FilterFuzzer]="$FOUNDATION SCIM FuzzerDriver"
  [HTTPFuzzer]="$FOUNDATION HTTP FuzzerDriver"
  [PatchFuzzer]="$FOUNDATION SCIM FuzzerDriver"
)
breaches=()
for directory in Sources/*/; do
  module=$(basename "$directory")
  [ "$module" = CSQLite ] || [ "$module" = CLibPQ ] || [ "$module" = CLinuxShim ] || [ "$module" = CCrypto ] && continue  # C modules
  [ -n "${allowed[$module]+set}" ] || { breaches+=("Sources/$module: a module the architecture check does not know; give it a row"); continue; }
  while IFS=: read -r file line text; do
    imported=$(sed -E 's/^\s*(@[A-Za-z_]+\s+)*((public|internal|package)\s+)?import\s+(struct\s+|enum\s+|class\s+|func\s+)?([A-Za-z_]+).*/\5/' <<<"$text")
    [[ " ${allowed[$module]} " == *" $imported "* ]] || breaches+=("$file:$line: $module may not import $imported")
  done < <(grep -rnE '^\s*(@[A-Za-z_]+\s+)*((public|internal|package)\s+)?import\s' "Sources/$module" --include='*.swift' || true)
done

while IFS= read -r hit; do
  breaches+=("$hit: SQL or a pragma in Sources/Percolator; put it behind a Store function")
done < <(grep -rnE '^\s*(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM|WITH [a-z_]+ AS)\b|"(SELECT|INSERT|UPDATE|DELETE) |\.pragma\(' \
           Sources/Percolator --include='*.swift' | cut -d: -f1,2 || true)

# Endpoints decode, call a service, encode: they never open a transaction themselves.
while IFS= read -r hit; do
  breaches+=("$hit: an endpoint reaches storage; call an application service (Sources/Percolator/Application)")
done < <(grep -rnwE 'StorageTransaction|persistence|Persistence' Sources/Percolator/AdminAPI --include='*.swift' | cut -d: -f1,2 || true)

debt="scripts/architecture-debt.txt"
listed=$(grep -vE '^\s*(#|$)' "$debt" 2>/dev/null | sort -u || true)
naming=$(grep -rlwE 'Connection' Sources/Percolator --include='*.swift' | sort -u || true)
while IFS= read -r file; do
  [ -n "$file" ] || continue
  grep -qxF "$file" <<<"$listed" || breaches+=("$file: names Store's Connection; reach storage through the persistence port")
done <<<"$naming"
while IFS= read -r file; do
  [ -n "$file" ] || continue
  grep -qxF "$file" <<<"$naming" || breaches+=("$debt: $file no longer names Connection; remove it from the list")
done <<<"$listed"

if [ ${#breaches[@]} -gt 0 ]; then
  printf 'architecture: %s\n' "${breaches[@]}" >&2
  exit 1
fi
echo "architecture: module imports, no SQL in Sources/Percolator, $(grep -c . <<<"$listed" || true) files still naming Connection (scripts/architecture-debt.txt)"
