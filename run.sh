#!/usr/bin/env bash
# Set up (virtualenv, pinned packages), ingest the sample articles in data/ and serve the
# workbench on 127.0.0.1. Extra arguments go to `flask serve` (e.g. --port 8080).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup-venv.sh
.venv/bin/flask --app app ingest data/
exec .venv/bin/flask --app app serve "$@"
