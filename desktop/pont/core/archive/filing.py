"""The group archive: which mail is group traffic, and storing it once."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from pont.core.archive.columns import iso_utc
from pont.core.archive.message_headers import MessageHeaders
from pont.core.archive.messages import ParsedMessage
from pont.core.archive.spool import SpooledRaw
from pont.core.members.addresses import address_key

if TYPE_CHECKING:
    from sqlite_utils import Database

# A group is addressed when a message reaches at least this share of its current members,
# and at least MIN_ADDRESSED of them: a note to two colleagues in a group of three is not.
ADDRESSED_SHARE = 0.5
MIN_ADDRESSED = 3

_SUBJECT_TAG = re.compile(r"\[([^\[\]]+)\]")


@dataclass(frozen=True, slots=True)
class _GroupRule:
    group_id: int
    list_id: str
    member_keys: frozenset[str]

    @property
    def addressed_threshold(self) -> int:
        return max(MIN_ADDRESSED, math.ceil(len(self.member_keys) * ADDRESSED_SHARE))


class GroupMatcher:
    """Decides which groups a message belongs to, from its headers alone.

    Loaded once per sync; remember() each stored message so a reply later in the same sync
    finds its parent.
    """

    def __init__(
        self,
        rules: Iterable[_GroupRule],
        tags: Mapping[str, Iterable[int]],
        known: Mapping[str, Iterable[int]],
    ) -> None:
        self._rules = tuple(rules)
        self._by_list_id = {rule.list_id: rule.group_id for rule in self._rules if rule.list_id}
        self._by_tag = {tag: frozenset(ids) for tag, ids in tags.items()}
        self._known: dict[str, set[int]] = {key: set(ids) for key, ids in known.items()}

    @classmethod
    def load(cls, db: Database) -> GroupMatcher:
        members: dict[int, set[str]] = {}
        for group_id, key in db.execute(
            "SELECT group_id, email_key FROM members WHERE status != 'left'"
        ).fetchall():
            members.setdefault(group_id, set()).add(key)
        rules = []
        tags: dict[str, set[int]] = {}
        for group_id, list_id, tag in db.execute("SELECT id, list_id, tag FROM groups"):
            rules.append(
                _GroupRule(group_id, list_id.lower(), frozenset(members.get(group_id, ())))
            )
            if tag.strip():
                tags.setdefault(tag.strip().casefold(), set()).add(group_id)
        known: dict[str, set[int]] = {}
        for key, group_id in db.execute(
            "SELECT m.message_key, mg.group_id FROM message_groups mg"
            " JOIN messages m ON m.id = mg.message_id"
        ):
            known.setdefault(key, set()).add(group_id)
        return cls(rules, tags, known)

    def groups_for(self, headers: MessageHeaders) -> dict[int, str]:
        """group_id → why ('list-id', 'reply', 'tag', 'recipients'); {} for other mail."""
        found: dict[int, str] = {}
        if headers.list_id and headers.list_id in self._by_list_id:
            found[self._by_list_id[headers.list_id]] = "list-id"
        for key in (headers.in_reply_to, *headers.references):
            for group_id in self._known.get(key, ()):
                found.setdefault(group_id, "reply")
        if self._by_tag and "[" in headers.subject:
            for tag in _SUBJECT_TAG.findall(headers.subject):
                for group_id in self._by_tag.get(tag.strip().casefold(), ()):
                    found.setdefault(group_id, "tag")
        if len(headers.recipients) >= MIN_ADDRESSED:
            recipients = {address_key(address.email) for address in headers.recipients}
            for rule in self._rules:
                if rule.group_id not in found and rule.member_keys:
                    reached = len(recipients & rule.member_keys)
                    if reached >= rule.addressed_threshold:
                        found[rule.group_id] = "recipients"
        return found

    def remember(self, message_key: str, group_ids: Iterable[int]) -> None:
        self._known.setdefault(message_key, set()).update(group_ids)


def sort_out(
    db: Database, matcher: GroupMatcher, headers: Mapping[int, MessageHeaders]
) -> tuple[dict[int, dict[int, str]], list[tuple[str, int]]]:
    """Of new messages (uid → headers, in the folder's order), those to fetch and store
    (uid → groups), and those stored already ((key, uid) to record the location of).
    A message met twice is stored once; a reply later among them finds its parent. Pont's
    own mail to one person (one_person_keys) is left out."""
    keys = [message.message_key for message in headers.values()]
    stored = stored_keys(db, keys)
    private = one_person_keys(db, keys)
    seen_keys: set[str] = set()
    relocated: list[tuple[str, int]] = []
    wanted: dict[int, dict[int, str]] = {}
    for uid, message in headers.items():
        key = message.message_key
        if key in private and key not in stored:
            continue
        if key in stored or key in seen_keys:
            relocated.append((key, uid))
            continue
        groups = matcher.groups_for(message)
        if groups:
            seen_keys.add(key)
            # Now, not after storing: a reply later in this same chunk matches too.
            matcher.remember(key, groups)
            wanted[uid] = groups
    return wanted, relocated


def one_person_keys(db: Database, keys: Iterable[str]) -> set[str]:
    """Those of keys that are Pont's own mail to one person (a private reply, a forward, the
    answer to a rejected post: posts of kind 'reply'): its Sent copy and receipt answer the
    group's mail and carry its tag, but the group never saw it, so it is no conversation."""
    rows = db.execute(
        "SELECT message_key FROM posts WHERE kind = 'reply'"
        " AND message_key IN (SELECT value FROM json_each(?))",
        [json.dumps(list(keys))],
    )
    return {row[0] for row in rows}


