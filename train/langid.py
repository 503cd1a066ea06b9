"""A cheap language guess: script first, then jusText's stoplists.

Arabic script: Persian / Urdu / Arabic by their own letters. CJK, Hangul,
Hebrew, Greek, Thai by script. Latin and Cyrillic: the language whose
handful of function words covers the most tokens (weak evidence: 'en').
"""
import re
from collections import Counter

from textnorm import tokens

# jusText stoplist name per language code (also used by justext_baseline.py).
STOPLIST = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "pl": "Polish", "cs": "Czech", "sk": "Slovak",
    "da": "Danish", "no": "Norwegian_Bokmal", "sv": "Swedish", "fi": "Finnish",
    "tr": "Turkish", "id": "Indonesian", "ms": "Malay", "vi": "Vietnamese",
    "lt": "Lithuanian", "lv": "Latvian", "et": "Estonian", "is": "Icelandic", "gl": "Galician",
    "ca": "Catalan", "ro": "Romanian", "hu": "Hungarian", "hr": "Croatian",
    "sl": "Slovenian", "sw": "Swahili", "lb": "Luxembourgish", "af": "Afrikaans",
    "ru": "Russian", "uk": "Ukrainian", "bg": "Bulgarian", "sr": "Serbian",
    "fa": "Persian", "ar": "Arabic", "ur": "Urdu", "he": "Hebrew", "el": "Greek",
    "ko": "Korean", "hi": "Hindi",
}
# A few very frequent function words per language (jusText's stoplists are too
# uneven in size to compare: Finnish's holds 6,800 words, English ones among them).
FUNCTION_WORDS = {
    "en": "the and of to in is that for it with was on are as this be by have from a you your our we",
    "de": "der die und das ist nicht den mit sich des auf für ein eine dem im auch wird",
    "fr": "le la les et des est une du dans pour que qui pas sur au avec ce il",
    "es": "el la los las de que y en del se por con una para es su al lo como",
    "it": "il di che la è per una non sono della del le gli con si da anche questo",
    "pt": "o de que e do da em um para com não uma os no se na por mais as dos",
    "nl": "de het een en van is dat op te zijn niet met voor er ook aan om die",
    "pl": "i w na się z do że nie jest to o jak po od dla przez oraz ale",
    "cs": "a je se na v že to s z do jsou jako ale by pro který jeho také",
    "sk": "a je sa na v že to s z do sú ako ale by pre ktorý jeho tiež aj",
    "da": "og i at det er en til på af med som den for har de ikke jeg var",
    "no": "og i er det på til en av som for med at har ikke de var jeg skal",
    "sv": "och i att det som på är en för av med till den har inte om var",
    "fi": "ja on ei se että oli kun mutta ovat myös tai joka sen hän kanssa",
    "et": "ja on ei et see ka oli kui mis aga nii ta seda veel siis",
    "tr": "ve bir bu da de için ile çok olarak daha gibi en ne var ama",
    "id": "yang dan di ini dengan untuk dari itu dalam tidak akan pada juga ke",
    "ms": "yang dan di ini dengan untuk dari itu dalam tidak akan pada juga kepada",
    "vi": "của và là có các được trong cho một những với không này đã người",
    "lt": "ir yra kad į su iš ar bet tai jo kaip buvo taip dėl",
    "hu": "a az és hogy nem is egy van meg el de ez csak mint volt",
    "ro": "și de la în a cu nu o pe din să că mai este sunt pentru",
    "hr": "i je u na da se za su od s koji što ali kao bi",
    "gl": "o a de e que do da en un non os unha para coa",
    "is": "og að í er á sem til um við það ekki en var hann",
    "sw": "na ya wa kwa katika ni za la kuwa hiyo yake hii",
    "ru": "и в не на что с по как это он к из но за его от",
    "uk": "і в на що з не до як це та від за у його її",
    "bg": "и на в за да се с от е че не са по като",
}
_FW = {k: set(v.split()) for k, v in FUNCTION_WORDS.items()}
CYRILLIC = ["ru", "uk", "bg"]
LATIN = [k for k in FUNCTION_WORDS if k not in CYRILLIC]

_FA = set("پچژگکی")
_UR = set("ٹڈڑںےۃھ")
_AR_ONLY = set("ةىيكـ")
def _script_counts(text):
    c = Counter()
    for ch in text:
        o = ord(ch)
        if 0x0600 <= o <= 0x06FF or 0xFB50 <= o <= 0xFEFF:
            c["arab"] += 1
        elif 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF:
            c["hang"] += 1
        elif 0x3040 <= o <= 0x30FF:
            c["kana"] += 1
        elif 0x4E00 <= o <= 0x9FFF:
            c["han"] += 1
        elif 0x0590 <= o <= 0x05FF:
            c["hebr"] += 1
        elif 0x0370 <= o <= 0x03FF:
            c["grek"] += 1
        elif 0x0400 <= o <= 0x04FF:
            c["cyrl"] += 1
        elif 0x0E00 <= o <= 0x0E7F:
            c["thai"] += 1
        elif 0x0900 <= o <= 0x097F:
            c["deva"] += 1
        elif ch.isalpha():
            c["latn"] += 1
    return c


def detect_lang(text: str) -> str:
    text = text[:20000]
    sc = _script_counts(text)
    if not sc:
        return "en"
    script, n = sc.most_common(1)[0]
    if script == "arab":
        letters = Counter(ch for ch in text if ch in _FA or ch in _UR or ch in _AR_ONLY)
        ur = sum(letters[c] for c in _UR)
        fa = sum(letters[c] for c in _FA)
        ar = letters["ة"] + letters["ى"] + letters["ي"] + letters["ك"]
        if ur > 0.02 * n and ur >= fa * 0.2:
            return "ur"
        return "fa" if fa > ar else "ar"
    if script in ("kana",) or (script == "han" and sc["kana"] > 0.05 * n):
        return "ja"
    simple = dict(han="zh", hang="ko", hebr="he", grek="el", thai="th", deva="hi")
    if script in simple:
        return simple[script]
    cands = CYRILLIC if script == "cyrl" else LATIN
    toks = tokens(text)
    if not toks:
        return "en"
    best, best_n = ("ru" if script == "cyrl" else "en"), 0
    for code in cands:
        k = sum(1 for t in toks if t in _FW[code])
        if k > best_n:
            best, best_n = code, k
    if script == "latn" and best != "en":
        en_n = sum(1 for t in toks if t in _FW["en"])
        if best_n < 1.5 * en_n:  # English words are everywhere: others must win clearly
            best, best_n = "en", en_n
    if best_n < 0.03 * len(toks):
        return "ru" if script == "cyrl" else "en"
    return best
