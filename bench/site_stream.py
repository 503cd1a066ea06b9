#!/usr/bin/env python3
"""Peak memory of per-site cross-document learning on a JSON Lines stream
(issue 16 point 5): synthetic records from many sites, interleaved at random,
piped into `winnow --jsonl --cross-doc` (one count per URL host); peak RSS from
`/usr/bin/time -v`, for each stream length.

    python3 bench/site_stream.py [--winnow .build/release/winnow] [--sites 10000] [--records 100000,1000000]

Each site has its own template (its name, a slogan, a four-item menu, a follow
sentence, a copyright line with a year); each record has a headline and four
prose lines of words drawn at random, so nearly every article line is new to
the index. Records are generated as they are piped: nothing is written to disk.
Prints a Markdown table: records, sites, MB of input, seconds, peak RSS, and the
share of the template lines removed from each site's records after its warm-up
(its first three), checked on a sample of the output.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORDS = ("river harbour council market school bridge village farmers station museum garden winter summer "
         "library festival railway hospital teachers workers students engineers doctors visitors families "
         "opened closed announced planned repaired built moved raised reported expected delayed approved "
         "north south east west new old small large local regional national public private early late").split()


def site_template(s):
    return (["Site %d Herald" % s, "News you can trust from valley %d" % s,
             "Home", "Local", "Sport %d" % (s % 7), "Contact"],
            ["Follow Site %d Herald on social media for the latest updates every morning." % s,
             "Copyright 2025 Site %d Herald. All rights reserved." % s])


def record(n, s, rng):
    head, foot = site_template(s)
    words = lambda k: " ".join(rng.choice(WORDS) for _ in range(k))
    body = [words(6).capitalize()] + [words(18).capitalize() + "." for _ in range(4)]
    return json.dumps({"id": n, "url": "https://www.site%d.example/story/%d" % (s, n),
                       "text": "\n".join(head + body + foot)}) + "\n"


def feed(pipe, records, sites, seed):
    rng = random.Random(seed)
    try:
        chunk = []
        for n in range(records):
            chunk.append(record(n, rng.randrange(sites), rng))
            if len(chunk) == 1000:
                pipe.write("".join(chunk).encode())
                chunk = []
        pipe.write("".join(chunk).encode())
    except BrokenPipeError:
        pass
    finally:
        pipe.close()


def measure(winnow, records, sites, extra):
    timing = tempfile.NamedTemporaryFile(prefix="winnow-time-", delete=False).name
    out = tempfile.NamedTemporaryFile(prefix="winnow-out-", delete=False).name
    started = time.time()
    with open(out, "wb") as sink:
        proc = subprocess.Popen(["/usr/bin/time", "-v", "-o", timing, winnow, "--jsonl", "--cross-doc"] + extra,
                                stdin=subprocess.PIPE, stdout=sink)
        writer = threading.Thread(target=feed, args=(proc.stdin, records, sites, 16))
        writer.start()
        writer.join()
        proc.wait()
    seconds = time.time() - started
    fields = dict(l.strip().rsplit(": ", 1) for l in open(timing) if ": " in l)
    rss = int(fields.get("Maximum resident set size (kbytes)", 0)) / 1024
    # Template lines removed after each site's warm-up, on the last 20 000 records.
    template, removed, size = 0, 0, os.path.getsize(out)
    with open(out, "rb") as f:
        f.seek(max(0, size - 12_000_000))
        lines = f.read().decode("utf-8", "replace").splitlines()[1:]
    for line in lines[-20000:]:
        r = json.loads(line)
        s = int(r["url"].split("site")[1].split(".")[0])
        head, foot = site_template(s)
        kept = set(r["text"].split("\n"))
        template += len(head) + len(foot)
        removed += sum(1 for t in head + foot if t not in kept)
    os.unlink(timing)
    os.unlink(out)
    return seconds, rss, removed / max(template, 1), size


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--winnow", default=os.path.join(ROOT, ".build", "release", "winnow"))
    ap.add_argument("--sites", type=int, default=10000)
    ap.add_argument("--records", default="100000,1000000")
    ap.add_argument("extra", nargs="*", help="more winnow options")
    args = ap.parse_args()
    print("| records | sites | output MB | seconds | peak RSS MB | template lines removed (last 20k records) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in (int(x) for x in args.records.split(",")):
        seconds, rss, share, size = measure(args.winnow, n, args.sites, args.extra)
        print(f"| {n} | {args.sites} | {size / 1e6:.0f} | {seconds:.0f} | {rss:.1f} | {share:.1%} |", flush=True)


if __name__ == "__main__":
    sys.exit(main())
