"""Two sets of predictions on the same pages, compared page by page.

    train/.venv/bin/python train/paired.py --data train/data BEFORE_PRED AFTER_PRED

For each page type and language (and all pages), the macro F1 and recall of
both and the paired difference of F1 (after less before) with a 95% interval
from resampling sites: each draw takes the group's sites with replacement and
every page of a drawn site, so pages of one site, and both renderings of a
page, move together (the folds hold out sites for the same reason).
"""
import argparse
import os
import random
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import eval as ev  # noqa: E402

GROUPS = ("page_type", "lang")


def per_page(data, pred, index):
    rows, _ = ev.evaluate(data, pred, index)
    return {r["id"]: r for r in rows}


def interval(diffs_by_site, draws, rng):
    """Mean paired difference and its 95% site-bootstrap interval."""
    sites = list(diffs_by_site)
    total = [d for s in sites for d in diffs_by_site[s]]
    mean = sum(total) / len(total)
    means = []
    for _ in range(draws):
        picked = [d for _ in sites for d in diffs_by_site[rng.choice(sites)]]
        means.append(sum(picked) / len(picked))
    means.sort()
    return mean, means[int(0.025 * draws)], means[int(0.975 * draws) - 1]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="train/data")
    ap.add_argument("--draws", type=int, default=2000)
    ap.add_argument("--min-pages", type=int, default=20, help="groups with fewer pages are left out (Persian and Arabic are always shown)")
    ap.add_argument("before")
    ap.add_argument("after")
    args = ap.parse_args()
    index = ev.load_index(args.data)
    before, after = per_page(args.data, args.before, index), per_page(args.data, args.after, index)
    ids = sorted(set(before) & set(after))
    groups = defaultdict(list)
    for i in ids:
        groups[("all", "")].append(i)
        for g in GROUPS:
            groups[(g, before[i][g])].append(i)
    rng = random.Random(20261205)
    print("| pages | n | before F1 | R | after F1 | R | paired ΔF1 [95%] |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    order = sorted(groups, key=lambda k: (k[0] != "all", GROUPS.index(k[0]) if k[0] in GROUPS else -1, -len(groups[k])))
    for key in order:
        members = groups[key]
        if len(members) < args.min_pages and key[1] not in ("fa", "ar"):
            continue
        by_site = defaultdict(list)
        for i in members:
            by_site[before[i]["site"]].append(after[i]["f1"] - before[i]["f1"])
        mean, lo, hi = interval(by_site, args.draws, rng)
        n = len(members)
        b_f1 = sum(before[i]["f1"] for i in members) / n
        a_f1 = sum(after[i]["f1"] for i in members) / n
        b_r = sum(before[i]["r"] for i in members) / n
        a_r = sum(after[i]["r"] for i in members) / n
        name = key[1] or key[0]
        print(f"| {name} | {n} | {b_f1:.3f} | {b_r:.3f} | {a_f1:.3f} | {a_r:.3f} | {mean:+.3f} [{lo:+.3f}, {hi:+.3f}] |")


if __name__ == "__main__":
    main()
