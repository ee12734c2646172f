"""The group archive: which mail is group traffic, storing it, threads, search and reading."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import nh3

from pont.core.addresses import address_key
from pont.core.conversations import (
    ThreadInput,
    normalised_subject,
    participants_in_order,
)
from pont.core.conversations import thread_messages as thread_inputs
from pont.core.errors import AttachmentNotFound
from pont.core.messages import Address, MessageHeaders, ParsedMessage, part_content

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
        return max(MIN_ADDRESSED, -(-len(self.member_keys) // 2))


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


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment else None


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


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


def store_message(
    db: Database,
    parsed: ParsedMessage,
    raw: bytes,
    groups: Mapping[int, str],
    location: tuple[int, int] | None = None,
) -> int:
    """Store a group message once by its key; a second copy only adds its location and links.

    Does not commit: the caller wraps a chunk of messages in one transaction. (Writes go
    through db.conn, as sqlite-utils' db.execute() commits when no transaction is open.)
    """
    headers = parsed.headers
    message_id = _message_id(db, headers.message_key)
    if message_id is None:
        sender = headers.sender
        cursor = db.conn.execute(
            "INSERT INTO messages (message_key, subject, sender_name, sender_email, sender_key,"
            " recipients, sent, in_reply_to, refs, list_id, body_text, body_html, size, stored)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                headers.message_key,
                headers.subject,
                sender.name if sender else "",
                sender.email if sender else "",
                address_key(sender.email) if sender else "",
                json.dumps([[a.name, a.email] for a in headers.recipients], ensure_ascii=False),
                _iso(headers.sent),
                headers.in_reply_to,
                json.dumps(list(headers.references), ensure_ascii=False),
                headers.list_id,
                parsed.body_text,
                parsed.body_html,
                parsed.size,
                datetime.now(UTC).isoformat(timespec="seconds"),
            ],
        )
        message_id = int(cursor.lastrowid or 0)
        db.conn.execute(
            "INSERT INTO message_sources (message_id, raw) VALUES (?, ?)", [message_id, raw]
        )
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


def _address_list(text: str) -> tuple[Address, ...]:
    return tuple(Address(name, email) for name, email in json.loads(text))


# --- threads -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Thread:
    id: int
    group_id: int
    subject: str
    participants: tuple[Address, ...]
    message_count: int
    first_activity: datetime | None
    last_activity: datetime | None
    message_keys: tuple[str, ...]  # oldest first


def rebuild_threads(db: Database, group_ids: Iterable[int]) -> None:
    """Thread each group's messages afresh (JWZ, subject fallback) and link them to threads.

    A thread keeps its id while its first message stays first, so a view showing it can keep
    it selected across a sync.
    """
    with db.atomic():
        for group_id in sorted(set(group_ids)):
            _rebuild_group_threads(db, group_id)


def _rebuild_group_threads(db: Database, group_id: int) -> None:
    rows = db.execute(
        "SELECT m.id, m.message_key, m.subject, m.in_reply_to, m.refs, m.sent, m.sender_name,"
        " m.sender_email, m.sender_key, mg.thread_id FROM message_groups mg"
        " JOIN messages m ON m.id = mg.message_id WHERE mg.group_id = ?"
        " ORDER BY m.sent IS NULL, m.sent, m.id",
        [group_id],
    ).fetchall()
    by_key = {row[1]: row for row in rows}
    # One json.loads for all References lists: ~20 times faster than one call per row.
    all_refs = json.loads("[" + ",".join(row[4] for row in rows) + "]")
    inputs = [
        ThreadInput(row[1], row[2], row[3], tuple(refs), _moment(row[5]))
        for row, refs in zip(rows, all_refs, strict=True)
    ]
    old_values = {
        row[0]: list(row[1:])
        for row in db.execute(
            "SELECT id, subject, participants, message_count, first_activity, last_activity"
            " FROM threads WHERE group_id = ?",
            [group_id],
        )
    }
    old_threads = set(old_values)
    claimed: set[int] = set()
    links: list[tuple[int, int, int]] = []
    for thread in thread_inputs(inputs):
        members = [by_key[message.key] for message in thread]
        dates = [message.sent for message in thread if message.sent is not None]
        subjects = (normalised_subject(message.subject) for message in thread)
        values = [
            next((subject for subject in subjects if subject), ""),
            json.dumps(
                participants_in_order((row[6], row[7], row[8]) for row in members),
                ensure_ascii=False,
            ),
            len(thread),
            _iso(min(dates)) if dates else None,
            _iso(max(dates)) if dates else None,
        ]
        thread_id = members[0][9]
        if thread_id in old_values and thread_id not in claimed:
            if old_values[thread_id] != values:
                db.execute(
                    "UPDATE threads SET subject = ?, participants = ?, message_count = ?,"
                    " first_activity = ?, last_activity = ? WHERE id = ?",
                    [*values, thread_id],
                )
        else:
            cursor = db.execute(
                "INSERT INTO threads (group_id, subject, participants, message_count,"
                " first_activity, last_activity) VALUES (?, ?, ?, ?, ?, ?)",
                [group_id, *values],
            )
            thread_id = int(cursor.lastrowid or 0)
        claimed.add(thread_id)
        links.extend((thread_id, row[0], group_id) for row in members if row[9] != thread_id)
    db.conn.executemany(
        "UPDATE message_groups SET thread_id = ? WHERE message_id = ? AND group_id = ?", links
    )
    unused = old_threads - claimed
    if unused:
        db.conn.executemany("DELETE FROM threads WHERE id = ?", [(tid,) for tid in unused])


def list_threads(db: Database, group_id: int) -> list[Thread]:
    """The group's threads, the most recently active first."""
    keys: dict[int, list[str]] = {}
    for thread_id, key in db.execute(
        "SELECT mg.thread_id, m.message_key FROM message_groups mg"
        " JOIN messages m ON m.id = mg.message_id"
        " WHERE mg.group_id = ? AND mg.thread_id IS NOT NULL"
        " ORDER BY m.sent IS NULL, m.sent, m.id",
        [group_id],
    ):
        keys.setdefault(thread_id, []).append(key)
    rows = db.execute(
        "SELECT id, group_id, subject, participants, message_count, first_activity,"
        " last_activity FROM threads WHERE group_id = ?"
        " ORDER BY last_activity IS NULL, last_activity DESC, id DESC",
        [group_id],
    ).fetchall()
    return [
        Thread(
            id=thread_id,
            group_id=group,
            subject=subject,
            participants=_address_list(participants),
            message_count=count,
            first_activity=_moment(first),
            last_activity=_moment(last),
            message_keys=tuple(keys.get(thread_id, ())),
        )
        for thread_id, group, subject, participants, count, first, last in rows
    ]


# --- reading -----------------------------------------------------------------------------


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


def _sender(name: str, email: str) -> Address | None:
    return Address(name, email) if email or name else None


_MESSAGE_COLUMNS = (
    "m.id, m.message_key, m.subject, m.sender_name, m.sender_email, m.recipients,"
    " m.sent, m.body_text, m.body_html, m.refs"
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
        message_id, key, subject, name, email, recipients, sent, body_text, body_html, refs = row
        messages.append(
            ArchivedMessage(
                id=message_id,
                message_key=key,
                subject=subject,
                sender=_sender(name, email),
                recipients=_address_list(recipients),
                sent=_moment(sent),
                body_text=body_text,
                body_html=body_html,
                attachments=tuple(attachments.get(message_id, ())),
                references=tuple(json.loads(refs or "[]")),
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
    return {key: PostStats(posts, _moment(last)) for key, posts, last in rows}


# --- search ------------------------------------------------------------------------------

SNIPPET_START = "\x02"
SNIPPET_END = "\x03"
_SNIPPET_WORDS = 14
RANKED_WINDOW = 2000
# bm25 weights of subject, body_text, sender_name, sender_email: a word in the subject says
# more about a message than the same word somewhere in its body.
_COLUMN_WEIGHTS = "3.0, 1.0, 2.0, 1.0"
_QUERY_PIECE = re.compile(r'"([^"]*)("?)|([^\s"]+)')
_WORD = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class SearchHit:
    message_id: int
    thread_id: int | None
    subject: str
    sender: Address | None
    sent: datetime | None
    # Matches sit between SNIPPET_START and SNIPPET_END; the rest is plain text to escape.
    snippet: str


def match_expression(query: str) -> str:
    """An FTS5 MATCH string from whatever the user typed: every word or "phrase" quoted, so
    FTS syntax (AND, OR, NOT, *, ^, :, brackets, a lone quote) is just text, and the last
    word prefix-matched, so results come as they type. '' when there is nothing to find."""
    pieces: list[tuple[str, bool]] = []
    for match in _QUERY_PIECE.finditer(query):
        phrase, closing, word = match.groups()
        text = word if word is not None else phrase
        if _WORD.search(text):
            pieces.append((text, word is not None or not closing))
    terms = ['"' + text.replace('"', '""') + '"' for text, _ in pieces]
    if terms and pieces[-1][1]:
        terms[-1] += "*"
    return " ".join(terms)


def search(db: Database, group_id: int, query: str, limit: int = 50) -> list[SearchHit]:
    """The group's messages matching query, best match first (bm25), with marked snippets.

    A word found in tens of thousands of messages ("the", the group's name) would cost
    ~1.5 µs of bm25 per match; ranking is then done over the newest RANKED_WINDOW matches,
    which keeps any query in a 100,000-message archive within a few milliseconds.
    """
    expression = match_expression(query)
    if not expression:
        return []
    parameters: dict[str, object] = {
        "start": SNIPPET_START,
        "end": SNIPPET_END,
        "words": _SNIPPET_WORDS,
        "group": group_id,
        "match": expression,
        "limit": limit,
        "window": RANKED_WINDOW - 1,
    }
    in_group = (
        " FROM messages_fts"
        " JOIN message_groups mg ON mg.message_id = messages_fts.rowid AND mg.group_id = :group"
    )
    bound = db.execute(
        f"SELECT messages_fts.rowid {in_group} WHERE messages_fts MATCH :match"
        " ORDER BY messages_fts.rowid DESC LIMIT 1 OFFSET :window",
        parameters,
    ).fetchone()
    parameters["oldest"] = bound[0] if bound else 0
    ranked = db.execute(
        "SELECT messages_fts.rowid, mg.thread_id,"
        " snippet(messages_fts, 1, :start, :end, '…', :words),"
        " snippet(messages_fts, 0, :start, :end, '…', :words)"
        f" {in_group} WHERE messages_fts MATCH :match AND messages_fts.rowid >= :oldest"
        f" ORDER BY bm25(messages_fts, {_COLUMN_WEIGHTS}) LIMIT :limit",
        parameters,
    ).fetchall()
    if not ranked:
        return []
    # Joining messages inside the ranked query would read every candidate's row (bodies
    # included) before the sort; reading the winners' rows afterwards is ~20 times cheaper.
    ids = [row[0] for row in ranked]
    details = {
        row[0]: row[1:]
        for row in db.execute(
            "SELECT id, subject, sender_name, sender_email, sent FROM messages"
            f" WHERE id IN ({', '.join('?' * len(ids))})",
            ids,
        )
    }
    hits = []
    for message_id, thread_id, body_snippet, subject_snippet in ranked:
        subject, name, email, sent = details[message_id]
        if SNIPPET_START in body_snippet or SNIPPET_START not in subject_snippet:
            snippet = body_snippet or subject_snippet
        else:
            snippet = subject_snippet
        hits.append(
            SearchHit(message_id, thread_id, subject, _sender(name, email), _moment(sent), snippet)
        )
    return hits


# --- showing received HTML ---------------------------------------------------------------

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
