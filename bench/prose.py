#!/usr/bin/env python3
"""bench/prose.py SRC_DIR OUT_TEXT OUT_JSONL [BYTES]: the real-prose corpus of bench/run.

Takes the text and the DCT of every TimeML file under SRC_DIR (the TimeBank+AQUAINT
articles of TempEval-3, development data that chronograph never ships), strips the
annotation, and writes the articles again and again until about BYTES bytes (default
12e6) as
  OUT_TEXT:  plain text, articles separated by a blank line (for chrono-node), and
  OUT_JSONL: one article per line, {"id", "date", "text"} (for bench_pipeline).
Repeating a few hundred articles keeps their words varied within an article, which is
what makes real prose slower per byte than the generated corpus; the repetition only
lets a run last long enough to be timed.
"""
import glob
import html
import json
import re
import sys


def articles(src):
    for path in sorted(glob.glob(src + '/**/*.tml', recursive=True)):
        with open(path, encoding='utf-8') as f:
            s = f.read()
        m = re.search(r'<TEXT>(.*)</TEXT>', s, re.S)
        if not m:
            continue
        dct = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', s)
        v = re.search(r'value="(\d{4}-\d\d-\d\d)', dct.group(0)) if dct else None
        text = html.unescape(re.sub(r'<[^>]+>', '', m.group(1))).strip()
        yield (v.group(1) if v else ''), text


def main():
    src, out_text, out_jsonl = sys.argv[1:4]
    want = float(sys.argv[4]) if len(sys.argv) > 4 else 12e6
    arts = list(articles(src))
    if not arts:
        sys.exit('prose.py: no TimeML article under ' + src)
    size = sum(len(t.encode('utf-8')) + 2 for _, t in arts)
    reps = max(1, int(want // size))
    n = 0
    with open(out_text, 'w', encoding='utf-8') as ft, \
            open(out_jsonl, 'w', encoding='utf-8') as fj:
        for _ in range(reps):
            for date, text in arts:
                ft.write(text + '\n\n')
                rec = {'id': 'p%06d' % n, 'text': text}
                if date:
                    rec['date'] = date
                fj.write(json.dumps(rec, ensure_ascii=False) + '\n')
                n += 1


if __name__ == '__main__':
    main()
