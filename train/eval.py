#!/usr/bin/env python3
"""Bag-of-words scores of predicted clean text against the gold.

    python3 train/eval.py --data train/data --pred DIR [--ids FILE] [--json]

DIR holds DIR/<source>/<pageid>.<renderer>.txt, the predicted clean text of
each rendered page in DATA/index.jsonl (a missing file counts as an empty
prediction). Both sides are normalised as in textnorm.py (NFKC, lowercase,
ZWNJ/bidi/tatweel/harakat removed) and cut into word tokens (CJK/Thai: one
token a character). Per page: precision, recall and F1 of the token
multisets (an empty prediction scores 0/0/0); reported as macro averages over
pages, with the number and share of pages with recall < 0.5, overall and by
source, lang, page_type and renderer. "R in" is the recall of the gold words the
rendered page holds (DATA/pages/<id>.txt): gold words the renderer never wrote
(a video player's labels, say) no cleaner can keep, and plain recall counts them.

Pages with partial gold (trafilatura) are left out of the bag-of-words figures
and scored apart: the share of `with` snippets kept and of `without` snippets
removed (micro over snippets, and pages with every `with` kept).
"""
import argparse
import json
import os
import sys
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from textnorm import tokens  # noqa: E402


def read(path):
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except FileNotFoundError:
        return None


def bow_scores(pred_text, gold_text):
    p = Counter(tokens(pred_text))
    g = Counter(tokens(gold_text))
    hit = sum((p & g).values())
    np_, ng = sum(p.values()), sum(g.values())
    prec = hit / np_ if np_ else 0.0
    rec = hit / ng if ng else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def reachable_recall(pred_text, gold_text, input_text):
    """Recall over the gold words the input holds (1.0 when it holds none)."""
    reachable = Counter(tokens(gold_text)) & Counter(tokens(input_text))
    total = sum(reachable.values())
    return sum((Counter(tokens(pred_text)) & reachable).values()) / total if total else 1.0


def joined(text):
    return " " + " ".join(tokens(text)) + " "


def load_index(data, ids_file=None):
    with open(os.path.join(data, "index.jsonl"), encoding="utf-8") as fh:
        index = [json.loads(l) for l in fh if l.strip()]
    # Pages as a second run sees them (train/again.py) are training data, not pages to score.
    index = [r for r in index if not r.get("augmented")]
    if ids_file:
        with open(ids_file, encoding="utf-8") as fh:
            keep = {l.strip() for l in fh if l.strip()}
        index = [r for r in index if r["id"] in keep or r["page"] in keep]
    return index


def evaluate(data, pred_dir, index):
    rows, partial_rows = [], []
    for r in index:
        pred = read(os.path.join(pred_dir, r["id"] + ".txt"))
        pred = pred or ""
        gpath = os.path.join(data, "gold", r["page"] + ".txt")
        gold = read(gpath) or ""
        if r.get("partial"):
            pj = joined(pred)
            withs = [joined(s) for s in gold.split("\n") if tokens(s)]
            withouts = [joined(s) for s in (read(os.path.join(data, "gold", r["page"] + ".without.txt"))
                                            or "").split("\n") if tokens(s)]
            kept = sum(1 for s in withs if s in pj)
            removed = sum(1 for s in withouts if s not in pj)
            partial_rows.append(dict(r, with_total=len(withs), with_kept=kept,
                                     without_total=len(withouts), without_removed=removed))
            continue
        p, rc, f = bow_scores(pred, gold)
        r_in = reachable_recall(pred, gold, read(os.path.join(data, "pages", r["id"] + ".txt")) or "")
        rows.append(dict(r, p=p, r=rc, f1=f, r_in=r_in))
    return rows, partial_rows


def summarise(rows):
    n = len(rows)
    if not n:
        return dict(pages=0)
    low = sum(1 for x in rows if x["r"] < 0.5)
    return dict(pages=n, f1=sum(x["f1"] for x in rows) / n, p=sum(x["p"] for x in rows) / n,
                r=sum(x["r"] for x in rows) / n, r_in=sum(x["r_in"] for x in rows) / n,
                recall_lt_05=low, recall_lt_05_share=low / n)


def summarise_partial(rows):
    if not rows:
        return dict(pages=0)
    wt = sum(x["with_total"] for x in rows)
    wk = sum(x["with_kept"] for x in rows)
    ot = sum(x["without_total"] for x in rows)
    orm = sum(x["without_removed"] for x in rows)
    allw = sum(1 for x in rows if x["with_kept"] == x["with_total"])
    return dict(pages=len(rows), with_kept=wk / wt if wt else None,
                without_removed=orm / ot if ot else None, pages_all_with_kept=allw,
                pages_all_with_kept_share=allw / len(rows))


GROUPS = ("source", "lang", "page_type", "renderer")


def report(rows, partial_rows):
    out = dict(overall=summarise(rows), partial=summarise_partial(partial_rows))
    for key in GROUPS:
        groups = defaultdict(list)
        for x in rows:
            groups[x[key]].append(x)
        out["by_" + key] = {k: summarise(v) for k, v in sorted(groups.items())}
    groups = defaultdict(list)
    for x in partial_rows:
        groups[x["lang"]].append(x)
    out["partial_by_lang"] = {k: summarise_partial(v) for k, v in sorted(groups.items())}
    return out


def fmt(name, s):
    if not s.get("pages"):
        return f"{name:<22} {0:>6}"
    return (f"{name:<22} {s['pages']:>6} {s['f1']:>7.3f} {s['p']:>7.3f} {s['r']:>7.3f} {s['r_in']:>7.3f} "
            f"{s['recall_lt_05']:>7} {100 * s['recall_lt_05_share']:>6.1f}%")


def print_report(rep):
    head = f"{'':<22} {'pages':>6} {'F1':>7} {'P':>7} {'R':>7} {'R in':>7} {'R<0.5':>7} {'share':>7}"
    print(head)
    print(fmt("overall", rep["overall"]))
    for key in GROUPS:
        print(f"-- by {key}")
        for k, s in rep["by_" + key].items():
            print(fmt(str(k), s))
    pr = rep["partial"]
    if pr.get("pages"):
        print("-- partial gold (trafilatura): with kept / without removed / pages with all `with` kept")
        for name, s in [("overall", pr)] + list(rep["partial_by_lang"].items()):
            wk = "-" if s["with_kept"] is None else f"{s['with_kept']:.3f}"
            wr = "-" if s["without_removed"] is None else f"{s['without_removed']:.3f}"
            print(f"{name:<22} {s['pages']:>6} {wk:>7} {wr:>7} {s['pages_all_with_kept']:>7} "
                  f"{100 * s['pages_all_with_kept_share']:>6.1f}%")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="train/data")
    ap.add_argument("--pred", required=True)
    ap.add_argument("--ids", help="file with one id (source/page.renderer or source/page) a line")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    args = ap.parse_args()
    index = load_index(args.data, args.ids)
    rows, partial_rows = evaluate(args.data, args.pred, index)
    rep = report(rows, partial_rows)
    if args.json:
        print(json.dumps(rep, indent=1))
    else:
        print_report(rep)


if __name__ == "__main__":
    main()
