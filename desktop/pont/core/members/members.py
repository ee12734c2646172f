"""Members of a group: add, edit, remove and restore, leave, erase."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from pont.core import activity
from pont.core.errors import DuplicateMember, MemberNotFound
from pont.core.i18n import translate
from pont.core.members.addresses import address_key, checked_address
from pont.core.members.groups import get_group

if TYPE_CHECKING:
    from sqlite_utils import Database


class MemberStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    LEFT = "left"
    BOUNCING = "bouncing"  # delivery suspended: the address bounced too often (bounces.py)


@dataclass(frozen=True, slots=True)
class Member:
    id: int
    group_id: int
    email: str
    name: str
    organisation: str
    status: MemberStatus
    tags: tuple[str, ...]
    notes: str
    joined: date
    source: str

    @property
    def display(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email


@dataclass(frozen=True, slots=True)
class NewMember:
    """What a person types or an import finds, before it becomes a Member."""

    email: str
    name: str = ""
    organisation: str = ""
    status: MemberStatus = MemberStatus.ACTIVE
    tags: tuple[str, ...] = ()
    notes: str = ""
    joined: date | None = None  # today when not given
    source: str = "typed"


_COLUMNS = "id, group_id, email, name, organisation, status, tags, notes, joined, source"
# Fields a person edits; compared one by one to write the activity log.
EDITABLE_FIELDS = ("email", "name", "organisation", "status", "tags", "notes")


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Trimmed, without blanks or repeats (compared case-insensitively), in the order given."""
    seen: set[str] = set()
    cleaned = []
    for tag in tags:
        tag = " ".join(tag.split())
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            cleaned.append(tag)
    return tuple(cleaned)


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags as a person types them: separated by commas or semicolons."""
    return clean_tags(text.replace(";", ",").split(","))


# The columns hold exactly these types (see migrations); the row is taken as it comes.
_MemberRow = tuple[int, int, str, str, str, str, str, str, str, str]


def _member_from_row(row: _MemberRow, tags_cache: dict[str, tuple[str, ...]]) -> Member:
    id_, group_id, email, name, organisation, status, tags_json, notes, joined, source = row
    # Groups reuse a handful of tag sets: decoding each once halves the cost of a
    # 20,000-member list, which the window reads whenever a group is opened.
    tags = tags_cache.get(tags_json)
    if tags is None:
        tags = tags_cache[tags_json] = tuple(json.loads(tags_json))
    return Member(
        id_,
        group_id,
        email,
        name,
        organisation,
        MemberStatus(status),
        tags,
        notes,
        date.fromisoformat(joined),
        source,
    )


def _members(db: Database, where: str, params: Sequence[object]) -> list[Member]:
    cache: dict[str, tuple[str, ...]] = {}
    rows = db.execute(f"SELECT {_COLUMNS} FROM members WHERE {where} ORDER BY id", params)
    return [_member_from_row(row, cache) for row in rows]


def list_members(db: Database, group_id: int) -> list[Member]:
    return _members(db, "group_id = ?", [group_id])


def get_member(db: Database, member_id: int) -> Member:
    found = _members(db, "id = ?", [member_id])
    if not found:
        raise _no_such_member(member_id)
    return found[0]


def find_member(db: Database, group_id: int, address: str) -> Member:
    found = _members(db, "group_id = ? AND email_key = ?", [group_id, address_key(address)])
    if not found:
        raise MemberNotFound(address.strip(), get_group(db, group_id).name)
    return found[0]


def _ensure_address_free(
    db: Database, group_id: int, address: str, except_member: int | None = None
) -> None:
    row = db.execute(
        "SELECT id FROM members WHERE group_id = ? AND email_key = ?",
        [group_id, address_key(address)],
    ).fetchone()
    if row is not None and row[0] != except_member:
        raise DuplicateMember(address, get_group(db, group_id).name)


def _insert(db: Database, group_id: int, new: NewMember, member_id: int | None = None) -> int:
    cursor = db.execute(
        "INSERT INTO members (id, group_id, email, email_key, name, organisation, status, tags,"
        " notes, joined, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            member_id,
            group_id,
            new.email,
            address_key(new.email),
            new.name.strip(),
            new.organisation.strip(),
            new.status.value,
            json.dumps(list(clean_tags(new.tags)), ensure_ascii=False),
            new.notes.strip(),
            (new.joined or date.today()).isoformat(),
            new.source,
        ],
    )
    return int(cursor.lastrowid or 0)


def add_member(db: Database, group_id: int, new: NewMember, origin: str = "window") -> Member:
    """Add one member; InvalidAddress or DuplicateMember when the address cannot be used."""
    new = dataclasses.replace(new, email=checked_address(new.email))
    with db.atomic():
        _ensure_address_free(db, group_id, new.email)
        member_id = _insert(db, group_id, new)
        activity.log(db, "add", origin, new.email, group_id=group_id, member_id=member_id)
    return get_member(db, member_id)


def save_member(db: Database, edited: Member, origin: str = "window") -> Member:
    """Write a member's edited fields (email, name, organisation, status, tags, notes).

    Raises InvalidAddress or DuplicateMember, and then changes nothing.
    """
    current = get_member(db, edited.id)
    email = checked_address(edited.email) if edited.email != current.email else current.email
    edited = dataclasses.replace(edited, email=email, tags=clean_tags(edited.tags))
    changed = [f for f in EDITABLE_FIELDS if getattr(edited, f) != getattr(current, f)]
    if not changed:
        return current
    with db.atomic():
        if "email" in changed:
            _ensure_address_free(db, current.group_id, email, except_member=current.id)
        db.execute(
            "UPDATE members SET email = ?, email_key = ?, name = ?, organisation = ?,"
            " status = ?, tags = ?, notes = ? WHERE id = ?",
            [
                email,
                address_key(email),
                edited.name.strip(),
                edited.organisation.strip(),
                edited.status.value,
                json.dumps(list(edited.tags), ensure_ascii=False),
                edited.notes.strip(),
                current.id,
            ],
        )
        detail = "; ".join(
            f"{f}: {_shown(getattr(current, f))} → {_shown(getattr(edited, f))}" for f in changed
        )
        leaving = changed == ["status"] and edited.status is MemberStatus.LEFT
        action = "leave" if leaving else "change"
        activity.log(db, action, origin, detail, group_id=current.group_id, member_id=current.id)
    return get_member(db, current.id)


def _shown(value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(value) or "(none)"
    if isinstance(value, MemberStatus):
        return value.value
    return repr(value)


def members_with_ids(db: Database, member_ids: Iterable[int]) -> list[Member]:
    """Those of these members who still exist (in any group); the others are left out."""
    wanted = list(dict.fromkeys(member_ids))
    found: list[Member] = []
    for start in range(0, len(wanted), 500):  # well under SQLite's limit on parameters
        chunk = wanted[start : start + 500]
        found += _members(db, f"id IN ({', '.join('?' * len(chunk))})", chunk)
    return found


def _members_by_id(db: Database, member_ids: Iterable[int]) -> list[Member]:
    wanted = list(dict.fromkeys(member_ids))
    found = members_with_ids(db, wanted)
    if len(found) != len(wanted):
        missing = set(wanted) - {member.id for member in found}
        raise _no_such_member(min(missing))
    return found


def _no_such_member(member_id: int) -> MemberNotFound:
    return MemberNotFound(translate("Members", "Member {number}").format(number=member_id))


def remove_members(db: Database, member_ids: Iterable[int], origin: str = "window") -> list[Member]:
    """Remove members from their group; returns them as they were, for restore_members (undo)."""
    removed = _members_by_id(db, member_ids)
    with db.atomic():
        db.conn.executemany("DELETE FROM members WHERE id = ?", [[m.id] for m in removed])
        activity.log_many(
            db, [activity.Line("remove", origin, m.email, m.group_id, m.id) for m in removed]
        )
    return removed


def restore_members(db: Database, members: Iterable[Member], origin: str = "window") -> None:
    """Put removed members back exactly as they were, under the same ids (undo of a removal)."""
    members = list(members)
    with db.atomic():
        for member in members:
            _ensure_address_free(db, member.group_id, member.email)
            new = NewMember(
                email=member.email,
                name=member.name,
                organisation=member.organisation,
                status=member.status,
                tags=member.tags,
                notes=member.notes,
                joined=member.joined,
                source=member.source,
            )
            _insert(db, member.group_id, new, member_id=member.id)
        activity.log_many(
            db, [activity.Line("restore", origin, m.email, m.group_id, m.id) for m in members]
        )


def erase_member(db: Database, member_id: int, origin: str = "window") -> None:
    """Remove all Pont holds about a person as a member of this group (right to erasure):
    their row, its history, consents, consent requests, bounces, join and leave requests and
    the messages those came in. An anonymous log line stays.

    Messages they wrote to the group stay in the archive: it is a copy of the coordinator's
    own mailbox, which Pont does not change, and other members' replies quote them.
    """
    member = get_member(db, member_id)
    key = address_key(member.email)
    with db.atomic():
        db.execute(
            "DELETE FROM activity WHERE member_id = ?"
            " OR (group_id = ? AND (lower(detail) = ? OR lower(detail) LIKE ?))",
            [member_id, member.group_id, key, f"%: {key}"],
        )
        # Their join and leave requests and answers to confirmations, as received (handled
        # already: the decisions are kept in requests and consents, which go too).
        db.execute(
            "DELETE FROM inbound WHERE id IN (SELECT inbound_id FROM requests"
            " WHERE group_id = ? AND email_key = ?) OR (kind IN ('request', 'confirmation')"
            " AND state = 'done' AND lower(sender_email) = ?)",
            [member.group_id, key, key],
        )
        db.execute(
            "DELETE FROM requests WHERE group_id = ? AND email_key = ?", [member.group_id, key]
        )
        # consents, consent_asks and bounces go with the row (ON DELETE CASCADE); said here
        # too, so erasing never rests on the foreign-keys pragma alone.
        for table in ("consents", "consent_asks", "bounces"):
            db.execute(f"DELETE FROM {table} WHERE member_id = ?", [member_id])
        db.execute("DELETE FROM members WHERE id = ?", [member_id])
        activity.log(db, "erase", origin, "a member's data was erased", group_id=member.group_id)
