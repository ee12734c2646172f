"""What Pont holds about one member, gathered for them (a subject access request): their
row, the history of changes to it, consents, consent requests, bounces, join and leave
requests, and a list of the messages they wrote that the archive keeps."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pont.core import activity
from pont.core.errors import PontError
from pont.core.i18n import translate
from pont.core.members.addresses import address_key
from pont.core.members.groups import get_group
from pont.core.members.members import get_member

if TYPE_CHECKING:
    from sqlite_utils import Database

# Said in the export itself, so the person reading it knows what else exists.
KEPT_ELSEWHERE = (
    "The messages listed under 'messages' are copies of mail in the coordinator's own "
    "mailbox; Pont lists them here but does not copy them out, and erasing a member from "
    "Pont does not delete them."
)


def _rows(db: Database, sql: str, params: list[object]) -> list[dict[str, Any]]:
    cursor = db.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def member_data(db: Database, member_id: int, now: datetime | None = None) -> dict[str, Any]:
    """Everything Pont holds about the member, as plain data for JSON."""
    member = get_member(db, member_id)
    group = get_group(db, member.group_id)
    key = address_key(member.email)
    return {
        "exported": (now or activity.now()).isoformat(timespec="seconds"),
        "group": group.name,
        "member": {
            "email": member.email,
            "name": member.name,
            "organisation": member.organisation,
            "status": member.status.value,
            "tags": list(member.tags),
            "notes": member.notes,
            "joined": member.joined.isoformat(),
            "source": member.source,
        },
        "activity": _rows(
            db,
            "SELECT at, action, origin, detail FROM activity WHERE member_id = ?"
            " OR (group_id = ? AND (lower(detail) = ? OR lower(detail) LIKE ?)) ORDER BY id",
            [member_id, member.group_id, key, f"%: {key}"],
        ),
        "consents": _rows(
            db,
            "SELECT given, how, message_key, wording, note FROM consents WHERE member_id = ?"
            " ORDER BY given, id",
            [member_id],
        ),
        "consent_requests": _rows(
            db,
            "SELECT asked, answered FROM consent_asks WHERE member_id = ? ORDER BY id",
            [member_id],
        ),
        "bounces": _rows(
            db,
            "SELECT received, kind, score, post_key FROM bounces WHERE member_id = ? ORDER BY id",
            [member_id],
        ),
        "requests": _rows(
            db,
            "SELECT kind, email, name, received, state, decided FROM requests"
            " WHERE group_id = ? AND email_key = ? ORDER BY id",
            [member.group_id, key],
        ),
        "messages": _rows(
            db,
            "SELECT message_key, sent, subject, sender_name, sender_email FROM messages"
            " WHERE sender_key = ? ORDER BY sent, id",
            [key],
        ),
        "kept_elsewhere": KEPT_ELSEWHERE,
    }


def write_member_data(
    db: Database, member_id: int, path: Path, now: datetime | None = None
) -> dict[str, Any]:
    """Write the member's data to path as JSON (whole or not at all); the data written."""
    data = member_data(db, member_id, now)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    except OSError as error:
        raise PontError(
            translate("Members", "Could not write {file}: {reason}.").format(
                file=path, reason=error.strerror or error
            )
        ) from error
    finally:
        partial.unlink(missing_ok=True)
    return data
