#!/usr/bin/env python3
"""What `winnow learn` proposes, checked on the pages it learned from.

    python3 eval/sites/learn_check.py [--winnow .build/release/winnow]

For every site of eval/sites/pages and eval/pages: `winnow learn SITE/` writes a
rule file; `winnow stats --rules FILE SITE/` counts its rules that never fire
there (a rule learned from a page should fire on it). On eval/sites (which has a
gold file a page), each page is then cleaned with the default rules and the
learned ones (`winnow --rules rules --rules FILE PAGE`) and compared with its gold:
gold lines lost (article lines the learned rules took) and chrome lines left
(lines kept that the gold does not hold), as multisets of stripped lines.
Prints a Markdown table.
"""
import argparse
import collections
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def lines(text):
    return collections.Counter(l.strip() for l in text.split("\n") if l.strip())


def main():
    built = [os.path.join(ROOT, ".build", kind, "winnow") for kind in ("release", "debug")]
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--winnow", default=next((b for b in built if os.path.exists(b)), built[0]))
    args = parser.parse_args()
    sites = [("eval/sites", os.path.join(ROOT, "eval", "sites", "pages", s)) for s in sorted(os.listdir(os.path.join(ROOT, "eval", "sites", "pages")))]
    sites += [("eval", os.path.join(ROOT, "eval", "pages", s)) for s in sorted(os.listdir(os.path.join(ROOT, "eval", "pages")))]
    print("| site | rules | never fire | gold lines lost | chrome lines left |")
    print("| --- | ---: | ---: | ---: | ---: |")
    totals = collections.Counter()
    with tempfile.TemporaryDirectory() as work:
        for kind, site in sites:
            name = os.path.basename(site)
            rules = os.path.join(work, name + ".rules")
            learned = subprocess.run([args.winnow, "learn", site, "--site", "x"], capture_output=True, text=True, check=True).stdout
            with open(rules, "w", encoding="utf-8") as fh:
                fh.write(learned)
            count = sum(1 for l in learned.split("\n") if l.split(" ")[0] in ("drop", "cut", "list", "meta"))
            stats = subprocess.run([args.winnow, "stats", "--rules", rules, site], capture_output=True, text=True).stdout
            never = sum(1 for l in stats.split("rules that never fired")[-1].split("\n") if ".learned-" in l) if "never fired" in stats else 0
            lost = left = ""
            if kind == "eval/sites":
                lost = left = 0
                for page in sorted(os.listdir(site)):
                    out = subprocess.run([args.winnow, "--rules", os.path.join(ROOT, "rules"), "--rules", rules, os.path.join(site, page)],
                                         capture_output=True, text=True, check=True).stdout
                    with open(os.path.join(ROOT, "eval", "sites", "gold", name, page), encoding="utf-8") as fh:
                        gold = lines(fh.read())
                    kept = lines(out)
                    lost += sum((gold - kept).values())
                    left += sum((kept - gold).values())
                totals.update(lost=lost, left=left)
            totals.update(rules=count, never=never)
            print(f"| {kind}/{name} | {count} | {never} | {lost} | {left} |")
    print(f"| all | {totals['rules']} | {totals['never']} | {totals['lost']} | {totals['left']} |")


if __name__ == "__main__":
    sys.exit(main())
