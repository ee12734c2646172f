"""Bring imported contacts into a group in one transaction, and report what happened."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from pont.core import activity
from pont.core.errors import InvalidAddress
from pont.core.i18n import Sentence, translate
from pont.core.members.addresses import address_key, checked_address
from pont.core.members.contacts import Contact, OtherEncoding, ParsedContacts, SkippedContact
from pont.core.members.importers.decoding import encoding_name
from pont.core.members.importers.pasted import is_exchange_address
from pont.core.members.members import MemberStatus, clean_tags

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True, slots=True)
class KeptValue:
    """A field where the file disagreed with an existing member; the member's value was kept."""

    address: str
    field: str
    kept: str
    offered: str


@dataclass(slots=True)
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[SkippedContact] = field(default_factory=list)
    kept: list[KeptValue] = field(default_factory=list)
    other_encoding: OtherEncoding | None = None

    def other_encoding_note(self) -> Sentence | None:
        """Which rows were read in another encoding than the rest of the file, if any."""
        return other_encoding_note(self.other_encoding)

    def summary(self) -> Sentence:
        if self.unchanged:
            text = translate(
                "Import",
                "added {added}, updated {updated}, already members {unchanged}, skipped {skipped}",
            )
        else:
            text = translate("Import", "added {added}, updated {updated}, skipped {skipped}")
        return text.format(
            added=self.added,
            updated=self.updated,
            unchanged=self.unchanged,
            skipped=len(self.skipped),
        )


_FILLABLE = ("name", "organisation", "notes")
_LISTED_ROWS = 10


def other_encoding_note(other: OtherEncoding | None) -> Sentence | None:
    """ "Some of this file was not in UTF-8 …; check … rows 7, 12." or None."""
    if other is None or not other.rows:
        return None
    if len(other.rows) == 1:
        template = translate(
            "Import",
            "Some of this file was not in UTF-8 like the rest, so Pont read it as {encoding}; "
            "check that the letters look right in row {rows}.",
        )
        rows: str = str(other.rows[0])
    else:
        template = translate(
            "Import",
            "Some of this file was not in UTF-8 like the rest, so Pont read it as {encoding}; "
            "check that the letters look right in rows {rows}.",
        )
        rows = ", ".join(str(row) for row in other.rows[:_LISTED_ROWS])
        if len(other.rows) > _LISTED_ROWS:
            rows = translate("Import", "{rows} and {count} more").format(
                rows=rows, count=len(other.rows) - _LISTED_ROWS
            )
    return template.format(encoding=encoding_name(other.encoding), rows=rows)


def import_contacts(
    db: Database, group_id: int, parsed: ParsedContacts, source: str, origin: str = "window"
) -> ImportReport:
    """Add new people, fill empty fields of existing members, skip what cannot be used.

    All or nothing: an error part-way leaves the group exactly as it was.
    """
    report = ImportReport(skipped=list(parsed.skipped), other_encoding=parsed.other_encoding)
    existing = {
        key: (member_id, name, organisation, notes, tags)
        for member_id, key, name, organisation, notes, tags in db.execute(
            "SELECT id, email_key, name, organisation, notes, tags FROM members WHERE group_id = ?",
            [group_id],
        )
    }
    first_seen: dict[str, str] = {}
    new_rows: list[list[object]] = []
    updates: list[tuple[int, dict[str, str], tuple[str, ...], str]] = []
    today = date.today().isoformat()

    for contact in parsed.contacts:
        address = _usable_address(contact, report)
        if address is None:
            continue
        key = address_key(address)
        if key in first_seen:
            reason = translate("Import", "the same address as {where}").format(
                where=first_seen[key]
            )
            report.skipped.append(SkippedContact(contact.where, address, reason))
            continue
        first_seen[key] = contact.where or address
        if key in existing:
            update = _fill_existing(address, existing[key], contact, report)
            if update is None:
                report.unchanged += 1
            else:
                updates.append(update)
            continue
        tags_json = json.dumps(list(_tags(contact)), ensure_ascii=False)
        new_rows.append(
            [
                group_id,
                address,
                key,
                _field(contact.name),
                _field(contact.organisation),
                MemberStatus.ACTIVE.value,
                tags_json,
                _field(contact.notes),
                today,
                source,
            ]
        )

    with db.atomic():
        db.conn.executemany(
            "INSERT INTO members (group_id, email, email_key, name, organisation, status, tags,"
            " notes, joined, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            new_rows,
        )
        for member_id, filled, tags, detail in updates:
            assignments = ", ".join(f"{name} = ?" for name in filled)
            db.execute(
                f"UPDATE members SET {assignments}{', ' if filled else ''}tags = ? WHERE id = ?",
                [*filled.values(), json.dumps(list(tags), ensure_ascii=False), member_id],
            )
            activity.log(db, "change", f"import:{source}", detail, group_id, member_id)
        report.added = len(new_rows)
        report.updated = len(updates)
        activity.log(db, "import", origin, f"{source}: {report.summary()}", group_id=group_id)
    return report


def _field(text: str) -> str:
    # Pasted text is not checked for binary data as files are, and SQLite's C users, Qt and
    # Pont's own import of an export would stop or refuse at a NUL.
    return text.replace("\x00", "").strip()


def _tags(contact: Contact) -> tuple[str, ...]:
    return clean_tags(tag.replace("\x00", "") for tag in contact.tags)


def _usable_address(contact: Contact, report: ImportReport) -> str | None:
    if not contact.email.strip():
        reason = translate("Import", "no email address")
        report.skipped.append(SkippedContact(contact.where, "", reason))
        return None
    if is_exchange_address(contact.email):
        reason = translate(
            "Import",
            "an Exchange address, which works only inside that organisation; "
            "add the person's ordinary email address instead",
        )
        report.skipped.append(SkippedContact(contact.where, contact.email.strip(), reason))
        return None
    try:
        return checked_address(contact.email)
    except InvalidAddress as error:
        report.skipped.append(SkippedContact(contact.where, contact.email.strip(), error.reason))
        return None


def _fill_existing(
    address: str,
    current: tuple[int, str, str, str, str],
    contact: Contact,
    report: ImportReport,
) -> tuple[int, dict[str, str], tuple[str, ...], str] | None:
    """The update for an existing member: empty fields filled and tags added, never overwritten."""
    member_id, *values, tags_json = current
    filled: dict[str, str] = {}
    for name, old in zip(_FILLABLE, values, strict=True):
        offered = _field(getattr(contact, name))
        if not offered or offered == old:
            continue
        if old:
            report.kept.append(KeptValue(address, name, old, offered))
        else:
            filled[name] = offered
    old_tags: tuple[str, ...] = tuple(json.loads(tags_json))
    tags = clean_tags((*old_tags, *_tags(contact)))
    if not filled and tags == old_tags:
        return None
    changes = [f"{name}: '' → {value!r}" for name, value in filled.items()]
    if tags != old_tags:
        changes.append(f"tags: {', '.join(old_tags) or '(none)'} → {', '.join(tags)}")
    return member_id, filled, tags, "; ".join(changes)
