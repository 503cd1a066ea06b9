#!/usr/bin/env python3
"""winnow's speed and memory benchmark: one command, every number measured in the same run.

    python3 bench/run.py [--quick] [--winnow .build/release/winnow]

Builds nothing and installs nothing: it needs a release binary of winnow
(`swift build -c release`), pcre2grep (Debian: pcre2-utils) and /usr/bin/time
(Debian: time). Generated corpora and outputs go to bench/out/ (not in git);
the tables are printed and written to bench/results.md. See bench/README.md.
"""
import argparse
import datetime
import filecmp
import json
import hashlib
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import make_corpus  # noqa: E402

OUT = os.path.join(HERE, "out")
DATA = os.path.join(OUT, "data")
RUN = os.path.join(OUT, "run")
PCRE2GREP_MAX_PATTERN = 8192  # bytes; pcre2grep refuses longer patterns ("pattern is too long")


def rel(path):
    """A path as shown in commands: relative to the repository root when inside it."""
    if os.path.isabs(path) and (path + "/").startswith(ROOT + "/"):
        return os.path.relpath(path, ROOT)
    return path


def die(message):
    print(f"bench: {message}", file=sys.stderr)
    sys.exit(2)


# ---------------------------------------------------------------- running one command

class Result:
    def __init__(self, wall, user, sys_, rss_kb, rc, out_bytes, stderr):
        self.wall, self.user, self.sys, self.rss_kb, self.rc = wall, user, sys_, rss_kb, rc
        self.out_bytes, self.stderr = out_bytes, stderr

    @property
    def cpu(self):
        return self.user + self.sys


def parse_time_v(text):
    fields = {}
    for line in text.splitlines():
        key, _, value = line.strip().rpartition(": ")
        fields[key] = value
    return (float(fields.get("User time (seconds)", 0)), float(fields.get("System time (seconds)", 0)),
            int(fields.get("Maximum resident set size (kbytes)", 0)), int(fields.get("Exit status", -1)))


class Case:
    """One command to measure: argv, stdin file, where stdout goes, how to check it."""

    def __init__(self, key, label, argv, stdin=None, out=None, doc_bytes=0, in_bytes=None,
                 expect_output=True, prepare=None, check=None, display=None):
        self.key, self.label, self.argv, self.stdin = key, label, argv, stdin
        self.out = out or os.path.join(RUN, key + ".out")
        self.doc_bytes = doc_bytes
        self.in_bytes = in_bytes if in_bytes is not None else doc_bytes
        self.expect_output = expect_output
        self.prepare, self.check = prepare, check
        self.display = display
        self.results = []
        self.failures = []

    def command(self):
        if self.display:
            return self.display
        s = " ".join(shlex.quote(rel(a)) for a in self.argv)
        if self.stdin:
            s += " < " + rel(self.stdin)
        return s + " > " + rel(self.out)

    def run(self):
        if self.prepare:
            self.prepare()
        timefile = os.path.join(RUN, self.key + ".time")
        errfile = os.path.join(RUN, self.key + ".err")
        stdin = open(self.stdin, "rb") if self.stdin else subprocess.DEVNULL
        with open(self.out, "wb") as out, open(errfile, "wb") as err:
            start = time.perf_counter()
            proc = subprocess.run(["/usr/bin/time", "-v", "-o", timefile] + self.argv,
                                  stdin=stdin, stdout=out, stderr=err, cwd=ROOT)
            wall = time.perf_counter() - start
        if self.stdin:
            stdin.close()
        user, sys_, rss, status = parse_time_v(open(timefile).read())
        rc = proc.returncode if proc.returncode != 0 else status
        out_bytes = os.path.getsize(self.out)
        stderr = open(errfile, "rb").read().decode("utf-8", "replace")
        r = Result(wall, user, sys_, rss, rc, out_bytes, stderr)
        problem = None
        if rc != 0:
            problem = f"exit status {rc}: {stderr.strip()[:300]}"
        elif self.expect_output and out_bytes == 0:
            problem = "empty output"
        elif self.check:
            problem = self.check(self, r)
        if problem:
            self.failures.append(problem)
        r.problem = problem
        self.results.append(r)
        return r

    # medians over the runs
    def med(self, attr):
        values = [getattr(r, attr) for r in self.results]
        return statistics.median(values) if values else float("nan")

    @property
    def wall(self):
        return self.med("wall")

    @property
    def mbps(self):
        return self.doc_bytes / 1e6 / self.wall if self.wall > 0 and self.doc_bytes else float("nan")


def rounds(cases, n, title):
    """n rounds; each round runs every case once, the order rotated each round, so
    every case sees the same mix of machine noise."""
    for i in range(n):
        shift = i % len(cases)
        for case in cases[shift:] + cases[:shift]:
            r = case.run()
            print(f"  [{title} {i + 1}/{n}] {case.label}: {r.wall:.2f} s, {r.rss_kb / 1024:.1f} MB RSS"
                  + (f"  PROBLEM: {r.problem}" if r.problem else ""),
                  file=sys.stderr, flush=True)


def count_lines(path):
    n = 0
    with open(path, "rb") as f:
        while True:
            block = f.read(1 << 22)
            if not block:
                return n
            n += block.count(b"\n")


# ---------------------------------------------------------------- data, cached by generator source and seed

def generator_stamp(seed):
    src = open(os.path.join(HERE, "make_corpus.py"), "rb").read()
    return f"{seed}:{make_corpus.GENERATOR_VERSION}:{hashlib.sha1(src).hexdigest()[:12]}"


