#!/usr/bin/env python3
"""Offline experiment: page-context interactions for stage 1, scored per page type.

    python3 train/types_experiment.py --data train/data [--sets base,pps,...] [--learner lr|gbdt]

Reuses train.py's folds (sites split by hash), its lexical evidence (out of fold
on training pages, from a table fitted on the training folds for the held-out
ones) and its two stages; only stage 1's inputs change. The held-out lines are
scored in Python, not by winnow, so the figures are a line-level proxy: per page,
the words of the decided lines labelled B (content) that the model keeps (score at
least the threshold) over all B words (recall), and over all kept words of
decided lines (precision); macro over pages, by page type. The lexical columns
are cached in DATA/exp-lexical.pkl (they do not depend on the feature set).

`--learner gbdt` makes stage 1 scikit-learn's HistGradientBoostingClassifier on
the same inputs and weights (its defaults, `--gbdt` to change them; the number of
trees by early stopping on a validation eighth of the training sites, then refit
on all of them); stage 2 stays the logistic regression, over the trees' logit.
"""
import argparse
import hashlib
import os
import pickle
import sys
from collections import defaultdict

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lexical  # noqa: E402
import train  # noqa: E402

# Line features whose weight may vary with the page's context.
LINE = ["log_chars", "log_words", "ends_sentence", "list_marker", "prose", "rel_length", "log_shape_run",
        "in_body", "digit_share", "capital_share", "stopword_share", "punct_share", "prose_density",
        "headline_like", "name_like"]

# Line features whose page-level mean (over the kept lines) describes the page.
PAGE = ["log_chars", "ends_sentence", "list_marker", "digit_share", "capital_share", "log_shape_run", "name_like",
        "headline_like", "url_like"]


def interactions(names, X, kind):
    """Extra columns for feature set `kind`, from the existing ones."""
    col = {n: X[:, j] for j, n in enumerate(names)}
    pps, bs = col["page_prose_share"], col["body_share"]
    extra = []
    if kind in ("pps", "pps_bs"):
        extra += [col[n] * pps for n in LINE]
    if kind in ("bs", "pps_bs"):
        extra += [col[n] * bs for n in LINE]
    if kind == "noprose":
        few = (pps < 0.2).astype(float)
        extra += [col[n] * few for n in LINE]
    if kind in ("page", "page_pps", "page_x"):
        # Page-level means over the kept lines, and their interactions.
        means = {n: col[n].mean() for n in PAGE}
        extra += [np.full(len(X), means[n]) for n in PAGE]
        if kind == "page_pps":
            extra += [col[n] * pps for n in LINE]
        if kind == "page_x":
            for m in ("log_chars", "ends_sentence", "list_marker"):
                extra += [col[n] * means[m] for n in LINE]
    if kind == "base" or not extra:
        return X
    return np.hstack([X, np.array(extra).T])


def load(data):
    cache = os.path.join(data, "exp-cache.pkl")
    if os.path.exists(cache):
        with open(cache, "rb") as f:
            return pickle.load(f)
    index = train.load_index(data)
    by_id = {r["id"]: r for r in index}
    names, feats = train.read_features(os.path.join(data, "features.tsv"), data, index)
    labels = {r["id"]: train.read_labels(data, r) for r in index if r["id"] in feats}
    words = train.word_rows(data, by_id, feats)
    lens = {}
    for pid, (lines, _, _) in feats.items():
        with open(train.page_path(data, by_id[pid]), encoding="utf-8") as f:
            text = f.read().split("\n")
        lens[pid] = np.array([len(text[l].split()) if l < len(text) else 0 for l in lines], dtype=float)
    out = (index, names, feats, labels, words, lens)
    with open(cache, "wb") as f:
        pickle.dump(out, f, protocol=4)
    return out


