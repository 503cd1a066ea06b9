#!/usr/bin/env python3
"""Train winnow's line model and measure it with leave-sites-out cross-validation.

    python3 train/train.py --data train/data --winnow .build/release/winnow

1. `winnow features` computes every non-blank line's features (the same Swift
   code that computes them at run time) for every page of `index.jsonl`.
2. Lines the model decides (kept by the rules and detectors) with a confident
   label (B or C) are the examples; pages are weighted so that one long page
   does not outweigh many short ones, and Persian/Arabic/Urdu pages count more.
3. Stage 1 is gradient-boosted trees (train/trees.py; --stage1 logistic: a
   logistic regression) over the features and the line's lexical logit (a
   regression over its hashed words, train/lexical.py; out-of-fold on training
   pages); stage 2 a logistic regression over the stage-1 logits of each line's
   neighbours and the article span, with trees fitted on out-of-fold stage-1
   logits (LineModel.swift and TreeEnsemble.swift compute the same).
4. Sites are split into folds; each fold's model is trained on the other folds,
   written as a model file, and run by winnow itself on the fold's pages. The
   predictions go to DATA/cv/pred, scored by train/eval.py.
5. The model trained on every page is written to models/line.model and embedded
   (train/embed_model.py: EmbeddedModel.swift and the C table), with a report.
"""
import argparse
import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
from collections import defaultdict

import numpy as np
import scipy.sparse as sp
from scipy.optimize import minimize

import embed_model
import lexical
import trees

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STAGE2 = ["z", "z_m3", "z_m2", "z_m1", "z_p1", "z_p2", "z_p3", "z_mean_before", "z_mean_after",
          "in_segment", "log_dist_segment", "segment_share", "position"]
RTL = {"fa", "ar", "ur"}
# How much more a page that is not an article weighs (--type-weight).
TYPE_WEIGHT = 1.0
# How much a page as a second run sees it weighs (--again-weight; train/again.py).
AGAIN_WEIGHT = 1.0


