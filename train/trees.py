"""Stage 1 as gradient-boosted trees (train.py --stage1 gbdt).

scikit-learn's HistGradientBoostingClassifier on the rows, inputs and weights of
the logistic stage 1 (weights scaled to mean 1), as types_experiment.py fits it:
its defaults (learning rate 0.1, 31 leaves, 20 rows a leaf, 255 bins), at most
`cap` trees, the number chosen by early stopping (weighted log loss, 10 rounds
without gain) on an eighth of the training sites (`validation_site`), then the
trees fitted again on every training site with that number.

The trees are exported as flat arrays (`export`), which the model file holds and
`Sources/WinnowCore/Model/TreeEnsemble.swift` reads: per node the feature index
(-1 for a leaf), the real-valued threshold (`predictor.nodes["num_threshold"]`,
not the bin), the left and right child, whether a missing value (NaN) goes left,
and a leaf's value. A row goes left when its value is <= the threshold, as
scikit-learn's `_predict_one_from_raw_data`; its logit is the baseline plus each
tree's leaf value, added in tree order (`_raw_predict`), so `logits` below, the
Swift code and `decision_function` give the same doubles.
"""
import hashlib
import sys

import numpy as np

# Trees the model file may hold at most (train.py --trees): a cap for speed. The
# proxy kept most of the trees' gain at 50 (train/README.md).
DEFAULT_CAP = 50


def validation_site(site):
    """One training site in eight holds the trees' early-stopping validation set."""
    return int(hashlib.sha256(("gbdt-val" + site).encode()).hexdigest(), 16) % 8 == 0


BASE = dict(early_stopping=True, n_iter_no_change=10, random_state=0)