class Data:
    def __init__(self, seed):
        self.seed = seed
        self.corpus = None
        self.stamp = generator_stamp(seed)
        self.manifest_path = os.path.join(DATA, "manifest.json")
        try:
            self.manifest = json.load(open(self.manifest_path))
        except (OSError, ValueError):
            self.manifest = {}

    def fresh(self, name, paths):
        return self.manifest.get(name) == self.stamp and all(os.path.exists(p) for p in paths)

    def done(self, name):
        self.manifest[name] = self.stamp
        with open(self.manifest_path, "w") as f:
            json.dump(self.manifest, f, indent=1)

    def get_corpus(self):
        if self.corpus is None:
            self.corpus = make_corpus.Corpus(self.seed)
        return self.corpus

    def stream(self, mb, formats):
        prefix = os.path.join(DATA, f"stream-{mb}MB")
        paths = [f"{prefix}.{f}" for f in formats]
        name = f"stream-{mb}MB:{','.join(formats)}"
        if not self.fresh(name, paths):
            print(f"bench: generating {mb} MB stream ({', '.join(formats)})", file=sys.stderr, flush=True)
            make_corpus.write_stream(self.get_corpus(), mb, prefix, tuple(formats))
            self.done(name)
        return prefix

    def folder(self, pages):
        out = os.path.join(DATA, f"pages-{pages}")
        name = f"pages-{pages}"
        if not self.fresh(name, [out, out + ".nul", out + ".jsonl"]):
            print(f"bench: generating a folder of {pages} pages", file=sys.stderr, flush=True)
            shutil.rmtree(out, ignore_errors=True)
            make_corpus.write_folder(self.get_corpus(), pages, out)
            self.done(name)
        return out

    def docs(self):
        out = os.path.join(DATA, "docs")
        paths = [os.path.join(out, f"doc-{n}.txt") for n, _ in make_corpus.DOC_SIZES]
        if not self.fresh("docs", paths):
            print("bench: generating single documents", file=sys.stderr, flush=True)
            make_corpus.write_docs(self.get_corpus(), out)
            self.done("docs")
        return out


# ---------------------------------------------------------------- the benchmark

def fmt(x, digits=2):
    if x != x:  # nan
        return "n/a"
    if abs(x) >= 100:
        return f"{x:.0f}"
    return f"{x:.{digits}f}"


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def top_level_branches(pattern):
    """A pattern's top-level alternatives: split at | outside groups, classes and escapes."""
    branches, depth, in_class, start, i = [], 0, False, 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "]":
                i += 1  # a ] first in a class is a literal
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            branches.append(pattern[start:i])
            start = i + 1
        i += 1
    return branches + [pattern[start:]]


def is_anchored(pattern):
    """Every top-level branch starts with ^ (after inline options such as (?i))."""
    return all(re.sub(r"^(?:\(\?[a-zA-Z]+\))*", "", b).startswith("^") for b in top_level_branches(pattern))


def reference_patterns(patterns):
    """The C reference's two lines: the anchored patterns as one alternation, the others
    as another; each alternative marks its rule's number with (*MARK:n). (?J): meta rules
    reuse group names."""
    groups = ([], [])
    for n, p in enumerate(patterns):
        groups[0 if is_anchored(p) else 1].append(f"(?:{p})(*MARK:{n})")
    return [("(?J)" + "|".join(g)) if g else "" for g in groups], len(groups[0])


def pcre2_version():
    """The PCRE2 library's version, from pcre2-config (or ? when it is missing)."""
    found = shutil.which("pcre2-config")
    return subprocess.run([found, "--version"], capture_output=True, text=True).stdout.strip() if found else "?"


# The last commit before the line model ran by default (b6d9c12 turned it on). Issue 15's
# speed target compares against this build, run in the same rounds.
BEFORE_MODEL_COMMIT = "754016c"


