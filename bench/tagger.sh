#!/usr/bin/env bash
# Tagger throughput next to chrono-node on the same ~20 MB news-like file, same run.
# Usage: bench/tagger.sh [BUILD_DIR] [BYTES]   (run from the source tree)
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build}
bytes=${2:-20000000}
peers="$src/../shared/peers"
export CG_DATADIR="${CG_DATADIR:-$src/data}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ ! -d "$peers/node_modules" ]; then
  if [ -w "$peers" ]; then (cd "$peers" && npm install --silent); else
    cp -r "$peers" "$tmp/peers" && peers="$tmp/peers" && (cd "$peers" && npm install --silent); fi
fi
python3 "$peers/make_newslike.py" "$bytes" "$tmp/news.txt"
size=$(stat -c %s "$tmp/news.txt")
ours=$("$build/bench/bench_tagger" "$tmp/news.txt" 3)
echo "$ours"
ours_mbs=$(echo "$ours" | sed -E 's/.* ([0-9.]+) MB\/s/\1/')
t0=$(date +%s.%N)
node "$peers/chrono.mjs" "$tmp/news.txt" 2024-06-10 > "$tmp/chrono.jsonl"
t1=$(date +%s.%N)
chrono_mbs=$(awk -v s="$size" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", s / 1e6 / (b - a) }')
echo "chrono-node: $size bytes, $(wc -l < "$tmp/chrono.jsonl") timexes, $chrono_mbs MB/s (whole process)"
awk -v o="$ours_mbs" -v c="$chrono_mbs" 'BEGIN { printf "ratio: %.1fx chrono-node\n", o / c }'
