"""What "Reply to group" needs from the message replied to: its subject, threading keys and
the words to quote ("On DATE, NAME wrote:" in the window's language, and "> " lines or a
blockquote in HTML), and the composer's tick box to quote it or not."""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox

from pont.core.archive.reading import find_message
from pont.ui.conversations.formatting import full_time

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.archive.reading import ArchivedMessage
    from pont.core.posting.posts import PostContent

translate = QCoreApplication.translate


@dataclass(frozen=True, slots=True)
class ReplySource:
    message_key: str
    subject: str
    author: str  # the sender's name, else their address
    sent: datetime | None
    body_text: str
    references: tuple[str, ...]  # the message's own References, oldest first

    def thread_keys(self) -> tuple[str, ...]:
        """References for the reply: the message's own, then the message itself."""
        return (*self.references, self.message_key)

    def attribution(self) -> str:
        if self.sent is None:
            return translate("ReplySource", "{name} wrote:").format(name=self.author)
        return translate("ReplySource", "On {date}, {name} wrote:").format(
            date=full_time(self.sent), name=self.author
        )

    def quoted_text(self) -> str:
        lines = self.body_text.strip("\n").splitlines() or [""]
        return "\n".join([self.attribution(), *(f"> {line}".rstrip() for line in lines)])

    def quoted_html(self) -> str:
        body = html.escape(self.body_text.strip("\n")).replace("\n", "<br>")
        return (
            f"<p>{html.escape(self.attribution())}</p>"
            '<blockquote style="margin:0 0 0 0.8ex;border-left:2px solid #ccc;padding-left:1ex">'
            f"{body}</blockquote>"
        )


def reply_source(message: ArchivedMessage) -> ReplySource:
    return ReplySource(
        message_key=message.message_key,
        subject=message.subject,
        author=(
            (message.sender.name or message.sender.email)
            if message.sender
            else translate("ReplySource", "Someone")
        ),
        sent=message.sent,
        body_text=message.body_text,
        references=message.references,
    )


def find_reply_source(db: Database, message_key: str) -> ReplySource | None:
    """The archived message a draft replies to, when the archive still holds it."""
    message = find_message(db, message_key)
    return reply_source(message) if message else None


def with_quote(text: str, markup: str, source: ReplySource) -> tuple[str, str]:
    """The post's text and HTML with the message replied to quoted under them."""
    text = f"{text.rstrip()}\n\n{source.quoted_text()}".lstrip("\n")
    if markup:
        end = markup.lower().rfind("</body>")
        quote = source.quoted_html()
        markup = markup[:end] + quote + markup[end:] if end >= 0 else markup + quote
    return text, markup


class QuoteCheck(QCheckBox):
    """The composer's choice to carry the message replied to under the reply; hidden for a
    new post. Its words were the composer window's and are translated under its name."""

    def __init__(self, reply: ReplySource | None) -> None:
        super().__init__(translate("ComposerWindow", "Include their &message"))
        self._reply = reply
        self.setChecked(True)
        if reply is None:
            # Hidden, not shown: shown before it has a parent, it would open as a window.
            self.hide()
        else:
            self.setText(
                translate("ComposerWindow", "Include {author}’s &message under yours").format(
                    author=reply.author
                )
            )
            self.setToolTip(reply.quoted_text()[:600])

    def quoted(self, content: PostContent) -> PostContent:
        """The post's content, with the message replied to under it when chosen."""
        if self._reply is None or not self.isChecked():
            return content
        text, markup = with_quote(content.body_text, content.body_html, self._reply)
        return replace(content, body_text=text, body_html=markup)


def forwarded_text(message: ArchivedMessage) -> str:
    """The message as a forward carries it under the coordinator's words: a header block
    (as Thunderbird writes it, in the window's language), then its text."""
    from pont.ui.conversations.formatting import people_summary

    who = message.sender
    if who is None:
        sender = translate("ReplySource", "Someone")
    else:
        sender = f"{who.name} <{who.email}>" if who.name else who.email
    lines = [
        translate("ReplySource", "-------- Forwarded message --------"),
        translate("ReplySource", "Subject: {subject}").format(subject=message.subject),
        translate("ReplySource", "Date: {date}").format(date=full_time(message.sent)),
        translate("ReplySource", "From: {sender}").format(sender=sender),
    ]
    if message.recipients:
        people = people_summary(message.recipients, shown=len(message.recipients))
        lines.append(translate("ReplySource", "To: {people}").format(people=people))
    return "\n".join([*lines, "", message.body_text.strip("\n")])
