#!/bin/sh
# Run the extractor on a PolNeAR split (default dev) and score it at both thresholds.
# usage: bench/score_dev.sh [dev|train|seed]
set -e
cd "$(dirname "$0")/.."
SPLIT=${1:-dev}
EVAL=${EVAL_DIR:-../shared/eval}
case "$SPLIT" in
  seed) GOLD=$EVAL/seed_gold.jsonl ;;
  *) GOLD=$EVAL/polnear_$SPLIT.jsonl ;;
esac
PY=${PY:-.venv/bin/python}
$PY -m workbench extract --jsonl "$GOLD" > /tmp/extract_$SPLIT.jsonl
for T in 0.3 0.8; do
  echo "== $SPLIT threshold $T"
  $PY "$EVAL/score.py" "$GOLD" /tmp/extract_$SPLIT.jsonl --threshold $T
done