def build_before_model(out_dir):
    """Builds winnow at BEFORE_MODEL_COMMIT once (git archive + swift build, a few minutes)
    and keeps the binary under out_dir; returns its path, or None with the reason."""
    full = subprocess.run(["git", "rev-parse", "--verify", "--quiet", BEFORE_MODEL_COMMIT + "^{commit}"],
                          cwd=ROOT, capture_output=True, text=True).stdout.strip()
    if not full:
        return None, f"commit {BEFORE_MODEL_COMMIT} is not in this clone (a shallow clone?)"
    home = os.path.join(out_dir, "before-model", full[:12])
    binary = os.path.join(home, "winnow")
    if os.access(binary, os.X_OK):
        return binary, None
    src = os.path.join(home, "src")
    shutil.rmtree(src, ignore_errors=True)
    os.makedirs(src)
    print(f"bench: building winnow at {full[:12]} (the build before the line model) once; a few minutes", file=sys.stderr, flush=True)
    archive = subprocess.Popen(["git", "archive", full], cwd=ROOT, stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", src], stdin=archive.stdout, check=True)
    archive.wait()
    built = subprocess.run(["swift", "build", "-c", "release", "--product", "winnow"], cwd=src, capture_output=True, text=True)
    if built.returncode != 0:
        return None, "swift build failed at that commit:\n" + built.stdout[-2000:] + built.stderr[-2000:]
    shutil.copy2(os.path.join(src, ".build", "release", "winnow"), binary)
    shutil.rmtree(src, ignore_errors=True)
    return binary, None


def build_reference(out_dir):
    """Compiles bench/reference.c with cc -O2 against libpcre2-8; returns the binary."""
    cc = shutil.which("cc")
    if not cc:
        die("cc is missing (the C reference is compiled with it): install it with `apt-get install gcc`")
    binary = os.path.join(out_dir, "reference")
    built = subprocess.run([cc, "-O2", "-o", binary, os.path.join(HERE, "reference.c"), "-lpcre2-8"], capture_output=True, text=True)
    if built.returncode != 0:
        die("cannot build bench/reference.c (needs the PCRE2 headers: `apt-get install libpcre2-dev`):\n" + built.stderr)
    return binary


def main():
    ap = argparse.ArgumentParser(description="winnow speed and memory benchmark (see bench/README.md)")
    ap.add_argument("--quick", action="store_true", help="20 MB corpus, 2k pages, 3 runs, 100 MB instead of 1 GB (a few minutes)")
    ap.add_argument("--winnow", default=".build/release/winnow", help="release binary of winnow (default: %(default)s)")
    ap.add_argument("--runs", type=int, help="runs per measurement (default 5, --quick 3)")
    ap.add_argument("--seed", type=int, default=20241124)
    ap.add_argument("--results", default=os.path.join(HERE, "results.md"), help="where to write the Markdown (default: bench/results.md)")
    ap.add_argument("--wait-quiet", type=int, default=0, metavar="SECONDS",
                    help="before measuring, wait up to SECONDS for the 1-minute load average to fall below half the cores")
    ap.add_argument("--before-model", metavar="BIN",
                    help=f"winnow built at {BEFORE_MODEL_COMMIT}, the build before the line model (default: build it once under bench/out/before-model)")
    ap.add_argument("--no-before-model", action="store_true", help="skip the build-before-the-model row")
    ap.add_argument("--callgrind", action="store_true", help="also profile winnow -z on 0.5 MB with valgrind --tool=callgrind and list the top functions")
    args = ap.parse_args()

    winnow = args.winnow if os.path.isabs(args.winnow) else (
        os.path.abspath(args.winnow) if os.path.exists(args.winnow) else os.path.join(ROOT, args.winnow))
    if not (os.path.isfile(winnow) and os.access(winnow, os.X_OK)):
        die(f"no winnow binary at {args.winnow}. Build a release binary first:\n"
            f"    swift build -c release            # then: python3 bench/run.py\n"
            f"or with a scratch path of your own:\n"
            f"    swift build -c release --scratch-path .build-bench && python3 bench/run.py --winnow .build-bench/release/winnow")
    pcre2grep = shutil.which("pcre2grep")
    if not pcre2grep:
        die("pcre2grep is missing: install it with `apt-get install pcre2-utils` (Debian/Ubuntu), then run again")
    if not os.access("/usr/bin/time", os.X_OK):
        die("/usr/bin/time is missing (peak RSS comes from `/usr/bin/time -v`): install it with `apt-get install time`")

    quick = args.quick
    runs = args.runs or (3 if quick else 5)
    main_mb = 20 if quick else 100
    big_mb = 100 if quick else 1000
    pages = 2000 if quick else 10000
    rules_mb = 5 if quick else 10
    started = time.time()
    os.makedirs(DATA, exist_ok=True)
    os.makedirs(RUN, exist_ok=True)
    # Read-only git queries (no index refresh): which sources the work tree held at the start.
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "--no-optional-locks", "status", "--porcelain", "--untracked-files=no", "--", "Sources", "rules", "Package.swift"],
                           cwd=ROOT, capture_output=True, text=True).stdout.strip()
    binary_age = time.time() - os.path.getmtime(winnow)

    # ---- data
    data = Data(args.seed)
    main_prefix = data.stream(main_mb, ["txt", "nul", "jsonl"])
    small_prefix = data.stream(10, ["nul"])
    rules_prefix = small_prefix if rules_mb == 10 else data.stream(rules_mb, ["nul"])
    big_prefix = data.stream(big_mb, ["nul"])
    folder = data.folder(pages)
    docs = data.docs()
    rule_dirs = make_corpus.make_rules(winnow, os.path.join(OUT, "rules"), (10, 100, 1000), args.seed, data.get_corpus())

    main_txt, main_nul, main_jsonl = (main_prefix + e for e in (".txt", ".nul", ".jsonl"))
    if args.wait_quiet:
        deadline = time.time() + args.wait_quiet
        while os.getloadavg()[0] > 0.5 * (os.cpu_count() or 1) and time.time() < deadline:
            print(f"bench: waiting for a quieter machine (load {os.getloadavg()[0]:.2f})", file=sys.stderr, flush=True)
            time.sleep(30)
    load_start = os.getloadavg()
    main_doc_bytes = os.path.getsize(main_txt)
    main_docs = sum(1 for _ in open(main_jsonl, "rb"))

    # ---- pcre2grep's pattern: the combined alternation of the default line rules
    combined = subprocess.run([winnow, "rules", "--export", "--combined"], capture_output=True, text=True, check=True).stdout.rstrip("\n")
    patterns = subprocess.run([winnow, "rules", "--export"], capture_output=True, text=True, check=True).stdout.rstrip("\n").split("\n")
    # The combined line may open with option settings for the whole alternation, e.g. (?J).
    lead = re.match(r"(?:\(\*[A-Z_]+\)|\(\?[A-Za-z]+\))*", combined).group(0)
    if "|".join(f"(?:{p})" for p in patterns) != combined[len(lead):]:
        die("`winnow rules --export --combined` is not the alternation of `winnow rules --export`: cannot split it for pcre2grep")
    # winnow compiles with UTF | UCP | MATCH_INVALID_UTF: pcre2grep -U gives UTF with invalid
    # UTF allowed, (*UCP) the Unicode \d \w \s. Meta rules repeat group names such as
    # (?<date>...), so the alternation needs (?J) (duplicate names allowed). pcre2grep takes
    # at most 8192 bytes a pattern, so the alternation is cut into as few pieces as fit,
    # one a line of the -f file (pcre2grep tries them in turn, as one alternation would).
    prefix = "(*UCP)" + lead + ("" if "(?J)" in lead else "(?J)")
    chunks, current = [], []
    for p in patterns:
        trial = current + [f"(?:{p})"]
        if current and len((prefix + "|".join(trial)).encode()) > PCRE2GREP_MAX_PATTERN:
            chunks.append(current)
            current = [f"(?:{p})"]
        else:
            current = trial
    chunks.append(current)
    chunk_lines = [prefix + "|".join(c) for c in chunks]
    if any(len(c.encode()) > PCRE2GREP_MAX_PATTERN for c in chunk_lines):
        die("a single exported pattern is longer than pcre2grep's 8192-byte limit")
    combined_file = os.path.join(OUT, "combined.pat")
    with open(combined_file, "w", encoding="utf-8") as f:
        f.write("\n".join(chunk_lines) + "\n")
    separate_file = os.path.join(OUT, "separate.pat")
    with open(separate_file, "w", encoding="utf-8") as f:
        f.write("".join(f"(*UCP){p}\n" for p in patterns))
    # The C reference: the same patterns in an anchored and an unanchored alternation.
    reference = build_reference(OUT)
    (anchored_line, unanchored_line), n_anchored = reference_patterns(patterns)
    reference_file = os.path.join(OUT, "reference.pat")
    with open(reference_file, "w", encoding="utf-8") as f:
        f.write(anchored_line + "\n" + unanchored_line + "\n")
    if args.no_before_model:
        before_model, before_note = None, "skipped (--no-before-model)"
    elif args.before_model:
        before_model, before_note = os.path.abspath(args.before_model), None
    else:
        before_model, before_note = build_before_model(OUT)
    grep_help = subprocess.run([pcre2grep, "--help"], capture_output=True, text=True).stdout
    grep_version = subprocess.run([pcre2grep, "-V"], capture_output=True, text=True).stdout.strip()
    if "--jit" in grep_help.replace("--no-jit", ""):
        jit_args, jit_note = ["--jit"], "--jit given"
    elif "--no-jit" in grep_help:
        jit_args, jit_note = [], "JIT on (pcre2grep's default: its --help offers --no-jit)"
    else:
        jit_args, jit_note = [], "no JIT in this pcre2grep"
    main_lines = count_lines(main_txt)

    def lines_check(case, r):
        """pcre2grep -v must have removed lines, and not all of them."""
        if not hasattr(case, "lines_out"):
            case.lines_out = count_lines(case.out)
        if not 0 < case.lines_out < main_lines:
            return f"pcre2grep kept {case.lines_out} of {main_lines} lines: the pattern did not run as meant"
        return None

    def reference_check(case, r):
        """The reference must have removed lines, and not all of them."""
        if not hasattr(case, "lines_out"):
            case.lines_out = count_lines(case.out)
        if not 0 < r.out_bytes < case.in_bytes:
            return f"the reference kept {r.out_bytes} of {case.in_bytes} bytes: the patterns did not run as meant"
        return None

    def winnow_check(case, r):
        if not hasattr(case, "lines_out"):
            case.lines_out = count_lines(case.out)
        if r.out_bytes >= case.in_bytes:
            return f"winnow removed nothing ({r.out_bytes} of {case.in_bytes} bytes kept)"
        return None

    def pair_check(case, r):
        a, b = case.out + ".a", case.out + ".b"
        if os.path.getsize(a) == 0 or not filecmp.cmp(a, b, shallow=False):
            return "the two processes' outputs are empty or differ"
        return None

    W = winnow
    # ---- 1. throughput, the same documents through each tool
    t_cases = [
        Case("winnow-z", "winnow -z -j 1 (NUL-separated docs, one core)", [W, "-z", "-j", "1"], stdin=main_nul, doc_bytes=main_doc_bytes,
             in_bytes=os.path.getsize(main_nul), check=winnow_check),
        Case("winnow-jsonl", "winnow --jsonl -j 1 (same docs)", [W, "--jsonl", "-j", "1"], stdin=main_jsonl, doc_bytes=main_doc_bytes,
             in_bytes=os.path.getsize(main_jsonl), check=winnow_check),
        Case("winnow-z-nomodel", "winnow -z -j 1 --no-model (rules and detectors only)", [W, "-z", "-j", "1", "--no-model"], stdin=main_nul,
             doc_bytes=main_doc_bytes, in_bytes=os.path.getsize(main_nul), check=winnow_check),
        Case("winnow-z-j2", "winnow -z -j 2", [W, "-z", "-j", "2"], stdin=main_nul, doc_bytes=main_doc_bytes,
             in_bytes=os.path.getsize(main_nul), check=winnow_check),
        Case("winnow-jsonl-j2", "winnow --jsonl -j 2", [W, "--jsonl", "-j", "2"], stdin=main_jsonl, doc_bytes=main_doc_bytes,
             in_bytes=os.path.getsize(main_jsonl), check=winnow_check),
        # What the machine's cores give at best: two independent one-core processes at
        # once. -j 2 cannot beat this, whatever the program: on shared vCPUs it is under 2.
        Case("pair-j1", "two winnow -z -j 1 processes at once, each on the whole corpus (the machine's ceiling for -j 2)",
             ["sh", "-c", f'"$0" -z -j 1 < "$1" > "$2.a" & "$0" -z -j 1 < "$1" > "$2.b"; wait',
              W, main_nul, os.path.join(RUN, "pair-j1.out")],
             doc_bytes=2 * main_doc_bytes, expect_output=False, check=pair_check,
             display=f"{rel(W)} -z -j 1 < {rel(main_nul)} > a & {rel(W)} -z -j 1 < {rel(main_nul)} > b; wait"),
        Case("reference", f"C reference (PCRE2 JIT, {n_anchored} anchored + {len(patterns) - n_anchored} unanchored patterns)",
             [reference, reference_file], stdin=main_nul, doc_bytes=main_doc_bytes, in_bytes=os.path.getsize(main_nul), check=reference_check),
        Case("pcre2grep", f"pcre2grep -v, combined alternation ({len(chunks)} pieces)",
             ["pcre2grep", "-U", "-v"] + jit_args + ["-f", combined_file, main_txt], doc_bytes=main_doc_bytes, check=lines_check),
        Case("pcre2grep-sep", f"pcre2grep -v, {len(patterns)} separate patterns (info)",
             ["pcre2grep", "-U", "-v"] + jit_args + ["-f", separate_file, main_txt], doc_bytes=main_doc_bytes, check=lines_check),
        Case("cat", "cat (floor)", ["cat", main_txt], doc_bytes=main_doc_bytes),
    ]
    if before_model:
        # That build has no -j: one stream is one core there.
        t_cases.append(Case("before-model", f"winnow -z at {BEFORE_MODEL_COMMIT}, the build before the line model (one core)",
                            [before_model, "-z"], stdin=main_nul, doc_bytes=main_doc_bytes,
                            in_bytes=os.path.getsize(main_nul), check=winnow_check))
    # Cross-document learning (--cross-doc): information, no target. Its documents
    # take turns counting their lines; the rest of each runs in parallel.
    cross_cases = [
        Case("winnow-jsonl-crossdoc", "winnow --jsonl --cross-doc -j 1 (site templates learnt as the stream goes)",
             [W, "--jsonl", "--cross-doc", "-j", "1"], stdin=main_jsonl, doc_bytes=main_doc_bytes,
             in_bytes=os.path.getsize(main_jsonl), check=winnow_check),
        Case("winnow-jsonl-crossdoc-j2", "winnow --jsonl --cross-doc -j 2",
             [W, "--jsonl", "--cross-doc", "-j", "2"], stdin=main_jsonl, doc_bytes=main_doc_bytes,
             in_bytes=os.path.getsize(main_jsonl), check=winnow_check),
    ]
    t_cases += cross_cases
    print(f"bench: 1. throughput on {main_mb} MB ({main_docs} documents), {runs} rounds", file=sys.stderr, flush=True)
    rounds(t_cases, runs, "throughput")
    wz, wj, wn, wz2, wj2, pair, ref, pg, pgs, cat = t_cases[:10]
    before = t_cases[10] if before_model else None
    cd1, cd2 = cross_cases

    # ---- 2. single documents of growing size
    empty = os.path.join(DATA, "empty.txt")
    open(empty, "wb").close()
    d_cases = [Case("doc-empty", "empty document (start-up)", [W, empty], doc_bytes=0, expect_output=False)]
    for name, _ in make_corpus.DOC_SIZES:
        path = os.path.join(docs, f"doc-{name}.txt")
        d_cases.append(Case(f"doc-{name}", f"one {name} document", [W, path], doc_bytes=os.path.getsize(path), check=winnow_check))
    print(f"bench: 2. single documents, {runs} rounds", file=sys.stderr, flush=True)
    rounds(d_cases, runs, "documents")

    # ---- 3. rule-set size
    small_nul = small_prefix + ".nul"
    small_bytes = os.path.getsize(small_nul)
    rules_nul = rules_prefix + ".nul"
    r_cases, s_cases = [], []
    for n, d in rule_dirs.items():
        r_cases.append(Case(f"rules-{n}", f"{n} rules", [W, "--rules", d, "-z", "-j", "1"], stdin=rules_nul,
                            doc_bytes=os.path.getsize(rules_nul), check=winnow_check))
        s_cases.append(Case(f"rules-{n}-start", f"{n} rules, empty input (compile)", [W, "--rules", d, empty], doc_bytes=0, expect_output=False))
    print(f"bench: 3. rule sets, {runs} rounds", file=sys.stderr, flush=True)
    rounds(r_cases + s_cases, runs, "rules")
    rule_counts = {n: int(subprocess.run([W, "rules", "--rules", d], capture_output=True, text=True).stdout.count("\n"))
                   for n, d in rule_dirs.items()}

    # ---- 4. stream length: RSS must stay flat
    print("bench: 4. stream length", file=sys.stderr, flush=True)
    l_small = Case("stream-10MB", "10 MB stream, -j 1", [W, "-z", "-j", "1"], stdin=small_nul, doc_bytes=small_bytes, check=winnow_check)
    l_small2 = Case("stream-10MB-j2", "10 MB stream, -j 2", [W, "-z", "-j", "2"], stdin=small_nul, doc_bytes=small_bytes, check=winnow_check)
    rounds([l_small, l_small2], runs, "stream 10 MB")
    big_nul = big_prefix + ".nul"
    l_big, l_big2 = (Case(f"stream-{big_mb}MB-j{j}", f"{big_mb} MB stream, -j {j}", [W, "-z", "-j", str(j)], stdin=big_nul,
                          doc_bytes=os.path.getsize(big_nul), check=winnow_check) for j in (1, 2))
    for c in (l_big, l_big2):
        rounds([c], 1, f"stream {big_mb} MB")  # peak RSS is what these rows are for: one run each
        os.remove(c.out)

    # ---- 5. a folder of pages: batch -j1, -j2, and the same pages as arguments and as a stream
    # The outputs go to a tmpfs when there is one: on ext4, files created within a
    # minute or so of deleting thousands (the last run's outputs) wait while the inode
    # allocator passes the deleted ones one by one (`recently_deleted` in `perf`:
    # 0.9-1.5 s of system time for a run that takes 0.15 s a minute later), and the
    # rows measured that instead of winnow.
    shm = "/dev/shm"
    batch_home = (tempfile.mkdtemp(prefix="winnow-bench-", dir=shm)
                  if os.path.isdir(shm) and os.access(shm, os.W_OK) else RUN)
    out_dir = os.path.join(batch_home, "batch-out")

    def shown(path):   # the tmpfs folder's random name left out of the tables
        return rel(path) if batch_home == RUN else os.path.join(shm, "winnow-bench-*", os.path.basename(path))
    page_files = sorted(os.path.join(dp, f) for dp, _, fs in os.walk(folder) for f in fs if f.endswith(".txt"))
    folder_bytes = sum(os.path.getsize(p) for p in page_files)

    # Earlier outputs are moved aside, not deleted, until the section is done: on
    # ext4, creating files within a minute or so of deleting thousands makes the inode
    # allocator skip the recently deleted ones one by one (`recently_deleted` in
    # `perf`), and the timed runs measured the previous run's `rm -rf` (sys time
    # 0.6 to 10 s for the same run).
    trash = os.path.join(batch_home, "batch-trash")

    def set_aside(path):
        if os.path.exists(path):
            os.makedirs(trash, exist_ok=True)
            os.rename(path, os.path.join(trash, f"{os.path.basename(path)}-{time.time_ns()}"))

    def clear_out():
        set_aside(out_dir)
        # Flush what earlier runs wrote (the 1 GB stream's output above all): else the
        # kernel's writeback lands inside the timed batch runs.
        os.sync()

    def batch_check(case, r):
        made = sum(len(fs) for _, _, fs in os.walk(out_dir))
        return None if made == len(page_files) else f"batch wrote {made} of {len(page_files)} files"

    b_cases = []
    for j in (1, 2):
        c = Case(f"batch-j{j}", f"batch -j{j}", [W, "batch", folder, "-o", out_dir, "-j", str(j), "--no-progress"],
                 doc_bytes=folder_bytes, expect_output=False, prepare=clear_out, check=batch_check,
                 display=f"{rel(W)} batch {rel(folder)} -o {shown(out_dir)} -j {j} --no-progress")
        b_cases.append(c)
    cp_dir = os.path.join(batch_home, "cp-out")
    b_cases.append(Case("cp-r", "cp -r (floor: the file system writing the pages)", ["cp", "-r", folder, cp_dir],
                        doc_bytes=folder_bytes, expect_output=False, prepare=lambda: (set_aside(cp_dir), os.sync()),
                        display=f"cp -r {rel(folder)} {shown(cp_dir)}"))
    b_cases.append(Case("files-args", f"winnow FILE… ({len(page_files)} files, one process)", [W, "-j", "1"] + page_files,
                        doc_bytes=folder_bytes, check=winnow_check,
                        display=f"{rel(W)} -j 1 {rel(folder)}/*/*.txt > {rel(os.path.join(RUN, 'files-args.out'))}"))
    b_cases.append(Case("files-z", "winnow -z -j 1 (the same pages as one stream)", [W, "-z", "-j", "1"], stdin=folder + ".nul",
                        doc_bytes=folder_bytes, in_bytes=os.path.getsize(folder + ".nul"), check=winnow_check))
    print(f"bench: 5. folder of {len(page_files)} pages, {runs} rounds", file=sys.stderr, flush=True)
    rounds(b_cases, runs, "batch")
    for path in (out_dir, cp_dir, trash):
        shutil.rmtree(path, ignore_errors=True)
    if batch_home != RUN:
        shutil.rmtree(batch_home, ignore_errors=True)

    # ---- callgrind (optional)
    profile_text = None
    if args.callgrind:
        profile_text = callgrind(W, main_nul, [reference, reference_file])

    elapsed = time.time() - started
    load_end = os.getloadavg()

    # ---- report
    def rss(c):
        return fmt(c.med("rss_kb") / 1024, 1)

    def row(c, extra=()):
        return [c.label, f"`{c.command()}`", fmt(c.mbps), fmt(c.wall), fmt(c.med("cpu")), rss(c)] + list(extra)

    ratio_pg = pg.wall / wz.wall  # >1: winnow faster
    ratio_cat = cat.wall / wz.wall
    ratio_ref = ref.wall / wz.wall
    sections = []
    sections.append(f"### 1. Throughput: {main_mb} MB corpus, {main_docs} documents, median of {runs}\n\n"
                    "MB/s counts the documents' text (the .txt size) for every row, so the rows compare the same work.\n\n" +
                    table(["what", "command", "MB/s", "s", "CPU s", "peak RSS MB", "lines out", "time vs winnow -z -j 1"],
                          [row(c, [getattr(c, "lines_out", "") if c is not cat else main_lines, fmt(c.wall / wz.wall) + "×"]) for c in t_cases]) +
                    f"\n\nInput: {main_lines} lines. winnow -z -j 1 / C reference throughput: **{fmt(ratio_ref)}×**; "
                    f"winnow/pcre2grep: {fmt(ratio_pg)}× (information); winnow/cat: {fmt(ratio_cat, 3)}×. "
                    f"The C reference is bench/reference.c built with `cc -O2 … -lpcre2-8` (PCRE2 {pcre2_version()}): the "
                    f"{len(patterns)} exported line patterns as two alternations, the {n_anchored} whose every branch starts "
                    f"with ^ and the others, each alternative ending in (*MARK:n); UTF, UCP, MATCH_INVALID_UTF, JIT; at most "
                    f"one match call per group per line (the unanchored one only when the anchored one did not match); "
                    f"1 MiB input and output buffers; NULs kept. It matches raw lines (winnow matches normalised ones "
                    f"and then runs its detectors and line model), so the outputs differ: it is a cost floor, not a rival. "
                    f"pcre2grep: {grep_version}, {jit_note}; the {len(patterns)} exported line patterns, "
                    f"joined exactly as `winnow rules --export --combined` joins them ({len(combined.encode())} bytes), "
                    f"cut into {len(chunks)} pieces of at most 8192 bytes (pcre2grep's limit), each prefixed `{prefix}`. "
                    f"--cross-doc (information): {fmt(wj.wall / cd1.wall)}× the throughput of --jsonl without it; "
                    f"-j 2 {fmt(cd1.wall / cd2.wall)}× -j 1, output "
                    f"{'identical' if filecmp.cmp(cd1.out, cd2.out, shallow=False) else '**differs**'}.")
    sections.append(f"### 2. One document of growing size (`winnow FILE`), median of {runs}\n\n" +
                    table(["document", "command", "MB/s", "s", "CPU s", "peak RSS MB", "bytes"],
                          [row(c, [c.doc_bytes]) for c in d_cases]))
    r10, r1000 = r_cases[0], r_cases[-1]
    sections.append(f"### 3. Rule-set size: `winnow --rules DIR -z` on the {rules_mb} MB stream, median of {runs}\n\n" +
                    table(["rules", "command", "MB/s", "s", "CPU s", "peak RSS MB", "output MB", "time vs 10 rules"],
                          [row(c, [fmt(c.med("out_bytes") / 1e6), fmt(c.wall / r10.wall) + "×"]) for c in r_cases] +
                          [row(c, ["", fmt(c.wall / s_cases[0].wall) + "×"]) for c in s_cases]) +
                    "\n\nRules counted by `winnow rules --rules DIR`: " + ", ".join(f"{n}: {rule_counts[n]}" for n in rule_counts) + ".")
    stream_rows = [l_small, l_small2] + ([wz] if main_mb not in (10, big_mb) else []) + [l_big, l_big2]
    wz_label = wz.label
    wz.label = f"{main_mb} MB stream (the corpus of section 1)"
    sections.append(f"### 4. Stream length: `winnow -z`, median of {runs} (one run for the {big_mb} MB stream)\n\n" +
                    table(["stream", "command", "MB/s", "s", "CPU s", "peak RSS MB", "RSS vs 10 MB, same -j"],
                          [row(c, [fmt(c.med("rss_kb") / (l_small2 if "-j 2" in c.label else l_small).med("rss_kb"), 3) + "×"])
                           for c in stream_rows]))
    wz.label = wz_label
    j1, j2 = b_cases[0], b_cases[1]
    sections.append(f"### 5. A folder of {len(page_files)} pages ({fmt(folder_bytes / 1e6)} MB), median of {runs}\n\n" +
                    table(["what", "command", "MB/s", "s", "CPU s", "peak RSS MB", "time vs -j1"],
                          [row(c, [fmt(c.wall / j1.wall) + "×"]) for c in b_cases]))

    rss_ratio = l_big.med("rss_kb") / l_small.med("rss_kb")
    rss_ratio2 = l_big2.med("rss_kb") / l_small2.med("rss_kb")
    z_scaling = wz.wall / wz2.wall
    jsonl_scaling = wj.wall / wj2.wall
    # Two documents' worth of work in pair.wall against one in wz.wall.
    ceiling = 2 * wz.wall / pair.wall
    ceiling_note = (f"; two independent -j 1 processes at once: {fmt(ceiling)}× (this machine's ceiling), "
                    f"so -j 2 reaches {{:.0%}} of it")
    same_z = filecmp.cmp(wz.out, wz2.out, shallow=False)
    same_jsonl = filecmp.cmp(wj.out, wj2.out, shallow=False)
    rule_ratio = r1000.wall / r10.wall
    batch_ratio = j1.wall / j2.wall
    jsonl_ratio = wz.wall / wj.wall
    model_ratio = wn.wall / wz.wall
    model_rss = (wz.med("rss_kb") - wn.med("rss_kb")) / 1024
    smaller_set = r_cases[1]
    rules_valid = r1000.med("out_bytes") <= smaller_set.med("out_bytes") * 1.02
    def cpu_ratio(a, b):
        return f" (CPU time: {fmt(a.med('cpu') / b.med('cpu'))}×)" if b.med("cpu") > 0 else ""

    targets = [
        ("winnow -z, one core (-j 1), ≥ 1.5× the C reference's throughput", f"{fmt(ratio_ref)}×" + cpu_ratio(ref, wz), ratio_ref >= 1.5),
        ("winnow -z -j 2 ≥ 1.8× -j 1", f"{fmt(z_scaling)}×" + f" ({fmt(wz.wall)} vs {fmt(wz2.wall)} s)" + ceiling_note.format(z_scaling / ceiling), z_scaling >= 1.8),
        ("winnow --jsonl -j 2 ≥ 1.8× -j 1", f"{fmt(jsonl_scaling)}×" + f" ({fmt(wj.wall)} vs {fmt(wj2.wall)} s)" + ceiling_note.format(jsonl_scaling / ceiling), jsonl_scaling >= 1.8),
        ("-j 2 output identical to -j 1 (-z and --jsonl)", "identical" if same_z and same_jsonl else
         f"**differs** (-z: {'same' if same_z else 'differs'}, --jsonl: {'same' if same_jsonl else 'differs'})", same_z and same_jsonl),
        ("1000 rules ≤ 4× the time of 10 rules", f"{fmt(rule_ratio)}×" + cpu_ratio(r1000, r10) + ("" if rules_valid else
         f" (**invalid**: the 1000-rule set kept {fmt(r1000.med('out_bytes') / 1e6)} MB, more than the 100-rule set's "
         f"{fmt(smaller_set.med('out_bytes') / 1e6)} MB although it holds every one of its rules: rules were skipped)"),
         rule_ratio <= 4.0 and rules_valid),
        (f"peak RSS at {'1 GB' if big_mb >= 1000 else f'{big_mb} MB (quick: not 1 GB)'} within 10% of peak RSS at 10 MB",
         f"-j 1: {fmt(rss_ratio, 3)}× ({fmt(l_big.med('rss_kb') / 1024, 1)} vs {fmt(l_small.med('rss_kb') / 1024, 1)} MB); "
         f"-j 2: {fmt(rss_ratio2, 3)}× ({fmt(l_big2.med('rss_kb') / 1024, 1)} vs {fmt(l_small2.med('rss_kb') / 1024, 1)} MB)",
         rss_ratio <= 1.10 and rss_ratio2 <= 1.10),
        ("batch -j2 ≥ 1.6× -j1", f"{fmt(batch_ratio)}×", batch_ratio >= 1.6),
        ("JSONL ≥ 0.8× plain text (same documents, -z)", f"{fmt(jsonl_ratio)}×" + cpu_ratio(wz, wj), jsonl_ratio >= 0.8),
        (f"with the line model ≥ 0.9× the throughput of the build before it ({BEFORE_MODEL_COMMIT})",
         (f"{fmt(before.wall / wz.wall)}×" + cpu_ratio(before, wz)) if before else f"not measured: {before_note}",
         bool(before) and before.wall / wz.wall >= 0.9),
        ("stricter: with the line model ≥ 0.9× the throughput of the same build with --no-model", f"{fmt(model_ratio)}×" + cpu_ratio(wn, wz), model_ratio >= 0.9),
        ("the line model adds ≤ 10 MB to peak RSS", f"{fmt(model_rss, 1)} MB ({fmt(wz.med('rss_kb') / 1024, 1)} vs "
         f"{fmt(wn.med('rss_kb') / 1024, 1)} MB)", model_rss <= 10),
    ]
    target_table = table(["target", "measured", "status"], [[t, m, "met" if ok else "**missed**"] for t, m, ok in targets])

    problems = [(c.label, f) for c in t_cases + d_cases + r_cases + s_cases + [l_small, l_small2, l_big, l_big2] + b_cases for f in c.failures]
    cpu = ""
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    version = subprocess.run([W, "--version"], capture_output=True, text=True).stdout.strip()
    mode = "--quick" if quick else "full"
    md = [f"# winnow benchmark results ({mode})", "",
          f"- date: {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
          f"- machine: `nproc` = {os.cpu_count() and subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()}, {cpu}, {platform.system()} {platform.release()}",
          f"- load average (1 min) at start / end: {load_start[0]:.2f} / {load_end[0]:.2f}",
          f"- winnow {version}, `{rel(W)}` (built {binary_age / 60:.0f} min before the run); the work tree held {head or '?'}"
          + (" plus uncommitted changes" if dirty else "") + " when the run started",
          f"- command: `python3 bench/run.py {'--quick ' if quick else ''}--winnow {rel(W)}`; took {elapsed / 60:.1f} min",
          f"- corpus seed {args.seed}; documents made by bench/make_corpus.py from seeds/ and eval/pages/",
          ]
    ncpu = os.cpu_count() or 1
    if max(load_start[0], load_end[0]) > 0.5 * ncpu:
        md += [f"- **the machine was busy** (load average above {0.5 * ncpu:.1f} on {ncpu} cores): wall-clock numbers, "
               "and above all the batch -j2 speed-up, are pessimistic; the CPU-second columns are steadier"]
    md += ["", "## Targets (ratios measured side by side in this run)", "", target_table, ""]
    if problems:
        md += ["## Problems", ""] + [f"- {label}: {f}" for label, f in problems] + [""]
    md += ["## Measurements", ""]
    for s in sections:
        md += [s, ""]
    if profile_text:
        md += ["## Where winnow's time goes (valgrind --tool=callgrind, `winnow -z -j 1` on the corpus' first 0.5 MB)", "", "```", profile_text, "```", ""]
    text = "\n".join(md) + kept_history(args.results)
    with open(args.results, "w", encoding="utf-8") as f:
        f.write(text)
    print(text)
    print(f"bench: wrote {rel(args.results)} in {elapsed / 60:.1f} min", file=sys.stderr)
    return 1 if problems else 0


