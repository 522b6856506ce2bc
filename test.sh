#!/usr/bin/env bash
# Set up everything the tests need and run the whole suite (browser tests included).
# Extra arguments go to pytest (e.g. -k verdict, -x).
set -euo pipefail
cd "$(dirname "$0")"
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Chromium for the browser tests (apt-get install chromium)..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser tests need Chromium at $CHROMIUM. Install it with:" >&2
    echo "  sudo apt-get install -y chromium    (or set CHROMIUM=/path/to/chromium)" >&2
    exit 1
  fi
fi
source scripts/setup-venv.sh
exec .venv/bin/python -m pytest "$@"