def fit(X, y, w, sites, cap):
    """Trees on rows `X` (labels `y`, weights `w` scaled to mean 1 by the caller,
    each row's site in `sites`): the number early-stopped on the validation sites,
    at most `cap`, then fitted again on every row (`fit_fixed`)."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    val = np.array([validation_site(s) for s in sites], dtype=bool)
    model = HistGradientBoostingClassifier(**dict(BASE, max_iter=cap))
    model.fit(X[~val], y[~val], sample_weight=w[~val], X_val=X[val], y_val=y[val], sample_weight_val=w[val])
    print(f"gbdt: early stopping at {model.n_iter_} trees (cap {cap}), {int(val.sum())} of {len(y)} rows "
          f"for validation", file=sys.stderr, flush=True)
    return fit_fixed(X, y, w, model.n_iter_)


def fit_fixed(X, y, w, n):
    """`n` trees on every row of `X`, no early stopping; exported (and checked)."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    model = HistGradientBoostingClassifier(**dict(BASE, max_iter=n, early_stopping=False))
    model.fit(X, y, sample_weight=w)
    out = export(model)
    print(f"gbdt: {len(out['roots'])} trees, {int((out['feature'] < 0).sum())} leaves, "
          f"{comparisons(model):.0f} comparisons a row, {X.shape[1]} features, {len(y)} rows",
          file=sys.stderr, flush=True)
    # The exported arrays must score as scikit-learn does (the model file is what winnow runs).
    probe = X[:: max(1, len(X) // 20000)]
    assert np.array_equal(logits(out, probe), model.decision_function(probe)), "tree export differs from sklearn"
    return out


def comparisons(model):
    """Comparisons a row costs: each tree's leaf depths weighted by the training rows reaching them."""
    total = 0.0
    for (pred,) in model._predictors:
        n = pred.nodes
        total += float((n["depth"] * n["count"])[n["is_leaf"] == 1].sum()) / n["count"][0]
    return total


def export(model):
    """The fitted trees as flat arrays: nodes of all trees one after the other,
    children as indices into the whole array, and each tree's root."""
    feature, threshold, left, right, missing, value, roots = [], [], [], [], [], [], []
    assert model.n_trees_per_iteration_ == 1, "binary classification only"
    for (pred,) in model._predictors:
        nodes = pred.nodes
        assert not nodes["is_categorical"].any(), "no categorical features"
        start = len(feature)
        roots.append(start)
        for node in nodes:
            leaf = bool(node["is_leaf"])
            feature.append(-1 if leaf else int(node["feature_idx"]))
            threshold.append(0.0 if leaf else float(node["num_threshold"]))
            left.append(-1 if leaf else start + int(node["left"]))
            right.append(-1 if leaf else start + int(node["right"]))
            missing.append(0 if leaf else int(node["missing_go_to_left"]))
            value.append(float(node["value"]) if leaf else 0.0)
    baseline = model._baseline_prediction
    return {"baseline": float(np.asarray(baseline).ravel()[0]),
            "feature": np.array(feature, dtype=np.int64), "threshold": np.array(threshold),
            "left": np.array(left, dtype=np.int64), "right": np.array(right, dtype=np.int64),
            "missing_left": np.array(missing, dtype=bool), "value": np.array(value),
            "roots": np.array(roots, dtype=np.int64)}


def logits(trees, X):
    """The trees' logit of each row of `X`: the baseline plus each tree's leaf, in tree order."""
    X = np.asarray(X, dtype=np.float64)
    rows = np.arange(len(X))
    z = np.full(len(X), trees["baseline"])
    feature, threshold = trees["feature"], trees["threshold"]
    left, right, missing = trees["left"], trees["right"], trees["missing_left"]
    for root in trees["roots"]:
        node = np.full(len(X), root)
        while True:
            f = feature[node]
            inner = f >= 0
            if not inner.any():
                break
            x = X[rows, np.where(inner, f, 0)]
            go_left = np.where(np.isnan(x), missing[node], x <= threshold[node])
            node = np.where(inner, np.where(go_left, left[node], right[node]), node)
        z = z + trees["value"][node]
    return z


def file_lines(trees, names):
    """The stage-1 section of a version-2 model file (LineModel.swift reads it):

        stage1 trees
        features log_chars log_words ... lexical
        baseline -0x1.2p-1
        tree 61                                  (its node count; nodes follow, the root first)
        12 0x1.8p+1 1 2 1                        (feature, threshold, left, right, missing goes left)
        leaf 0x1.4cp-4                           (a leaf's value)

    Numbers that must read back to the same double are C99 hexadecimal floats
    (`float.hex`): exact, and read without strtod. Children are node numbers within
    their tree."""
    out = ["stage1 trees", "features " + " ".join(names), f"baseline {float(trees['baseline']).hex()}"]
    roots = list(trees["roots"]) + [len(trees["feature"])]
    for t in range(len(roots) - 1):
        start, end = roots[t], roots[t + 1]
        out.append(f"tree {end - start}")
        for n in range(start, end):
            if trees["feature"][n] < 0:
                out.append(f"leaf {float(trees['value'][n]).hex()}")
            else:
                out.append(f"{trees['feature'][n]} {float(trees['threshold'][n]).hex()} "
                           f"{trees['left'][n] - start} {trees['right'][n] - start} {int(trees['missing_left'][n])}")
    return out


def parse(lines):
    """(names, trees) from a model file's stage-1 trees section, its lines after `stage1 trees`."""
    names, trees = None, {"feature": [], "threshold": [], "left": [], "right": [], "missing_left": [], "value": [],
                          "roots": []}
    start = 0
    for line in lines:
        fields = line.split()
        if fields[0] == "features":
            names = fields[1:]
        elif fields[0] == "baseline":
            trees["baseline"] = float.fromhex(fields[1])
        elif fields[0] == "tree":
            start = len(trees["feature"])
            trees["roots"].append(start)
        elif fields[0] == "leaf":
            for key, v in (("feature", -1), ("threshold", 0.0), ("left", -1), ("right", -1), ("missing_left", 0),
                           ("value", float.fromhex(fields[1]))):
                trees[key].append(v)
        else:
            trees["feature"].append(int(fields[0]))
            trees["threshold"].append(float.fromhex(fields[1]))
            trees["left"].append(start + int(fields[2]))
            trees["right"].append(start + int(fields[3]))
            trees["missing_left"].append(int(fields[4]))
            trees["value"].append(0.0)
    out = {"baseline": trees["baseline"]}
    for key, dtype in (("feature", np.int64), ("threshold", np.float64), ("left", np.int64), ("right", np.int64),
                       ("missing_left", bool), ("value", np.float64), ("roots", np.int64)):
        out[key] = np.array(trees[key], dtype=dtype)
    return names, out