def kept_history(path):
    """The sections that end an earlier results file, kept when the tables above them
    are rewritten: "## Python API" (written by bench/python_api.py) and "## History"
    (notes written by hand: past runs, what changed)."""
    try:
        text = open(path, encoding="utf-8").read()
    except FileNotFoundError:
        return ""
    found = [at for at in (text.find("\n## Python API\n"), text.find("\n## History\n")) if at >= 0]
    return "\n" + text[min(found) + 1:] if found else ""


def callgrind(winnow, nul, reference_argv, size=500_000):
    """Profiles winnow -z -j 1 on the first ~0.5 MB of documents; returns the top
    functions, inclusive (winnow's own functions) and exclusive (any), and the
    instructions of the C reference on the same bytes (steady on a busy machine)."""
    if not shutil.which("valgrind"):
        return "valgrind is missing (apt-get install valgrind)"
    # Valgrind 3.19 cannot read the DWARF 5 that swift writes ("unhandled dwarf2 abbrev
    # form", then it gives up): profile a copy without debug info (symbols are kept).
    if shutil.which("objcopy"):
        bare = os.path.join(OUT, "winnow-nodebug")
        subprocess.run(["objcopy", "--strip-debug", winnow, bare], check=True)
        winnow = bare
    sample = os.path.join(RUN, "profile.nul")
    with open(nul, "rb") as f:
        data = f.read(size)
    with open(sample, "wb") as f:
        f.write(data[:data.rfind(b"\0")])
    outfile = os.path.join(RUN, "callgrind.out")
    print(f"bench: callgrind on {size // 1000} KB (a minute or more)", file=sys.stderr, flush=True)

    def profile(argv, out, given=sample):
        with open(given, "rb") as stdin:
            done = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"] + argv,
                                  stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        return None if done.returncode == 0 else done.stderr.strip().splitlines()[-3:]

    failed = profile([winnow, "-z", "-j", "1"], outfile)
    if failed:
        return "callgrind failed on winnow: " + " / ".join(failed)
    reference_out = os.path.join(RUN, "callgrind-reference.out")
    reference_failed = profile(reference_argv, reference_out)
    # Start-up (compiling the rules) on an empty input, to compare the per-byte work.
    empty = os.path.join(RUN, "profile-empty.nul")
    open(empty, "wb").close()
    startup_outs = [os.path.join(RUN, f"callgrind-{name}-empty.out") for name in ("winnow", "reference")]
    startup_failed = profile([winnow, "-z", "-j", "1"], startup_outs[0], empty) or profile(reference_argv, startup_outs[1], empty)

    def annotate(inclusive):
        text = subprocess.run(["callgrind_annotate", f"--inclusive={'yes' if inclusive else 'no'}", outfile],
                              capture_output=True, text=True).stdout
        if shutil.which("swift"):
            text = subprocess.run(["swift", "demangle", "--simplified"], input=text, capture_output=True, text=True).stdout
        return text

    inclusive, exclusive = annotate(True), annotate(False)
    with open(os.path.join(OUT, "callgrind-top.txt"), "w") as f:
        f.write(inclusive + "\n\n" + exclusive)

    def rows(text, keep, n):
        out, seen = [], set()
        for line in text.splitlines():
            if not (line.strip()[:1].isdigit() and "%)" in line and keep(line)):
                continue
            cost, _, where = line.partition("%)")
            name = where.strip().split(" [")[0].split(":", 1)[-1]
            if name in seen:
                continue
            seen.add(name)
            out.append(f"{cost.strip()}%)  {name[:150]}")
            if len(out) == n:
                break
        return out

    def total(text):
        line = next((l.strip() for l in text.splitlines() if "PROGRAM TOTALS" in l), "")
        return int(line.split()[0].replace(",", "")) if line else 0

    def total_of(path):
        return total(subprocess.run(["callgrind_annotate", path], capture_output=True, text=True).stdout)

    ours = total(inclusive)
    if reference_failed or startup_failed:
        versus = "the C reference or a start-up run failed under callgrind: " + " / ".join(reference_failed or startup_failed)
    else:
        theirs = total_of(reference_out)
        ours_start, theirs_start = (total_of(p) for p in startup_outs)
        ours_net, theirs_net = ours - ours_start, theirs - theirs_start
        versus = (f"C reference on the same bytes: {theirs:,} instructions. Without start-up (the same commands on an empty "
                  f"input: winnow {ours_start:,}, reference {theirs_start:,}): winnow {ours_net:,}, reference {theirs_net:,}; "
                  f"winnow executes {ours_net / theirs_net:.2f}× the reference's instructions per byte "
                  f"(an instruction-count throughput ratio of {theirs_net / ours_net:.2f}×)")
    own = os.path.basename(winnow)
    return "\n".join([f"{ours:,} instructions on {len(data) // 1000} KB (winnow -z -j 1)", versus, "",
                      "inclusive, winnow's own functions:"] + rows(inclusive, lambda l: "Sources/" in l or l.rstrip().endswith(f"/{own}]"), 20) +
                     ["", "exclusive (self cost), any function:"] + rows(exclusive, lambda l: "PROGRAM TOTALS" not in l, 15))


if __name__ == "__main__":
    sys.exit(main())