def lexical_columns(data, index, feats, labels, words, folds):
    path = os.path.join(data, "exp-lexical.pkl")
    if os.path.exists(path):
        with open(path, "rb") as f:
            return pickle.load(f)
    by_id = {r["id"]: r for r in index}
    pids = sorted(feats)
    out = {}
    for k in range(folds):
        test = [p for p in pids if train.fold_of(by_id[p]["site"], folds) == k]
        train_ids = [p for p in pids if train.fold_of(by_id[p]["site"], folds) != k]
        joined, _ = train.with_lexical(train_ids, words, feats, labels, by_id,
                                       lambda p: lexical.inner_fold(by_id[p]["site"], 4), 4, test)
        out[k] = {p: joined[p][2][:, -1] for p in joined}
        print(f"lexical fold {k}", file=sys.stderr, flush=True)
    with open(path, "wb") as f:
        pickle.dump(out, f, protocol=4)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(train.ROOT, "train", "data"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--l2", type=float, default=1e-3)
    ap.add_argument("--threshold", type=float, default=0.3)
    ap.add_argument("--sets", default="base,pps,bs,pps_bs,noprose,page,page_pps,page_x")
    ap.add_argument("--learner", choices=("lr", "gbdt"), default="lr",
                    help="stage 1: the logistic regression (train.py) or gradient-boosted trees")
    ap.add_argument("--gbdt", default="",
                    help="HistGradientBoostingClassifier parameters, e.g. max_leaf_nodes=15,learning_rate=0.1")
    ap.add_argument("--no-refit", action="store_true",
                    help="gbdt: keep the early-stopped model (trained without the validation sites)")
    ap.add_argument("--stage2-oof", type=int, default=0, metavar="K",
                    help="gbdt: stage 2 learns from the training pages' stage-1 logits out of fold (K inner site folds)")
    ap.add_argument("--pages-out", metavar="FILE",
                    help="also write each held-out page's set, id, type, language, P, R, F1 (TSV)")
    ap.add_argument("--type-weight", type=float, default=1.0,
                    help="weight of non-article pages in both stages (train.py --type-weight also weighs the lexical fit)")
    args = ap.parse_args()
    index, names, feats, labels, words, lens = load(args.data)
    by_id = {r["id"]: r for r in index}
    lex = lexical_columns(args.data, index, feats, labels, words, args.folds)
    pids = sorted(feats)
    types = ["article", "forum", "product", "collection", "listing", "documentation", "service"]
    for kind in args.sets.split(","):
        per_page = []
        for k in range(args.folds):
            cols = lex[k]
            joined = {p: (feats[p][0], feats[p][1],
                          np.hstack([interactions(names, feats[p][2], kind), cols[p].reshape(-1, 1)])) for p in cols}
            test = [p for p in pids if train.fold_of(by_id[p]["site"], args.folds) == k]
            train_ids = [p for p in pids if train.fold_of(by_id[p]["site"], args.folds) != k]
            if args.learner == "gbdt":
                stage1, stage2 = train_gbdt(train_ids, joined, labels, by_id, args.l2, args.type_weight,
                                            gbdt_params(args.gbdt), not args.no_refit, args.stage2_oof)
                z_test = stage1_logits(stage1, test, joined)
            elif args.type_weight != 1.0:
                stage1, stage2 = train_weighted(train_ids, joined, labels, by_id, args.l2, args.type_weight)
            else:
                stage1, stage2 = train.train(train_ids, joined, labels, by_id, args.l2)
            for p in test:
                keep, ys, _ = train.example_rows(p, joined, labels, by_id)
                if not keep:
                    continue
                z = z_test[p] if args.learner == "gbdt" else train.logit(stage1, joined[p][2])
                prob = train.sigmoid(train.logit(stage2, train.stage2_inputs(z)))[keep]
                y = np.array(ys)
                n = lens[p][keep]
                kept = prob >= args.threshold
                b = (n * y).sum()
                if b == 0:
                    continue
                r = (n * y * kept).sum() / b
                pk = (n * kept).sum()
                pr = (n * y * kept).sum() / pk if pk else 0.0
                f = 2 * pr * r / (pr + r) if pr + r else 0.0
                per_page.append((by_id[p]["page_type"], by_id[p]["lang"], pr, r, f, p))
        if args.pages_out:
            with open(args.pages_out, "a", encoding="utf-8") as f:
                f.writelines(f"{kind}\t{x[5]}\t{x[0]}\t{x[1]}\t{x[2]:.6f}\t{x[3]:.6f}\t{x[4]:.6f}\n" for x in per_page)
        out = [f"{kind:<8}"]
        for t in types + ["fa", "ar", "all"]:
            rows = [x for x in per_page if x[0] == t or x[1] == t or t == "all"]
            if rows:
                f = np.mean([x[4] for x in rows]); r = np.mean([x[3] for x in rows])
                low = np.mean([x[3] < 0.5 for x in rows])
                out.append(f"{t[:4]} {f:.3f}/{r:.3f}/{100 * low:.0f}%")
        print("  ".join(out), flush=True)


def weighted_examples(pids, feats, labels, by_id, type_weight, rows_of):
    """train.examples with non-article pages weighing `type_weight` times more:
    the decided B/C rows of `rows_of(pid)` (a page's input rows), their labels,
    weights and pages."""
    X, y, w, pages = [], [], [], []
    for pid in pids:
        keep, ys, weight = train.example_rows(pid, feats, labels, by_id)
        if not keep:
            continue
        if by_id[pid]["page_type"] != "article":
            weight *= type_weight
        inputs = rows_of(pid)
        X.extend(inputs[k] for k in keep)
        y.extend(ys)
        w.extend([weight] * len(keep))
        pages.extend([pid] * len(keep))
    return np.array(X), np.array(y), np.array(w), pages


def train_weighted(pids, feats, labels, by_id, l2, type_weight):
    """train.train with non-article pages weighing `type_weight` times more."""
    X, y, w, _ = weighted_examples(pids, feats, labels, by_id, type_weight, lambda p: feats[p][2])
    stage1 = train.fit_logistic(X, y, w, l2)
    X, y, w, _ = weighted_examples(pids, feats, labels, by_id, type_weight,
                                   lambda p: train.stage2_inputs(train.logit(stage1, feats[p][2])))
    stage2 = train.fit_logistic(X, y, w, l2)
    return stage1, stage2


def gbdt_params(text):
    """`name=value,...` as HistGradientBoostingClassifier keyword arguments."""
    out = {}
    for item in filter(None, text.split(",")):
        name, value = item.split("=")
        try:
            out[name] = int(value)
        except ValueError:
            try:
                out[name] = float(value)
            except ValueError:
                out[name] = None if value == "None" else value
    return out


def validation_site(site):
    """One training site in eight holds the trees' early-stopping validation set."""
    return int(hashlib.sha256(("gbdt-val" + site).encode()).hexdigest(), 16) % 8 == 0


def stage1_logits(model, pids, feats):
    """Per page, the trees' logit log(p/(1-p)) (decision_function) of every row, in one batch."""
    pids = list(pids)
    if not pids:
        return {}
    X = np.vstack([feats[p][2] for p in pids])
    z = model.decision_function(X)
    out, at = {}, 0
    for p in pids:
        n = len(feats[p][2])
        out[p] = z[at:at + n]
        at += n
    return out


def train_gbdt(pids, feats, labels, by_id, l2, type_weight, params, refit=True, oof=0):
    """Stage 1 as gradient-boosted trees on the same rows and weights as train.train
    (weights scaled to mean 1, which leaves the logistic fit unchanged); the number of
    trees chosen by early stopping on the validation sites (never the held-out fold),
    then (refit) the trees fitted again on every training site with that number.
    Stage 2 is train.fit_logistic over the trees' logits, as in train.train; with `oof`,
    over logits of trees fitted (with the same number of trees) without the page's
    inner fold of sites (lexical.inner_fold), as stage 2 sees them on new sites."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    X, y, w, rows = weighted_examples(pids, feats, labels, by_id, type_weight, lambda p: feats[p][2])
    held = {p: validation_site(by_id[p]["site"]) for p in pids}
    val = np.array([held[p] for p in rows], dtype=bool)
    w = w / w.mean()
    base = dict(max_iter=1000, early_stopping=True, n_iter_no_change=10, random_state=0)
    base.update(params)
    model = HistGradientBoostingClassifier(**base)
    model.fit(X[~val], y[~val], sample_weight=w[~val], X_val=X[val], y_val=y[val], sample_weight_val=w[val])
    n_iter = model.n_iter_
    if refit:
        fixed = dict(base, max_iter=n_iter, early_stopping=False)
        model = HistGradientBoostingClassifier(**fixed)
        model.fit(X, y, sample_weight=w)
    leaves = [pred[0].get_n_leaf_nodes() for pred in model._predictors]
    nodes = [pred[0].nodes for pred in model._predictors]
    # Comparisons a row costs: each tree's leaf depth, weighted by the training rows reaching it.
    depth = sum(float((n["depth"] * n["count"])[n["is_leaf"] == 1].sum()) / n["count"][0] for n in nodes)
    print(f"gbdt: {len(leaves)} trees (early stopping: {n_iter}), {sum(leaves)} leaves "
          f"(mean {np.mean(leaves):.1f}, max {max(leaves)}), {depth:.0f} comparisons a row, "
          f"{X.shape[1]} features, {len(y)} rows ({int(val.sum())} validation)", file=sys.stderr, flush=True)
    if oof:
        fold = {p: lexical.inner_fold(by_id[p]["site"], oof) for p in pids}
        inner, z = np.array([fold[p] for p in rows]), {}
        for j in range(oof):
            part = HistGradientBoostingClassifier(**dict(base, max_iter=n_iter, early_stopping=False))
            part.fit(X[inner != j], y[inner != j], sample_weight=w[inner != j])
            z.update(stage1_logits(part, [p for p in pids if fold[p] == j], feats))
    else:
        z = stage1_logits(model, pids, feats)
    X2, y2, w2, _ = weighted_examples(pids, feats, labels, by_id, type_weight, lambda p: train.stage2_inputs(z[p]))
    stage2 = train.fit_logistic(X2, y2, w2, l2)
    print(f"stage 2 weights: " + " ".join(f"{n} {v:.2f}" for n, v in zip(train.STAGE2, stage2["weights"] / stage2["scale"])),
          file=sys.stderr, flush=True)
    return model, stage2


if __name__ == "__main__":
    main()
