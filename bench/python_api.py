#!/usr/bin/env python3
"""Documents per second through the Python API, against the binary and two
Python cleaners, on the same documents in the same run:

  * `winnow --jsonl < corpus.jsonl` (the wheel's binary, one process, no Python);
  * `Cleaner.clean_many(texts)` (the same binary behind the streaming API);
  * `Cleaner.process_many(texts)` (the same with `--meta`: counts and captured
    metadata per document; information);
  * `Cleaner.clean(text)` one document at a time (information);
  * trafilatura (`trafilatura.extract` on the text wrapped as HTML paragraphs) and
    jusText (each line a <p>, the stoplist of the record's language) on the first
    --reference-docs documents (they are much slower).

    bash scripts/build-wheel.sh             # dist/winnow-*.whl
    python3 bench/python_api.py             # 10 MB corpus, median of 3; writes bench/results.md

It makes bench/out/pyvenv (the wheel, trafilatura, justext; pip, once) and the corpus
bench/out/data/py-stream-<MB>MB.jsonl (bench/make_corpus.py), then re-runs itself in
that environment. The results go into bench/results.md under "## Python API"
(replaced on each run; bench/run.py keeps that section). Exit 1 if clean_many is
below 0.8x the binary's documents per second.
"""
import argparse
import glob
import html
import json
import os
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, "out")
VENV = os.path.join(OUT, "pyvenv")
HEADING = "## Python API"
TARGET = 0.8
JUSTEXT_STOPLISTS = {"fa": "Persian", "ar": "Arabic", "en": "English"}


def rel(path):
    return os.path.relpath(path, ROOT)


def setup(args):
    """The bench environment (made once; the wheel reinstalled when it is newer) and the corpus."""
    wheels = sorted(glob.glob(os.path.join(ROOT, "dist", "winnow-*.whl")), key=os.path.getmtime)
    if not wheels:
        sys.exit("python_api: no dist/winnow-*.whl: run `bash scripts/build-wheel.sh` first")
    py = os.path.join(VENV, "bin", "python")
    if not os.path.exists(py):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    stamp = os.path.join(VENV, "wheel-installed")
    if not os.path.exists(stamp) or os.path.getmtime(stamp) < os.path.getmtime(wheels[-1]):
        print(f"python_api: installing {os.path.basename(wheels[-1])}, trafilatura and justext into {rel(VENV)}",
              file=sys.stderr, flush=True)
        subprocess.run([py, "-m", "pip", "install", "--quiet", "--force-reinstall", "--no-deps", wheels[-1]], check=True)
        subprocess.run([py, "-m", "pip", "install", "--quiet", "trafilatura", "justext", "lxml_html_clean"], check=True)
        open(stamp, "w").write(wheels[-1] + "\n")
    prefix = os.path.join(OUT, "data", f"py-stream-{args.mb}MB")
    if not os.path.exists(prefix + ".jsonl"):
        os.makedirs(os.path.dirname(prefix), exist_ok=True)
        subprocess.run([sys.executable, os.path.join(HERE, "make_corpus.py"), "stream", "--mb", str(args.mb),
                        "--out", prefix, "--formats", "jsonl"], check=True)
    return py, prefix + ".jsonl"


CPU = []  # (label, CPU seconds of this Python process, of its children) per timed run


def cpu_now():
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def timed(fn, runs, label=""):
    times = []
    for _ in range(runs):
        before = cpu_now()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
        after = cpu_now()
        CPU.append((label, after[0] - before[0], after[1] - before[1]))
    return statistics.median(times), times


def cpu_of(label):
    runs = [(py, kids) for l, py, kids in CPU if l == label]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def as_html(text):
    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines() if line.strip())
    return f"<html><body>\n{paragraphs}</body></html>"


def measure(args, corpus):
    import winnow

    records = [json.loads(line) for line in open(corpus, encoding="utf-8")]
    texts = [r["text"] for r in records]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    binary = winnow.binary_path()
    rows = []

    def binary_run():
        with open(corpus, "rb") as f:
            subprocess.run([binary, "--jsonl"], stdin=f, stdout=subprocess.DEVNULL, check=True)

    def clean_many():
        with winnow.Cleaner() as cleaner:
            for _ in cleaner.clean_many(texts):
                pass

    def process_many():
        with winnow.Cleaner() as cleaner:
            for _ in cleaner.process_many(texts):
                pass

    def clean_one_by_one():
        with winnow.Cleaner() as cleaner:
            for text in texts[:args.reference_docs * 4]:
                cleaner.clean(text)

    # Interleaved: the binary, clean_many and process_many alternate, so a busy spell hits all.
    bin_times, many_times, process_times = [], [], []
    for _ in range(args.runs):
        bin_times += timed(binary_run, 1, "binary")[1]
        many_times += timed(clean_many, 1, "many")[1]
        process_times += timed(process_many, 1, "process")[1]
    n = len(texts)
    rows.append(("`winnow --jsonl` (the wheel's binary)", f"`winnow --jsonl < {rel(corpus)} > /dev/null`",
                 n, statistics.median(bin_times), bin_times))
    rows.append(("`Cleaner().clean_many(texts)`", "`winnow --jsonl` behind it, window 256", n,
                 statistics.median(many_times), many_times))
    rows.append(("`Cleaner().process_many(texts)` (info)", "`winnow --jsonl --meta` behind it, window 256", n,
                 statistics.median(process_times), process_times))
    one = min(n, args.reference_docs * 4)
    median, times = timed(clean_one_by_one, args.runs)
    rows.append(("`Cleaner().clean(text)` per document (info)", f"first {one} documents, one round trip each",
                 one, median, times))

    m = min(n, args.reference_docs)
    pages = [as_html(t) for t in texts[:m]]
    try:
        import trafilatura
        median, times = timed(lambda: [trafilatura.extract(p) for p in pages], 1)
        rows.append((f"trafilatura {trafilatura.__version__} `extract`", f"first {m} documents as <p> HTML", m, median, times))
    except ImportError as error:
        rows.append(("trafilatura", f"not installed: {error}", 0, 0, []))
    try:
        import justext
        stoplists = {lang: justext.get_stoplist(name) for lang, name in JUSTEXT_STOPLISTS.items()}
        langs = [r.get("lang", "en") for r in records[:m]]

        def run_justext():
            for page, lang in zip(pages, langs):
                [p.text for p in justext.justext(page, stoplists.get(lang, stoplists["en"])) if not p.is_boilerplate]
        median, times = timed(run_justext, 1)
        rows.append(("jusText `justext` (stoplist by language)", f"first {m} documents, each line a <p>", m, median, times))
    except ImportError as error:
        rows.append(("jusText", f"not installed: {error}", 0, 0, []))
    return rows, n, megabytes, binary, winnow.__version__


