#!/usr/bin/env bash
# Installs what the browser checks need: Debian's chromium and chromium-driver (apt), and
# Selenium (PyPI, pinned) in a venv cached under $BROWSER_TOOLS_HOME (default
# ${XDG_CACHE_HOME:-~/.cache}/percolator-browser). Idempotent: a second run only checks
# that everything is there (no apt-get update, no pip) and returns in well under a second.
# Prints the venv's python on stdout, so callers can write
#   PYTHON=$(scripts/browser/setup.sh) && "$PYTHON" scripts/browser/screenshots.py …
# Exit: 0 when ready; 2 when something could not be installed.
set -euo pipefail

SELENIUM_VERSION=4.27.1

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  command -v apt-get >/dev/null || { echo "browser/setup: chromium and chromedriver are missing and apt-get is not available" >&2; exit 2; }
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "browser/setup: installing chromium and chromium-driver (apt)" >&2
  $SUDO apt-get update -qq >&2 || { echo "browser/setup: apt-get update failed" >&2; exit 2; }
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    chromium chromium-driver fonts-dejavu-core >/dev/null \
    || { echo "browser/setup: cannot install chromium and chromium-driver" >&2; exit 2; }
fi

TOOLS="${BROWSER_TOOLS_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/percolator-browser}"
VENV="$TOOLS/venv-selenium-$SELENIUM_VERSION"
if ! "$VENV/bin/python" -c "import selenium" 2>/dev/null; then
  mkdir -p "$TOOLS"
  rm -rf "$VENV"
  python3 -m venv "$VENV" || { echo "browser/setup: cannot create a venv (apt-get install python3-venv)" >&2; exit 2; }
  "$VENV/bin/pip" install -q --disable-pip-version-check "selenium==$SELENIUM_VERSION" >&2 \
    || { echo "browser/setup: cannot install selenium from PyPI" >&2; rm -rf "$VENV"; exit 2; }
fi
echo "$VENV/bin/python"
