#!/usr/bin/env python3
"""Writes a deterministic JSON Lines corpus of scraped news pages for the Spark example.

    python3 make_corpus.py --records 4000 --out corpus.jsonl        # the realistic corpus
    python3 make_corpus.py --edge --out edge.jsonl                  # odd records: CRLF, BOM, blanks, bad JSON

The pages are winnow's own: ../../seeds/*.txt and ../../eval/pages/*/*.txt. Each record is
one of them, with its own id, url, site, date and a few changes that a real crawl has too:
other digits in ids and dates, CRLF or no final newline in the text, \\u escapes instead of
raw UTF-8, the text field first or last, an extra nested object, compact or spaced JSON.
The same arguments always give the same bytes.
"""
import argparse
import hashlib
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))

# The five seeds come from five real outlets; they get invented hosts.
SEED_SITES = ["tehranpulse", "alsharqwire", "khabar24", "dubaidaily", "sanamirror"]
SECTIONS = ["politics", "economy", "world", "society", "sport", "culture", "science", "local"]


def load_pages(root):
    """[(site, lang, name, text)] in a fixed order."""
    pages = []
    seeds = os.path.join(root, "seeds")
    for i, name in enumerate(sorted(n for n in os.listdir(seeds) if n.endswith(".txt"))):
        text = read_text(os.path.join(seeds, name))
        lang = "fa" if ("ی" in text or "ک" in text) else "ar"
        pages.append((SEED_SITES[i % len(SEED_SITES)], lang, name, text))
    evals = os.path.join(root, "eval", "pages")
    for site in sorted(os.listdir(evals)):
        folder = os.path.join(evals, site)
        if not os.path.isdir(folder):
            continue
        lang, _, host = site.partition("-")
        for name in sorted(n for n in os.listdir(folder) if n.endswith(".txt")):
            pages.append((host, lang, name, read_text(os.path.join(folder, name))))
    if not pages:
        sys.exit(f"make_corpus: no pages under {seeds} or {evals}")
    return pages


def read_text(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8")


SHIFT = {c: str((int(c) + 1) % 10) for c in "0123456789"}
SHIFT.update({chr(0x6F0 + d): chr(0x6F0 + (d + 1) % 10) for d in range(10)})   # Persian digits
SHIFT.update({chr(0x660 + d): chr(0x660 + (d + 1) % 10) for d in range(10)})   # Arabic-Indic digits


def vary_text(text, rng):
    """Changes that crawls of one template really show."""
    if rng.random() < 0.5:                       # other story ids, dates and counts
        times = rng.randint(1, 9)
        table = str.maketrans({k: v for k, v in SHIFT.items()})
        for _ in range(times):
            text = text.translate(table)
    r = rng.random()
    if r < 0.10:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")   # a CRLF page
    elif r < 0.20:
        text = text.rstrip("\r\n")                                # no final newline
    elif r < 0.25:
        text = "\ufeff" + text if rng.random() < 0.5 else text + "\n\n"
    return text


def record(i, page, rng):
    site, lang, name, text = page
    text = vary_text(text, rng)
    host = f"www.{site}.example" if rng.random() < 0.8 else f"{site}.example"
    year, month, day = 2024 + rng.randint(0, 2), rng.randint(1, 12), rng.randint(1, 28)
    section = rng.choice(SECTIONS)
    digest = hashlib.sha1(f"{i}:{site}:{name}".encode()).hexdigest()
    rec_id = f"{site}-{i:06d}-{digest[:8]}"
    url = f"https://{host}/{section}/{year}/{month:02d}/{day:02d}/{digest[8:16]}-{i}"
    if rng.random() < 0.15:
        url += f"?utm_source=feed&page={rng.randint(1, 3)}"
    fields = [
        ("id", rec_id),
        ("url", url),
        ("site", site),
        ("lang", lang),
        ("fetched_at", f"{year}-{month:02d}-{day:02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}Z"),
        ("status", 200),
    ]
    if rng.random() < 0.3:
        fields.append(("meta", {"section": section, "source_file": name,
                                "tags": rng.sample(SECTIONS, rng.randint(0, 3)),
                                "paywall": rng.random() < 0.1, "words": len(text.split()),
                                "score": round(rng.random(), 4)}))
    if rng.random() < 0.2:
        fields.insert(0, ("text", text))          # the text first
    else:
        fields.append(("text", text))
    obj = dict(fields)
    ascii_only = rng.random() < 0.2
    compact = rng.random() < 0.5
    return json.dumps(obj, ensure_ascii=ascii_only,
                      separators=(",", ":") if compact else (", ", ": ")).encode("utf-8")


def corpus(records, seed, root):
    pages = load_pages(root)
    rng = random.Random(seed)
    out = []
    for i in range(records):
        page = pages[rng.randrange(len(pages))]
        out.append(record(i, page, rng) + b"\n")
    return b"".join(out)


def edge_corpus(root):
    """Records that test the byte handling of the pipe: every one must come back as
    single-process winnow writes it. Uses the key "body", so run it with --text-key body."""
    pages = load_pages(root)
    fa, en = pages[5][3], pages[-1][3]
    def rec(i, text, **extra):
        obj = {"id": f"edge-{i:03d}", **extra, "body": text}
        return json.dumps(obj, ensure_ascii=False).encode("utf-8")
    lines = [
        b"\xef\xbb\xbf" + rec(0, fa),                                    # a byte-order mark first
        rec(1, en) + b"\r",                                               # a CRLF record end
        b"",                                                             # a blank line
        b"   \t",                                                       # blank with spaces
        rec(2, en.replace("\n", "\r\n")),                                 # CRLF inside the text
        json.dumps({"id": "edge-003", "body": fa}, ensure_ascii=True).encode(),   # \u escapes
        rec(4, "Line one\u2028still line one\u2029\n\nSubscribe\nShare this article\n"),
        rec(5, en, note="tab\tand \"quotes\" and back\\slash"),
        b'{"id": "edge-006", "body": 42}',                              # not a string
        b'{"id": "edge-007", "text": "no body field"}',                 # no such key
        b'{"id": "edge-008", "body": "unterminated',                    # malformed
        b'["an", "array"]',                                             # not an object
        rec(9, ""),                                                      # empty text
        rec(10, "\n\n\n"),
        rec(11, "emoji 🗞️ and astral \U0001F600 and combining e\u0301\n" + en),
        rec(12, en * 40),                                                # a long record
        b'{"id":"edge-013","body":"tricky \\" escapes \\\\ \\/ \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00"}',
        rec(14, fa),                                                     # the last line has no newline
    ]
    return b"\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=4000)
    ap.add_argument("--seed", type=int, default=20241124)
    ap.add_argument("--edge", action="store_true", help="write the small edge-case corpus instead")
    ap.add_argument("--root", default=ROOT, help="winnow's checkout (default: two folders up)")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    data = edge_corpus(args.root) if args.edge else corpus(args.records, args.seed, args.root)
    with open(args.out, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