def stored_keys(db: Database, keys: Iterable[str]) -> set[str]:
    """Those of keys whose messages the archive holds."""
    rows = db.execute(
        "SELECT message_key FROM messages WHERE message_key IN (SELECT value FROM json_each(?))",
        [json.dumps(list(keys))],
    )
    return {row[0] for row in rows}


def _message_id(db: Database, message_key: str) -> int | None:
    row = db.execute("SELECT id FROM messages WHERE message_key = ?", [message_key]).fetchone()
    return int(row[0]) if row else None


def is_stored(db: Database, message_key: str) -> bool:
    return _message_id(db, message_key) is not None


def _set_location(db: Database, message_id: int, folder_id: int, uid: int) -> None:
    db.conn.execute(
        "INSERT OR REPLACE INTO message_locations (folder_id, uid, message_id) VALUES (?, ?, ?)",
        [folder_id, uid, message_id],
    )


def add_location(db: Database, message_key: str, folder_id: int, uid: int) -> bool:
    """Record that folder_id holds the stored message under uid; False when it is not stored."""
    message_id = _message_id(db, message_key)
    if message_id is None:
        return False
    _set_location(db, message_id, folder_id, uid)
    return True


def _store_source(db: Database, message_id: int, raw: bytes | SpooledRaw) -> None:
    if isinstance(raw, bytes):
        db.conn.execute(
            "INSERT INTO message_sources (message_id, raw) VALUES (?, ?)", [message_id, raw]
        )
        return
    # Bound as a parameter, SQLite would copy a 50 MB source twice more in memory: the row
    # is made with zeros, then filled a slice at a time.
    db.conn.execute(
        "INSERT INTO message_sources (message_id, raw) VALUES (?, zeroblob(?))",
        [message_id, raw.size],
    )
    with db.conn.blobopen("message_sources", "raw", message_id) as blob:
        for piece in raw.slices():
            blob.write(piece)


def store_message(
    db: Database,
    parsed: ParsedMessage,
    raw: bytes | SpooledRaw,
    groups: Mapping[int, str],
    location: tuple[int, int] | None = None,
) -> int:
    """Store a group message once by its key; a second copy only adds its location and links.
    A message read only in part is stored as far as it was read, its source whole, and
    marked with parsed.problems.

    Does not commit: the caller wraps a chunk of messages in one transaction. (Writes go
    through db.conn, as sqlite-utils' db.execute() commits when no transaction is open.)
    """
    headers = parsed.headers
    message_id = _message_id(db, headers.message_key)
    if message_id is None:
        sender = headers.sender
        cursor = db.conn.execute(
            "INSERT INTO messages (message_key, subject, sender_name, sender_email, sender_key,"
            " recipients, sent, in_reply_to, refs, list_id, body_text, body_html, size, stored,"
            " problems) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                headers.message_key,
                headers.subject,
                sender.name if sender else "",
                sender.email if sender else "",
                address_key(sender.email) if sender else "",
                json.dumps([[a.name, a.email] for a in headers.recipients], ensure_ascii=False),
                iso_utc(headers.sent),
                headers.in_reply_to,
                json.dumps(list(headers.references), ensure_ascii=False),
                headers.list_id,
                parsed.body_text,
                parsed.body_html,
                parsed.size,
                datetime.now(UTC).isoformat(timespec="seconds"),
                json.dumps(list(parsed.problems)),
            ],
        )
        message_id = int(cursor.lastrowid or 0)
        _store_source(db, message_id, raw)
        db.conn.executemany(
            "INSERT INTO attachments (message_id, part_index, filename, content_type, size)"
            " VALUES (?, ?, ?, ?, ?)",
            [
                (message_id, a.part_index, a.filename, a.content_type, a.size)
                for a in parsed.attachments
            ],
        )
    db.conn.executemany(
        "INSERT OR IGNORE INTO message_groups (message_id, group_id, reason) VALUES (?, ?, ?)",
        [(message_id, group_id, reason) for group_id, reason in groups.items()],
    )
    if location is not None:
        _set_location(db, message_id, *location)
    return message_id
