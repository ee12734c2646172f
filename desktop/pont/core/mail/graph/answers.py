"""Reading Microsoft Graph's answers: its error bodies, Retry-After, delta pages, and the
links to follow. Every byte is hostile: wrong types, huge values and missing keys become
GraphAnswerUnreadable (or are left out), never a crash, and a link is followed only when it
points back into the endpoint Pont was given, so an access token never goes elsewhere.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from pont.core.errors import GraphAddressUnusable, GraphAnswerUnreadable
from pont.core.i18n import translate

# Retry-After when Graph gives none, or none Pont can read; and the most it heeds.
DEFAULT_RETRY_AFTER = 10.0
LONGEST_RETRY_AFTER = 3600.0
_SECONDS = re.compile(r"[0-9]{1,9}")
# Graph's REST ids are long URL-safe base64 (~150 characters); anything else is refused.
_ID = re.compile(r"[A-Za-z0-9=_\-]{1,1024}")
ANSWER_LENGTH = 200


@dataclass(frozen=True, slots=True)
class DeltaPage:
    """One page of a delta query: message ids added (or changed) and removed; `delta_link`
    is set on the round's last page, and is the folder's sync state for next time."""

    added: list[str]
    removed: list[str]
    delta_link: str | None


@dataclass(frozen=True, slots=True)
class Endpoint:
    """Graph's root, such as https://graph.microsoft.com/v1.0."""

    url: str

    @classmethod
    def checked(cls, address: str) -> Endpoint:
        url = address.strip().rstrip("/")
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname or parts.query or parts.fragment:
            raise GraphAddressUnusable(address)
        return cls(url)

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or self.url

    def owns(self, link: str) -> bool:
        """Whether a link Graph gave points into this endpoint (same origin, same root)."""
        ours, theirs = urlsplit(self.url), urlsplit(link)
        return (
            theirs.scheme == ours.scheme
            and theirs.netloc.lower() == ours.netloc.lower()
            and (theirs.path + "/").startswith(ours.path + "/")
            and "\\" not in link
            and all(c.isprintable() and not c.isspace() for c in link)
        )


def short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= ANSWER_LENGTH else text[: ANSWER_LENGTH - 1].rstrip() + "…"


def parse_json(body: bytes, host: str) -> dict[str, object]:
    """A JSON object, or GraphAnswerUnreadable."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        raise GraphAnswerUnreadable(host, translate("Graph", "not JSON")) from error
    if not isinstance(data, dict):
        raise GraphAnswerUnreadable(host, translate("Graph", "not a JSON object"))
    return data


def error_words(body: bytes) -> tuple[str, str]:
    """Graph's error code and message from an error body ({"error": {"code", "message"}}),
    each short and on one line; ('', '') when the body says neither."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return "", ""
    error = data.get("error") if isinstance(data, dict) else None
    if not isinstance(error, dict):
        return "", ""
    code, message = error.get("code"), error.get("message")
    return (
        short(code) if isinstance(code, str) else "",
        short(message) if isinstance(message, str) else "",
    )


def retry_after(headers: Mapping[str, str], now: float | None = None) -> float:
    """Seconds to wait, from Retry-After (seconds, or an HTTP date), within reason."""
    value = headers.get("retry-after", "").strip()
    seconds = DEFAULT_RETRY_AFTER
    if _SECONDS.fullmatch(value):
        seconds = float(value)
    elif value and len(value) < 64:
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            moment = None
        if moment is not None and moment.tzinfo is not None:
            seconds = moment.timestamp() - (now if now is not None else time.time())
    return max(1.0, min(LONGEST_RETRY_AFTER, seconds))


def message_id(value: object) -> str | None:
    """A Graph message id fit to put in a URL path (quoted), or None."""
    return value if isinstance(value, str) and _ID.fullmatch(value) else None


def delta_page(data: dict[str, object], endpoint: Endpoint) -> tuple[DeltaPage, str | None]:
    """The page, and the next link to follow (None on the last page, which has the delta
    link). Items Pont cannot read are left out; a page without either link, or with a link
    out of the endpoint, is unreadable."""
    items = data.get("value")
    if not isinstance(items, list):
        raise GraphAnswerUnreadable(endpoint.host, translate("Graph", "a delta page without items"))
    added: list[str] = []
    removed: list[str] = []
    for item in items:
        if not isinstance(item, dict):
            continue
        found = message_id(item.get("id"))
        if found is None:
            continue
        (removed if "@removed" in item else added).append(found)
    next_link, delta_link = data.get("@odata.nextLink"), data.get("@odata.deltaLink")
    link = next_link if next_link is not None else delta_link
    if not isinstance(link, str) or (next_link is not None and delta_link is not None):
        raise GraphAnswerUnreadable(
            endpoint.host, translate("Graph", "a delta page without its link")
        )
    if not endpoint.owns(link):
        raise GraphAnswerUnreadable(endpoint.host, translate("Graph", "a link to somewhere else"))
    if next_link is not None:
        return DeltaPage(added, removed, None), link
    return DeltaPage(added, removed, link), None


def listed_ids(data: dict[str, object], host: str) -> list[str]:
    """The ids of a list of messages ({"value": [{"id": …}, …]}), those Pont can read."""
    items = data.get("value")
    if not isinstance(items, list):
        raise GraphAnswerUnreadable(host, translate("Graph", "a list without items"))
    return [
        found
        for item in items
        if isinstance(item, dict) and (found := message_id(item.get("id"))) is not None
    ]


def mailbox_address(data: dict[str, object], host: str) -> str:
    """The signed-in user's address from /me: mail, else userPrincipalName."""
    for key in ("mail", "userPrincipalName"):
        value = data.get(key)
        if isinstance(value, str) and "@" in value and len(value) <= 320 and value.isprintable():
            return value.strip()
    raise GraphAnswerUnreadable(host, translate("Graph", "no mailbox address"))


def header_block(mime_start: bytes) -> bytes:
    """The header section at the start of a message (up to its blank line)."""
    ends = [
        found + len(end) for end in (b"\r\n\r\n", b"\n\n") if (found := mime_start.find(end)) >= 0
    ]
    return mime_start[: min(ends)] if ends else mime_start
