"""Label rendered lines against a gold article.

Labels: 'B' body, 'C' chrome, '?' not confident, '-' blank line.

Full gold (`label_full`): lines are read in page order against a multiset of
the gold's word 3-grams (taken over the whole gold token stream, so a line
that joins two gold paragraphs still matches). A line whose 3-grams are mostly
still unconsumed is body and consumes them; a line whose 3-grams were all
consumed already is a later copy (chrome, per GOLD.md: first occurrence
only); a line with almost none in the gold is chrome; anything between is '?'.
Short lines (fewer than 3 words, or 8 CJK characters) are body only when they equal a whole unused gold
paragraph, or occur in the gold and sit between body lines; chrome when their
words do not occur in the gold as a contiguous run; '?' otherwise.

Partial gold (`label_partial`, trafilatura): a line containing a `with`
snippet is body, one containing a `without` snippet chrome, the rest '?'.
"""
import re
from collections import Counter

from textnorm import tokens, trigrams

# "Read also" inserts are chrome by GOLD.md, but some sources' gold keeps them:
# such a line is never taught as body (it becomes '?').
READ_ALSO = re.compile(
    r"^\W*(lesen sie (auch|hier|mehr)|auch interessant|mehr zum thema|weiterlesen|read (more|also)"
    r"|see also|related( stories| articles)?\s*:|recommended( for you)?\s*:|lire aussi|à lire aussi"
    r"|leer más|lee también|leia também|leggi anche|اقرأ أيضا|اقرأ ايضا|بیشتر بخوانید|بخوانید\s*:)",
    re.I)

HI = 0.8  # share of a line's 3-grams in the gold (unconsumed) to call it body
LO = 0.2  # at most this share in the gold: chrome


def _is_short(toks):
    """Fewer than 3 words; in CJK/Thai (a token a character), fewer than 8 characters."""
    if len(toks) < 3:
        return True
    return len(toks) < 8 and any(len(t) == 1 and ord(t) >= 0x0E00 for t in toks)


def gold_paragraph_tokens(gold_paras):
    return [t for t in (tokens(p) for p in gold_paras) if t]


def _contains(hay, needle):
    """Is token list `needle` a contiguous run inside token list `hay`?"""
    n = len(needle)
    if n == 0:
        return False
    first = needle[0]
    for i in range(len(hay) - n + 1):
        if hay[i] == first and hay[i:i + n] == needle:
            return True
    return False


def coverage(gold_ptoks, line_toks):
    """Share of the gold's 3-grams (within paragraphs) found in the page's 3-grams."""
    want = Counter()
    for p in gold_ptoks:
        want.update(trigrams(p))
    if not want:
        # very short gold: fall back to words
        for p in gold_ptoks:
            want.update(p)
        have = Counter()
        for t in line_toks:
            have.update(t)
    else:
        # the page's 3-grams run across line ends: a gold paragraph cut into
        # several lines (table cells, <br>) is still covered
        have = Counter(trigrams([t for toks in line_toks for t in toks]))
    total = sum(want.values())
    if not total:
        return 0.0
    hit = sum(min(c, have[g]) for g, c in want.items())
    return hit / total


def label_full(lines, gold_paras):
    """Return (labels, gold_coverage, body_coverage) for rendered `lines`."""
    gold_ptoks = gold_paragraph_tokens(gold_paras)
    stream = [t for p in gold_ptoks for t in p]
    remaining = Counter(trigrams(stream))
    allgrams = set(remaining)
    total_grams = sum(remaining.values()) or 1
    para_left = Counter(tuple(p) for p in gold_ptoks)
    line_toks = [tokens(l) if l.strip() else [] for l in lines]

    labels = []
    consumed = 0
    for line, toks in zip(lines, line_toks):
        if not line.strip():
            labels.append("-")
            continue
        if _is_short(toks):
            labels.append("s")  # short: decided in the second pass
            continue
        grams = trigrams(toks)
        need = Counter(grams)
        avail = sum(min(c, remaining[g]) for g, c in need.items())
        anyin = sum(1 for g in grams if g in allgrams)
        n = len(grams)
        if avail >= HI * n:
            labels.append("B")
            for g, c in need.items():
                take = min(c, remaining[g])
                remaining[g] -= take
                consumed += take
            para_left[tuple(toks)] -= 1
        elif anyin <= LO * n:
            labels.append("C")
        elif anyin >= HI * n and avail <= LO * n:
            labels.append("C")  # a later copy of body text
        else:
            labels.append("?")

    # Second pass: short lines (0-2 words).
    idx = [i for i, l in enumerate(labels) if l != "-"]
    for k, i in enumerate(idx):
        if labels[i] != "s":
            continue
        toks = line_toks[i]
        if not toks:
            labels[i] = "C"  # punctuation or symbols only
            continue
        if not _contains(stream, toks):
            labels[i] = "C"
            continue
        # the nearest decided lines before and after (short ones already decided count)
        prev_lab = next((labels[j] for j in reversed(idx[:k]) if labels[j] != "s"), None)
        next_lab = next((labels[j] for j in idx[k + 1:] if labels[j] != "s"), None)
        key = tuple(toks)
        if para_left[key] > 0 and "B" in (prev_lab, next_lab):
            # a whole gold paragraph (a subheading) next to body text
            labels[i] = "B"
            para_left[key] -= 1
        elif prev_lab == "B" and next_lab == "B":
            labels[i] = "B"  # a piece of a body paragraph, or a short list item
        else:
            labels[i] = "?"
    for i, line in enumerate(lines):
        if labels[i] == "B" and READ_ALSO.match(line.strip()):
            labels[i] = "?"
    body_cov = consumed / total_grams
    return labels, coverage(gold_ptoks, line_toks), body_cov


def _joined(toks):
    return " " + " ".join(toks) + " "


def label_partial(lines, with_snips, without_snips):
    """Return (labels, share of `with` snippets found in the page)."""
    wj = [_joined(tokens(s)) for s in with_snips if tokens(s)]
    woj = [_joined(tokens(s)) for s in without_snips if tokens(s)]
    found = set()
    labels = []
    for line in lines:
        if not line.strip():
            labels.append("-")
            continue
        lj = _joined(tokens(line))
        if lj.strip() == "":
            labels.append("?")
            continue
        w = [k for k, s in enumerate(wj) if s in lj]
        wo = any(s in lj for s in woj)
        found.update(w)
        if w and not wo:
            labels.append("B")
        elif wo and not w:
            labels.append("C")
        else:
            labels.append("?")
    cov = len(found) / len(wj) if wj else 0.0
    return labels, cov


def label_exact(lines, gold_lines):
    """Exact gold (seeds, eval): B iff the line is the next unmatched gold line
    (greedy subsequence match, so the first occurrence wins)."""
    labels = []
    g = 0
    for line in lines:
        if not line.strip():
            labels.append("-")
        elif g < len(gold_lines) and line == gold_lines[g]:
            labels.append("B")
            g += 1
        else:
            labels.append("C")
    return labels, g / len(gold_lines) if gold_lines else 0.0
