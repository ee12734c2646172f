"""Searching a group's archive: full-text matches ranked by bm25, with marked snippets."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from pont.core.archive.columns import moment_from_iso, sender_address
from pont.core.archive.message_headers import Address

if TYPE_CHECKING:
    from sqlite_utils import Database

# A hit's snippet marks its matches with these. The mail's own text may hold them too (any
# character can arrive in a message), so snippet() is given markers made afresh for each
# search, which no message can know; the text's own \x02 and \x03 are then removed and only
# then are the real markers put in (_marked).
SNIPPET_START = "\x02"
SNIPPET_END = "\x03"
_SNIPPET_WORDS = 14
RANKED_WINDOW = 2000
# bm25 weights of subject, body_text, sender_name, sender_email: a word in the subject says
# more about a message than the same word somewhere in its body.
_COLUMN_WEIGHTS = "3.0, 1.0, 2.0, 1.0"
_QUERY_PIECE = re.compile(r'"([^"]*)("?)|([^\s"]+)')
_WORD = re.compile(r"\w")
# SQLite ends an FTS5 string at NUL ("unterminated string"), and a str holding a lone
# surrogate (a command line's undecodable bytes) cannot be bound at all: both are spaces.
_UNUSABLE = re.compile(r"[\x00\ud800-\udfff]")


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
    word prefix-matched, so results come as they type. '' when there is nothing to find.
    Never fails, whatever query holds."""
    pieces: list[tuple[str, bool]] = []
    for match in _QUERY_PIECE.finditer(_UNUSABLE.sub(" ", query)):
        phrase, closing, word = match.groups()
        text = word if word is not None else phrase
        if _WORD.search(text):
            pieces.append((text, word is not None or not closing))
    terms = ['"' + text.replace('"', '""') + '"' for text, _ in pieces]
    if terms and pieces[-1][1]:
        terms[-1] += "*"
    return " ".join(terms)


@dataclass(frozen=True, slots=True)
class ConversationHit:
    """A conversation with messages matching a search: how many, and the best of them."""

    thread_id: int | None  # None: a message not (yet) threaded, shown on its own
    subject: str  # the conversation's subject
    matches: int  # its messages that match
    best: SearchHit  # the best-ranked of them, with its snippet


def _new_markers() -> tuple[str, str]:
    token = secrets.token_hex(8)
    return f"\ue000{token}\ue001", f"\ue001{token}\ue000"


def _marked(snippet: str, start: str, end: str) -> str:
    """snippet() output with this search's markers as SNIPPET_START and SNIPPET_END, and no
    other SNIPPET_START or SNIPPET_END left from the mail's own text."""
    text = snippet.replace(SNIPPET_START, "").replace(SNIPPET_END, "")
    return text.replace(start, SNIPPET_START).replace(end, SNIPPET_END)


def _best_snippet(body_snippet: str, subject_snippet: str) -> str:
    if SNIPPET_START in body_snippet or SNIPPET_START not in subject_snippet:
        return body_snippet or subject_snippet
    return subject_snippet


_IN_GROUP = (
    " FROM messages_fts"
    " JOIN message_groups mg ON mg.message_id = messages_fts.rowid AND mg.group_id = :group"
)


def _oldest_ranked(db: Database, parameters: dict[str, object]) -> int:
    """The oldest message id ranking looks at: the newest RANKED_WINDOW matches only."""
    bound = db.execute(
        f"SELECT messages_fts.rowid {_IN_GROUP} WHERE messages_fts MATCH :match"
        " ORDER BY messages_fts.rowid DESC LIMIT 1 OFFSET :window",
        parameters,
    ).fetchone()
    return int(bound[0]) if bound else 0


