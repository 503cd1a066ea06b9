#!/usr/bin/env python3
"""Compares the Spark job's output with single-process `winnow --jsonl` output, record for record.

    python3 compare.py EXPECTED.jsonl SPARK_OUTPUT [--any-order] [--id-key id]

SPARK_OUTPUT is a file or a folder of part-* files (read in name order). A record is one
line without its final LF; every byte of it must match. By default the order must match
too; with --any-order the records are compared as multisets (sorted by --id-key when the
records have it, else by their bytes). Exit 0 when equal, 1 with the first differences.

Also: `compare.py --txt-input FOLDER --text-key text > in.jsonl` writes the JSONL records the
job builds from a folder of .txt files, for the single-process run to read.
"""
import argparse
import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def read_records(path):
    if os.path.isdir(path):
        names = sorted(n for n in os.listdir(path) if n.startswith("part-"))
        if not names:
            sys.exit(f"compare: no part-* files in {path}")
        data = b"".join(open(os.path.join(path, n), "rb").read() for n in names)
    else:
        data = open(path, "rb").read()
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return lines


def record_id(line, key):
    try:
        obj = json.loads(line.lstrip(b"\xef\xbb\xbf"))
        if isinstance(obj, dict) and key in obj:
            return str(obj[key])
    except ValueError:
        pass
    return None


def describe(line, key):
    rid = record_id(line, key)
    return f"id {rid}" if rid is not None else repr(line[:60])


def first_diff(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def compare(expected, actual, any_order, key):
    problems = []
    if len(expected) != len(actual):
        problems.append(f"{len(expected)} records expected, {len(actual)} in the Spark output")
    if any_order:
        ce, ca = collections.Counter(expected), collections.Counter(actual)
        missing, extra = ce - ca, ca - ce
        for line in list(missing)[:5]:
            problems.append(f"missing from the Spark output: {describe(line, key)}")
        for line in list(extra)[:5]:
            problems.append(f"only in the Spark output: {describe(line, key)}")
        if missing:
            # Pair each missing record with the Spark record of the same id, if any.
            by_id = {record_id(l, key): l for l in extra}
            for line in list(missing)[:3]:
                other = by_id.get(record_id(line, key))
                if other is not None:
                    at = first_diff(line, other)
                    problems.append(f"  {describe(line, key)}: first differing byte {at}: "
                                    f"expected {line[at:at + 40]!r}, got {other[at:at + 40]!r}")
    else:
        shown = 0
        for i, (x, y) in enumerate(zip(expected, actual)):
            if x != y:
                at = first_diff(x, y)
                problems.append(f"record {i + 1} ({describe(x, key)}): first differing byte {at}: "
                                f"expected {x[at:at + 40]!r}, got {y[at:at + 40]!r}")
                shown += 1
                if shown == 5:
                    break
    return problems


def txt_input(folder, text_key):
    sys.dont_write_bytecode = True          # no __pycache__ in the checkout
    sys.path.insert(0, HERE)
    from winnow_job import txt_record
    out = sys.stdout.buffer
    root = os.path.abspath(folder)
    paths = []
    for d, dirs, files in os.walk(root):
        dirs[:] = [x for x in dirs if not x.startswith(("_", "."))]
        paths += [os.path.join(d, f) for f in files if f.endswith(".txt") and not f.startswith(("_", "."))]
    for p in sorted(paths, key=lambda p: "file:" + p):
        text = open(p, "rb").read().decode("utf-8", "replace")
        out.write(txt_record(os.path.relpath(p, root), text, text_key).encode("utf-8") + b"\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("expected", nargs="?")
    ap.add_argument("actual", nargs="?")
    ap.add_argument("--any-order", action="store_true")
    ap.add_argument("--id-key", default="id")
    ap.add_argument("--txt-input", metavar="FOLDER")
    ap.add_argument("--text-key", default="text")
    args = ap.parse_args()
    if args.txt_input:
        txt_input(args.txt_input, args.text_key)
        return 0
    if not (args.expected and args.actual):
        ap.error("EXPECTED and SPARK_OUTPUT are required")
    expected, actual = read_records(args.expected), read_records(args.actual)
    problems = compare(expected, actual, args.any_order, args.id_key)
    if problems:
        print(f"compare: DIFFERENT: {args.expected} vs {args.actual}", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        return 1
    order = "as multisets" if args.any_order else "in order"
    print(f"compare: {len(expected)} records identical byte for byte ({order})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
