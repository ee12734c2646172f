"""The status bar's word on the group's own mail: when Pont last relayed, and what waits."""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from pont.core import activity

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.group_mail.status import GroupMailStatus


def _count(number: int, one: str, many: str) -> str:
    return (one if number == 1 else many).format(n=f"{number:,}")


class GroupMailStatusLabel(QLabel):
    """ "Last relayed 14:05 · 2 held posts · 1 request · 3 in the outbox"; hidden while there
    is nothing to say. refresh() after each sync and send. What waits is a link (mouse or
    keyboard) that opens its window.

    Signals:
        opened(str): "held", "requests" or "outbox" was chosen.
    """

    opened = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Group mail"))
        self.setStyleSheet("QLabel { padding: 0 6px; }")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.linkActivated.connect(self.opened.emit)
        self.hide()

    def refresh(self, db: Database) -> str:
        """Show the group mail's status; returns it as plain text (for the tray)."""
        from pont.core.group_mail.status import group_mail_status

        parts = self.parts(group_mail_status(db))
        text = " · ".join(words for _, words in parts)
        self.setText(
            " · ".join(
                f'<a href="{link}">{escape(words)}</a>' if link else escape(words)
                for link, words in parts
            )
        )
        self.setToolTip(text)
        # The status bar squeezed a label that grew after it was laid out: "Last relayed 1".
        self.setMinimumWidth(self.sizeHint().width())
        self.setVisible(bool(text))
        return text

    def describe(self, status: GroupMailStatus, now: datetime | None = None) -> str:
        return " · ".join(words for _, words in self.parts(status, now))

    def parts(self, status: GroupMailStatus, now: datetime | None = None) -> list[tuple[str, str]]:
        """Each part's words, with the window it opens ("" for none)."""
        parts = []
        if status.last_relayed is not None:
            when = self._when(status.last_relayed, now)
            parts.append(("", self.tr("Last relayed {when}").format(when=when)))
        if status.held:
            held = _count(status.held, self.tr("{n} held post"), self.tr("{n} held posts"))
            parts.append(("held", held))
        if status.requests:
            requests = _count(status.requests, self.tr("{n} request"), self.tr("{n} requests"))
            parts.append(("requests", requests))
        if status.outbox:
            parts.append(("outbox", self.tr("{n} in the outbox").format(n=f"{status.outbox:,}")))
        return parts

    def _when(self, moment: datetime, now: datetime | None) -> str:
        """The local time today; the day and time before that, in the window's language."""
        from PySide6.QtCore import QDate, QLocale

        local = moment.astimezone()
        today = (now or activity.now()).astimezone().date()
        time = local.strftime("%H:%M")
        if local.date() == today:
            return time
        day = QLocale().toString(QDate(local.year, local.month, local.day), "d MMM")
        return f"{day} {time}"
