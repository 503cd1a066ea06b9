#!/usr/bin/env python3
"""Cross-document detection measured: chrome removal and recall of batch mode
(cross-doc on, as `winnow batch` runs) against cleaning page by page
(`--no-cross-doc`), on eval/ and on eval/ with every page copied three times in
its site's folder (the same article under several URLs, AMP and print views).

    python3 eval/cross_doc.py [--winnow .build/release/winnow (else debug)] [-- EXTRA winnow eval OPTIONS]

The figures are `winnow eval`'s (see Sources/WinnowCLI/EvalCommand.swift): recall
is the share of the gold (article) characters kept, chrome removal the share of
the other characters removed. Lines lost counts gold lines missing from the
output (LOST lines of `winnow eval --worst`). Prints a Markdown table.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def triplicate(dest):
    """eval/pages and eval/gold with each NN.txt as NN-a.txt, NN-b.txt, NN-c.txt."""
    for kind in ("pages", "gold"):
        source = os.path.join(ROOT, "eval", kind)
        for site in sorted(os.listdir(source)):
            os.makedirs(os.path.join(dest, kind, site))
            for name in sorted(os.listdir(os.path.join(source, site))):
                for copy in "abc":
                    shutil.copyfile(os.path.join(source, site, name),
                                    os.path.join(dest, kind, site, name[:-4] + "-" + copy + ".txt"))


def score(winnow, pages, gold, extra):
    out = subprocess.run([winnow, "eval", "--pages", pages, "--gold", gold, "--worst", "100000"] + extra,
                         check=True, capture_output=True, text=True).stdout
    rows = [line.split("\t") for line in out.splitlines()]
    total = next(r for r in rows if r[0] == "all")
    lost = [r for r in rows if r[0] == "LOST"]
    return {"pages": int(total[1]), "exact": int(total[2]), "recall": float(total[3]),
            "chrome": float(total[4]), "lost": len(lost), "lost_pages": len({r[1].split(":")[0] for r in lost})}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    # The README's build is the release one; `swift test` leaves a debug one.
    built = [os.path.join(ROOT, ".build", kind, "winnow") for kind in ("release", "debug")]
    parser.add_argument("--winnow", default=next((b for b in built if os.path.exists(b)), built[0]))
    parser.add_argument("extra", nargs="*", help="more `winnow eval` options for both modes (e.g. --no-model)")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="winnow-cross-doc-")
    try:
        triplicate(work)
        sets = [("eval/ (9 sites x 5 pages)", os.path.join(ROOT, "eval", "pages"), os.path.join(ROOT, "eval", "gold")),
                ("eval/ x3 copies (135 pages)", os.path.join(work, "pages"), os.path.join(work, "gold"))]
        print("| set | mode | pages | exact | recall | chrome removal | gold lines lost (pages) |")
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
        for name, pages, gold in sets:
            for mode, extra in (("batch (cross-doc)", args.extra), ("per document", args.extra + ["--no-cross-doc"])):
                s = score(args.winnow, pages, gold, extra)
                print(f"| {name} | {mode} | {s['pages']} | {s['exact']} | {s['recall']:.4f} | {s['chrome']:.4f} | "
                      f"{s['lost']} ({s['lost_pages']}) |")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    sys.exit(main())
