"""HTML -> scraped text, one block element per line, with two renderers.

- `render_block`: our own walk over the lxml tree. Drops script/style/head/...,
  breaks lines at block elements and <br>, collapses whitespace inside a line.
  Optionally prepends the <title> text and puts a blank line after
  paragraph-like blocks (scrapers produce both styles).
- `render_inscriptis`: inscriptis' text layout, whitespace collapsed per line
  and runs of blank lines collapsed to one.
"""
import re

import lxml.html
from bs4.dammit import UnicodeDammit

DROP = {
    "script", "style", "noscript", "template", "svg", "head", "iframe", "object",
    "embed", "canvas", "math", "map", "audio", "video", "source", "track",
    "select", "datalist",
}
BLOCK = {
    "address", "article", "aside", "blockquote", "body", "caption", "center",
    "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol",
    "option", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul", "textarea", "frameset", "noframes",
}
# After these, the "blank lines" style puts an empty line.
PARA = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol",
    "table", "figure", "dl", "header", "footer", "nav", "aside",
}
_WS = re.compile(r"[\s\u00a0\x00-\x1f\x7f-\x9f]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def decode_html(data: bytes) -> str:
    if isinstance(data, str):
        return data
    dammit = UnicodeDammit(data, is_html=True)
    if dammit.unicode_markup is None:
        return data.decode("utf-8", errors="replace")
    return dammit.unicode_markup


def parse_html(data):
    text = decode_html(data)
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True,
                                  remove_pis=True, huge_tree=True)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", "replace"), parser=parser)
    except Exception:  # lxml refuses empty or pathological documents
        return None
    return root


def _is_hidden(el) -> bool:
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _title(root) -> str:
    t = root.find(".//title")
    if t is None:
        return ""
    return _WS.sub(" ", t.text_content()).strip()


def render_block(root, title_first=False, blank_lines=False, skip_hidden=True, drop=()):
    """Our block renderer; returns a list of lines ('' = blank line).
    `drop`: more tags whose whole content is left out."""
    drop = DROP.union(drop)
    lines = []
    buf = []
    pending_blank = [False]

    def flush():
        line = _WS.sub(" ", "".join(buf)).strip()
        buf.clear()
        if not line:
            return
        if pending_blank[0] and lines and lines[-1] != "":
            lines.append("")
        pending_blank[0] = False
        lines.append(line)

    if title_first:
        t = _title(root)
        if t:
            lines.append(t)
            if blank_lines:
                pending_blank[0] = True

    body = root.find("body")
    start = body if body is not None else root
    stack = [(start, 0)]
    while stack:
        el, phase = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is not None:
            tag = tag.lower()
            if ":" in tag:
                tag = tag.split(":", 1)[1]
        if phase == 0:
            if tag is None or tag in drop or (skip_hidden and _is_hidden(el)):
                if el.tail:
                    buf.append(el.tail)
                continue
            if tag in BLOCK or tag == "br":
                flush()
            if tag == "img" or tag == "input":
                pass
            elif el.text:
                buf.append(el.text)
            stack.append((el, 1))
            for child in reversed(el):
                stack.append((child, 0))
        else:
            if tag in BLOCK:
                flush()
                if blank_lines and tag in PARA:
                    pending_blank[0] = True
            if el is not start and el.tail:
                buf.append(el.tail)
    flush()
    return lines


def clean_lines(raw_lines):
    """Collapse whitespace inside lines and runs of blank lines; trim blank ends."""
    out = []
    for line in raw_lines:
        line = _WS.sub(" ", line).strip()
        if not line:
            if out and out[-1] != "":
                out.append("")
            continue
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    return out


def _list_start(state, _tag):
    state.li_counter.append("")  # no "* " / "1. " bullets: scrapers do not add them


def _list_end(state):
    state.li_counter.pop()


def render_inscriptis(root):
    from inscriptis import Inscriptis
    from inscriptis.model.config import ParserConfig
    from inscriptis.model.tag import CustomHtmlTagHandlerMapping

    lists = CustomHtmlTagHandlerMapping(start_tag_mapping={"ul": _list_start, "ol": _list_start},
                                        end_tag_mapping={"ul": _list_end, "ol": _list_end})
    config = ParserConfig(display_images=False, display_links=False,
                          custom_html_tag_handler_mapping=lists)
    text = Inscriptis(root, config).get_text()
    return clean_lines(text.split("\n"))
