"""Received HTML made safe to show: no scripts, and no remote content that reports a read."""

from __future__ import annotations

import re

import nh3

_ALLOWED_TAGS = frozenset(nh3.ALLOWED_TAGS | {"font", "center"})
# Remote content the sanitiser drops silently (styles, backgrounds, linked stylesheets):
# still worth the "Remote images blocked" note.
_REMOTE_ELSEWHERE = re.compile(
    r"""url\(\s*['"]?\s*(?:https?:)?//|\bbackground\s*=\s*['"]?\s*(?:https?:)?//"""
    r"""|<link\b[^>]*\bhref\s*=\s*['"]?\s*(?:https?:)?//""",
    re.IGNORECASE,
)
_REMOTE_URL = re.compile(r"\s*(?:https?:)?//", re.IGNORECASE)


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
        html,
        tags=set(_ALLOWED_TAGS),
        clean_content_tags={"script", "style", "title"},
        url_schemes={"http", "https", "mailto", "cid"},
        attribute_filter=keep_local,
        strip_comments=True,
    )
    return cleaned, blocked
