#!/usr/bin/env bash
# bench/scale.sh [N] [BUILD_DIR]: N generated, varied articles (default 100,000), one file
# each, from files to report.html in one run (`chronograph report -o report.html DIR`),
# with wall time and peak RSS from /usr/bin/time -v. Takes minutes; not run by CI.
# Articles come from ../shared/peers/make_newslike.py (one per copy of the sample, each
# with names, places, years and weekdays cycled), written as .txt files in 100 folders.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
n=${1:-100000}
build=${2:-$root/build-bench}
export CG_DATADIR=${CG_DATADIR:-$root/data}
work=${TMPDIR:-/tmp}/cg-scale-$n
cmake -B "$build" -S "$root" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" -j2 --target chronograph >/dev/null
if [ ! -d "$work/articles" ]; then
  mkdir -p "$work/articles"
  python3 "${CG_PEERS:-$root/../shared/peers}/make_newslike.py" $((n * 900)) "$work/news.txt"
  python3 - "$work" "$n" <<'PY'
import os, sys
w, n = sys.argv[1], int(sys.argv[2])
arts = [a for a in open(os.path.join(w, 'news.txt'), encoding='utf-8').read().split('\n\n') if a.strip()]
for i in range(n):
    d = os.path.join(w, 'articles', '%02d' % (i % 100))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, 'a%06d.txt' % i), 'w', encoding='utf-8') as f:
        f.write(arts[i % len(arts)])
PY
fi
bytes=$(du -sb "$work/articles" | cut -f1)
jobs=${JOBS:-2} # the target machine has 2 cores
/usr/bin/time -v -o "$work/time.txt" "$build/chronograph" report --quiet --jobs "$jobs" \
  --date 2025-12-06 -o "$work/report.html" "$work/articles"
rc=$?
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$work/time.txt")
rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$work/time.txt")
echo "| articles | bytes | exit | wall s | peak RSS MB | report.html bytes |"
echo "| --- | --- | --- | --- | --- | --- |"
echo "| $n | $bytes | $rc | $wall | $rss | $(stat -c %s "$work/report.html" 2>/dev/null || echo -) |"
