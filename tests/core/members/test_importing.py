from __future__ import annotations

import pytest
from sqlite_utils import Database

from pont.core import activity
from pont.core.members.contacts import Contact, OtherEncoding, ParsedContacts, SkippedContact
from pont.core.members.groups import Group
from pont.core.members.importing import import_contacts
from pont.core.members.members import NewMember, add_member, find_member, list_members


def parsed(*contacts: Contact, skipped: list[SkippedContact] | None = None) -> ParsedContacts:
    return ParsedContacts(list(contacts), skipped or [])


def test_report_counts_added_updated_and_skipped_with_reasons(db: Database, group: Group) -> None:
    add_member(db, group.id, NewMember("ann@example.org", name="Ann Jones", organisation=""))
    report = import_contacts(
        db,
        group.id,
        parsed(
            Contact("ann@example.org", name="Annie", organisation="NHS Wales", where="row 2"),
            Contact("bob@example.org", name="Bob", tags=("data",), where="row 3"),
            Contact("not-an-address", name="Carol", where="row 4"),
            Contact("", name="Dai", where="row 5"),
            Contact("BOB@example.org", name="Bobby", where="row 6"),
            skipped=[SkippedContact("card 9", "", "no email address")],
        ),
        source="contacts.csv",
    )
    assert (report.added, report.updated) == (1, 1)
    reasons = {s.where: s.reason for s in report.skipped}
    assert reasons["card 9"] == "no email address"
    assert reasons["row 5"] == "no email address"
    assert reasons["row 6"] == "the same address as row 3"
    assert "@" in reasons["row 4"] or "sign" in reasons["row 4"]
    ann = find_member(db, group.id, "ann@example.org")
    assert ann.name == "Ann Jones"  # never overwritten silently...
    assert ann.organisation == "NHS Wales"  # ...but empty fields are filled
    assert [(k.field, k.kept, k.offered) for k in report.kept] == [("name", "Ann Jones", "Annie")]
    bob = find_member(db, group.id, "bob@example.org")
    assert (bob.tags, bob.source) == (("data",), "contacts.csv")
    assert activity.entries(db, group.id)[-1].detail.startswith("contacts.csv: added 1")


def test_reimporting_the_same_list_changes_nothing(db: Database, group: Group) -> None:
    source = parsed(Contact("ann@example.org", name="Ann", tags=("a",)))
    import_contacts(db, group.id, source, source="x.csv")
    report = import_contacts(db, group.id, source, source="x.csv")
    assert (report.added, report.updated, report.unchanged) == (0, 0, 1)


def test_import_is_all_or_nothing(
    db: Database, group: Group, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_member(db, group.id, NewMember("ann@example.org"))
    contacts = parsed(Contact("bob@example.org"), Contact("ann@example.org", name="Ann"))

    def broken_log(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(activity, "log", broken_log)
    with pytest.raises(RuntimeError):
        import_contacts(db, group.id, contacts, source="x.csv")
    members = list_members(db, group.id)
    assert [(m.email, m.name) for m in members] == [("ann@example.org", "")]


def test_nul_never_reaches_the_members_table(db: Database, group: Group) -> None:
    # Pasted text is not checked for binary data as a file is, and an export holding a NUL
    # could not be imported again (issue 12, defect 5).
    contacts = parsed(Contact("ann@example.org", name="A\x00nn", notes="x\x00", tags=("t\x00",)))
    import_contacts(db, group.id, contacts, source="pasted text")
    member = find_member(db, group.id, "ann@example.org")
    assert (member.name, member.notes, member.tags) == ("Ann", "x", ("t",))


def test_the_report_names_rows_read_in_another_encoding(db: Database, group: Group) -> None:
    contacts = parsed(Contact("ann@example.org", name="Siân"))
    contacts.other_encoding = OtherEncoding("cp1252", (3, 9))
    report = import_contacts(db, group.id, contacts, source="mixed.csv")
    assert report.other_encoding == OtherEncoding("cp1252", (3, 9))
    assert report.other_encoding_note() == (
        "Some of this file was not in UTF-8 like the rest, so Pont read it as Windows-1252; "
        "check that the letters look right in rows 3, 9."
    )
    plain = import_contacts(db, group.id, parsed(Contact("bob@example.org")), source="x.csv")
    assert plain.other_encoding_note() is None


@pytest.mark.parametrize(
    "address", ["/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=ab", "EX:/O=A"]
)
def test_an_exchange_address_is_skipped_with_a_reason_a_person_can_act_on(
    db: Database, group: Group, address: str
) -> None:
    report = import_contacts(
        db, group.id, parsed(Contact(address, name="Jac", where="row 2")), source="outlook.csv"
    )
    assert report.added == 0
    [skipped] = report.skipped
    assert (skipped.where, skipped.address) == ("row 2", address)
    assert skipped.reason.startswith("an Exchange address, which works only inside")
