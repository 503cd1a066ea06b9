#!/usr/bin/env python3
"""Scores the multi-page site evaluation (eval/sites/, six sites x six pages):
batch mode over the tree (the cross-document pass learns each site's template
from its folder, as `winnow batch` does) beside cleaning page by page
(`--no-cross-doc`), overall and per site.

    python3 eval/sites/score.py [--winnow .build/release/winnow (else debug)] [-- EXTRA winnow eval OPTIONS]

The figures are `winnow eval`'s (the same first pass as `winnow batch`, then
each page scored against its gold file): recall is the share of the gold
(article) characters kept, chrome removal the share of the other characters
removed; lines lost counts gold lines missing from the output. Prints
Markdown tables. Issue 16's target: batch chrome removal >= 95% at recall >= 99%.

Then site profiles, leave one page out: for every page of every site, a profile
is learned from the site's five other pages (`winnow learn --save-profile`) and
the page is cleaned alone with it (`winnow explain --json --profile`). A page's
template lines are its chrome lines (not gold) that stand, normalised (spaces
removed, digit runs folded), on another page of its site; the table gives the
share of them removed with the profile and without it, and the gold lines lost.
Issue 16's target: >= 90% of the template lines of the sixth page, no article line.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

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


def norm(line):
    """A line as the template index compares it, roughly: no spaces, digit runs as 0."""
    return re.sub(r"\d+", "0", re.sub(r"[\s\u00a0\u200c]+", "", line))


def lines_of(path):
    return [l.rstrip("\r") for l in open(path, encoding="utf-8").read().split("\n")]


def fates(winnow, page, extra):
    """(text, removed) for every non-blank line of a page, from `winnow explain --json`."""
    out = subprocess.run([winnow, "explain", "--json", page] + extra, check=True, capture_output=True, text=True).stdout
    events = [json.loads(l) for l in out.splitlines()]
    return [(e["text"].rstrip("\r"), e["fate"] == "drop") for e in events if e.get("type") == "line" and e["fate"] != "blank"]


def profile_rows(winnow, pages, gold, extra):
    """Per site: template lines of held-out pages removed with / without a profile, gold lines lost."""
    work = tempfile.mkdtemp(prefix="winnow-profiles-")
    rows = {}
    try:
        for site in sorted(os.listdir(pages)):
            names = sorted(os.listdir(os.path.join(pages, site)))
            counts = {"template": 0, "with": 0, "without": 0, "lost": 0, "gold": 0}
            for held in names:
                train = os.path.join(work, "train", site, held)
                os.makedirs(train)
                for name in names:
                    if name != held:
                        shutil.copyfile(os.path.join(pages, site, name), os.path.join(train, name))
                prof = os.path.join(work, "profiles", site, held)
                subprocess.run([winnow, "learn", train, "--site", site, "--save-profile", prof] + extra, check=True)
                gold_lines = set(l for l in lines_of(os.path.join(gold, site, held)) if l.strip())
                others = set()
                for name in names:
                    if name != held:
                        others |= {norm(l) for l in lines_of(os.path.join(pages, site, name)) if l.strip()}
                page = os.path.join(pages, site, held)
                with_profile = fates(winnow, page, extra + ["--profile", prof])
                without = fates(winnow, page, extra)
                for (text, removed), (_, removed_before) in zip(with_profile, without):
                    if text in gold_lines:
                        counts["gold"] += 1
                        counts["lost"] += removed
                    elif norm(text) in others:
                        counts["template"] += 1
                        counts["with"] += removed
                        counts["without"] += removed_before
            rows[site] = counts
    finally:
        shutil.rmtree(work)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    # The README's build is the release one; `swift test` leaves a debug one.
    built = [os.path.join(ROOT, ".build", kind, "winnow") for kind in ("release", "debug")]
    parser.add_argument("--winnow", default=next((b for b in built if os.path.exists(b)), built[0]))
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
    print()
    rows = profile_rows(args.winnow, pages, gold, args.extra)
    print("| site (each page held out, profile from the other 5) | template lines | removed with the profile | without | gold lines lost |")
    print("| --- | ---: | ---: | ---: | ---: |")
    total = {k: sum(r[k] for r in rows.values()) for k in ("template", "with", "without", "lost", "gold")}
    for site, r in list(rows.items()) + [("all", total)]:
        print(f"| {site} | {r['template']} | {r['with'] / r['template']:.1%} | {r['without'] / r['template']:.1%} | "
              f"{r['lost']} of {r['gold']} |")


if __name__ == "__main__":
    sys.exit(main())
