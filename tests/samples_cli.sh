#!/usr/bin/env bash
# CLI behaviour on the bundled samples and on bad input.
#   $1 = path of the chronograph binary, $2 = source directory
# 1. `extract` on every samples/<name>/input* in every --format (json, jsonl, csv,
#    timeml) exits 0 and writes something (format-specific sanity checks too).
# 2. `extract` on a directory holding good and malformed files (invalid UTF-8 in a
#    .txt, a broken line in a .jsonl) exits 1, names each bad file with a position
#    on stderr, and still writes the good documents.
set -u
cli=$1
src=$2
case $cli in /*) ;; *) cli=$PWD/$cli ;; esac
export CG_DATADIR=${CG_DATADIR:-$src/data}
export LC_ALL=C
cd "$src" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# ---------------------------------------------------------------- every sample, every format
for dir in samples/*/; do
  dir=${dir%/}
  input=$(ls -d "$dir"/input* 2>/dev/null | sort | head -n 1)
  [ -n "$input" ] || continue
  opts=()
  if [ -f "$dir/options" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      line=$(printf '%s' "$line" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')
      case $line in ''|'#'*) continue ;; esac
      opts+=("$line")
    done < "$dir/options"
  fi
  for fmt in json jsonl csv timeml; do
    "$cli" extract --format "$fmt" ${opts[@]+"${opts[@]}"} "$input" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ $rc -ne 0 ]; then
      bad "extract --format $fmt $input exited $rc"
      sed 's/^/    stderr: /' "$tmp/err" | head -n 5
      continue
    fi
    if [ ! -s "$tmp/out" ]; then
      bad "extract --format $fmt $input wrote nothing"
      continue
    fi
    case $fmt in
      json) grep -q '"chronograph": *"2"' "$tmp/out" || bad "$input json: no \"chronograph\": \"2\"" ;;
      jsonl)
        # One compact object per document, each on its own line.
        n=$(grep -c '^{"chronograph":"2"' "$tmp/out")
        lines=$(wc -l <"$tmp/out")
        [ "$n" -ge 1 ] && [ "$n" -eq "$lines" ] || bad "$input jsonl: $lines lines, $n schema-2 objects" ;;
      csv) [ "$(wc -l <"$tmp/out")" -ge 1 ] || bad "$input csv: no header line" ;;
      timeml) grep -q '<TimeML' "$tmp/out" && grep -q '<TIMEX3' "$tmp/out" || bad "$input timeml: no <TimeML>/<TIMEX3>" ;;
    esac
  done
done

# ---------------------------------------------------------------- malformed input
mixed=$tmp/mixed
mkdir -p "$mixed"
printf 'Good article survives\n\nOn 3 November 2020, voters in the United States chose a president.\n' >"$mixed/good.txt"
# Line 3 holds a lone continuation byte and a truncated sequence: invalid UTF-8.
printf 'Broken article\n\nThe text goes bad here: \x80\xe2\x82 and stays bad.\n' >"$mixed/bad.txt"
{
  printf '%s\n' '{"id":"jl-good","date":"2015-12-12","title":"JSONL good line","text":"Negotiators adopted the Paris Agreement on 12 December 2015.","url":"https://example.org/a"}'
  printf '%s\n' '{"id":"jl-bad","date":"2015-12-13","title":"JSONL bad line","text":"unterminated'
} >"$mixed/bad.jsonl"

before=$fail
fail=0
"$cli" extract --date=2020-11-04 "$mixed" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] || bad "extract on good+malformed inputs exited $rc, expected 1"
grep -Eq 'bad\.txt.*[0-9]' "$tmp/err" || bad "stderr does not name bad.txt with a position"
grep -Eq 'bad\.jsonl.*[0-9]' "$tmp/err" || bad "stderr does not name bad.jsonl with a position"
grep -q 'Good article survives' "$tmp/out" || bad "the good .txt document is missing from the output"
grep -q 'JSONL good line' "$tmp/out" || bad "the good JSONL line is missing from the output"
grep -q 'JSONL bad line' "$tmp/out" && bad "the malformed JSONL line leaked into the output"
if [ $fail -ne 0 ]; then
  echo "--- stderr of the malformed-input run:"
  sed 's/^/    /' "$tmp/err" | head -n 10
fi
[ $before -ne 0 ] && fail=1

[ $fail -eq 0 ] && echo "ok: samples in every format, malformed input reported"
exit $fail
