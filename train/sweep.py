#!/usr/bin/env python3
"""Sweep the line model's thresholds over the cross-validated fold models, run by winnow.

    python3 train/sweep.py --data train/data 0.3/0.1 0.4/0.1 0.5/0.2

For each `outside/in-body` pair, every fold model that `train.py` left in
DATA/cv (foldK.model) is copied with those thresholds and run by winnow on its
held-out sites' pages, as train.py does; the predictions are scored by eval.py.
Prints one line a pair: F1, recall and the share of pages at recall < 0.5, for
all pages, articles, and Persian plus Arabic pages.
"""
import argparse
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import eval as scoring  # noqa: E402
import train  # noqa: E402


def pruned(text, min_weight):
    """The model text without the lexical entries lighter than `min_weight`."""
    header = re.search(r"^lexical \S+ \S+$", text, flags=re.M)
    if not header or not min_weight:
        return text
    kept = [l for l in text[header.end():].split("\n") if l and abs(float(l.split()[1])) >= min_weight]
    return text[:header.end()] + "\n" + "".join(l + "\n" for l in kept)


def with_thresholds(text, outside, inside):
    text = re.sub(r"^threshold .*$", f"threshold {outside!r}", text, count=1, flags=re.M)
    return re.sub(r"^threshold_in_body .*$", f"threshold_in_body {inside!r}", text, count=1, flags=re.M)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(train.ROOT, "train", "data"))
    ap.add_argument("--winnow", default=os.path.join(train.ROOT, ".build", "release", "winnow"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--min-weight", type=float, default=0.0,
                    help="leave out lexical weights lighter than this (train/lexical.py MIN_WEIGHT)")
    ap.add_argument("--keep", metavar="DIR", help="write the last pair's predictions to DIR (for eval.py)")
    ap.add_argument("pairs", nargs="+", help="thresholds as OUTSIDE/IN_BODY, e.g. 0.3/0.1")
    args = ap.parse_args()

    index = train.load_index(args.data)
    by_fold = {k: [r for r in index if train.fold_of(r["site"], args.folds) == k] for k in range(args.folds)}
    print(f"{'thresholds':<12} {'all F1':>7} {'R':>6} {'article F1':>10} {'R':>6} {'R<0.5':>6} {'fa+ar R':>7}")
    for pair in args.pairs:
        outside, inside = (float(v) for v in pair.split("/"))
        with tempfile.TemporaryDirectory() as tmp:
            for k in range(args.folds):
                with open(os.path.join(args.data, "cv", f"fold{k}.model"), encoding="utf-8") as f:
                    text = pruned(with_thresholds(f.read(), outside, inside), args.min_weight)
                model = os.path.join(tmp, f"fold{k}.model")
                with open(model, "w", encoding="utf-8") as f:
                    f.write(text)
                train.predict_with_winnow(args.winnow, model, args.data, by_fold[k], os.path.join(tmp, "pred"))
            rows, _ = scoring.evaluate(args.data, os.path.join(tmp, "pred"), index)
            if args.keep and pair == args.pairs[-1]:
                shutil.rmtree(args.keep, ignore_errors=True)
                shutil.copytree(os.path.join(tmp, "pred"), args.keep)
        every = scoring.summarise(rows)
        article = scoring.summarise([x for x in rows if x["page_type"] == "article"])
        rtl = scoring.summarise([x for x in rows if x["lang"] in ("fa", "ar")])
        print(f"{pair:<12} {every['f1']:>7.3f} {every['r']:>6.3f} {article['f1']:>10.3f} {article['r']:>6.3f} "
              f"{100 * article['recall_lt_05_share']:>5.1f}% {rtl['r']:>7.3f}", flush=True)


if __name__ == "__main__":
    main()
