#!/usr/bin/env bash
# CLI behaviour: exit codes, help, determinism, threads, and the map/reduce identity
# merge(extract(a) + extract(b)) == extract(a + b).
# Usage: tests/cli.sh CHRONOGRAPH SOURCE_DIR
set -u
cg="$1"
src="$2"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
failed=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; failed=$((failed + 1)); }
expect_rc() { # expected-rc description command...
  local want="$1" what="$2"
  shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ "$rc" -eq "$want" ]; then ok; else bad "$what: exit $rc, expected $want: $(head -c 300 "$tmp/err")"; fi
}

expect_rc 0 "--version" "$cg" --version
grep -q "^chronograph " "$tmp/out" && ok || bad "--version prints the version"
expect_rc 2 "no command" "$cg"
expect_rc 2 "unknown command" "$cg" frobnicate
for c in extract merge timeline actors graph report score; do
  expect_rc 0 "$c --help" "$cg" "$c" --help
  grep -q "usage: chronograph $c" "$tmp/out" && ok || bad "$c --help shows usage"
done
expect_rc 2 "unknown option" "$cg" extract --frobnicate x
expect_rc 2 "bad --date" "$cg" extract --date 2025-13-01 x
expect_rc 2 "bad --jobs" "$cg" extract --jobs 0 x
expect_rc 2 "option of another command" "$cg" extract --lanes 3 x
expect_rc 2 "unknown format" "$cg" extract --format yaml "$src/samples/nss-kremlin/input.txt"
expect_rc 1 "missing file" "$cg" extract "$tmp/does-not-exist.txt"
grep -q "does-not-exist.txt" "$tmp/err" && ok || bad "missing file is named in the error"

# A small corpus of documents: every sample input.
inputs=()
for d in "$src"/samples/*/; do
  for f in "$d"input.*; do [ -f "$f" ] && inputs+=("$f"); done
done
[ ${#inputs[@]} -ge 2 ] || { echo "skip: fewer than two samples"; inputs=(); }

if [ ${#inputs[@]} -ge 2 ]; then
  date=(--date 2025-12-07)
  expect_rc 0 "extract all samples" "$cg" extract --quiet "${date[@]}" "${inputs[@]}"
  cp "$tmp/out" "$tmp/all1.json"
  "$cg" extract --quiet "${date[@]}" "${inputs[@]}" >"$tmp/all2.json" 2>/dev/null
  cmp -s "$tmp/all1.json" "$tmp/all2.json" && ok || bad "extract is deterministic"
  "$cg" extract --quiet --jobs 2 "${date[@]}" "${inputs[@]}" >"$tmp/all3.json" 2>/dev/null
  cmp -s "$tmp/all1.json" "$tmp/all3.json" && ok || bad "--jobs 2 gives the same output as --jobs 1"

  # Map/reduce: shards of half the inputs each, merged, equal the direct run.
  half=$(( ${#inputs[@]} / 2 ))
  "$cg" extract --quiet --format jsonl "${date[@]}" "${inputs[@]:0:$half}" >"$tmp/a.jsonl" 2>/dev/null
  "$cg" extract --quiet --format jsonl "${date[@]}" "${inputs[@]:$half}" >"$tmp/b.jsonl" 2>/dev/null
  expect_rc 0 "merge shards" "$cg" merge "$tmp/a.jsonl" "$tmp/b.jsonl"
  cmp -s "$tmp/out" "$tmp/all1.json" && ok || bad "merge(extract(a) + extract(b)) == extract(a + b)"
  # Merging a merged result again changes nothing.
  cp "$tmp/out" "$tmp/m.json"
  "$cg" merge "$tmp/m.json" >"$tmp/m2.json" 2>/dev/null
  cmp -s "$tmp/m.json" "$tmp/m2.json" && ok || bad "merge is idempotent on a merged result"

  # JSONL streams one line per document.
  lines=$("$cg" extract --quiet --format jsonl "${date[@]}" "$src/samples/nss-kremlin/input.txt" | wc -l)
  [ "$lines" -eq 1 ] && ok || bad "jsonl: one line per document (got $lines)"

  # Bad input next to good input: exit 1, the good document still comes out.
  printf 'Good title\n\nThe summit opened in Geneva on 16 June 2021.\n' >"$tmp/good.txt"
  printf 'Bad \xff\xfe bytes in 2020.\n' >"$tmp/bad.txt"
  expect_rc 1 "bad UTF-8 next to good input" "$cg" extract --quiet --format jsonl "${date[@]}" "$tmp/bad.txt" "$tmp/good.txt"
  grep -q "bad.txt" "$tmp/err" && ok || bad "bad file named in the error"
  grep -q "good.txt" "$tmp/out" && ok || bad "good document still written"
  expect_rc 2 "merge refuses non-results" "$cg" merge "$tmp/good.txt"
  printf '{"chronograph":"1","documents":[]}\nnot json\n' >"$tmp/broken.jsonl"
  expect_rc 1 "merge reports a bad line" "$cg" merge "$tmp/broken.jsonl"
  grep -q "broken.jsonl:2" "$tmp/err" && ok || bad "bad line number in merge error"
fi

echo "$pass passed, $failed failed"
[ "$failed" -eq 0 ]
