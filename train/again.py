#!/usr/bin/env python3
"""Pages as a second run sees them: a data folder whose pages are DATA's plus,
for each, winnow's held-out output of it, labelled from the page's own labels.

    python3 train/again.py --data train/data --pred train/data/cv/pred --out /work/again

A model trained on raw pages only has never seen a page that is already clean:
run again on its own output (or on clean text) it removes lines it kept the first
time, since their neighbours and the page around them changed (train/README.md,
"Cleaning twice"). The output of the first run is such a page. Each output line is
a line of its page (winnow never edits a kept line), so it takes that line's label;
blank lines are "-". The new records are the page's with `"augmented": true`, an id
ending in ".again" and the same site, so they fall in the same fold as their page:
`train.py` trains on them and never tests on them, and `eval.py` leaves them out.

OUT gets symlinks to DATA's pages, gold and labels (nothing is copied) and its own
index.jsonl; `--pred` must hold the held-out outputs of the same pages (train.py's
DATA/cv/pred, or `train.py --rerun OUT`).
"""
import argparse
import json
import os
import sys


def kept_labels(page_lines, label_lines, out_lines):
    """The labels of `out_lines`, each the label of the page line it is (in order)."""
    labels, j = [], 0
    for line in out_lines:
        if not line.strip():
            labels.append("-")
            continue
        while j < len(page_lines) and page_lines[j] != line:
            j += 1
        if j == len(page_lines):
            return None  # not a subsequence: a different page or renderer
        labels.append(label_lines[j] if j < len(label_lines) else "?")
        j += 1
    return labels


def body_only(page_lines, label_lines):
    """The page's B lines, a blank line where the page had one between two of them."""
    out, gap = [], False
    for k, line in enumerate(page_lines):
        label = label_lines[k] if k < len(label_lines) else "?"
        if not line.strip():
            gap = bool(out)
        elif label == "B":
            if gap:
                out.append(b"")
            out.append(line)
            gap = False
    return b"\n".join(out) + b"\n" if out else b""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="train/data")
    ap.add_argument("--pred")
    ap.add_argument("--out", required=True)
    ap.add_argument("--body-only", action="store_true",
                    help="instead of the outputs, each page's B lines alone (what a perfect cleaner writes): "
                         "no --pred needed")
    args = ap.parse_args()
    data, out = os.path.abspath(args.data), os.path.abspath(args.out)
    os.makedirs(os.path.join(out, "pages"), exist_ok=True)
    for name in ("gold", "dropped.tsv"):
        if not os.path.lexists(os.path.join(out, name)):
            os.symlink(os.path.join(data, name), os.path.join(out, name))
    with open(os.path.join(data, "index.jsonl"), encoding="utf-8") as f:
        index = [json.loads(line) for line in f if line.strip()]
    records, added, skipped = [], 0, 0
    for r in index:
        if r.get("augmented"):
            continue
        records.append(r)
        source_dir = os.path.join(out, "pages", os.path.dirname(r["id"]))
        os.makedirs(source_dir, exist_ok=True)
        for ext in (".txt", ".labels"):
            link = os.path.join(out, "pages", r["id"] + ext)
            if not os.path.lexists(link):
                os.symlink(os.path.join(data, "pages", r["id"] + ext), link)
        with open(os.path.join(data, "pages", r["id"] + ".txt"), "rb") as f:
            page = f.read()
        with open(os.path.join(data, "pages", r["id"] + ".labels"), encoding="utf-8") as f:
            label_lines = f.read().split("\n")
        if args.body_only:
            output = body_only(page.split(b"\n"), label_lines)
        else:
            try:
                with open(os.path.join(args.pred, r["id"] + ".txt"), "rb") as f:
                    output = f.read()
            except FileNotFoundError:
                skipped += 1
                continue
        out_lines = output.split(b"\n")
        labels = kept_labels(page.split(b"\n"), label_lines, out_lines)
        if labels is None or "B" not in labels:
            skipped += 1
            continue
        again = dict(r, id=r["id"] + ".again", augmented=True)
        with open(os.path.join(out, "pages", again["id"] + ".txt"), "wb") as f:
            f.write(output)
        with open(os.path.join(out, "pages", again["id"] + ".labels"), "w", encoding="utf-8") as f:
            f.write("\n".join(labels))
        records.append(again)
        added += 1
    with open(os.path.join(out, "index.jsonl"), "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{added} pages as a second run sees them added, {skipped} left out (no output, or no B line)", file=sys.stderr)


if __name__ == "__main__":
    main()
