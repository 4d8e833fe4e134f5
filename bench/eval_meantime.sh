#!/usr/bin/env bash
# MEANTIME-en evaluation: chronograph (our tagger, then gold TIMEX3 for the dating
# rules) and, side by side, the compromise peer's entities on the same rebuilt texts.
# usage: bench/eval_meantime.sh BUILD_DIR   (from the source tree; needs ../shared)
set -euo pipefail
build=${1:-build}
src=$(cd "$(dirname "$0")/.." && pwd)
shared="$src/../shared"
corpus="$shared/corpora/meantime-en/intra_cross-doc_annotation"
[ -d "$corpus" ] || { echo "skip: $corpus not found"; exit 0; }
export CG_DATADIR="$src/data"
ev="$build/bench/eval_meantime"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "### chronograph"
mkdir -p "$work/txt"
"$ev" --dump "$work/txt" "$corpus"
echo "### chronograph, gold TIMEX3 given to the dating rules"
"$ev" --gold-timex "$corpus" | sed -n '/^Events/,/dating/p'
# the peers directory may be read-only: install into a copy
peers="$work/peers"
cp -r "$shared/peers" "$peers"
(cd "$peers" && [ -d node_modules ] || npm install --silent >/dev/null 2>&1) || { echo "skip peer: npm install failed"; exit 0; }
mkdir -p "$work/peer"
for f in "$work"/txt/*.txt; do
  b=$(basename "$f" .txt)
  node "$peers/compromise.mjs" "$f" "$(cat "$work/txt/$b.dct")" > "$work/peer/$b.jsonl" 2>/dev/null || true
done
echo "### compromise (peer), same texts and scoring"
"$ev" --peer "$work/peer" "$corpus" | sed -n '1,18p'
