#!/usr/bin/env bash
# Screenshots of every portal page with sample data (hostile values included), without a
# server: WebTests writes the pages to .build/web-preview/ and screenshots.py photographs
# them as file:// URLs at phone (390x844) and desktop (1366x900) widths into
# .build/screenshots/ (or $1). About 20 s once chromium is installed (setup.sh).
# Extra arguments go to screenshots.py (for example --full-page).
# Exit: that of screenshots.py (1 on a JavaScript error, CSP violation or horizontal
# scrolling; 2 when the browser could not start).
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=$(scripts/browser/setup.sh)
swift build --build-tests >/dev/null
swift test --skip-build --filter 'WebPreviewTests' >/dev/null
exec "$PYTHON" scripts/browser/screenshots.py --preview "$@"
