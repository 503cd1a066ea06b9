#!/usr/bin/env python3
"""What caps the scores of page types and languages: line selection against the model.

    python3 train/caps.py --data train/data --pred train/data/cv/pred --rules train/data/pred/no-model

Per page type, and for Persian and Arabic by source, macro bag-of-words (as eval.py):
- input: the whole rendered page kept (its recall is the most any cleaner can keep
  of the gold: gold words that the renderer never wrote cannot come back);
- labels: exactly the lines labelled B kept (what a perfect line classifier gets);
- model: --pred (the cross-validated model run by winnow);
- rules: --rules (winnow --no-model on the same pages);
- best of two: per page, the better of model and rules (an upper bound for any
  per-page choice between them, such as falling back to the rules on pages with
  little prose);
- prose share < t: the rules on pages whose share of prose lines (`page_prose_share`,
  from DATA/features.tsv) is under t, the model elsewhere (with --features);
- rules + labels (with --oracle WINNOW): a perfect line model inside winnow: the lines
  the rules and detectors leave (`WINNOW features --no-model`), of those the model
  would decide the ones not labelled C (`?` kept), and the B lines the rules and
  detectors remove (share of all B lines). What the model could reach if it were
  perfect, with winnow's rules as they are.
Pages with partial gold (trafilatura) are left out, as in eval.py.
"""
import argparse
import csv
import os
import subprocess
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval import bow_scores, load_index, read  # noqa: E402

TYPES = ["article", "forum", "product", "collection", "listing", "documentation", "service"]


def page_prose_shares(data):
    """page_prose_share of each rendered page (the same on every row of a page)."""
    shares = {}
    with open(os.path.join(data, "features.tsv"), encoding="utf-8") as fh:
        column = next(csv.reader([fh.readline()], delimiter="\t")).index("page_prose_share")
        for line in fh:
            path, rest = line.split("\t", 1)
            if path not in shares:
                shares[path] = float(line.rstrip("\n").split("\t")[column])
    pages = os.path.join(os.path.abspath(data), "pages") + os.sep
    return {p[len(pages):-len(".txt")]: v for p, v in shares.items() if p.startswith(pages)}


def rule_kept_lines(winnow, data, index):
    """Per rendered page: {line: decided by the model} for the lines the rules and
    detectors keep (`winnow features --no-model`, its first three columns)."""
    pages = os.path.join(os.path.abspath(data), "pages") + os.sep
    paths = "".join(os.path.join(pages, r["id"] + ".txt") + "\n" for r in index if not r.get("partial"))
    out = subprocess.run([winnow, "features", "--no-model", "--files-from", "-"], input=paths.encode(),
                         stdout=subprocess.PIPE, check=True).stdout.decode()
    kept = defaultdict(dict)
    for line in out.split("\n")[1:]:
        if line:
            path, number, decided = line.split("\t", 3)[:3]
            kept[path[len(pages):-len(".txt")]][int(number)] = decided == "1"
    return kept


def score_pages(data, pred, rules, kept=None):
    rows = []
    for r in load_index(data):
        if r.get("partial"):
            continue
        gold = read(os.path.join(data, "gold", r["page"] + ".txt")) or ""
        text = read(os.path.join(data, "pages", r["id"] + ".txt")) or ""
        labels = (read(os.path.join(data, "pages", r["id"] + ".labels")) or "").split("\n")
        lines = text.split("\n")
        labelled = "\n".join(line for line, label in zip(lines, labels) if label == "B")
        texts = []
        if kept is not None:
            left = kept.get(r["id"], {})
            texts.append(("oracle", "\n".join(lines[i] for i in sorted(left)
                                              if not left[i] or (i < len(labels) and labels[i] != "C"))))
            r = dict(r, lost_b=sum(1 for i, label in enumerate(labels) if label == "B" and i not in left),
                     all_b=labels.count("B"))
        f1 = {name: bow_scores(t, gold) for name, t in texts + [
            ("input", text), ("labels", labelled),
            ("model", read(os.path.join(pred, r["id"] + ".txt")) or ""),
            ("rules", read(os.path.join(rules, r["id"] + ".txt")) or "")]}
        rows.append(dict(r, scores=f1))
    return rows


def mean(values):
    values = list(values)
    return sum(values) / len(values) if values else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="train/data")
    ap.add_argument("--pred", default="train/data/cv/pred")
    ap.add_argument("--rules", default="train/data/pred/no-model")
    ap.add_argument("--features", action="store_true", help="also the prose-share fallbacks (reads DATA/features.tsv)")
    ap.add_argument("--oracle", metavar="WINNOW", help="also a perfect line model inside this winnow binary's rules")
    args = ap.parse_args()
    kept = rule_kept_lines(args.oracle, args.data, load_index(args.data)) if args.oracle else None
    rows = score_pages(args.data, args.pred, args.rules, kept)
    shares = page_prose_shares(args.data) if args.features else {}

    groups = defaultdict(list)
    for r in rows:
        groups[r["page_type"]].append(r)
        if r["lang"] in ("zh", "ja"):
            groups[r["lang"]].append(r)
        if r["lang"] in ("fa", "ar"):
            groups[f"{r['lang']} {r['source']}"].append(r)
            if r["source"] != "eval":
                groups[f"{r['lang']} real (seeds and sources)"].append(r)
    thresholds = [0.05, 0.1, 0.2] if shares else []
    head = ["pages", "n", "input R", "labels F1", "model F1", "model R", "rules F1", "best of two F1"]
    head += [f"rules if prose < {t} F1" for t in thresholds]
    if kept is not None:
        head += ["rules + labels F1", "R", "B lines the rules remove"]
    print("| " + " | ".join(head) + " |")
    print("|" + " --- |" * len(head))
    for name in TYPES + sorted(k for k in groups if k not in TYPES):
        g = groups.get(name, [])
        if not g:
            continue
        cells = [name, str(len(g)),
                 mean(r["scores"]["input"][1] for r in g), mean(r["scores"]["labels"][2] for r in g),
                 mean(r["scores"]["model"][2] for r in g), mean(r["scores"]["model"][1] for r in g),
                 mean(r["scores"]["rules"][2] for r in g),
                 mean(max(r["scores"]["model"][2], r["scores"]["rules"][2]) for r in g)]
        for t in thresholds:
            cells.append(mean(r["scores"]["rules" if shares.get(r["id"], 1.0) < t else "model"][2] for r in g))
        if kept is not None:
            lost, every = sum(r["lost_b"] for r in g), sum(r["all_b"] for r in g)
            cells += [mean(r["scores"]["oracle"][2] for r in g), mean(r["scores"]["oracle"][1] for r in g),
                      f"{lost / max(every, 1):.1%}"]
        print("| " + " | ".join(c if isinstance(c, str) else f"{c:.3f}" for c in cells) + " |")


if __name__ == "__main__":
    main()
