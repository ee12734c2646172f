"""Reads one conversation: its messages in order, quotes folded, attachments to save.

Received HTML goes through the core's clean_html, and the reader itself loads nothing from
outside the message: a remote picture would tell the sender the mail was read, and when.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QPalette
from PySide6.QtWidgets import QTextBrowser, QWidget

from pont.core.archive.html_cleaning import clean_html
from pont.core.archive.reading import ArchivedMessage
from pont.core.archive.threads import Thread
from pont.ui.conversations.formatting import (
    Segment,
    full_time,
    human_size,
    people_summary,
    plain_to_html,
    split_html_quotes,
    split_quoted,
)
from pont.ui.widgets.look import WARM_NOTE, follow_palette, note_colours, system_palette

QUOTE_SCHEME = "pont-quote"  # pont-quote:<message id> folds or unfolds that message's quotes
SAVE_SCHEME = "pont-save"  # pont-save:<attachment id>
OPEN_SCHEME = "pont-open"  # pont-open:<attachment id> opens it in its own program
# pont-answer:<action>/<message id>: reply to the group, to the sender alone, or forward it
ANSWER_SCHEME = "pont-answer"
ANSWER_ACTIONS = ("group", "sender", "forward")
SOURCE_SCHEME = "pont-source"  # pont-source:<message id> saves the message as received
# The reader formats and lays out a thread on the GUI thread, in one go: of each message it
# shows at most this much (a few tenths of a second), so no message can freeze the window.
# The whole message is in the archive, and the coordinator can save it.
SHOWN_CHARACTERS = 100_000
SHOWN_LINES = 3_000
_OPENED_OUTSIDE = frozenset({"http", "https", "mailto"})
_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ALT = re.compile(r'\balt="([^"]*)"')


def _without_images(markup: str) -> str:
    """The cleaned HTML with each picture replaced by its description, if it has one: the
    reader loads no pictures, and Qt would draw a broken-file icon in their place."""

    def described(match: re.Match[str]) -> str:
        alt = _ALT.search(match.group(0))
        return f"<span class='quiet'>[{alt.group(1)}]</span>" if alt and alt.group(1) else ""

    return _IMAGE.sub(described, markup)


def message_anchor(message_id: int) -> str:
    return f"m{message_id}"


def shown_part(text: str, html: bool = False) -> tuple[str, bool]:
    """What the reader shows of a message's text (or HTML: the sanitiser closes what the
    cut leaves open), and whether that is not all of it."""
    end = min(len(text), SHOWN_CHARACTERS)
    if not html:
        position = -1
        for _ in range(SHOWN_LINES):
            position = text.find("\n", position + 1, end)
            if position < 0:
                break
        else:
            end = position
    return text[:end], end < len(text)


class MessageReader(QTextBrowser):
    """Shows a thread as one document. Links from a message open in the web browser or mail
    program only when clicked; the reader's own links fold quotes and save attachments.

    Signals:
        attachment_save_requested(int, str): the id and file name of an attachment to save.
        source_save_requested(int, str): the id and subject of a message to save as received.
        attachment_open_requested(int, str): the id and file name of an attachment to open.
        answer_requested(str, int): "group", "sender" or "forward", and the message's id.
    """

    attachment_save_requested = Signal(int, str)
    source_save_requested = Signal(int, str)
    attachment_open_requested = Signal(int, str)
    answer_requested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName(self.tr("Conversation"))
        self.setAccessibleDescription(
            self.tr(
                "The messages of the chosen conversation, oldest first. Tab moves between its "
                "links (quoted text, images, attachments) and Enter follows one"
            )
        )
        self.anchorClicked.connect(self._anchor_clicked)
        self.highlighted.connect(self._link_hovered)
        self._thread: Thread | None = None
        self._messages: list[ArchivedMessage] = []
        self._expanded: set[int] = set()
        self._blocked: set[int] = set()
        self._placeholder = ""
        follow_palette(self, self._restyle)  # shows the placeholder: no thread yet

    # -- what is shown --------------------------------------------------------------------

    @property
    def thread(self) -> Thread | None:
        return self._thread

    def messages(self) -> list[ArchivedMessage]:
        return list(self._messages)

    def is_expanded(self, message_id: int) -> bool:
        return message_id in self._expanded

    def has_blocked_content(self, message_id: int) -> bool:
        """Whether remote content was removed from this message's HTML."""
        return message_id in self._blocked

    def show_placeholder(self, text: str = "") -> None:
        self._thread, self._messages = None, []
        self._expanded.clear()
        self._blocked.clear()
        self._placeholder = text
        text = text or self.tr("Choose a conversation to read it here.")
        self.setHtml(f"<p align='center' class='quiet'><br><br>{html.escape(text)}</p>")

    def show_thread(
        self, thread: Thread, messages: Sequence[ArchivedMessage], message_id: int | None = None
    ) -> None:
        """Show the thread from the top, or scrolled to one of its messages."""
        if self._thread is None or self._thread.id != thread.id:
            self._expanded.clear()
        self._thread, self._messages = thread, list(messages)
        self._render()
        if message_id is not None:
            self.scroll_to_message(message_id)
        else:
            self.verticalScrollBar().setValue(0)

    def scroll_to_message(self, message_id: int) -> None:
        self.scrollToAnchor(message_anchor(message_id))

    def message(self, message_id: int) -> ArchivedMessage | None:
        return next((m for m in self._messages if m.id == message_id), None)

    def at_end(self) -> bool:
        """Whether the reader shows the end of the conversation (read to the bottom)."""
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - 4

    def toggle_quotes(self, message_id: int) -> None:
        """Unfold the message's quoted text, or fold it away again."""
        self._expanded ^= {message_id}
        position = self.verticalScrollBar().value()
        self._render()
        self.verticalScrollBar().setValue(position)

    # -- building the document ------------------------------------------------------------

    def _restyle(self) -> None:
        """The document's colours for the system's palette, light or dark, now."""
        self._apply_style()
        if self._thread is None:
            self.show_placeholder(self._placeholder)
            return
        position = self.verticalScrollBar().value()
        self._render()
        self.verticalScrollBar().setValue(position)

    def _apply_style(self) -> None:
        palette = system_palette(self)
        quiet = QColor(palette.color(QPalette.ColorRole.Text))
        quiet.setAlphaF(0.62)
        self.document().setDefaultStyleSheet(
            f".quiet {{ color: {quiet.name(QColor.NameFormat.HexArgb)}; }}"
            f".quote {{ color: {quiet.name(QColor.NameFormat.HexArgb)}; }}"
            "h2 { margin-bottom: 2px; }"
            ".from { font-weight: bold; }"
        )

    def _render(self) -> None:
        thread = self._thread
        if thread is None:
            return
        self._blocked.clear()
        subject = html.escape(thread.subject or self.tr("(no subject)"))
        count = len(self._messages)
        summary = self.tr("1 message") if count == 1 else self.tr("{n} messages").format(n=count)
        people = html.escape(people_summary(thread.participants, shown=4))
        parts = [f"<h2>{subject}</h2><p class='quiet'>{summary} · {people}</p>"]
        parts.extend(self._message_html(message) for message in self._messages)
        self.setHtml("".join(parts))

    def _message_html(self, message: ArchivedMessage) -> str:
        sender = message.sender
        if sender is None:
            who = html.escape(self.tr("Unknown sender"))
        elif sender.name:
            who = (
                f"<span class='from'>{html.escape(sender.name)}</span> "
                f"<span class='quiet'>&lt;{html.escape(sender.email)}&gt;</span>"
            )
        else:
            who = f"<span class='from'>{html.escape(sender.email)}</span>"
        when = html.escape(full_time(message.sent))
        parts = [
            "<hr>",
            f"<a name='{message_anchor(message.id)}'></a>",
            "<table width='100%' cellspacing='0' cellpadding='0'><tr>"
            f"<td>{who}</td><td align='right' class='quiet'>{when}</td></tr></table>",
        ]
        parts.append(self._answer_links(message.id))
        if message.recipients:
            to = html.escape(
                self.tr("To {people}").format(people=people_summary(message.recipients, shown=3))
            )
            parts.append(f"<p class='quiet' style='margin-top: 2px'>{to}</p>")
        parts.append(self._body_html(message))
        parts.extend(self._attachments_html(message))
        return "".join(parts)

    def _answer_links(self, message_id: int) -> str:
        """Reply to the group, reply to the sender alone, forward: for this message."""
        words = (
            (ANSWER_ACTIONS[0], self.tr("Reply to group")),
            (ANSWER_ACTIONS[1], self.tr("Reply to sender")),
            (ANSWER_ACTIONS[2], self.tr("Forward")),
        )
        links = " · ".join(
            f"<a href='{ANSWER_SCHEME}:{action}/{message_id}'>{html.escape(text)}</a>"
            for action, text in words
        )
        return f"<p class='quiet' style='margin-top: 2px'>{links}</p>"

    def _notes_html(self, message: ArchivedMessage, cut: bool) -> str:
        """A quiet line saying the message is shown only in part, and how to get all of it."""
        notes = []
        if message.problems:
            notes.append(
                self.tr(
                    "Pont could not read all of this message: some of its text may be missing "
                    "or wrong."
                )
            )
        if cut:
            notes.append(self.tr("Only the beginning of this long message is shown."))
        if not notes:
            return ""
        save = html.escape(self.tr("Save the message as received…"))
        return (
            f"<p class='quiet'>{html.escape(' '.join(notes))} "
            f"<a href='{SOURCE_SCHEME}:{message.id}'>{save}</a></p>"
        )

    def _body_html(self, message: ArchivedMessage) -> str:
        if message.body_html.strip():
            markup, cut = shown_part(message.body_html, html=True)
            return self._notes_html(message, cut) + self._html_segments(message, markup)
        text, cut = shown_part(message.body_text)
        return self._notes_html(message, cut) + self._segments_html(
            message.id, split_quoted(text), plain=True
        )

    def _html_segments(self, message: ArchivedMessage, markup: str) -> str:
        cleaned, blocked = clean_html(markup)
        segments = split_html_quotes(_without_images(cleaned))
        prefix = ""
        if blocked:
            self._blocked.add(message.id)
            # As the hint bar above the members table, readable on a light or dark palette.
            background, _border, text = note_colours(system_palette(self), WARM_NOTE)
            blocked_words = html.escape(self.tr("Remote images blocked."))
            why = html.escape(
                self.tr(
                    "Pont never loads pictures from the internet, so the sender cannot "
                    "tell when you read this."
                )
            )
            prefix = (
                f"<table width='100%' cellpadding='6' bgcolor='{background}'>"
                f"<tr><td style='color: {text}'><b>{blocked_words}</b> {why}</td></tr></table>"
            )
        return prefix + self._segments_html(message.id, segments, plain=False)

    def _segments_html(self, message_id: int, segments: list[Segment], plain: bool) -> str:
        expanded = message_id in self._expanded
        has_quotes = any(segment.quoted for segment in segments)
        link = f"{QUOTE_SCHEME}:{message_id}"
        show = html.escape(self.tr("Show quoted text"))
        parts: list[str] = []
        for segment in segments:
            body = plain_to_html(segment.text) if plain else segment.text
            if not segment.quoted:
                parts.append(f"<div>{body}</div>")
            elif expanded:
                parts.append(f"<div class='quote'>{body}</div>")
            elif not parts or not parts[-1].startswith("<p><a href"):
                parts.append(f"<p><a href='{link}'>{show}</a></p>")
        if expanded and has_quotes:
            hide = html.escape(self.tr("Hide quoted text"))
            parts.append(f"<p><a href='{link}'>{hide}</a></p>")
        return "".join(parts)

    def _attachments_html(self, message: ArchivedMessage) -> list[str]:
        if not message.attachments:
            return []
        rows = []
        for attachment in message.attachments:
            name = html.escape(attachment.filename or self.tr("attachment"))
            size = html.escape(human_size(attachment.size))
            save = html.escape(self.tr("Save…"))
            open_ = html.escape(self.tr("Open"))
            rows.append(
                f"<tr><td>📎 {name} <span class='quiet'>({size})</span>&nbsp;&nbsp;"
                f"<a href='{OPEN_SCHEME}:{attachment.id}'>{open_}</a>&nbsp;&nbsp;"
                f"<a href='{SAVE_SCHEME}:{attachment.id}'>{save}</a></td></tr>"
            )
        return [
            "<table cellspacing='0' cellpadding='2' style='margin-top: 6px'>",
            *rows,
            "</table>",
        ]

    # -- links and resources --------------------------------------------------------------

    def loadResource(self, type_: int, url: QUrl) -> Any:
        # Only pictures inside the document itself; never the web, never a local file.
        if url.scheme() == "data":
            return super().loadResource(type_, url)
        return None

    def _anchor_clicked(self, url: QUrl) -> None:
        scheme = url.scheme()
        if scheme == QUOTE_SCHEME and url.path().isdigit():
            self.toggle_quotes(int(url.path()))
        elif scheme in (SAVE_SCHEME, OPEN_SCHEME) and url.path().isdigit():
            attachment_id = int(url.path())
            name = next(
                (
                    a.filename
                    for m in self._messages
                    for a in m.attachments
                    if a.id == attachment_id
                ),
                "",
            )
            if scheme == SAVE_SCHEME:
                self.attachment_save_requested.emit(attachment_id, name)
            else:
                self.attachment_open_requested.emit(attachment_id, name)
        elif scheme == ANSWER_SCHEME:
            action, _, number = url.path().partition("/")
            if action in ANSWER_ACTIONS and number.isdigit():
                self.answer_requested.emit(action, int(number))
        elif scheme == SOURCE_SCHEME and url.path().isdigit():
            message_id = int(url.path())
            subject = next((m.subject for m in self._messages if m.id == message_id), "")
            self.source_save_requested.emit(message_id, subject)
        elif scheme in _OPENED_OUTSIDE:
            QDesktopServices.openUrl(url)
        elif not scheme and url.hasFragment():
            self.scrollToAnchor(url.fragment())

    def _link_hovered(self, url: QUrl) -> None:
        # A link's words can say one place and lead to another: show where it really goes.
        shown = url.toString() if url.scheme() in _OPENED_OUTSIDE else ""
        self.setToolTip(shown)
