#!/usr/bin/env bash
# Browser check: renders the HTML report and the two SVGs of the samples in headless
# Chromium, screenshots them to PNG and asserts the screenshots are not blank
# (enough distinct colours, not one flat fill).
#
# Usage: browser_check.sh CLI SOURCE_DIR
#   CLI         path of the chronograph binary
#   SOURCE_DIR  the source tree (samples/ is rendered)
# Environment:
#   CG_BROWSER_OUT=DIR  keep the PNGs there (e.g. docs/img for the README renders)
#   CHROMIUM=PATH       browser binary (default: chromium, chromium-browser, google-chrome)
#
# When no Chromium is installed the check prints a skip message and exits 0.
set -u

cli=${1:?usage: browser_check.sh CLI SOURCE_DIR}
src=${2:?usage: browser_check.sh CLI SOURCE_DIR}

browser=${CHROMIUM:-}
if [ -z "$browser" ]; then
  for b in chromium chromium-browser google-chrome; do
    if command -v "$b" >/dev/null 2>&1; then browser=$(command -v "$b"); break; fi
  done
fi
if [ -z "$browser" ]; then
  echo "browser_check: SKIP: no Chromium found (apt-get install chromium to run this check)"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0

# 1. Produce the files: the CLI on the samples.
"$src/scripts/extract-samples" "$cli" "$src" >"$work/samples.jsonl" ||
  { echo "browser_check: FAIL: extracting the samples exited $?"; exit 1; }
"$cli" report -o "$work/report.html" --title "chronograph samples" --quiet "$work/samples.jsonl" ||
  { echo "browser_check: FAIL: chronograph report exited $?"; exit 1; }
"$cli" timeline -o "$work/timeline.svg" --title "Ukraine and Crimea" --quiet \
  "$src/samples/ukraine-invasion" "$src/samples/crimea-annexation" ||
  { echo "browser_check: FAIL: chronograph timeline exited $?"; exit 1; }
"$cli" actors -o "$work/actors.svg" --title "Actors of the samples" --quiet "$work/samples.jsonl" ||
  { echo "browser_check: FAIL: chronograph actors exited $?"; exit 1; }

# Static safety net before a browser opens anything: no script element, and no event
# handler or javascript: inside a tag (news text quoting them is escaped, so it never
# sits between a raw '<' and '>').
for f in report.html timeline.svg actors.svg; do
  if grep -qiE '<script|<[^>]*[[:space:]]on[a-z]+[[:space:]]*=|<[^>]*javascript:' "$work/$f"; then
    echo "browser_check: FAIL: $f contains script-like content"
    fail=1
  fi
done

# 2. Screenshot each file. Chromium gets its own throw-away profile and no network.
shoot() { # in out width height
  local profile
  profile=$(mktemp -d)
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$profile" --screenshot="$2" --window-size="$3,$4" \
    "file://$1" >/dev/null 2>&1
  local rc=$?
  rm -rf "$profile"
  return $rc
}

# 3. Not blank: count distinct colours of the PNG (python3 decodes it with zlib);
# without python3 fall back to the file size.
distinct_colours() {
  python3 - "$1" <<'PY' 2>/dev/null
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n'
pos, idat, w, h, ct, bd = 8, b'', 0, 0, 0, 0
while pos < len(data):
    n, = struct.unpack('>I', data[pos:pos + 4]); typ = data[pos + 4:pos + 8]
    body = data[pos + 8:pos + 8 + n]; pos += 12 + n
    if typ == b'IHDR': w, h, bd, ct = struct.unpack('>IIBB', body[:10])
    elif typ == b'IDAT': idat += body
assert bd == 8 and ct in (2, 6)
bpp = 3 if ct == 2 else 4
raw = zlib.decompress(idat); stride = w * bpp
prev = bytearray(stride); seen = set(); i = 0
for y in range(h):
    f = raw[i]; line = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0; b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    if y % 2 == 0:
        for x in range(0, stride, bpp * 2): seen.add(bytes(line[x:x + 3]))
    prev = line
print(len(seen))
PY
}

check() { # name file width height min_colours
  local png="$work/$1.png"
  if ! shoot "$work/$2" "$png" "$3" "$4" || [ ! -s "$png" ]; then
    echo "browser_check: FAIL: no screenshot of $2"
    fail=1
    return
  fi
  local size colours
  size=$(wc -c <"$png")
  colours=$(distinct_colours "$png")
  if [ -n "$colours" ]; then
    if [ "$colours" -lt "$5" ]; then
      echo "browser_check: FAIL: $2 renders almost blank ($colours colours, $size bytes)"
      fail=1
    else
      echo "browser_check: ok: $2 -> $1.png ($colours colours, $size bytes)"
    fi
  elif [ "$size" -lt 20000 ]; then
    echo "browser_check: FAIL: $2 renders almost blank ($size bytes)"
    fail=1
  else
    echo "browser_check: ok: $2 -> $1.png ($size bytes; python3 absent, size check only)"
  fi
  if [ -n "${CG_BROWSER_OUT:-}" ]; then
    mkdir -p "$CG_BROWSER_OUT" && cp "$png" "$CG_BROWSER_OUT/$1.png"
  fi
}

check report report.html 1400 2200 40
check timeline timeline.svg 1800 900 20
check actors actors.svg 1200 1200 20

exit $fail
