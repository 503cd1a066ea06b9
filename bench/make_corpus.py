#!/usr/bin/env python3
"""Deterministic generator of scraped-text benchmark corpora for winnow.

Every document is made from one of the project's own pages (seeds/*.txt and
eval/pages/*/*.txt) by a random generator seeded with (--seed, kind, index), so
document i is the same bytes whatever else is generated, and a 10 MB stream is
a prefix of the 100 MB one. Each document varies its template page:

  * about a third of its prose paragraphs are swapped for prose from other pages
    of the same language, some are dropped, some added (lengths vary);
  * every number (ids, dates, times, counts) gets new digits of the same length
    (2- and 4-digit numbers keep their first half: days, hours, years stay plausible),
    and half of the Persian and Arabic pages switch all their digits to one of
    ASCII, Persian (۰-۹) or Arabic-Indic (٠-٩);
  * half get a headline list ("آخرین اخبار", "الأكثر قراءة", "Most read", ...)
    of 5-12 headlines taken from other pages, in the body or near the foot;
  * some paste a block of the article again (a few with a word changed), or
    print the headline twice;
  * line ends (LF or CRLF) and a missing final newline follow the template.

Outputs (see bench/README.md):

  stream   --mb N --out PREFIX [--formats txt,nul,jsonl]
           PREFIX.txt   the documents concatenated, each ending in a newline
           PREFIX.nul   the same documents separated by NUL bytes (winnow -z)
           PREFIX.jsonl one {"id", "url", "lang", "text"} record per document
           (--out - writes the one format given to stdout, for huge streams;
           nothing is held in memory but one document)
  folder   --pages N --out DIR       N page files DIR/NNN/NNNNNN.txt (the first
           N documents of the stream) plus DIR.nul and DIR.jsonl of the same pages
  docs     --out DIR                 single documents doc-1KB.txt, doc-100KB.txt,
           doc-1MB.txt, doc-10MB.txt (1 KB: the head of one page; larger ones:
           many pages glued into one, as a bad scrape or an archive page would be)
  rules    --winnow BIN --out DIR [--counts 10,100,1000]
           DIR/rules-N/*.rules: rule folders of N line rules made from the default
           rules' exported patterns (`winnow rules --export`) and their variants
           (more section names, list headings, labels: see make_rules)

Run `python3 bench/make_corpus.py --help` for the options.
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GENERATOR_VERSION = 1  # bump when the output for a given seed changes

FA_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
AR_DIGITS = "٠١٢٣٤٥٦٧٨٩"
ASCII_DIGITS = "0123456789"
DIGIT_RUN = re.compile("[0-9]+|[۰-۹]+|[٠-٩]+")
SENTENCE_END = tuple(".!?؟…۔")

LIST_HEADINGS = {
    "fa": ["آخرین اخبار", "پربازدیدترین‌ها", "پربازدیدترینها", "مطالب مرتبط", "اخبار مرتبط",
           "بیشتر بخوانید:", "پیشنهاد سردبیر", "داغ‌ترین اخبار", "آخرین اخبار", "پربیننده‌ترین‌ها"],
    "ar": ["الأكثر قراءة", "اقرأ أيضا:", "القصص الموصى بها", "آخر الأخبار", "أخبار ذات صلة",
           "قد يهمك أيضا", "اخترنا لك", "الأكثر مشاهدة", "مواضيع ذات صلة", "قصص قد تهمك"],
    "en": ["Most read", "Related stories", "Read more:", "Latest news", "Trending now",
           "More from The River Post", "Top stories", "Recommended for you", "Don't miss", "Most popular"],
}


def detect_language(text):
    """fa, ar or en from letter counts (the seeds carry no label)."""
    persian = sum(text.count(c) for c in "پچژگیک")
    arabic = sum(text.count(c) for c in "ةيكى")
    latin = sum(1 for c in text if "a" <= c.lower() <= "z")
    if latin > 3 * (persian + arabic):
        return "en"
    return "fa" if persian >= arabic else "ar"


def word_count(line):
    return len(line.split())


def is_prose(line):
    words = word_count(line)
    return (words >= 10 and line.rstrip().endswith(SENTENCE_END)) or words >= 25


def is_headline(line):
    s = line.strip()
    return (4 <= word_count(s) <= 14 and 25 <= len(s) <= 110 and ":" not in s
            and not s.endswith(SENTENCE_END) and not s.startswith(("-", "•", "©", "http"))
            and len(DIGIT_RUN.findall(s)) < 2)


class Template:
    def __init__(self, path, lang):
        raw = open(path, "rb").read().decode("utf-8")
        self.path = os.path.relpath(path, ROOT)
        self.lang = lang
        self.crlf = "\r\n" in raw
        self.final_newline = raw.endswith("\n")
        body = raw.replace("\r\n", "\n")
        if body.endswith("\n"):
            body = body[:-1]
        self.lines = body.split("\n")
        self.site = os.path.basename(os.path.dirname(path)) if "eval" in path else "seed"


class Corpus:
    """The source pages and the pools drawn from them; makes document i."""

    def __init__(self, seed=20241124):
        self.seed = seed
        paths = sorted(
            [os.path.join(ROOT, "seeds", f) for f in os.listdir(os.path.join(ROOT, "seeds")) if f.endswith(".txt")]
        )
        pages_dir = os.path.join(ROOT, "eval", "pages")
        for site in sorted(os.listdir(pages_dir)):
            for f in sorted(os.listdir(os.path.join(pages_dir, site))):
                if f.endswith(".txt"):
                    paths.append(os.path.join(pages_dir, site, f))
        self.templates = []
        for p in paths:
            site = os.path.basename(os.path.dirname(p))
            lang = site[:2] if site[:3] in ("fa-", "ar-", "en-") else detect_language(open(p, encoding="utf-8").read())
            self.templates.append(Template(p, lang))
        self.prose = {"fa": [], "ar": [], "en": []}
        self.headlines = {"fa": [], "ar": [], "en": []}
        for t in self.templates:
            for line in t.lines:
                if is_prose(line):
                    self.prose[t.lang].append(line)
                elif is_headline(line):
                    self.headlines[t.lang].append(line.strip())
        for pool in (self.prose, self.headlines):
            for lang in pool:
                pool[lang] = sorted(set(pool[lang]))

    def rng(self, kind, index):
        return random.Random(f"{self.seed}:{kind}:{index}")

    def document(self, index, kind="doc"):
        """Returns (text, lang, template) of document `index` (text ends as its template does)."""
        rng = self.rng(kind, index)
        t = rng.choice(self.templates)
        lang = t.lang
        lines = list(t.lines)

        # Body: swap, drop and add prose paragraphs.
        out = []
        for line in lines:
            if is_prose(line):
                r = rng.random()
                if r < 0.30:
                    line = rng.choice(self.prose[lang])
                elif r < 0.38:
                    continue
                out.append(line)
                if rng.random() < 0.10:
                    if "" in lines:
                        out.append("")
                    out.append(rng.choice(self.prose[lang]))
            else:
                out.append(line)
        lines = out
        blanks = "" in lines

        # A headline list, in the body or near the foot.
        if rng.random() < 0.5 and len(self.headlines[lang]) >= 12:
            block = [rng.choice(LIST_HEADINGS[lang])] + rng.sample(self.headlines[lang], rng.randint(5, 12))
            prose_at = [i for i, l in enumerate(lines) if is_prose(l)]
            if prose_at and rng.random() < 0.5:
                at = rng.choice(prose_at) + 1
            else:
                at = max(0, len(lines) - rng.randint(1, 4))
            if blanks:
                block = [""] + block + [""]
            lines[at:at] = block

        # The article, or part of it, pasted again (sometimes with a word changed);
        # or the headline printed twice.
        r = rng.random()
        prose_at = [i for i, l in enumerate(lines) if is_prose(l)]
        if r < 0.15 and prose_at:
            start = max(0, prose_at[0] - 1)
            copy = lines[start:start + rng.randint(3, 10)]
            if rng.random() < 0.3:
                k = rng.randrange(len(copy))
                words = copy[k].split(" ")
                if len(words) > 3:
                    j = rng.randrange(len(words) - 1)
                    words[j], words[j + 1] = words[j + 1], words[j]
                    copy[k] = " ".join(words)
            lines += ([""] if blanks else []) + copy
        elif r < 0.25 and prose_at and prose_at[0] > 0:
            head = prose_at[0] - 1
            lines.insert(head + 1, lines[head])

        text = "\n".join(lines)

        # New digits for every number; fa/ar pages may switch digit systems.
        mode = None
        if lang in ("fa", "ar") and rng.random() < 0.5:
            mode = rng.choice([ASCII_DIGITS, FA_DIGITS, AR_DIGITS])

        def renumber(m):
            run = m.group(0)
            system = mode or (FA_DIGITS if run[0] in FA_DIGITS else AR_DIGITS if run[0] in AR_DIGITS else ASCII_DIGITS)
            old = [int(c) if c in ASCII_DIGITS else FA_DIGITS.find(c) if c in FA_DIGITS else AR_DIGITS.find(c) for c in run]
            digits = [rng.randrange(10) for _ in run]
            if len(run) in (2, 4):  # days, hours, years keep their leading digits: 1403, 2024, 12
                digits[:len(run) // 2] = old[:len(run) // 2]
            elif len(run) > 1 and digits[0] == 0:  # ids
                digits[0] = rng.randrange(1, 10)
            return "".join(system[d] for d in digits)

        text = DIGIT_RUN.sub(renumber, text)
        if t.crlf:
            text = text.replace("\n", "\r\n")
        if t.final_newline:
            text += "\r\n" if t.crlf else "\n"
        return text, lang, t

    def record(self, index, text, lang, t):
        host = {"seed": "seed.example"}.get(t.site, t.site.split("-", 1)[-1] + ".example")
        return json.dumps({"id": f"doc-{index:07d}", "url": f"https://{host}/news/{index}",
                           "lang": lang, "text": text}, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------- writers

def write_stream(corpus, mb, prefix, formats=("txt", "nul", "jsonl"), kind="doc"):
    """Writes documents 0.. until the .txt form reaches `mb` MB. Returns the doc count.
    prefix "-" writes the single format given to stdout."""
    target = int(mb * 1_000_000)
    files = {}
    if prefix == "-":
        assert len(formats) == 1, "--out - takes exactly one format"
        files[formats[0]] = sys.stdout.buffer
    else:
        os.makedirs(os.path.dirname(os.path.abspath(prefix)), exist_ok=True)
        for f in formats:
            files[f] = open(f"{prefix}.{f}.tmp", "wb")
    written = 0
    index = 0
    try:
        while written < target:
            text, lang, t = corpus.document(index, kind)
            doc = text.encode("utf-8")
            plain = doc if doc.endswith(b"\n") else doc + b"\n"
            if "txt" in files:
                files["txt"].write(plain)
            if "nul" in files:
                files["nul"].write((b"\0" if index else b"") + doc)
            if "jsonl" in files:
                files["jsonl"].write(corpus.record(index, text, lang, t).encode("utf-8"))
            written += len(plain)
            index += 1
    except BrokenPipeError:
        return index
    if prefix != "-":
        for f, fh in files.items():
            fh.close()
            os.replace(f"{prefix}.{f}.tmp", f"{prefix}.{f}")
    else:
        sys.stdout.buffer.flush()
    return index


def write_folder(corpus, pages, out):
    """N page files (documents 0..N-1, 1000 a folder) and the same pages as .nul and .jsonl."""
    os.makedirs(out, exist_ok=True)
    with open(out + ".nul.tmp", "wb") as nul, open(out + ".jsonl.tmp", "wb") as jl:
        for i in range(pages):
            text, lang, t = corpus.document(i)
            sub = os.path.join(out, f"{i // 1000:03d}")
            if i % 1000 == 0:
                os.makedirs(sub, exist_ok=True)
            with open(os.path.join(sub, f"{i:06d}.txt"), "wb") as f:
                f.write(text.encode("utf-8"))
            nul.write((b"\0" if i else b"") + text.encode("utf-8"))
            jl.write(corpus.record(i, text, lang, t).encode("utf-8"))
    os.replace(out + ".nul.tmp", out + ".nul")
    os.replace(out + ".jsonl.tmp", out + ".jsonl")


DOC_SIZES = [("1KB", 1_000), ("100KB", 100_000), ("1MB", 1_000_000), ("10MB", 10_000_000)]


def write_docs(corpus, out, sizes=DOC_SIZES):
    """Single documents. 1 KB: the head (chrome, headline, lead) of one page, cut at a
    line end. Larger: pages glued together (LF) up to the size, cut at a line end."""
    os.makedirs(out, exist_ok=True)
    for name, size in sizes:
        parts, total, i = [], 0, 0
        while total < size:
            text, _, _ = corpus.document(i, kind=f"single-{name}")
            text = text.replace("\r\n", "\n")
            if not text.endswith("\n"):
                text += "\n"
            parts.append(text)
            total += len(text.encode("utf-8"))
            i += 1
        data = "".join(parts).encode("utf-8")
        cut = data.rfind(b"\n", 0, size)
        data = data[:cut + 1] if cut > 0 else data[:size]
        with open(os.path.join(out, f"doc-{name}.txt"), "wb") as f:
            f.write(data)


# ---------------------------------------------------------------- rules

WORD_GROUP = re.compile(r"\(\?:([^()]*)\)")
LITERAL_ALT = re.compile(r"^(?:[^\\\[\]{}()*+?.^$|]|\\s[*+]?|\\x20|\?|\s)+$")


def vocabulary(corpus):
    """Words of each language from the pages (letters only: safe inside a pattern)."""
    vocab = {}
    for lang in ("fa", "ar", "en"):
        words = set()
        for t in corpus.templates:
            if t.lang != lang:
                continue
            for line in t.lines:
                for w in line.split():
                    w = w.strip("«»\"'()[]،,.:؛;!?؟")
                    if 3 <= len(w) <= 12 and all(c.isalpha() for c in w):
                        words.add(w)
        vocab[lang] = sorted(words)
    vocab["all"] = sorted(set(vocab["fa"]) | set(vocab["ar"]) | set(vocab["en"]))
    return vocab


def word_groups(pattern):
    """Spans of (?:a|b|c) groups whose alternatives are words (no nested groups, no
    classes), i.e. lists of section names, labels, list headings."""
    spans = []
    for m in WORD_GROUP.finditer(pattern):
        alts = m.group(1).split("|")
        if len(alts) >= 2 and all(a and LITERAL_ALT.match(a) and any(c.isalpha() for c in a.replace("\\s", "")) for a in alts):
            spans.append((m.start(1), m.end(1), alts))
    return spans


def make_rules(winnow, out, counts=(10, 100, 1000), seed=20241124, corpus=None):
    """Rule folders of N line rules each. The default rules' line patterns come from
    `winnow rules --export` (normalised, in rule order); their id, action, languages
    and scope from `winnow rules`. N=10: ten of the defaults. Larger N: all the
    defaults plus variants. A variant takes a default pattern with a word group
    (section names, list headings, labels) and keeps 1-3 of its words and adds
    2-6 new ones (one or two words of that language from the pages, joined with
    \\s*), with the same action, languages and scope: a site's own section names
    and headings. Patterns without a word group give "LABEL: value" rules instead.
    """
    corpus = corpus or Corpus(seed)
    listing = subprocess.run([winnow, "rules"], capture_output=True, text=True, check=True).stdout.splitlines()
    exported = subprocess.run([winnow, "rules", "--export"], capture_output=True, text=True, check=True).stdout.splitlines()
    rows = [l.split("\t") for l in listing]
    rows = [r for r in rows if r[1] in ("drop", "meta", "cut", "list")]
    if len(rows) != len(exported):
        raise SystemExit(f"make_corpus: `winnow rules` lists {len(rows)} line rules but --export gives {len(exported)} patterns")
    defaults = [dict(id=r[0], action=r[1], langs=r[2], scope=r[3], pattern=p) for r, p in zip(rows, exported)]
    vocab = vocabulary(corpus)
    rng = random.Random(f"{seed}:rules")
    sources = [d for d in defaults if word_groups(d["pattern"])]

    def vocab_for(langs):
        return vocab[langs] if langs in vocab else vocab["all"]

    def new_alt(words):
        return r"\s*".join(rng.choice(words) for _ in range(rng.choice((1, 1, 2))))

    variants = []
    n = 0
    while len(variants) < max(counts):
        n += 1
        if rng.random() < 0.15:
            lang = rng.choice(["fa", "ar", "en"])
            words = vocab[lang]
            labels = "|".join(new_alt(words) for _ in range(rng.randint(1, 4)))
            action = rng.choice(["drop", "drop", "meta"])
            value = r"(?<value>\S.{0,60})" if action == "meta" else r"\S.{0,60}"
            variants.append(dict(id=f"v{n:04d}.label", action=action, langs=lang, scope=rng.choice(["anywhere", "edges"]),
                                 pattern=rf"^(?:{labels})\s*[:：]\s*{value}$"))
            continue
        src = rng.choice(sources)
        start, end, alts = rng.choice(word_groups(src["pattern"]))
        words = vocab_for(src["langs"])
        kept = rng.sample(alts, min(len(alts), rng.randint(1, 3)))
        fresh = [new_alt(words) for _ in range(rng.randint(2, 6))]
        group = kept + fresh
        rng.shuffle(group)
        pattern = src["pattern"][:start] + "|".join(group) + src["pattern"][end:]
        variants.append(dict(id=f"v{n:04d}.{src['id']}", action=src["action"], langs=src["langs"],
                             scope=src["scope"], pattern=pattern))

    written = {}
    for count in counts:
        if count <= len(defaults):
            chosen = sorted(random.Random(f"{seed}:pick{count}").sample(range(len(defaults)), count))
            rules = [defaults[i] for i in chosen]
        else:
            rules = defaults + variants[:count - len(defaults)]
        folder = os.path.join(out, f"rules-{count}")
        os.makedirs(folder, exist_ok=True)
        for f in os.listdir(folder):
            os.remove(os.path.join(folder, f))
        by_langs = {}
        for r in rules:
            by_langs.setdefault(r["langs"], []).append(r)
        for langs, group in sorted(by_langs.items()):
            name = "all" if langs == "all" else langs.replace(",", "-")
            with open(os.path.join(folder, f"{name}.rules"), "w", encoding="utf-8") as f:
                f.write(f"# {len(group)} benchmark rules (generated by bench/make_corpus.py)\n")
                f.write(f"lang {langs.replace(',', ' ')}\n\n")
                for r in group:
                    f.write(f"{r['action']} {r['id']}  {r['pattern']}\n")
                    if r["scope"] != "anywhere":
                        f.write(f"  where {r['scope']}\n")
        written[count] = folder
    return written


# ---------------------------------------------------------------- command line

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=20241124)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("stream", help="concatenated documents as .txt, .nul (winnow -z) and .jsonl")
    s.add_argument("--mb", type=float, required=True)
    s.add_argument("--out", required=True, help="path prefix, or - for stdout (one format)")
    s.add_argument("--formats", default="txt,nul,jsonl")
    f = sub.add_parser("folder", help="a folder of page files (+ .nul and .jsonl of the same pages)")
    f.add_argument("--pages", type=int, required=True)
    f.add_argument("--out", required=True)
    d = sub.add_parser("docs", help="single documents of 1 KB, 100 KB, 1 MB, 10 MB")
    d.add_argument("--out", required=True)
    r = sub.add_parser("rules", help="rule folders of 10, 100 and 1000 rules")
    r.add_argument("--winnow", required=True)
    r.add_argument("--out", required=True)
    r.add_argument("--counts", default="10,100,1000")
    args = ap.parse_args()
    corpus = Corpus(args.seed)
    if args.cmd == "stream":
        n = write_stream(corpus, args.mb, args.out, tuple(args.formats.split(",")))
        print(f"{n} documents", file=sys.stderr)
    elif args.cmd == "folder":
        write_folder(corpus, args.pages, args.out)
    elif args.cmd == "docs":
        write_docs(corpus, args.out)
    elif args.cmd == "rules":
        for count, folder in make_rules(args.winnow, args.out, [int(c) for c in args.counts.split(",")], args.seed, corpus).items():
            print(f"{count} rules: {folder}", file=sys.stderr)


if __name__ == "__main__":
    main()
