"""What "Reply to group" needs from the message replied to: its subject, threading keys and
the words to quote ("On DATE, NAME wrote:" and "> " lines, or a blockquote in HTML)."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from pont.ui.conversation_format import full_time

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.archive import ArchivedMessage


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
            return f"{self.author} wrote:"
        return f"On {full_time(self.sent)}, {self.author} wrote:"

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


def reply_source(db: Database, message: ArchivedMessage) -> ReplySource:
    return ReplySource(
        message_key=message.message_key,
        subject=message.subject,
        author=(message.sender.name or message.sender.email) if message.sender else "Someone",
        sent=message.sent,
        body_text=message.body_text,
        references=_references(db, message.message_key),
    )


def find_reply_source(db: Database, message_key: str) -> ReplySource | None:
    """The archived message a draft replies to, when the archive still holds it."""
    row = db.execute(
        "SELECT subject, sender_name, sender_email, sent, body_text, refs FROM messages"
        " WHERE message_key = ?",
        [message_key],
    ).fetchone()
    if row is None:
        return None
    subject, name, email, sent, body_text, refs = row
    return ReplySource(
        message_key,
        subject or "",
        name or email or "Someone",
        datetime.fromisoformat(sent) if sent else None,
        body_text or "",
        tuple(json.loads(refs or "[]")),
    )


def _references(db: Database, message_key: str) -> tuple[str, ...]:
    # The archive keeps each message's References, but its API hands out none (pont.core
    # could gain a message_references(); until then one indexed read here).
    row = db.execute("SELECT refs FROM messages WHERE message_key = ?", [message_key]).fetchone()
    return tuple(json.loads(row[0] or "[]")) if row else ()


def with_quote(text: str, markup: str, source: ReplySource) -> tuple[str, str]:
    """The post's text and HTML with the message replied to quoted under them."""
    text = f"{text.rstrip()}\n\n{source.quoted_text()}".lstrip("\n")
    if markup:
        end = markup.lower().rfind("</body>")
        quote = source.quoted_html()
        markup = markup[:end] + quote + markup[end:] if end >= 0 else markup + quote
    return text, markup
