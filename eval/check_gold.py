#!/usr/bin/env python3
"""Check the evaluation corpus: every page has a gold file and vice versa, and
every gold file is a subsequence of its page's lines.

Lines are compared as exact bytes after removing the line ending (LF or CRLF).
Gold lines must be non-blank, unique within the file, and each must match the
FIRST occurrence of that line in the page (a repeated headline's gold line is
its first copy).

Usage: python3 eval/check_gold.py [ROOT]   exit status 0 = all good, 1 = problems
       (ROOT holds pages/ and gold/: eval/ by default, eval/sites for the site set)
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = sys.argv[1] if len(sys.argv) > 1 else HERE


def lines_of(path):
    data = open(path, "rb").read()
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return [l[:-1] if l.endswith(b"\r") else l for l in lines], b"\r\n" in data


def check(site, name):
    page, crlf = lines_of(os.path.join(ROOT, "pages", site, name))
    gold, gold_crlf = lines_of(os.path.join(ROOT, "gold", site, name))
    errors = []
    if gold_crlf:
        errors.append("gold file has CRLF line endings")
    if not gold:
        errors.append("gold file is empty")
    if len(set(gold)) != len(gold):
        errors.append("gold file repeats a line")
    first = {}
    for i, line in enumerate(page):
        first.setdefault(line, i)
    pos = 0
    for g_no, g in enumerate(gold, 1):
        if not g.strip():
            errors.append("gold line %d is blank" % g_no)
            continue
        try:
            at = page.index(g, pos)
        except ValueError:
            where = "out of order" if g in first else "not in page"
            errors.append("gold line %d %s: %s" % (g_no, where, g.decode("utf-8", "replace")[:60]))
            continue
        if first[g] != at:
            errors.append("gold line %d is not the first occurrence (page line %d, first %d)"
                          % (g_no, at + 1, first[g] + 1))
        pos = at + 1
    return errors, crlf, len(page), len(gold)


def main():
    pages_dir, gold_dir = os.path.join(ROOT, "pages"), os.path.join(ROOT, "gold")
    sites = sorted(set(os.listdir(pages_dir)) | set(os.listdir(gold_dir)))
    bad = 0
    total = 0
    for site in sites:
        pages = set(os.listdir(os.path.join(pages_dir, site))) if os.path.isdir(os.path.join(pages_dir, site)) else set()
        golds = set(os.listdir(os.path.join(gold_dir, site))) if os.path.isdir(os.path.join(gold_dir, site)) else set()
        for name in sorted(golds - pages):
            print("FAIL %s/%s: gold file without a page" % (site, name))
            bad += 1
        stats = []
        for name in sorted(pages):
            total += 1
            if name not in golds:
                print("FAIL %s/%s: page without a gold file" % (site, name))
                bad += 1
                continue
            errors, crlf, n_page, n_gold = check(site, name)
            for e in errors:
                print("FAIL %s/%s: %s" % (site, name, e))
            bad += bool(errors)
            stats.append("%s %d/%d%s" % (name[:2], n_gold, n_page, " crlf" if crlf else ""))
        print("%-16s %d pages  (kept/page lines) %s" % (site, len(pages), ", ".join(stats)))
    print("%d pages in %d sites; %s" % (total, len(sites), "all gold files OK" if not bad else "%d problems" % bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
