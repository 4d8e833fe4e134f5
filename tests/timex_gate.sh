#!/usr/bin/env bash
# CI gate for the temporal tagger: scores `chronograph score --tag` on the TempEval-3
# training corpus (TBAQ) and fails when relaxed F1 or value F1 is more than 1 point
# below tests/timex_baseline.txt. Then checks the file path end to end: `chronograph
# extract --format timeml -o DIR` on every .tml, `chronograph score GOLD_DIR DIR` on the
# output, which must give exactly the same table. Skips (exit 0) when ../shared is absent.
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

# End to end through TimeML files, mirroring the corpus's directories.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$corpus" && find . -name '*.tml' -printf '%h\n' | sort -u) | while read -r rel; do
  mkdir -p "$tmp/sys/$rel"
  find "$corpus/$rel" -maxdepth 1 -name '*.tml' -print0 | sort -z |
    xargs -0 "$cli" extract --format timeml --quiet -o "$tmp/sys/$rel" ||
    { echo "timex_gate: extract --format timeml failed in $rel"; exit 1; }
done || fail=1
files_gold=$(cd "$corpus" && find . -name '*.tml' | wc -l)
files_sys=$(cd "$tmp/sys" && find . -name '*.tml' | wc -l)
if [ "$files_gold" != "$files_sys" ]; then
  echo "timex_gate: extract wrote $files_sys TimeML files for $files_gold inputs"
  fail=1
fi
out2=$("$cli" score "$corpus" "$tmp/sys") || { echo "timex_gate: score GOLD SYSTEM failed"; echo "$out2"; fail=1; }
if [ "$out" != "$out2" ]; then
  echo "timex_gate: score on the extract --format timeml output differs from score --tag:"
  echo "$out2"
  fail=1
else
  echo "timex_gate: extract --format timeml + score GOLD SYSTEM gives the same figures"
fi
exit $fail
