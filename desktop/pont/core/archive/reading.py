"""Reading the group archive: a thread's messages, one message, an attachment, post counts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pont.core.archive.columns import addresses_from_json, moment_from_iso, sender_address
from pont.core.archive.message_headers import Address
from pont.core.archive.messages import part_content
from pont.core.errors import AttachmentNotFound, MessageNotFound

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True, slots=True)
class StoredAttachment:
    id: int
    filename: str
    content_type: str
    size: int


@dataclass(frozen=True, slots=True)
class ArchivedMessage:
    id: int
    message_key: str
    subject: str
    sender: Address | None
    recipients: tuple[Address, ...]
    sent: datetime | None
    body_text: str
    body_html: str  # as received: pass it through clean_html() before showing it
    attachments: tuple[StoredAttachment, ...]
    references: tuple[str, ...] = ()  # message keys from its References, oldest first
    # Why it could not be read exactly ('charset', 'structure'...); () when read in full.
    problems: tuple[str, ...] = ()


_MESSAGE_COLUMNS = (
    "m.id, m.message_key, m.subject, m.sender_name, m.sender_email, m.recipients,"
    " m.sent, m.body_text, m.body_html, m.refs, m.problems"
)


def _archived_messages(db: Database, rows: list[tuple[Any, ...]]) -> list[ArchivedMessage]:
    attachments: dict[int, list[StoredAttachment]] = {}
    ids = [row[0] for row in rows]
    if ids:
        for attachment_id, message_id, filename, content_type, size in db.execute(
            "SELECT id, message_id, filename, content_type, size FROM attachments"
            f" WHERE message_id IN ({', '.join('?' * len(ids))}) ORDER BY part_index",
            ids,
        ):
            attachments.setdefault(message_id, []).append(
                StoredAttachment(attachment_id, filename, content_type, size)
            )
    messages = []
    for row in rows:
        (message_id, key, subject, name, email, recipients, sent) = row[:7]
        body_text, body_html, refs, problems = row[7:]
        messages.append(
            ArchivedMessage(
                id=message_id,
                message_key=key,
                subject=subject,
                sender=sender_address(name, email),
                recipients=addresses_from_json(recipients),
                sent=moment_from_iso(sent),
                body_text=body_text,
                body_html=body_html,
                attachments=tuple(attachments.get(message_id, ())),
                references=tuple(json.loads(refs or "[]")),
                problems=tuple(json.loads(problems or "[]")),
            )
        )
    return messages


def thread_messages(db: Database, thread_id: int) -> list[ArchivedMessage]:
    """The thread's messages, oldest first, with their attachments."""
    rows = db.execute(
        f"SELECT {_MESSAGE_COLUMNS} FROM message_groups mg"
        " JOIN messages m ON m.id = mg.message_id WHERE mg.thread_id = ?"
        " ORDER BY m.sent IS NULL, m.sent, m.id",
        [thread_id],
    ).fetchall()
    return _archived_messages(db, rows)


def find_message(db: Database, message_key: str) -> ArchivedMessage | None:
    """The archived message with this key (a Message-ID without <>), if the archive has it."""
    rows = db.execute(
        f"SELECT {_MESSAGE_COLUMNS} FROM messages m WHERE m.message_key = ?", [message_key]
    ).fetchall()
    found = _archived_messages(db, rows)
    return found[0] if found else None


def attachment_data(db: Database, attachment_id: int) -> tuple[str, bytes]:
    """(filename, content) of a stored attachment, decoded from the message's source."""
    row = db.execute(
        "SELECT a.filename, a.part_index, s.raw FROM attachments a"
        " JOIN message_sources s ON s.message_id = a.message_id WHERE a.id = ?",
        [attachment_id],
    ).fetchone()
    content = part_content(row[2], row[1]) if row else None
    if row is None or content is None:
        raise AttachmentNotFound(row[0] if row else "")
    return row[0], content


@dataclass(frozen=True, slots=True)
class PostStats:
    posts: int
    last_post: datetime | None


def member_post_stats(db: Database, group_id: int) -> dict[str, PostStats]:
    """Posts and last post date in the group's archive, by the sender's address_key."""
    rows = db.execute(
        "SELECT m.sender_key, count(*), max(m.sent) FROM message_groups mg"
        " JOIN messages m ON m.id = mg.message_id"
        " WHERE mg.group_id = ? AND m.sender_key != '' GROUP BY m.sender_key",
        [group_id],
    )
    return {key: PostStats(posts, moment_from_iso(last)) for key, posts, last in rows}


def message_source(db: Database, message_id: int) -> bytes:
    """The message exactly as it was received (an .eml file's content)."""
    row = db.execute(
        "SELECT raw FROM message_sources WHERE message_id = ?", [message_id]
    ).fetchone()
    if row is None:
        raise MessageNotFound()
    return bytes(row[0])
