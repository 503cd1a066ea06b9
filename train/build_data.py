#!/usr/bin/env python3
"""Build winnow's line-classifier training data from the fetched sources.

    python3 train/build_data.py --mirrors /work/.mirror --out train/data

Every page of every source is rendered to scraped text with two renderers
(`block`: ours, `insc`: inscriptis), the gold is aligned to the lines, and the
labelled pages go to OUT/pages/SOURCE/PAGE.RENDERER.{txt,labels}, the gold to
OUT/gold/SOURCE/PAGE.txt and one record per rendered page to OUT/index.jsonl.
Our own seeds/ and eval/ pages (already text, exact gold) are added as is.
The page ids and the mirrors' commits go to train/manifest.json. See README.md.
"""
import argparse
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from multiprocessing import Pool
from urllib.parse import urlparse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from label import label_exact, label_full, label_partial  # noqa: E402
from langid import detect_lang  # noqa: E402
from textnorm import normalize, tokens  # noqa: E402

REPO_ROOT = os.path.dirname(HERE)
MIN_COVERAGE = 0.6

SOURCES = {
    "wcxb": ("Murrough-Foley/web-content-extraction-benchmark", "dev"),
    "fundus": ("flairNLP/fundus", "tests/resources/parser/test_data"),
    "magichtml": ("opendatalab/magic-html", "benchmark/data"),
    "trafilatura": ("adbar/trafilatura", "tests/eval"),
    "readability": ("mozilla/readability", "test/test-pages"),
    "newspaper": ("codelucas/newspaper", "tests/data"),
}