def search_conversations(
    db: Database, group_id: int, query: str, limit: int = 50
) -> list[ConversationHit]:
    """The group's conversations with messages matching query, one each, best first: ranked
    by their best-matching message (bm25), with how many of their messages match and that
    best message's snippet. Within the same RANKED_WINDOW as search(), so as fast."""
    expression = match_expression(query)
    if not expression:
        return []
    start, end = _new_markers()
    parameters: dict[str, object] = {
        "group": group_id,
        "match": expression,
        "window": RANKED_WINDOW - 1,
    }
    parameters["oldest"] = _oldest_ranked(db, parameters)
    ranked = db.execute(
        f"SELECT messages_fts.rowid, mg.thread_id {_IN_GROUP}"
        " WHERE messages_fts MATCH :match AND messages_fts.rowid >= :oldest"
        f" ORDER BY bm25(messages_fts, {_COLUMN_WEIGHTS})",
        parameters,
    ).fetchall()
    best: dict[object, int] = {}  # conversation -> its best message, in rank order
    matches: dict[object, int] = {}
    for message_id, thread_id in ranked:
        conversation = thread_id if thread_id is not None else ("message", message_id)
        best.setdefault(conversation, message_id)
        matches[conversation] = matches.get(conversation, 0) + 1
    chosen = list(best.items())[:limit]
    if not chosen:
        return []
    threads = [c for c, _ in chosen if isinstance(c, int)]
    if parameters["oldest"] and threads:
        _count_older_matches(db, parameters, threads, matches)
    ids = [message_id for _, message_id in chosen]
    # "+rowid": a rowid list FTS5 would take as one MATCH per id (each reading the whole
    # match again); unindexed, the match is read once and only the winners get snippets.
    snippets = {
        row[0]: _best_snippet(_marked(row[1], start, end), _marked(row[2], start, end))
        for row in db.execute(
            f"SELECT rowid, snippet(messages_fts, 1, ?, ?, '…', {_SNIPPET_WORDS}),"
            f" snippet(messages_fts, 0, ?, ?, '…', {_SNIPPET_WORDS})"
            " FROM messages_fts WHERE messages_fts MATCH ? AND rowid BETWEEN ? AND ?"
            f" AND +rowid IN ({', '.join('?' * len(ids))})",
            [start, end, start, end, expression, min(ids), max(ids), *ids],
        )
    }
    details = _details(db, ids)
    subjects = {
        row[0]: row[1]
        for row in db.execute(
            f"SELECT id, subject FROM threads WHERE id IN ({', '.join('?' * len(threads))})",
            threads,
        )
    }
    hits = []
    for conversation, message_id in chosen:
        subject, name, email, sent = details[message_id]
        thread_id = conversation if isinstance(conversation, int) else None
        hit = SearchHit(
            message_id,
            thread_id,
            subject,
            sender_address(name, email),
            moment_from_iso(sent),
            snippets.get(message_id, ""),
        )
        shown_subject = subjects.get(thread_id, subject) if thread_id is not None else subject
        hits.append(ConversationHit(thread_id, shown_subject, matches[conversation], hit))
    return hits


def _count_older_matches(
    db: Database, parameters: dict[str, object], threads: list[int], matches: dict[object, int]
) -> None:
    """Add to `matches` the chosen threads' matching messages older than the ranked window:
    read over the rowids from the oldest such message only, and only when there is one."""
    marks = ", ".join("?" * len(threads))
    older = {
        message_id: thread_id
        for message_id, thread_id in db.execute(
            "SELECT message_id, thread_id FROM message_groups"
            f" WHERE group_id = ? AND thread_id IN ({marks}) AND message_id < ?",
            [parameters["group"], *threads, parameters["oldest"]],
        )
    }
    if not older:
        return
    for (message_id,) in db.execute(
        "SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? AND rowid >= ? AND rowid < ?",
        [parameters["match"], min(older), parameters["oldest"]],
    ):
        if message_id in older:
            matches[older[message_id]] += 1


def _details(db: Database, ids: list[int]) -> dict[int, tuple[str, str, str, str]]:
    return {
        row[0]: row[1:]
        for row in db.execute(
            "SELECT id, subject, sender_name, sender_email, sent FROM messages"
            f" WHERE id IN ({', '.join('?' * len(ids))})",
            ids,
        )
    }


def search(db: Database, group_id: int, query: str, limit: int = 50) -> list[SearchHit]:
    """The group's messages matching query, best match first (bm25), with marked snippets.

    A word found in tens of thousands of messages ("the", the group's name) would cost
    ~1.5 µs of bm25 per match; ranking is then done over the newest RANKED_WINDOW matches,
    which keeps any query in a 100,000-message archive within a few milliseconds.
    """
    expression = match_expression(query)
    if not expression:
        return []
    start, end = _new_markers()
    parameters: dict[str, object] = {
        "start": start,
        "end": end,
        "words": _SNIPPET_WORDS,
        "group": group_id,
        "match": expression,
        "limit": limit,
        "window": RANKED_WINDOW - 1,
    }
    parameters["oldest"] = _oldest_ranked(db, parameters)
    ranked = db.execute(
        "SELECT messages_fts.rowid, mg.thread_id,"
        " snippet(messages_fts, 1, :start, :end, '…', :words),"
        " snippet(messages_fts, 0, :start, :end, '…', :words)"
        f" {_IN_GROUP} WHERE messages_fts MATCH :match AND messages_fts.rowid >= :oldest"
        f" ORDER BY bm25(messages_fts, {_COLUMN_WEIGHTS}) LIMIT :limit",
        parameters,
    ).fetchall()
    if not ranked:
        return []
    # Joining messages inside the ranked query would read every candidate's row (bodies
    # included) before the sort; reading the winners' rows afterwards is ~20 times cheaper.
    details = _details(db, [row[0] for row in ranked])
    hits = []
    for message_id, thread_id, body_snippet, subject_snippet in ranked:
        subject, name, email, sent = details[message_id]
        snippet = _best_snippet(
            _marked(body_snippet, start, end), _marked(subject_snippet, start, end)
        )
        hits.append(
            SearchHit(
                message_id,
                thread_id,
                subject,
                sender_address(name, email),
                moment_from_iso(sent),
                snippet,
            )
        )
    return hits
