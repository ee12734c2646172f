"""Search results over a group's archive as a list model, one row per conversation, each
also as rich text."""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from pont.core.archive.search import SNIPPET_END, SNIPPET_START, ConversationHit
from pont.ui.conversations.formatting import friendly_time, snippet_html

AnyIndex = QModelIndex | QPersistentModelIndex

_ROOT = QModelIndex()
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
# The hit as HTML for the results delegate: subject, sender and date, then the snippet.
HTML_ROLE = int(Qt.ItemDataRole.UserRole) + 1


translate = QCoreApplication.translate


def _parts(found: ConversationHit, now: datetime | None) -> tuple[str, str, str, str]:
    """The conversation's subject, how many of its messages match, and the best one's
    sender and date."""
    hit = found.best
    subject = found.subject or translate("SearchResultsModel", "(no subject)")
    count = (
        translate("SearchResultsModel", "1 matching message")
        if found.matches == 1
        else translate("SearchResultsModel", "{n} matching messages").format(n=found.matches)
    )
    sender = hit.sender.display if hit.sender else translate("SearchResultsModel", "unknown sender")
    return subject, count, sender, friendly_time(hit.sent, now)


def hit_html(found: ConversationHit, now: datetime | None = None) -> str:
    subject, count, sender, when = _parts(found, now)
    byline = " · ".join(html.escape(part) for part in (count, sender, when) if part)
    return (
        f"<b>{html.escape(subject)}</b>"
        f"&nbsp;&nbsp;<span class='byline'>{byline}</span>"
        f"<br>{snippet_html(found.best.snippet)}"
    )


def hit_text(found: ConversationHit, now: datetime | None = None) -> str:
    """The row as plain text, for screen readers and copying."""
    snippet = found.best.snippet.replace(SNIPPET_START, "").replace(SNIPPET_END, "")
    return " — ".join(part for part in (*_parts(found, now), snippet) if part)


class SearchResultsModel(QAbstractListModel):
    """The conversations matching a search, best first, as
    archive.search.search_conversations returned them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[ConversationHit] = []
        self._now: datetime | None = None

    def set_hits(self, hits: Iterable[ConversationHit], now: datetime | None = None) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self._now = now
        self.endResetModel()

    def hit(self, row: int) -> ConversationHit:
        return self._hits[row]

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        hit = self._hits[index.row()]
        if role in (_DISPLAY, int(Qt.ItemDataRole.AccessibleTextRole)):
            return hit_text(hit, self._now)
        if role == HTML_ROLE:
            return hit_html(hit, self._now)
        return None
