#!/usr/bin/env bash
# CI gate for the temporal tagger: scores `chronograph score --tag` on the TempEval-3
# training corpus (TBAQ) and fails when relaxed F1 or value F1 is more than 1 point
# below tests/timex_baseline.txt. Skips (exit 0) when ../shared is absent.
# Usage: timex_gate.sh CLI SOURCE_DIR
set -u
cli=$1
src=$2
corpus="$src/../shared/corpora/tempeval3-train"
if [ ! -d "$corpus" ]; then
  echo "timex_gate: $corpus not found, skipping"
  exit 0
fi
export CG_DATADIR="${CG_DATADIR:-$src/data}"
out=$("$cli" score --tag "$corpus") || { echo "timex_gate: score failed"; echo "$out"; exit 1; }
echo "$out"
relaxed=$(echo "$out" | awk '$1 == "relaxed" {print $4}')
value=$(echo "$out" | awk '$1 == "value" {print $3}')
base_relaxed=$(awk '$1 == "relaxed_f1" {print $2}' "$src/tests/timex_baseline.txt")
base_value=$(awk '$1 == "value_f1" {print $2}' "$src/tests/timex_baseline.txt")
fail=0
check() { # name got baseline
  if awk -v g="$2" -v b="$3" 'BEGIN { exit !(g + 1.0 < b) }'; then
    echo "timex_gate: $1 F1 $2 is more than 1 point below the baseline $3"
    fail=1
  else
    echo "timex_gate: $1 F1 $2 (baseline $3) ok"
  fi
}
if [ -z "$relaxed" ] || [ -z "$value" ]; then
  echo "timex_gate: could not read the figures"
  exit 1
fi
check relaxed "$relaxed" "$base_relaxed"
check value "$value" "$base_value"
exit $fail
