#!/usr/bin/env python3
"""Scores the multi-page site evaluation (eval/sites/, six sites x six pages):
batch mode over the tree (the cross-document pass learns each site's template
from its folder, as `winnow batch` does) beside cleaning page by page
(`--no-cross-doc`), overall and per site.

    python3 eval/sites/score.py [--winnow .build/debug/winnow] [-- EXTRA winnow eval OPTIONS]

The figures are `winnow eval`'s (the same first pass as `winnow batch`, then
each page scored against its gold file): recall is the share of the gold
(article) characters kept, chrome removal the share of the other characters
removed; lines lost counts gold lines missing from the output. Prints
Markdown tables. Issue 16's target: batch chrome removal >= 95% at recall >= 99%.
"""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(HERE))
sys.dont_write_bytecode = True

from cross_doc import score  # noqa: E402


def per_site(winnow, pages, gold, extra):
    out = subprocess.run([winnow, "eval", "--pages", pages, "--gold", gold, "--worst", "0"] + extra,
                         check=True, capture_output=True, text=True).stdout
    rows = [line.split("\t") for line in out.splitlines()]
    return {r[0][5:]: (float(r[3]), float(r[4])) for r in rows if r[0].startswith("site ")}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--winnow", default=os.path.join(ROOT, ".build", "debug", "winnow"))
    parser.add_argument("extra", nargs="*", help="more `winnow eval` options for both modes (e.g. --no-model)")
    args = parser.parse_args()
    pages, gold = os.path.join(HERE, "pages"), os.path.join(HERE, "gold")
    modes = [("batch (cross-doc)", args.extra), ("per document", args.extra + ["--no-cross-doc"])]
    print("| mode | pages | exact | recall | chrome removal | gold lines lost (pages) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for mode, extra in modes:
        s = score(args.winnow, pages, gold, extra)
        print(f"| {mode} | {s['pages']} | {s['exact']} | {s['recall']:.4f} | {s['chrome']:.4f} | {s['lost']} ({s['lost_pages']}) |")
    print()
    batch, single = (per_site(args.winnow, pages, gold, extra) for _, extra in modes)
    print("| site | batch recall | batch chrome removal | per-document recall | per-document chrome removal |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for site in sorted(batch):
        print(f"| {site} | {batch[site][0]:.4f} | {batch[site][1]:.4f} | {single[site][0]:.4f} | {single[site][1]:.4f} |")


if __name__ == "__main__":
    sys.exit(main())
