#!/usr/bin/env bash
# bench/pathological.sh [BUILD_DIR]: the pathological inputs of issue 6 at full size,
# through the CLI (`chronograph extract --format jsonl`), each with wall time and peak
# RSS from /usr/bin/time -v. Not run by ctest (minutes, GBs of temporary files avoided:
# inputs are generated into $TMPDIR/cg-patho and removed at the end). The test suite
# runs the same shapes at smaller sizes with a linear-time check (tests/test_pathological.c).
#
#   50 MB line without spaces        100,000 nested HTML tags     10,000 dates in a sentence
#   50,000 distinct actors           feed with 100,000 items      deeply nested JSON line
#   billion laughs (RSS and TimeML)  one 10 MB news document (a book-length text: its
#                                    JSON line of ~190 MB goes out in 1 MiB pieces)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=${1:-$root/build-bench}
cli=$build/chronograph
export CG_DATADIR=${CG_DATADIR:-$root/data}
[ -x "$cli" ] || { cmake -B "$build" -S "$root" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null &&
  cmake --build "$build" -j2 --target chronograph >/dev/null; } || exit 2
work=${TMPDIR:-/tmp}/cg-patho
rm -rf "$work" && mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import json, os, sys
w = sys.argv[1]
def wr(name, s, mode='w'):
    with open(os.path.join(w, name), mode) as f: f.write(s)
pat = 'Ab2014-12/06x'
wr('line.txt', (pat * (50_000_000 // len(pat) + 1))[:50_000_000])
tags = ['<div>', '<b>', '<i>', '<span>']
wr('nested.html', '<html><body><article>' + ''.join(tags[i % 4] for i in range(100_000))
   + '<p>Russia said on Friday it annexed Crimea in 2014.</p>')
months = ['January', 'March', 'May', 'July', 'September', 'November']
wr('dates.txt', 'Russia said it attacked Ukraine on' + ''.join(
   ' %d %s %d,' % (1 + i % 28, months[i % 6], 1950 + i % 70) for i in range(10_000)) + ' and on Friday.')
cons, vow = 'bcdfghklmnprstvz', 'aeiou'
def name(i):
    s = 'K'
    for k in range(4):
        s += cons[i % 16] + vow[(i // 16) % 5]; i //= 80
    return s
wr('actors.txt', ''.join('Minister %s %s %s' % (name(i), name(i * 7 + 3),
   'said on Monday. ' if i % 2 else 'met Vladimir Putin in Moscow. ') for i in range(50_000)))
wr('feed.xml', '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>' + ''.join(
   '<item><guid>g%d</guid><title>Item %d</title><pubDate>Sat, 06 Dec 2025 10:00:00 GMT</pubDate>'
   '<description>Russia said on Friday.</description></item>' % (i, i) for i in range(100_000))
   + '</channel></rss>')
deep = ''.join('{"k":' if i % 2 else '[' for i in range(1_000_000)) + ''.join(
    '}' if i % 2 else ']' for i in reversed(range(1_000_000)))
wr('deep.jsonl', '{"id":"a","date":"2025-12-06","text":"Russia said on Friday."}\n'
   '{"id":"deep","text":"x","extra":' + deep + '}\n'
   '{"id":"b","date":"2025-12-06","text":"Crimea in 2014."}\n')
who = ['Minister Sergei Lavrov', 'Antony Blinken', 'the army', 'President Emmanuel Macron', 'NATO']
where = ['Geneva', 'Kyiv', 'Moscow', 'Paris', 'Kharkiv']
when = ['on Friday', 'on 3 March 2022', 'last week', 'in May 2021', 'yesterday', 'on Monday']
book, n, i = [], 0, 0
while n < 10_000_000:
    s = '%s met %s in %s %s. ' % (who[i % 5], who[(i * 3 + 1) % 5], where[(i // 5) % 5], when[i % 6])
    if i % 7 == 6: s += 'The army said it shelled %s %s.\n\n' % (where[i % 5], when[(i // 6) % 6])
    book.append(s); n += len(s); i += 1
wr('book.txt', ''.join(book))
dtd = '<!DOCTYPE %s [<!ENTITY l0 "ha">' + ''.join(
    '<!ENTITY l%d "%s">' % (k, ('&l%d;' % (k - 1)) * 10) for k in range(1, 10)) + \
    '<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
wr('laughs.xml', '<?xml version="1.0"?>' + dtd % 'rss' + '<rss version="2.0"><channel><item>'
   '<title>&l9;</title><description>&l9; &xxe; on Friday</description></item></channel></rss>')
wr('laughs.tml', '<?xml version="1.0"?>' + dtd % 'TimeML' + '<TimeML><DOCID>d</DOCID><DCT>'
   '<TIMEX3 tid="t0" type="DATE" value="2025-12-06">Dec 6</TIMEX3></DCT><TEXT>&l9; &xxe; '
   'on Friday</TEXT></TimeML>')
PY

printf '| input | size | exit | seconds | peak RSS MB | output bytes |\n| --- | --- | --- | --- | --- | --- |\n'
for f in line.txt nested.html dates.txt actors.txt feed.xml deep.jsonl laughs.xml laughs.tml book.txt; do
  in=$work/$f
  /usr/bin/time -v -o "$work/time.txt" timeout 600 "$cli" extract --format jsonl --date 2025-12-06 \
    -o "$work/out.jsonl" "$in" >/dev/null 2>"$work/err.txt"
  rc=$?
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$work/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$work/time.txt")
  printf '| %s | %s | %s | %s | %s | %s |\n' "$f" "$(stat -c %s "$in")" "$rc" "$wall" "$rss" \
    "$(stat -c %s "$work/out.jsonl" 2>/dev/null || echo -)"
  rm -f "$work/out.jsonl"
done
