"""A group made from a conversation's people: members who have not yet consented, in one
transaction."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from pont.core.archive.message_headers import Address
from pont.core.errors import DuplicateGroup
from pont.core.group_mail.consent import consent_asked, consent_for
from pont.core.group_mail.from_thread import SOURCE, create_group_from_people
from pont.core.members.groups import create_group, list_groups
from pont.core.members.members import list_members


def test_the_people_become_members_not_yet_consented(db: Database) -> None:
    made = create_group_from_people(
        db,
        "Gŵyl Haf",
        [
            Address("Ann Jones", "ann@example.org"),
            Address("", "BRYN@example.org"),
            Address("Bryn again", "bryn@example.org"),  # the same person: once
            Address("Eve\r\nBcc: all", "eve@example.com"),
            Address("", "not an address"),
        ],
        subject="Cynllunio’r ŵyl haf",
        origin="cli",
    )
    assert made.group.name == "Gŵyl Haf" and made.added == 3
    assert made.left_out == ("not an address",)
    members = list_members(db, made.group.id)
    assert [(m.name, m.email) for m in members] == [
        ("Ann Jones", "ann@example.org"),
        ("", "BRYN@example.org"),
        ("Eve Bcc: all", "eve@example.com"),
    ]
    assert {m.source for m in members} == {SOURCE}
    assert consent_for(db, made.group.id) == {} and consent_asked(db, made.group.id) == {}


def test_a_name_taken_adds_no_group_and_no_one(db: Database) -> None:
    create_group(db, "Gŵyl haf")
    with pytest.raises(DuplicateGroup):
        create_group_from_people(db, "GŴYL HAF", [Address("", "ann@example.org")])
    assert [g.name for g in list_groups(db)] == ["Gŵyl haf"]
    assert db.execute("SELECT count(*) FROM members").fetchone()[0] == 0


def test_a_failure_halfway_leaves_nothing(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    import pont.core.group_mail.from_thread as from_thread

    calls = []

    def failing(*args: object, **kwargs: object) -> None:
        calls.append(args)
        if len(calls) == 2:
            raise OSError("disk full")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    real = from_thread.add_member
    monkeypatch.setattr(from_thread, "add_member", failing)
    with pytest.raises(OSError):
        create_group_from_people(
            db, "Summer", [Address("", "a@example.org"), Address("", "b@example.org")]
        )
    assert list_groups(db) == []
    assert db.execute("SELECT count(*) FROM members").fetchone()[0] == 0