def load_index(data):
    with open(os.path.join(data, "index.jsonl"), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def page_path(data, rec):
    return os.path.abspath(os.path.join(data, "pages", rec["id"] + ".txt"))


def run_features(winnow, data, index, out):
    """Features of every page, cached in `out` (rebuilt when missing)."""
    if os.path.exists(out):
        return
    paths = "\n".join(page_path(data, r) for r in index) + "\n"
    with open(out + ".tmp", "wb") as f:
        subprocess.run([winnow, "features", "--no-model", "--files-from", "-"], input=paths.encode(),
                       stdout=f, check=True)
    os.replace(out + ".tmp", out)


def read_features(path, data, index):
    """Per page: line numbers, decided flags and the feature matrix, in line order."""
    by_path = {page_path(data, r): r["id"] for r in index}
    pages = defaultdict(lambda: ([], [], []))
    with open(path, encoding="utf-8") as f:
        names = f.readline().rstrip("\n").split("\t")[3:]
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if cols[0] not in by_path:  # a page the index no longer lists
                continue
            lines, decided, rows = pages[by_path[cols[0]]]
            lines.append(int(cols[1]))
            decided.append(cols[2] == "1")
            rows.append([float(v) for v in cols[3:]])
    out = {}
    for pid, (lines, decided, rows) in pages.items():
        out[pid] = (np.array(lines), np.array(decided), np.array(rows, dtype=np.float64))
    return names, out


def read_labels(data, rec):
    with open(os.path.join(data, "pages", rec["id"] + ".labels"), encoding="utf-8") as f:
        text = f.read()
    return text.split("\n") if "\n" in text else list(text)


def fold_of(site, k):
    return int(hashlib.sha256(site.encode()).hexdigest(), 16) % k


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def fit_logistic(X, y, w, l2):
    """Weighted, L2-regularised logistic regression on standardised features."""
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale < 1e-9] = 1.0
    Z = (X - mean) / scale
    Z1 = np.hstack([Z, np.ones((len(Z), 1))])
    wsum = w.sum()

    def loss(theta):
        m = Z1 @ theta
        p = sigmoid(m)
        eps = 1e-12
        ll = -(w * (y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))).sum() / wsum
        reg = 0.5 * l2 * (theta[:-1] ** 2).sum()
        grad = Z1.T @ (w * (p - y)) / wsum
        grad[:-1] += l2 * theta[:-1]
        return ll + reg, grad

    res = minimize(loss, np.zeros(Z1.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return {"mean": mean, "scale": scale, "weights": res.x[:-1], "bias": res.x[-1]}


def logit(stage, X):
    """A stage's logit of each row of `X`: the logistic regression's, or (stage 1
    fitted with --stage1 gbdt) the trees' (train/trees.py)."""
    if "roots" in stage:
        return trees.logits(stage, X)
    return ((X - stage["mean"]) / stage["scale"]) @ stage["weights"] + stage["bias"]


def article_span(z):
    """The run of lines whose stage-1 probabilities minus one half add up most
    (LineModel.articleSpan: the first such run, Kadane's scan)."""
    best, best_range = 0.0, (0, 0)
    total, start = 0.0, 0
    for k, v in enumerate(sigmoid(z) - 0.5):
        if total <= 0:
            total, start = v, k
        else:
            total += v
        if total > best:
            best, best_range = total, (start, k + 1)
    return best_range


def stage2_inputs(z):
    n = len(z)
    lo, hi = article_span(z)
    rows = []
    for k in range(n):
        def at(j):
            return z[j] if 0 <= j < n else 0.0

        def mean(a, b):
            a, b = max(a, 0), min(b, n)
            return float(np.sum(z[a:b])) / (b - a) if b > a else 0.0
        distance = lo - k if k < lo else (k - hi + 1 if k >= hi else 0)
        rows.append([z[k], at(k - 3), at(k - 2), at(k - 1), at(k + 1), at(k + 2), at(k + 3),
                     mean(k - 5, k), mean(k + 1, k + 6),
                     1.0 if distance == 0 else 0.0, math.log1p(distance),
                     (hi - lo) / n, k / max(n - 1, 1)])
    return np.array(rows, dtype=np.float64)


def example_rows(pid, feats, labels, index_by_id):
    """The rows of a page the model decides with a confident label, their labels
    and their weight (one long page must not outweigh many short ones)."""
    lines, decided, _ = feats[pid]
    lab = labels[pid]
    keep = [k for k in range(len(lines)) if decided[k] and lines[k] < len(lab) and lab[lines[k]] in ("B", "C")]
    weight = 1 / math.sqrt(len(keep)) if keep else 0.0
    if index_by_id[pid].get("lang") in RTL:
        weight *= 5
    if index_by_id[pid].get("page_type", "article") != "article":
        weight *= TYPE_WEIGHT
    if index_by_id[pid].get("augmented"):
        weight *= AGAIN_WEIGHT
    return keep, [1.0 if lab[lines[k]] == "B" else 0.0 for k in keep], weight


def examples(pids, feats, labels, index_by_id, stage1=None, z=None):
    """Rows the model decides with a confident label, their labels and weights;
    with `stage1`, stage-2 inputs instead of features (or with `z`, a page's
    stage-1 logits, stage-2 inputs from those)."""
    X, y, w = [], [], []
    for pid in pids:
        keep, ys, weight = example_rows(pid, feats, labels, index_by_id)
        if not keep:
            continue
        rows = feats[pid][2]
        if z is not None:
            inputs = stage2_inputs(z[pid])
        else:
            inputs = stage2_inputs(logit(stage1, rows)) if stage1 is not None else rows
        X.extend(inputs[k] for k in keep)
        y.extend(ys)
        w.extend([weight] * len(keep))
    return np.array(X), np.array(y), np.array(w)


def example_sites(pids, feats, labels, index_by_id):
    """The site of each row `examples` returns, in its order."""
    out = []
    for pid in pids:
        keep, _, _ = example_rows(pid, feats, labels, index_by_id)
        out.extend([index_by_id[pid]["site"]] * len(keep))
    return out


def word_rows(data, index_by_id, feats):
    """Per page, the sparse word rows (train/lexical.py) of its feature rows' lines."""
    out = {}
    for pid, (lines, _, _) in feats.items():
        with open(page_path(data, index_by_id[pid]), encoding="utf-8") as f:
            text = f.read().split("\n")
        out[pid] = lexical.matrix([text[l] if l < len(text) else "" for l in lines])
    return out


def fit_lexical(pids, words, feats, labels, index_by_id):
    """The lexical table fitted on `pids`' example rows."""
    Xs, y, w = [], [], []
    for pid in pids:
        keep, ys, weight = example_rows(pid, feats, labels, index_by_id)
        if keep:
            Xs.append(words[pid][keep])
            y.extend(ys)
            w.extend([weight] * len(keep))
    return lexical.table(lexical.fit(sp.vstack(Xs).tocsr(), np.array(y), np.array(w)))


def with_lexical(pids, words, feats, labels, index_by_id, fold_of_pid, folds, test=()):
    """`feats` of `pids` (and of `test`) with the lexical logit as the last column:
    out of fold for `pids` (each fold's pages scored by a table fitted on the
    others), and from a table fitted on all of `pids` for `test`. Returns the
    features and that table."""
    out = {}
    for j in range(folds):
        inside = [p for p in pids if fold_of_pid(p) == j]
        score = lexical.scorer(fit_lexical([p for p in pids if fold_of_pid(p) != j], words, feats, labels, index_by_id))
        for p in inside:
            out[p] = score(words[p])
    tab = fit_lexical(pids, words, feats, labels, index_by_id)
    score = lexical.scorer(tab)
    for p in test:
        out[p] = score(words[p])
    joined = {p: (feats[p][0], feats[p][1], np.hstack([feats[p][2], out[p].reshape(-1, 1)])) for p in out}
    return joined, tab


def train(pids, feats, labels, index_by_id, l2, learner="logistic", cap=trees.DEFAULT_CAP, oof=2):
    X, y, w = examples(pids, feats, labels, index_by_id)
    if learner == "gbdt":
        return train_trees(pids, feats, labels, index_by_id, l2, X, y, w, cap, oof)
    stage1 = fit_logistic(X, y, w, l2)
    X2, y2, w2 = examples(pids, feats, labels, index_by_id, stage1)
    stage2 = fit_logistic(X2, y2, w2, l2)
    return stage1, stage2


def train_trees(pids, feats, labels, index_by_id, l2, X, y, w, cap, oof):
    """Stage 1 as trees (train/trees.py: at most `cap`, early-stopped on validation
    sites, then fitted on every training site); stage 2 the logistic regression over
    the training pages' stage-1 logits out of fold: each of `oof` inner folds of
    sites (lexical.inner_fold) scored by trees of the same number fitted without it,
    as stage 2 will see the logits on new sites (types_experiment.py --stage2-oof)."""
    w = w / w.mean()
    stage1 = trees.fit(X, y, w, example_sites(pids, feats, labels, index_by_id), cap)
    if oof:
        fold = {p: lexical.inner_fold(index_by_id[p]["site"], oof) for p in pids}
        row_fold = np.array([fold[p] for p in pids for _ in example_rows(p, feats, labels, index_by_id)[0]])
        z = {}
        for j in range(oof):
            part = trees.fit_fixed(X[row_fold != j], y[row_fold != j], w[row_fold != j], len(stage1["roots"]))
            z.update({p: trees.logits(part, feats[p][2]) for p in pids if fold[p] == j})
    else:
        z = {p: trees.logits(stage1, feats[p][2]) for p in pids}
    X2, y2, w2 = examples(pids, feats, labels, index_by_id, z=z)
    stage2 = fit_logistic(X2, y2, w2, l2)
    return stage1, stage2


def write_model(path, name, threshold, body_threshold, names, stage1, stage2, lexical_table):
    """Version 1 with a logistic stage 1; version 2 with trees (trees.file_lines)."""
    version = 2 if "roots" in stage1 else 1
    out = [f"winnow-line-model {version}", f"name {name}", f"threshold {float(threshold)!r}",
           f"threshold_in_body {float(body_threshold)!r}"]
    for title, stage, labels in (("stage1", stage1, names), ("stage2", stage2, STAGE2)):
        if "roots" in stage:
            out += trees.file_lines(stage, labels)
            continue
        out.append(title)
        for j, feature in enumerate(labels):
            out.append(f"{feature} {float(stage['mean'][j])!r} {float(stage['scale'][j])!r} {float(stage['weights'][j])!r}")
        out.append(f"bias {float(stage['bias'])!r}")
    intercept, entries = lexical.for_file(lexical_table)
    out.append(f"lexical {lexical.BITS} {intercept!r}")
    out += [f"{b} {v!r}" for b, v in entries]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def write_embedded(model_path):
    """EmbeddedModel.swift and the C copy of the lexical table (train/embed_model.py)."""
    embed_model.write(model_path)


def fixture_pages():
    pages = sorted(os.path.join("seeds", n) for n in os.listdir(os.path.join(ROOT, "seeds")) if n.endswith(".txt"))
    return pages + ["eval/pages/en-riverpost/01.txt", "eval/pages/ar-almirsad/02.txt"]


def write_fixture(winnow, model_path, out_name="line-model-scores.tsv"):
    """Scores of the committed model on a few committed pages, computed here, for
    the Swift test that checks LineModel computes the same (LineModelTests)."""
    pages = fixture_pages()
    result = subprocess.run([winnow, "features", "--no-model"] + pages, cwd=ROOT, capture_output=True, check=True)
    lines = result.stdout.decode().split("\n")
    names = lines[0].split("\t")[3:]
    stage1, stage2, tab = read_model(model_path, names)
    by_page = defaultdict(list)
    for line in lines[1:]:
        if line:
            cols = line.split("\t")
            by_page[cols[0]].append((int(cols[1]), [float(v) for v in cols[3:]]))
    out = []
    for page in pages:
        rows = by_page[page]
        with open(os.path.join(ROOT, page), encoding="utf-8") as f:
            text = f.read().split("\n")
        words = lexical.logits(tab, lexical.matrix([text[line] for line, _ in rows]))
        z = logit(stage1, np.hstack([np.array([r for _, r in rows]), words.reshape(-1, 1)]))
        p = sigmoid(logit(stage2, stage2_inputs(z)))
        out += [f"{page}\t{line}\t{float(score)!r}" for (line, _), score in zip(rows, p)]
    path = os.path.join(ROOT, "Tests", "Fixtures", out_name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def write_second_fixture(winnow, model_path):
    """A second model for LineModelTests, of the other stage-1 learner than the
    default's (now the logistic line-2026-12-04b, as the default is trees):
    `model_path` with its lexical table cut to the buckets the fixture pages'
    lines hash to (their scores are then the whole model's), as
    Tests/Fixtures/line-second.model, and its scores on those pages as
    Tests/Fixtures/line-model-scores-second.tsv."""
    used = set()
    for page in fixture_pages():
        with open(os.path.join(ROOT, page), encoding="utf-8") as f:
            for line in f.read().split("\n"):
                used.update(lexical.buckets(line))
    out, in_table = [], False
    with open(model_path, encoding="utf-8") as f:
        for line in f:
            fields = line.split()
            if in_table and fields and int(fields[0]) not in used:
                continue
            if fields and fields[0] == "lexical" and len(fields) == 3:
                in_table = True
            out.append(line)
    path = os.path.join(ROOT, "Tests", "Fixtures", "line-second.model")
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(out)
    write_fixture(winnow, path, "line-model-scores-second.tsv")


def tree_report(stage1, names):
    """The trees' size and the 15 features they split on most (splits, of all)."""
    counts = np.bincount(stage1["feature"][stage1["feature"] >= 0], minlength=len(names))
    top = sorted(zip(names, counts.tolist()), key=lambda t: -t[1])[:15]
    return [["trees", len(stage1["roots"])], ["leaves", int((stage1["feature"] < 0).sum())],
            ["splits", int(counts.sum())]] + [[n, c] for n, c in top]


def read_model(path, names):
    """The two stages and the lexical table of a model file."""
    stages, current, tab, tree_lines = [], None, None, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.split()
            if tree_lines is not None and fields[0] != "stage2":
                tree_lines.append(line)
                continue
            if tree_lines is not None:
                tree_names, stage = trees.parse(tree_lines)
                stage["names"] = tree_names
                stages.append(stage)
                tree_lines = None
            if tab is not None:
                tab[1].append((int(fields[0]), float(fields[1])))
            elif fields[0] == "lexical" and len(fields) == 3:
                tab = (float(fields[2]), [])
            elif fields == ["stage1", "trees"]:
                tree_lines = []
            elif fields[0] in ("stage1", "stage2"):
                current = {"names": [], "mean": [], "scale": [], "weights": []}
                stages.append(current)
            elif fields[0] == "bias" and current is not None:
                current["bias"] = float(fields[1])
            elif current is not None and len(fields) == 4:
                current["names"].append(fields[0])
                for key, v in zip(("mean", "scale", "weights"), fields[1:]):
                    current[key].append(float(v))
    for stage in stages:
        for key in ("mean", "scale", "weights"):
            if key in stage:
                stage[key] = np.array(stage[key])
    assert stages[0]["names"] == names + ["lexical"], "the model's features are not winnow's"
    return stages[0], stages[1], tab


def predict_with_winnow(winnow, model, data, recs, out_dir):
    """Runs winnow with `model` (None: without a model) on the pages, one NUL-separated stream."""
    stream = b"".join(open(page_path(data, r), "rb").read() + b"\0" for r in recs)
    flags = ["--model", model] if model else ["--no-model"]
    result = subprocess.run([winnow, "-z"] + flags, input=stream, capture_output=True, check=True)
    docs = result.stdout.split(b"\0")
    for rec, doc in zip(recs, docs):
        path = os.path.join(out_dir, rec["id"] + ".txt")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(doc)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(ROOT, "train", "data"))
    ap.add_argument("--winnow", default=os.path.join(ROOT, ".build", "release", "winnow"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--l2", type=float, default=1e-3)
    ap.add_argument("--name", default="line-dev")
    ap.add_argument("--threshold", type=float, default=0.3,
                    help="lines scored under it are removed (0.3: article F1 over 0.88 with the least "
                         "recall lost in the cross-validated sweep, train/sweep.py and train/README.md)")
    ap.add_argument("--body-threshold", type=float, default=0.3,
                    help="the threshold for lines between the body's first and last prose line")
    ap.add_argument("--no-final", action="store_true", help="cross-validate only")
    ap.add_argument("--second-fixture", metavar="MODEL",
                    help="only write Tests/Fixtures/line-second.model, MODEL cut to the fixture pages, and its scores")
    ap.add_argument("--type-weight", type=float, default=1.0,
                    help="weight of pages that are not articles, times (train/README.md, page-context interactions)")
    ap.add_argument("--stage1", choices=("logistic", "gbdt"), default="gbdt",
                    help="stage 1's learner: gradient-boosted trees (train/trees.py; the default model's since "
                         "line-2026-12-05-trees) or the logistic regression")
    ap.add_argument("--trees", type=int, default=trees.DEFAULT_CAP,
                    help="gbdt: at most this many trees (a cap for speed, not chosen on held-out folds)")
    ap.add_argument("--stage2-oof", type=int, default=2, metavar="K",
                    help="gbdt: stage 2 learns from stage-1 logits out of fold over K inner site folds (0: in sample)")
    ap.add_argument("--model-out", default=os.path.join(ROOT, "models", "line.model"),
                    help="where the final model goes; embedded (and the fixture written) only at models/line.model")
    ap.add_argument("--adopt", metavar="MODEL",
                    help="only make MODEL (a --model-out of an earlier run) models/line.model, with its embedded "
                         "copies, report and fixture; --adopt-pages gives the page count for the report")
    ap.add_argument("--adopt-pages", type=int, default=0, help="with --adopt: the pages MODEL was trained on")
    ap.add_argument("--again-weight", type=float, default=1.0,
                    help="weight of the pages as a second run sees them (train/again.py), times")
    ap.add_argument("--rerun", metavar="OUT",
                    help="only run --winnow with the fold models of an earlier run (DATA/cv/foldK.model) on "
                         "their held-out pages, into OUT: a change to the rules or detectors, measured in seconds")
    args = ap.parse_args()
    if args.rerun:
        index = [r for r in load_index(args.data) if not r.get("augmented")]
        for k in range(args.folds):
            test = [r for r in index if fold_of(r["site"], args.folds) == k]
            predict_with_winnow(args.winnow, os.path.join(args.data, "cv", f"fold{k}.model"), args.data, test, args.rerun)
        print(f"held-out predictions of {args.folds} fold models by {args.winnow}: {args.rerun}", file=sys.stderr)
        return
    if args.adopt:
        adopt(args.winnow, args.adopt, args.adopt_pages)
        return
    global TYPE_WEIGHT, AGAIN_WEIGHT
    TYPE_WEIGHT = args.type_weight
    AGAIN_WEIGHT = args.again_weight

    if args.second_fixture:
        write_second_fixture(args.winnow, args.second_fixture)
        return
    index = load_index(args.data)
    index_by_id = {r["id"]: r for r in index}
    features_path = os.path.join(args.data, "features.tsv")
    run_features(args.winnow, args.data, index, features_path)
    names, feats = read_features(features_path, args.data, index)
    labels = {r["id"]: read_labels(args.data, r) for r in index if r["id"] in feats}
    pids = sorted(feats)
    print(f"pages {len(pids)}, feature rows {sum(len(v[0]) for v in feats.values())}", file=sys.stderr)
    words = word_rows(args.data, index_by_id, feats)

    def site_fold(pid):
        return fold_of(index_by_id[pid]["site"], args.folds or 5)

    def inner_fold(pid):
        return lexical.inner_fold(index_by_id[pid]["site"], 4)

    cv_dir = os.path.join(args.data, "cv")
    pred_dir = os.path.join(cv_dir, "pred")
    os.makedirs(cv_dir, exist_ok=True)
    for k in range(args.folds):
        # Pages as a second run sees them (train/again.py) are trained on, never tested.
        test = [p for p in pids if fold_of(index_by_id[p]["site"], args.folds) == k
                and not index_by_id[p].get("augmented")]
        train_ids = [p for p in pids if fold_of(index_by_id[p]["site"], args.folds) != k]
        joined, tab = with_lexical(train_ids, words, feats, labels, index_by_id, inner_fold, 4, test)
        stage1, stage2 = train(train_ids, joined, labels, index_by_id, args.l2, args.stage1, args.trees, args.stage2_oof)
        threshold = args.threshold
        model = os.path.join(cv_dir, f"fold{k}.model")
        write_model(model, f"{args.name}-fold{k}", threshold, args.body_threshold, names + ["lexical"], stage1, stage2, tab)
        predict_with_winnow(args.winnow, model, args.data, [index_by_id[p] for p in test], pred_dir)
        print(f"fold {k}: {len(train_ids)} train pages, {len(test)} test pages, threshold {threshold:.3f}", file=sys.stderr)

    if not args.no_final:
        joined, tab = with_lexical(pids, words, feats, labels, index_by_id, site_fold, args.folds or 5)
        stage1, stage2 = train(pids, joined, labels, index_by_id, args.l2, args.stage1, args.trees, args.stage2_oof)
        threshold = args.threshold
        model = os.path.abspath(args.model_out)
        write_model(model, args.name, threshold, args.body_threshold, names + ["lexical"], stage1, stage2, tab)
        if model == os.path.join(ROOT, "models", "line.model"):
            publish(args.winnow, model, args.name, len(pids), threshold, names, stage1, stage2, tab)
        print(f"final model: {model} (threshold {threshold:.3f})", file=sys.stderr)


def publish(winnow, model, name, pages, threshold, names, stage1, stage2, tab):
    """The committed model's companions: its embedded copies, its report and the
    fixture of its scores (models/line.model only)."""
    write_embedded(model)
    weights = (tree_report(stage1, names + ["lexical"]) if "roots" in stage1
               else sorted(zip(names + ["lexical"], stage1["weights"].tolist()), key=lambda t: -abs(t[1]))[:15])
    report = {"name": name, "pages": pages, "threshold": threshold,
              "lexical_buckets": len(lexical.for_file(tab)[1]), "lexical_min_weight": lexical.MIN_WEIGHT,
              "stage1": weights, "stage2": list(zip(STAGE2, stage2["weights"].tolist()))}
    with open(os.path.join(ROOT, "models", "line.report.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1, ensure_ascii=False)
    write_fixture(winnow, model)


def adopt(winnow, source, pages):
    """Makes a model trained elsewhere (`--model-out`) the committed one, with
    everything `publish` writes, as a whole run would have."""
    model = os.path.join(ROOT, "models", "line.model")
    shutil.copyfile(source, model)
    first_seed = os.path.join("seeds", sorted(n for n in os.listdir(os.path.join(ROOT, "seeds")) if n.endswith(".txt"))[0])
    header = subprocess.run([winnow, "features", "--no-model", first_seed], cwd=ROOT, capture_output=True,
                            check=True).stdout.decode().split("\n")[0].split("\t")[3:]
    stage1, stage2, tab = read_model(model, header)
    fields = dict(line.split(None, 1) for line in open(model, encoding="utf-8") if line.startswith(("name ", "threshold ")))
    publish(winnow, model, fields["name"].strip(), pages, float(fields["threshold"]), header, stage1, stage2, tab)
    print(f"adopted {source} as {model}", file=sys.stderr)


if __name__ == "__main__":
    main()
