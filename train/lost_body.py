#!/usr/bin/env python3
"""Which rules and detectors remove body lines: over the rendered pages of some
page types or languages, the lines labelled B that winnow removes without its
line model (`--no-model --explain --json`), by the rule or detector that removed
them, weighted by their words (eval.py's tokens, so CJK characters count one each).

    python3 train/lost_body.py --winnow .build/release/winnow listing collection
    python3 train/lost_body.py --winnow .build/release/winnow zh ja

Each argument is a page type or a language; a page counts when it has either.
Pages with partial gold (trafilatura) are left out, as in eval.py. In-sample by
nature (no model is fitted here): it says where the rules lose body text, not
how well anything generalises.
"""
import argparse
import json
import os
import subprocess
import sys
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval import load_index, read  # noqa: E402
from textnorm import tokens  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="train/data")
    ap.add_argument("--winnow", default=".build/release/winnow")
    ap.add_argument("--examples", type=int, default=3, help="lines shown for each reason")
    ap.add_argument("groups", nargs="+", help="page types or languages")
    args = ap.parse_args()
    pages = os.path.join(os.path.abspath(args.data), "pages")
    chosen = {os.path.join(pages, r["id"] + ".txt"): r for r in load_index(args.data)
              if not r.get("partial") and (r["page_type"] in args.groups or r.get("lang") in args.groups)}
    out = subprocess.run([args.winnow, "--no-model", "--explain", "--json"] + sorted(chosen),
                         stdout=subprocess.PIPE, check=True).stdout.decode()
    body_words = 0
    lost, lines, sites, examples = Counter(), Counter(), defaultdict(set), defaultdict(list)
    page, labels = None, []
    for event in map(json.loads, filter(None, out.split("\n"))):
        if event["type"] == "begin":
            page = chosen[event["path"]]
            text = (read(os.path.join(pages, page["id"] + ".txt")) or "").split("\n")
            labels = (read(os.path.join(pages, page["id"] + ".labels")) or "").split("\n")
            body_words += sum(len(tokens(t)) for t, label in zip(text, labels) if label == "B")
            continue
        if event["type"] != "line" or event["fate"] != "drop":
            continue
        i = event["line"] - 1
        if i >= len(labels) or labels[i] != "B":
            continue
        reason = event.get("detector") or (event.get("rule") or {}).get("id") or event["reason"]
        lost[reason] += len(tokens(event["text"]))
        lines[reason] += 1
        sites[reason].add(page["site"])
        if len(examples[reason]) < args.examples:
            examples[reason].append(event["text"][:100])
    print(f"{len(chosen)} rendered pages, {body_words} words on B lines, "
          f"{sum(lost.values())} ({sum(lost.values()) / max(body_words, 1):.1%}) removed by the rules and detectors")
    print("| removed by | B words | share | B lines | sites | examples |")
    print("| --- | --- | --- | --- | --- | --- |")
    for reason, words in lost.most_common():
        shown = " / ".join(e.replace("|", "\\|") for e in examples[reason])
        print(f"| {reason} | {words} | {words / max(body_words, 1):.1%} | {lines[reason]} | {len(sites[reason])} | {shown} |")


if __name__ == "__main__":
    main()
