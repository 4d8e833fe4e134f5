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
  # The lines go out in input order whatever the thread count, and a write error
  # stops the run with exit 1 and a message.
  "$cg" extract --quiet --format jsonl "${date[@]}" "${inputs[@]}" >"$tmp/j1.jsonl" 2>/dev/null
  for j in 2 3; do
    "$cg" extract --quiet --format jsonl --jobs $j "${date[@]}" "${inputs[@]}" -o "$tmp/j$j.jsonl" 2>/dev/null
    cmp -s "$tmp/j1.jsonl" "$tmp/j$j.jsonl" && ok || bad "jsonl: --jobs $j gives the same lines as --jobs 1"
  done
  if [ -w /dev/full ]; then
    for j in 1 2; do
      expect_rc 1 "jsonl to a full device (--jobs $j)" "$cg" extract --quiet --format jsonl --jobs $j "${date[@]}" "${inputs[@]}" -o /dev/full
      grep -q "error writing /dev/full" "$tmp/err" && ok || bad "jsonl write error is reported (--jobs $j)"
    done
  fi

  # Bad input next to good input: exit 1, the good document still comes out.
  printf 'Good title\n\nThe summit opened in Geneva on 16 June 2021.\n' >"$tmp/good.txt"
  printf 'Bad \xff\xfe bytes in 2020.\n' >"$tmp/bad.txt"
  expect_rc 1 "bad UTF-8 next to good input" "$cg" extract --quiet --format jsonl "${date[@]}" "$tmp/bad.txt" "$tmp/good.txt"
  grep -q "bad.txt" "$tmp/err" && ok || bad "bad file named in the error"
  grep -q "good.txt" "$tmp/out" && ok || bad "good document still written"
  expect_rc 2 "merge refuses non-results" "$cg" merge "$tmp/good.txt"
  printf '{"chronograph":"2","documents":[]}\nnot json\n' >"$tmp/broken.jsonl"
  expect_rc 1 "merge reports a bad line" "$cg" merge "$tmp/broken.jsonl"
  grep -q "broken.jsonl:2" "$tmp/err" && ok || bad "bad line number in merge error"

  # Every event's sentence index resolves, through its document's table, to the
  # sentence that holds its trigger in the document's text: in each shard and in the
  # merge of two shards (with --with-text, so the text itself is the witness).
  "$cg" extract --quiet --with-text --format jsonl "${date[@]}" "${inputs[@]:0:$half}" >"$tmp/ta.jsonl" 2>/dev/null
  "$cg" extract --quiet --with-text --format jsonl "${date[@]}" "${inputs[@]:$half}" >"$tmp/tb.jsonl" 2>/dev/null
  "$cg" merge "$tmp/ta.jsonl" "$tmp/tb.jsonl" >"$tmp/tm.json" 2>/dev/null
  if command -v python3 >/dev/null; then
    for f in "$tmp/ta.jsonl" "$tmp/tm.json"; do
      python3 - "$f" >"$tmp/py" 2>&1 <<'PY' && ok || bad "sentence indices resolve in $(basename "$f"): $(head -c 300 "$tmp/py")"
import json, sys
text = open(sys.argv[1], encoding='utf-8').read()
objs = [json.loads(l) for l in text.splitlines()] if sys.argv[1].endswith('.jsonl') else [json.loads(text)]
n = 0
for o in objs:
    assert o['chronograph'] == '2'
    docs = {d['id']: d for d in o['documents']}
    for e in o['events']:
        for m in [e] + e['mentions']:
            d = docs[m['doc']]
            s = d['sentences'][m['sentence']]
            body = d['text'].encode()
            assert body[s['start']:s['end']].decode() == s['text'], (e['id'], s)
            t = m['trigger']
            assert s['start'] <= t['start'] <= t['end'] <= s['end'], (e['id'], t, s)
            assert body[t['start']:t['end']].decode() == t['text'], (e['id'], t)
            n += 1
assert n > 100, n
PY
    done
  fi
fi

# Schema-1 results (sentence text inside each event) are refused, naming the file and
# saying what to do, once per file however many lines it has; never misread.
old="$src/tests/data/shards/schema1.jsonl"
expect_rc 1 "merge refuses a schema-1 shard" "$cg" merge "$old"
grep -q "schema1.jsonl:1: .*schema-1 chronograph result.*re-run 'chronograph extract'" "$tmp/err" && ok \
  || bad "schema-1 refusal names the file and says to re-run extract: $(head -c 300 "$tmp/err")"
[ "$(grep -c "schema-1 chronograph result" "$tmp/err")" -eq 1 ] && ok || bad "schema-1 refusal said once per file"
grep -q '"events": \[\]' "$tmp/out" && ok || bad "nothing read from a schema-1 shard"
expect_rc 1 "report refuses a schema-1 shard" "$cg" report -o "$tmp/r.html" "$old"
grep -q "schema-1 chronograph result" "$tmp/err" && ok || bad "report names the schema-1 problem"
expect_rc 0 "merge reads a schema-2 shard" "$cg" merge "$src/tests/data/shards/schema2.jsonl"

# graph --format corpus is the corpus with the actors' network metrics (docs/schema.md)
expect_rc 0 "graph --format corpus" "$cg" graph --format corpus "$src/tests/data/shards/schema2.jsonl"
python3 - "$tmp/out" <<'PY' && ok || bad "graph --format corpus gives every actor its metrics"
import json, sys
c = json.load(open(sys.argv[1]))
keys = {"degree", "strength", "pagerank", "betweenness", "community", "component"}
assert c["actors"] and all(keys <= set(a["metrics"]) for a in c["actors"])
assert abs(sum(a["metrics"]["pagerank"] for a in c["actors"]) - 1) < 1e-3
PY

echo "$pass passed, $failed failed"
[ "$failed" -eq 0 ]