class GitRepo:
    """Reads blobs at HEAD of a bare mirror through one `git cat-file --batch`."""

    def __init__(self, git_dir):
        self.git_dir = git_dir
        self.commit = subprocess.check_output(
            ["git", "--git-dir", git_dir, "rev-parse", "HEAD"], text=True).strip()
        self.proc = subprocess.Popen(["git", "--git-dir", git_dir, "cat-file", "--batch"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def ls(self, path):
        out = subprocess.check_output(
            ["git", "--git-dir", self.git_dir, "-c", "core.quotePath=false", "ls-tree", "-r",
             "-z", "--name-only", self.commit, "--", path])
        return [p for p in out.decode("utf-8").split("\0") if p]

    def read(self, path) -> bytes:
        self.proc.stdin.write(f"{self.commit}:{path}\n".encode("utf-8"))
        self.proc.stdin.flush()
        header = self.proc.stdout.readline().decode()
        if header.endswith("missing\n"):
            raise FileNotFoundError(path)
        size = int(header.split()[2])
        data = self.proc.stdout.read(size)
        self.proc.stdout.read(1)
        return data

    def json(self, path):
        return json.loads(self.read(path).decode("utf-8"))

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


def host(url):
    h = urlparse(url or "").netloc.lower()
    return h[4:] if h.startswith("www.") else h


def safe_id(s):
    return re.sub(r"[^A-Za-z0-9._-]+", "_", s).strip("_")[:120]


def split_paras(text):
    return [p.strip() for p in text.replace("\r", "").split("\n") if p.strip()]


# ---------------------------------------------------------------- sources
# Each yields dicts: page, html (bytes) or text, gold (list of paragraphs) or
# with/without, site, page_type, url.

def src_wcxb(repo):
    meta = repo.json("metadata.json")["files"]
    for path in repo.ls("dev/ground-truth"):
        fid = os.path.basename(path)[:-5]
        m = meta.get(fid, {})
        if m.get("split") != "dev":
            # metadata.json puts some files of dev/ in the test split: never use them
            yield dict(page=fid, missing=f"metadata split is {m.get('split')!r}, not dev")
            continue
        gt = repo.json(path)
        g = gt.get("ground_truth", {})
        gold = split_paras(g.get("main_content") or "")
        if gold and g.get("title"):
            gold = [g["title"].strip()] + gold
        yield dict(page=fid, html_path=f"dev/html/{fid}.html.gz", gzip=True, gold=gold,
                   site=m.get("domain") or host(gt.get("url")),
                   page_type=m.get("page_type") or
                   gt.get("_internal", {}).get("page_type", {}).get("primary", "article"),
                   url=gt.get("url"))


def fundus_gold(v):
    body = v.get("body") or {}
    gold = [v["title"]] if v.get("title") else []
    gold += body.get("summary") or []
    for sec in body.get("sections") or []:
        gold += sec.get("headline") or []
        gold += sec.get("paragraphs") or []
    return [p.strip() for p in gold if p and p.strip()]


def src_fundus(repo):
    base = SOURCES["fundus"][1]
    files = repo.ls(base)
    metas = {}
    for p in files:
        if p.endswith("meta.info"):
            metas.update(repo.json(p))
    for jpath in sorted(p for p in files if p.endswith(".json")):
        country = jpath.split("/")[-2]
        publisher = os.path.basename(jpath)[:-5]
        htmls = sorted(p for p in files if os.path.dirname(p) == os.path.dirname(jpath)
                       and re.fullmatch(re.escape(publisher) + r"_\d{4}_\d\d_\d\d\.html\.gz",
                                        os.path.basename(p)))
        data = repo.json(jpath)
        versions = sorted(data, key=lambda k: int(re.sub(r"\D", "", k) or 0))
        # Pair from the latest backwards: the latest version with the latest HTML.
        for vkey, hpath in zip(reversed(versions), reversed(htmls)):
            name = os.path.basename(hpath)
            yield dict(page=f"{country}-{name[:-8]}", html_path=hpath, gzip=True,
                       gold=fundus_gold(data[vkey]), site=publisher, page_type="article",
                       url=metas.get(name, {}).get("url"), version=vkey)


def src_magichtml(repo):
    for kind in ("article", "forum"):
        base = repo.json(f"benchmark/data/{kind}/base.json")
        for key, v in sorted(base.items()):
            yield dict(page=f"{kind}-{key[:16]}", html_path=f"benchmark/data/{kind}/htmls/{key}.html",
                       gold=split_paras(v.get("content") or ""), site=host(v.get("url")),
                       page_type=kind, url=v.get("url"))


def src_trafilatura(repo):
    data = repo.json("tests/evaldata.json")
    present = set(repo.ls("tests/eval"))
    for url, v in data.items():
        path = "tests/eval/" + v["file"]
        rec = dict(page=safe_id(v["file"][:-5] if v["file"].endswith(".html") else v["file"]),
                   html_path=path, partial=True, with_=v.get("with") or [],
                   without=v.get("without") or [], site=host(url), page_type="article", url=url)
        if path not in present:
            rec["missing"] = "html not in tests/eval"
        yield rec


def src_readability(repo):
    base = "test/test-pages"
    names = sorted({p.split("/")[2] for p in repo.ls(base)})
    for name in names:
        try:
            meta = repo.json(f"{base}/{name}/expected-metadata.json")
        except (FileNotFoundError, ValueError):
            meta = {}
        yield dict(page=name, html_path=f"{base}/{name}/source.html",
                   gold_html_path=f"{base}/{name}/expected.html", title=meta.get("title"),
                   site=re.sub(r"-\d+$", "", name), page_type="article", url=None)


def src_newspaper(repo):
    texts = {os.path.basename(p)[:-4] for p in repo.ls("tests/data/text") if p.endswith(".txt")}
    for p in repo.ls("tests/data/html"):
        name = os.path.basename(p).rsplit(".", 1)[0]
        rec = dict(page=name, html_path=p, site=name, page_type="article", url=None)
        # the tests pair e.g. arabic_article.html with arabic.txt, japanese_article2 with japanese2
        text = name if name in texts else name.replace("_article", "")
        if text in texts:
            rec["gold"] = split_paras(repo.read(f"tests/data/text/{text}.txt").decode("utf-8", "replace"))
        else:
            rec["gold"] = []
        yield rec


LOADERS = dict(wcxb=src_wcxb, fundus=src_fundus, magichtml=src_magichtml,
               trafilatura=src_trafilatura, readability=src_readability, newspaper=src_newspaper)


def own_pages():
    """seeds/ and eval/ pages: text with exact gold."""
    out = []
    sd = os.path.join(REPO_ROOT, "seeds")
    for f in sorted(os.listdir(sd)):
        if f.endswith(".txt") and os.path.isfile(os.path.join(sd, f)):
            out.append(("seeds", f[:-4], "seed-" + f.split("_")[0], os.path.join(sd, f),
                        os.path.join(sd, "expected", f)))
    ed = os.path.join(REPO_ROOT, "eval")
    for site in sorted(os.listdir(os.path.join(ed, "pages"))):
        for f in sorted(os.listdir(os.path.join(ed, "pages", site))):
            if f.endswith(".txt"):
                out.append(("eval", f"{site}-{f[:-4]}", site, os.path.join(ed, "pages", site, f),
                            os.path.join(ed, "gold", site, f)))
    return out


def read_text_lines(path):
    with open(path, encoding="utf-8") as fh:
        text = fh.read().replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


# ---------------------------------------------------------------- work

def blank_style(page_key):
    """Deterministic per page: half of the block renderings get blank lines."""
    return hashlib.md5(page_key.encode()).digest()[0] % 2 == 0


def process(task):
    """Render and label one page. Returns (rec, renderings, gold_paras, drop_reason)."""
    import render

    rec = task
    key = f"{rec['source']}/{rec['page']}"
    try:
        html = rec.pop("html")
        root = render.parse_html(html)
        if root is None:
            return rec, [], None, "unparsable html"
        renderings = {
            "block": render.render_block(root, title_first=True, blank_lines=blank_style(key)),
            "insc": render.render_inscriptis(root),
        }
        gold = rec.get("gold")
        if rec.get("gold_html") is not None:
            groot = render.parse_html(rec.pop("gold_html"))
            # Readability keeps figure captions; GOLD.md calls them chrome.
            gold = [l for l in render.render_block(groot, drop={"figcaption"}) if l] \
                if groot is not None else []
            if gold and rec.get("title"):
                gold = [rec["title"].strip()] + gold
            rec["gold"] = gold
    except Exception as e:  # a broken page is dropped, not fatal
        return rec, [], None, f"render error: {type(e).__name__}: {e}"[:200]
    out = []
    for name, lines in renderings.items():
        if not any(l.strip() for l in lines):
            continue
        if rec.get("partial"):
            labels, cov = label_partial(lines, rec["with_"], rec["without"])
            body_cov = cov
        else:
            labels, cov, body_cov = label_full(lines, gold)
        out.append((name, lines, labels, cov, body_cov))
    return rec, out, gold, None


def write_lines(path, lines):
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("".join(l + "\n" for l in lines))


def load_manifest(path):
    if os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mirrors", default="/work/.mirror")
    ap.add_argument("--out", default=os.path.join(HERE, "data"))
    ap.add_argument("--manifest", default=os.path.join(HERE, "manifest.json"))
    ap.add_argument("--sources", default=",".join(list(SOURCES) + ["seeds", "eval"]))
    ap.add_argument("--limit", type=int, default=0, help="pages per source (testing)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--no-manifest", action="store_true", help="do not rewrite the manifest")
    args = ap.parse_args()
    t0 = time.time()
    wanted = args.sources.split(",")
    old_manifest = load_manifest(args.manifest) or {}
    manifest = {}
    index = []
    dropped = defaultdict(Counter)
    drop_list = []
    seen_gold = {}
    os.makedirs(os.path.join(args.out, "pages"), exist_ok=True)
    for source in wanted:  # no stale files from an earlier build
        for sub in ("pages", "gold"):
            shutil.rmtree(os.path.join(args.out, sub, source), ignore_errors=True)

    def accept(source, page, site, page_type, url, partial, gold, outputs, extra=None):
        """Dedupe, coverage check, write files; returns the drop reason or None."""
        if partial:
            gkey = "partial:" + "\x1e".join(sorted(normalize(s) for s in gold))
        else:
            gkey = " ".join(t for p in gold for t in tokens(p))
        if not gkey.strip() or gkey == "partial:":
            return "empty gold"
        h = hashlib.sha1(gkey.encode()).hexdigest()
        if h in seen_gold:
            return f"duplicate of {seen_gold[h]}"
        if not outputs:
            return "no text rendered"
        if max(o[3] for o in outputs) < MIN_COVERAGE:
            return f"gold coverage < {MIN_COVERAGE}"
        seen_gold[h] = f"{source}/{page}"
        pdir = os.path.join(args.out, "pages", source)
        gdir = os.path.join(args.out, "gold", source)
        os.makedirs(pdir, exist_ok=True)
        os.makedirs(gdir, exist_ok=True)
        if partial:
            write_lines(os.path.join(gdir, page + ".txt"), extra["with"])
            write_lines(os.path.join(gdir, page + ".without.txt"), extra["without"])
            lang_text = "\n".join(l for o in outputs for l, b in zip(o[1], o[2]) if b == "B") \
                or "\n".join(outputs[0][1])
        else:
            write_lines(os.path.join(gdir, page + ".txt"), gold)
            lang_text = "\n".join(gold)
        lang = detect_lang(lang_text)
        for name, lines, labels, cov, body_cov in outputs:
            if cov < MIN_COVERAGE:
                dropped[source][f"{name}: gold coverage < {MIN_COVERAGE}"] += 1
                continue
            base = os.path.join(pdir, f"{page}.{name}")
            write_lines(base + ".txt", lines)
            write_lines(base + ".labels", labels)
            c = Counter(labels)
            index.append(dict(
                id=f"{source}/{page}.{name}", source=source, page=f"{source}/{page}",
                renderer=name, site=site, lang=lang, page_type=page_type,
                lines=len(lines), body_lines=c["B"], chrome_lines=c["C"],
                unknown_lines=c["?"], blank_lines=c["-"], gold_coverage=round(cov, 4),
                body_coverage=round(body_cov, 4), partial=partial, url=url))
        return None

    for source in wanted:
        if source in ("seeds", "eval"):
            continue
        repo_name, _ = SOURCES[source]
        git_dir = os.path.join(args.mirrors, repo_name.replace("/", "+"), "repo")
        repo = GitRepo(git_dir)
        old = old_manifest.get(source, {})
        if old.get("commit") and old["commit"] != repo.commit:
            print(f"WARNING: {source}: mirror is at {repo.commit}, manifest has {old['commit']}",
                  file=sys.stderr)
        kept = []

        def tasks():
            n = 0
            for rec in LOADERS[source](repo):
                rec["source"] = source
                if rec.get("missing"):
                    dropped[source][rec["missing"]] += 1
                    drop_list.append((source, rec["page"], rec["missing"]))
                    continue
                if not rec.get("partial") and "gold_html_path" not in rec and not rec.get("gold"):
                    dropped[source]["empty gold"] += 1
                    drop_list.append((source, rec["page"], "empty gold"))
                    continue
                try:
                    data = repo.read(rec["html_path"])
                    if rec.get("gzip"):
                        data = gzip.decompress(data)
                    if "gold_html_path" in rec:
                        rec["gold_html"] = repo.read(rec["gold_html_path"])
                except FileNotFoundError as e:
                    dropped[source]["missing file"] += 1
                    drop_list.append((source, rec["page"], f"missing {e}"))
                    continue
                rec["html"] = data
                yield rec
                n += 1
                if args.limit and n >= args.limit:
                    return

        with Pool(args.jobs, initializer=os.nice, initargs=(10,)) as pool:
            for rec, outputs, gold, err in pool.imap(process, tasks(), chunksize=4):
                page = rec["page"]
                if err is None:
                    err = accept(source, page, rec["site"], rec["page_type"], rec.get("url"),
                                 bool(rec.get("partial")),
                                 (rec["with_"] if rec.get("partial") else gold or []), outputs,
                                 extra={"with": rec.get("with_"), "without": rec.get("without")})
                if err:
                    reason = "duplicate" if err.startswith("duplicate") else err
                    dropped[source][reason] += 1
                    drop_list.append((source, page, err))
                else:
                    kept.append(page)
        repo.close()
        manifest[source] = dict(repo=repo_name, commit=repo.commit, path=SOURCES[source][1],
                                pages=sorted(kept))
        print(f"{source}: {len(kept)} pages kept ({time.time() - t0:.0f}s)", file=sys.stderr)

    # Our own text pages: seeds and eval.
    own = [p for p in own_pages() if p[0] in wanted]
    for source in ("seeds", "eval"):
        if source not in wanted:
            continue
        kept = []
        for src, page, site, ppath, gpath in (p for p in own if p[0] == source):
            lines = read_text_lines(ppath)
            gold = [l for l in read_text_lines(gpath) if l.strip()]
            labels, cov = label_exact(lines, gold)
            err = accept(source, page, site, "article", None, False, gold,
                         [("text", lines, labels, cov, cov)])
            if err:
                dropped[source][err] += 1
                drop_list.append((source, page, err))
            else:
                kept.append(page)
        folder = "seeds" if source == "seeds" else "eval"
        last = subprocess.check_output(["git", "-C", REPO_ROOT, "log", "-1", "--format=%H", "--", folder],
                                       text=True).strip()  # the last commit that changed the folder
        manifest[source] = dict(repo="winnow (this repository)", commit=last, path=folder,
                                pages=sorted(kept))

    # A build of some sources keeps the other sources' records.
    ipath = os.path.join(args.out, "index.jsonl")
    dpath = os.path.join(args.out, "dropped.tsv")
    if os.path.exists(ipath):
        with open(ipath, encoding="utf-8") as fh:
            index += [r for r in map(json.loads, fh) if r["source"] not in wanted]
    if os.path.exists(dpath):
        with open(dpath, encoding="utf-8") as fh:
            drop_list += [tuple(l.rstrip("\n").split("\t")) for l in fh if l.split("\t")[0] not in wanted]
    index.sort(key=lambda r: r["id"])
    with open(ipath, "w", encoding="utf-8") as fh:
        for r in index:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(dpath, "w", encoding="utf-8") as fh:
        for row in drop_list:
            fh.write("\t".join(row) + "\n")
    if not args.no_manifest and not args.limit:
        merged = dict(old_manifest)
        merged.update(manifest)
        with open(args.manifest, "w", encoding="utf-8") as fh:
            json.dump(merged, fh, indent=1, ensure_ascii=False)
            fh.write("\n")
    summary(index, dropped)
    print(f"done in {time.time() - t0:.0f}s", file=sys.stderr)


def summary(index, dropped):
    by = defaultdict(Counter)
    pages = defaultdict(set)
    for r in index:
        s = r["source"]
        pages[s].add(r["page"])
        by[s]["renderings"] += 1
        for k in ("body_lines", "chrome_lines", "unknown_lines", "blank_lines"):
            by[s][k] += r[k]
    print(f"{'source':<12} {'pages':>6} {'rend':>6} {'B':>8} {'C':>8} {'?':>7} {'-':>7} {'B%':>5} {'?%':>5}")
    tot = Counter()
    for s in by:
        c = by[s]
        nb = c["body_lines"] + c["chrome_lines"] + c["unknown_lines"]
        tot.update(c)
        tot["pages"] += len(pages[s])
        print(f"{s:<12} {len(pages[s]):>6} {c['renderings']:>6} {c['body_lines']:>8} {c['chrome_lines']:>8} "
              f"{c['unknown_lines']:>7} {c['blank_lines']:>7} {100 * c['body_lines'] / max(nb, 1):>5.1f} "
              f"{100 * c['unknown_lines'] / max(nb, 1):>5.1f}")
    nb = tot["body_lines"] + tot["chrome_lines"] + tot["unknown_lines"]
    print(f"{'total':<12} {tot['pages']:>6} {tot['renderings']:>6} {tot['body_lines']:>8} {tot['chrome_lines']:>8} "
          f"{tot['unknown_lines']:>7} {tot['blank_lines']:>7} {100 * tot['body_lines'] / max(nb, 1):>5.1f} "
          f"{100 * tot['unknown_lines'] / max(nb, 1):>5.1f}")
    print("dropped:")
    for s, c in dropped.items():
        for reason, n in sorted(c.items(), key=lambda x: -x[1]):
            print(f"  {s:<12} {n:>5}  {reason}")


if __name__ == "__main__":
    main()
