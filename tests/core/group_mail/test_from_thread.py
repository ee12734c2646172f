"""A group made from a conversation's people: members who have not yet consented, in one
transaction."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from pont.core.archive.message_headers import Address
from pont.core.errors import DuplicateGroup
from pont.core.group_mail.consent import consent_asked, consent_for
from pont.core.group_mail.from_thread import SOURCE, create_group_from_people, own_addresses
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


def test_own_addresses_are_the_accounts_and_the_groups_aliases(db: Database) -> None:
    from pont.core.archive.found_conversations import Conversation, FoundMessage, people_in
    from pont.core.mail.accounts import AccountSettings, Security, ServerSettings, save_account

    save_account(
        db,
        AccountSettings(
            email="rhian@example.org",
            username="rhian@example.org",
            imap=ServerSettings("imap.example.org", 993, Security.SSL),
            smtp=ServerSettings("smtp.example.org", 465, Security.SSL),
        ),
    )
    group = create_group(db, "Walkers")
    db.execute("UPDATE groups SET address = 'walkers@example.net' WHERE id = ?", [group.id])
    db.conn.commit()
    own = own_addresses(db)
    assert own == ["rhian@example.org", "walkers@example.net"]
    message = FoundMessage(
        "a@x",
        "Walks",
        Address("Ann", "ann@example.org"),
        (
            Address("", "Rhian+Walkers@Example.org"),
            Address("", "WALKERS@example.net"),
            Address("", "rhian.other@example.org"),
        ),
        None,
        (),
    )
    people = people_in(Conversation("Walks", (message,)), own)
    assert {p.email: p.is_you for p in people} == {
        "ann@example.org": False,
        "Rhian+Walkers@example.org": True,
        "WALKERS@example.net": True,
        "rhian.other@example.org": False,
    }
