"""Received HTML made safe to show: no scripts, and no remote content that reports a read.

In time linear in its length, however it is built: see _bounded_nesting.
"""

from __future__ import annotations

import re

import nh3

_ALLOWED_TAGS = frozenset(nh3.ALLOWED_TAGS | {"font", "center"})
# Remote content the sanitiser drops silently (styles, backgrounds, linked stylesheets):
# still worth the "Remote images blocked" note.
# ([^<>]*, not [^>]*: "<link" 40,000 times over, each scanning to the end, took 172 s.)
_REMOTE_ELSEWHERE = re.compile(
    r"""url\(\s*['"]?\s*(?:https?:)?//|\bbackground\s*=\s*['"]?\s*(?:https?:)?//"""
    r"""|<link\b[^<>]*\bhref\s*=\s*['"]?\s*(?:https?:)?//""",
    re.IGNORECASE,
)
_REMOTE_URL = re.compile(r"\s*(?:https?:)?//", re.IGNORECASE)


# The sanitiser's HTML parser (html5ever) walks its stack of open elements for many tags:
# 40,000 nested <div>s took 10 s, and "<span><div></span>" over and over as long (each
# </span> is ignored, so the divs never close). Deeper than this, opening tags are dropped
# (their text stays); mail from real programs nests a few dozen deep at most.
MAX_NESTING = 128
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*")
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta",
    "param", "source", "track", "wbr",
})  # fmt: skip
# Opening tags that close an open <p> on top of the stack, as browsers do.
_CLOSES_P = frozenset({
    "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "menu", "nav",
    "ol", "p", "pre", "section", "table", "ul",
})  # fmt: skip
# Opening tags that close one of these on top of the stack (a list item, a cell...).
_CLOSES = {
    "li": frozenset({"li"}),
    "dt": frozenset({"dt", "dd"}),
    "dd": frozenset({"dt", "dd"}),
    "td": frozenset({"td", "th"}),
    "th": frozenset({"td", "th"}),
    "tr": frozenset({"td", "th", "tr"}),
    "option": frozenset({"option"}),
}


def _bounded_nesting(html: str) -> str:
    """html with the opening tags dropped that would nest deeper than MAX_NESTING.

    The depth is estimated on the high side: an end tag closes only the element on top (a
    browser may close more), an opening tag only what a browser surely closes too (a list
    item the next one). So the parser's stack stays near MAX_NESTING at most, and its work
    linear. One pass over the tags, O(1) each.
    """
    stack: list[str] = []
    kept: list[str] = []
    position = 0
    for tag in _TAG.finditer(html):
        closing, name = tag.group(1), tag.group(2).lower()
        if name in _VOID:
            continue
        if closing:
            if stack and stack[-1] == name:
                stack.pop()
            continue
        if stack and (stack[-1] == "p" and name in _CLOSES_P or stack[-1] in _CLOSES.get(name, ())):
            stack.pop()
            if name == "tr" and stack and stack[-1] == "tr":
                stack.pop()
        if len(stack) < MAX_NESTING:
            stack.append(name)
            continue
        kept.append(html[position : tag.start()])
        position = tag.end()
    if not kept:
        return html
    kept.append(html[position:])
    return "".join(kept)


def clean_html(html: str) -> tuple[str, bool]:
    """HTML safe to show, and whether remote content (which would tell the sender the mail
    was opened) was removed. Scripts, styles and event handlers go; links stay, with
    rel="noopener noreferrer"; images from the web lose their source and keep their alt
    text; cid: images (parts of the message) stay for the reader to resolve or ignore."""
    blocked = bool(_REMOTE_ELSEWHERE.search(html))

    def keep_local(tag: str, attribute: str, value: str) -> str | None:
        nonlocal blocked
        if attribute in ("src", "srcset", "background") and _REMOTE_URL.match(value):
            blocked = True
            return None
        return value

    cleaned = nh3.clean(
        _bounded_nesting(html),
        tags=set(_ALLOWED_TAGS),
        clean_content_tags={"script", "style", "title"},
        url_schemes={"http", "https", "mailto", "cid"},
        attribute_filter=keep_local,
        strip_comments=True,
    )
    return cleaned, blocked
