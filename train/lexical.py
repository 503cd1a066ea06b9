"""The line model's word evidence: a logistic regression over a line's hashed words.

Mirrors Sources/WinnowCore/Model/LexicalScore.swift exactly (LineModelTests checks
that Swift's scores equal the ones computed here): a line's keys are its distinct
words, `^first`, `last$`, and `#short:w1 w2` when it has at most three words
(`<empty>` when none). Words are runs of letters and digits (digits fold to 0,
ASCII letters to lower case); each CJK character is a word. Keys hash with
FNV-1a 64 into 2^BITS buckets; a line's distinct buckets weigh 1/sqrt(count).

Its logit becomes stage 1's last feature, `lexical`. So that stage 1 learns how
far to trust it on sites it has not seen, the training rows get out-of-fold
logits: each site's from a model fitted without that site's fold.
"""
import hashlib
import math

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

BITS = 18
C = 1.0           # inverse L2 strength (liblinear), chosen in the cross-validated sweep
TABLE_MIN_WEIGHT = 0.02  # lighter weights are dropped from every fitted table (out-of-fold logits too)
MIN_WEIGHT = 0.3   # and from the model file: the cross-validated scores do not move (train/README.md)

_PUNCT = {0x060C, 0x061B, 0x061F, 0x06D4, 0x066B, 0x066C}


def _is_word(cp):
    if cp < 0x80:
        return 0x30 <= cp <= 0x39 or 0x41 <= cp <= 0x5A or 0x61 <= cp <= 0x7A
    if (0x80 <= cp <= 0xBF or 0x2000 <= cp <= 0x206F or 0x3000 <= cp <= 0x303F
            or 0xFF00 <= cp <= 0xFF0F or 0xFE30 <= cp <= 0xFE4F or cp in _PUNCT):
        return False
    return True


def _is_cjk(cp):
    return 0x3040 <= cp <= 0x9FFF or 0xAC00 <= cp <= 0xD7AF


def _fold(ch):
    cp = ord(ch)
    if 0x30 <= cp <= 0x39 or 0x660 <= cp <= 0x669 or 0x6F0 <= cp <= 0x6F9:
        return "0"
    if 0x41 <= cp <= 0x5A:
        return chr(cp + 32)
    return ch


def words(line):
    out, cur = [], []
    for ch in line:
        cp = ord(ch)
        if _is_cjk(cp):
            if cur:
                out.append("".join(cur))
                cur = []
            out.append(ch)
        elif _is_word(cp):
            cur.append(_fold(ch))
        elif cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return out


def fnv(text):
    h = 0xcbf29ce484222325
    for b in text.encode("utf-8"):
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def buckets(line, bits=BITS):
    w = words(line)
    if not w:
        keys = ["<empty>"]
    else:
        keys = list(w) + ["^" + w[0], w[-1] + "$"]
        if len(w) <= 3:
            keys.append("#short:" + " ".join(w))
    mask = (1 << bits) - 1
    return sorted({fnv(k) & mask for k in keys})


def matrix(texts, bits=BITS):
    """Sparse rows, one a line of `texts`."""
    data, ind, ptr = [], [], [0]
    for text in texts:
        b = buckets(text, bits)
        ind.extend(b)
        data.extend([1 / math.sqrt(len(b))] * len(b))
        ptr.append(len(ind))
    return sp.csr_matrix((np.array(data, dtype=np.float64), np.array(ind, dtype=np.int64), np.array(ptr)),
                         shape=(len(texts), 1 << bits))


def fit(X, y, w):
    model = LogisticRegression(C=C, solver="liblinear", max_iter=200)
    model.fit(X, y, sample_weight=w * len(w) / w.sum())
    return model


def table(model):
    """(intercept, [(bucket, weight)]): weights rounded, the lightest left out."""
    coef = model.coef_[0]
    entries = [(int(b), float(f"{coef[b]:.6g}")) for b in np.nonzero(np.abs(coef) >= TABLE_MIN_WEIGHT)[0]]
    return float(f"{model.intercept_[0]:.6g}"), entries


def for_file(tab):
    """The table as the model file holds it: only weights of at least MIN_WEIGHT."""
    return tab[0], [(b, v) for b, v in tab[1] if abs(v) >= MIN_WEIGHT]


def scorer(tab, bits=BITS):
    """A function from word rows to their logits under `tab`; the dense weights are
    built once, so scoring many pages with one table does not rebuild them."""
    intercept, entries = tab
    weights = np.zeros(1 << bits)
    for b, v in entries:
        weights[b] = v
    return lambda X: X @ weights + intercept


def logits(tab, X):
    return scorer(tab)(X)


def inner_fold(site, k):
    return int(hashlib.sha256(("lexical" + site).encode()).hexdigest(), 16) % k