def report(args, corpus, rows, n, megabytes, binary, version, elapsed):
    rate = {label: (docs / seconds if seconds else 0) for label, _, docs, seconds, _ in rows}
    binary_rate, many_rate = rate[rows[0][0]], rate[rows[1][0]]
    ratio = many_rate / binary_rate
    load = os.getloadavg()
    head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    lines = [HEADING, "",
             f"- date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; commit {head or '?'}; winnow {version} from "
             f"the wheel (`{binary.replace(ROOT + os.sep, '')}`); Python {sys.version.split()[0]}",
             f"- command: `python3 bench/python_api.py --mb {args.mb} --runs {args.runs} --reference-docs {args.reference_docs}`; "
             f"took {elapsed:.0f} s; load average (1 min) at the end {load[0]:.2f} on {os.cpu_count()} cores",
             f"- corpus: `{rel(corpus)}` ({n} documents, {megabytes:.1f} MB of text; bench/make_corpus.py stream --mb {args.mb})",
             f"- target: clean_many ≥ {TARGET}× the documents per second of `winnow --jsonl`: "
             f"**{ratio:.2f}×** ({'met' if ratio >= TARGET else 'NOT met'})",
             f"- CPU seconds (median): `winnow --jsonl` {cpu_of('binary')[1]:.2f}; clean_many {cpu_of('many')[0]:.2f} in Python "
             f"+ {cpu_of('many')[1]:.2f} in winnow; process_many {cpu_of('process')[0]:.2f} + {cpu_of('process')[1]:.2f}: "
             "on a machine with a free core Python's share overlaps winnow's; on a saturated one the wall time is "
             "close to their sum", "",
             "| what | how | documents | s (median) | documents/s | vs winnow --jsonl | runs (s) |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for label, how, docs, seconds, times in rows:
        if not docs:
            lines.append(f"| {label} | {how} | | | | | |")
            continue
        lines.append(f"| {label} | {how} | {docs} | {seconds:.2f} | {docs / seconds:.0f} | "
                     f"{docs / seconds / binary_rate:.3f}× | {', '.join(f'{t:.2f}' for t in times)} |")
    lines += ["", "clean_many builds each request line by hand and reads each answer's text with json's string "
              "scanner, in the calling thread, while winnow cleans; winnow runs without `--meta` and without "
              "`--line-buffered` (answers written 64 KiB at a time, a blank pad line when the API has nothing more "
              "to send: python/src/winnow/_worker.py). process_many adds winnow's counts and a JSON object per "
              "answer. trafilatura and jusText parse the HTML and classify paragraphs in Python and C, on a prefix "
              "of the corpus.", ""]
    section = "\n".join(lines)
    path = os.path.join(HERE, "results.md")
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    start = text.find("\n" + HEADING + "\n")
    if start >= 0:
        end = text.find("\n## ", start + len(HEADING) + 2)
        text = text[:start + 1] + section + ("\n" + text[end + 1:] if end >= 0 else "")
    else:
        at = text.find("\n## History\n")
        text = text[:at + 1] + section + "\n" + text[at + 1:] if at >= 0 else text.rstrip("\n") + "\n\n" + section
    open(path, "w", encoding="utf-8").write(text)
    print(section)
    return ratio


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=int, default=10, help="corpus size in MB (default 10)")
    ap.add_argument("--runs", type=int, default=3, help="runs of the binary and of clean_many, interleaved (default 3)")
    ap.add_argument("--reference-docs", type=int, default=300, help="documents for trafilatura and jusText (default 300)")
    ap.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if not args.inner:
        py, corpus = setup(args)
        os.execv(py, [py, os.path.abspath(__file__), "--inner", "--mb", str(args.mb), "--runs", str(args.runs),
                      "--reference-docs", str(args.reference_docs)])
    corpus = os.path.join(OUT, "data", f"py-stream-{args.mb}MB.jsonl")
    started = time.time()
    rows, n, megabytes, binary, version = measure(args, corpus)
    ratio = report(args, corpus, rows, n, megabytes, binary, version, time.time() - started)
    return 0 if ratio >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
