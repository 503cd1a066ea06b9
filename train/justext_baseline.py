#!/usr/bin/env python3
"""jusText baseline on the rendered pages.

    python3 train/justext_baseline.py --data train/data --out DIR
    python3 train/eval.py --data train/data --pred DIR

Each non-blank line of a page becomes one <p> (HTML-escaped); jusText runs
with its default settings and the stoplist of the page's language (index
`lang`, mapped by langid.STOPLIST; English when there is none). The lines of
the paragraphs it does not call boilerplate are written, in order, to
DIR/<source>/<pageid>.<renderer>.txt with the input's blank lines between
them (runs collapsed), the layout eval.py reads.
"""
import argparse
import html
import json
import os
import sys
from multiprocessing import Pool

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from langid import STOPLIST  # noqa: E402

_STOP = {}


def stoplist(lang):
    import justext
    name = STOPLIST.get(lang, "English")
    if name not in justext.get_stoplists():
        name = "English"
    if name not in _STOP:
        _STOP[name] = justext.get_stoplist(name)
    return _STOP[name]


def run_page(args):
    data, out, rec = args
    import justext
    with open(os.path.join(data, "pages", rec["id"] + ".txt"), encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    nonblank = [i for i, l in enumerate(lines) if l.strip()]
    doc = "<html><body>" + "".join("<p>%s</p>" % html.escape(lines[i]) for i in nonblank) + "</body></html>"
    paras = justext.justext(doc.encode("utf-8"), stoplist(rec["lang"]), encoding="utf-8") if nonblank else []
    kept_lines = []
    if len(paras) == len(nonblank):
        keep = {i for i, p in zip(nonblank, paras) if not p.is_boilerplate}
        for i, l in enumerate(lines):
            if i in keep:
                kept_lines.append(l)
            elif not l.strip() and kept_lines and kept_lines[-1] != "":
                kept_lines.append("")
    else:  # jusText merged or split paragraphs: fall back to its own text
        kept_lines = [p.text for p in paras if not p.is_boilerplate]
    while kept_lines and kept_lines[-1] == "":
        kept_lines.pop()
    path = os.path.join(out, rec["id"] + ".txt")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("".join(l + "\n" for l in kept_lines))
    return len(paras) == len(nonblank)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="train/data")
    ap.add_argument("--out", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    with open(os.path.join(args.data, "index.jsonl"), encoding="utf-8") as fh:
        index = [json.loads(l) for l in fh if l.strip()]
    with Pool(args.jobs, initializer=os.nice, initargs=(10,)) as pool:
        aligned = list(pool.imap(run_page, [(args.data, args.out, r) for r in index], chunksize=8))
    print(f"{len(index)} pages; {len(aligned) - sum(aligned)} with paragraphs not aligned to lines",
          file=sys.stderr)


if __name__ == "__main__":
    main()
