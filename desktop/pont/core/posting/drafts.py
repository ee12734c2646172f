"""Drafts: posts being written, saved as the coordinator types and reopened on the next start."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from pont.core.errors import PontError
from pont.core.i18n import translate

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.posting.posts import PostContent


class DraftNotFound(PontError):
    def __init__(self, draft_id: int) -> None:
        super().__init__(
            translate("Drafts", "Draft {id} is no longer there; it was sent or deleted.").format(
                id=draft_id
            )
        )


class DraftAttachment(NamedTuple):
    path: Path  # where the file was when attached; read again when the post is built
    name: str
    size: int


@dataclass(frozen=True, slots=True)
class Draft:
    id: int | None  # None until first saved
    group_id: int
    subject: str = ""
    body_text: str = ""
    body_html: str = ""  # the editor's HTML when formatted, '' for plain text
    attachments: tuple[DraftAttachment, ...] = ()
    in_reply_to: str = ""  # message key replied to ("Reply to group")
    references: tuple[str, ...] = ()
    updated: datetime | None = None  # set by save_draft

    def content(self) -> PostContent:
        """What build_post needs to make the post from this draft."""
        from pont.core.posting.posts import PostContent

        return PostContent(
            subject=self.subject,
            body_text=self.body_text,
            body_html=self.body_html,
            attachments=tuple(a.path for a in self.attachments),
            in_reply_to=self.in_reply_to,
            references=self.references,
        )


_COLUMNS = "id, group_id, subject, body_text, body_html, attachments, in_reply_to, refs, updated"
_Row = tuple[int, int, str, str, str, str, str, str, str]


def _draft(row: _Row) -> Draft:
    id_, group_id, subject, text, markup, attachments, in_reply_to, refs, updated = row
    return Draft(
        id_,
        group_id,
        subject,
        text,
        markup,
        tuple(
            DraftAttachment(Path(a["path"]), a["name"], a["size"]) for a in json.loads(attachments)
        ),
        in_reply_to,
        tuple(json.loads(refs)),
        datetime.fromisoformat(updated),
    )


def save_draft(db: Database, draft: Draft, now: datetime | None = None) -> Draft:
    """Insert a new draft (id None) or overwrite the saved one; returns it with id and time.

    One indexed row write, so the composer can call it every few keystrokes.
    """
    updated = now or datetime.now(UTC)
    values = [
        draft.group_id,
        draft.subject,
        draft.body_text,
        draft.body_html,
        json.dumps(
            [{"path": str(a.path), "name": a.name, "size": a.size} for a in draft.attachments],
            ensure_ascii=False,
        ),
        draft.in_reply_to,
        json.dumps(list(draft.references), ensure_ascii=False),
        updated.isoformat(),
    ]
    with db.atomic():
        if draft.id is None:
            cursor = db.conn.execute(
                "INSERT INTO drafts (group_id, subject, body_text, body_html, attachments,"
                " in_reply_to, refs, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                values,
            )
            return replace(draft, id=int(cursor.lastrowid or 0), updated=updated)
        cursor = db.conn.execute(
            "UPDATE drafts SET group_id = ?, subject = ?, body_text = ?, body_html = ?,"
            " attachments = ?, in_reply_to = ?, refs = ?, updated = ? WHERE id = ?",
            [*values, draft.id],
        )
        if cursor.rowcount == 0:
            raise DraftNotFound(draft.id)
    return replace(draft, updated=updated)


def get_draft(db: Database, draft_id: int) -> Draft:
    row = db.execute(f"SELECT {_COLUMNS} FROM drafts WHERE id = ?", [draft_id]).fetchone()
    if row is None:
        raise DraftNotFound(draft_id)
    return _draft(row)


def list_drafts(db: Database, group_id: int | None = None) -> list[Draft]:
    """Drafts, the most recently changed first; only one group's when group_id is given."""
    where, params = ("WHERE group_id = ?", [group_id]) if group_id is not None else ("", [])
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM drafts {where} ORDER BY updated DESC, id DESC", params
    ).fetchall()
    return [_draft(row) for row in rows]


def delete_draft(db: Database, draft_id: int) -> None:
    """Forget the draft (after it was sent, or thrown away); a missing one is no error."""
    with db.atomic():
        db.conn.execute("DELETE FROM drafts WHERE id = ?", [draft_id])
