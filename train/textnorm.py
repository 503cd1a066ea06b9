"""Text normalisation and tokenisation shared by the build, the labeller and eval.

Both sides of every comparison (rendered lines, gold, predictions) go through
`normalize` and `tokens`, so the choices here define what "the same text" means.
"""
import re
import unicodedata

# Removed outright: ZWNJ/ZWJ/ZWSP, bidi marks and embeddings, BOM, soft hyphen,
# Arabic tatweel, Arabic diacritics (harakat, superscript alef).
_DROP_CHARS = (
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\u061c\ufeff\u00ad\u0640"
    + "".join(chr(c) for c in range(0x064B, 0x0653))
    + "\u0670"
)
_DROP_TABLE = {ord(c): None for c in _DROP_CHARS}
_WS = re.compile(r"\s+")

# Scripts written without spaces between words: every character is a token.
_CJK = (
    "\u3040-\u30ff"  # hiragana, katakana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs
    "\u0e00-\u0e7f"  # Thai
    "\u0e80-\u0eff"  # Lao
    "\u1000-\u109f"  # Myanmar
    "\u1780-\u17ff"  # Khmer
)
# Combining marks are not \w to `re`, but they belong inside words
# (Devanagari vowel signs, Hebrew points, Latin accents left by NFKC).
_MARKS = "\u0300-\u036f\u0591-\u05c7\u0900-\u0dff\u1ab0-\u1aff\u20d0-\u20ff"
_TOKEN = re.compile(r"[%s]|(?:[^\W%s]|[%s])+" % (_CJK, _CJK, _MARKS))


def normalize(text: str) -> str:
    """NFKC, lowercase, drop invisible marks/tatweel/harakat, collapse whitespace."""
    text = unicodedata.normalize("NFKC", text).translate(_DROP_TABLE).lower()
    return _WS.sub(" ", text).strip()


def tokens(text: str) -> list:
    """Word tokens of normalised text; CJK/Thai characters are one token each."""
    return _TOKEN.findall(normalize(text).replace("_", " "))


def trigrams(toks: list) -> list:
    return [(toks[i], toks[i + 1], toks[i + 2]) for i in range(len(toks) - 2)]
