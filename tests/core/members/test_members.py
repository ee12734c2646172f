from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlite_utils import Database

from pont.core import activity
from pont.core.errors import DuplicateMember, InvalidAddress, MemberNotFound
from pont.core.members.groups import Group, create_group
from pont.core.members.members import (
    MemberStatus,
    NewMember,
    add_member,
    erase_member,
    find_member,
    get_member,
    list_members,
    parse_tags,
    remove_members,
    restore_members,
    save_member,
)


def test_add_member_keeps_address_as_typed(db: Database, group: Group) -> None:
    member = add_member(db, group.id, NewMember(" Ann.Jones@Example.ORG ", name="Ann Jones"))
    assert member.email == "Ann.Jones@Example.ORG"
    assert member.joined == date.today()
    assert find_member(db, group.id, "ann.jones@example.org") == member


def test_duplicate_address_differing_only_in_case_is_refused(db: Database, group: Group) -> None:
    add_member(db, group.id, NewMember("ann@example.org"))
    with pytest.raises(DuplicateMember, match="already a member of Wellbeing Network"):
        add_member(db, group.id, NewMember("ANN@example.org"))
    assert len(list_members(db, group.id)) == 1


def test_same_address_may_belong_to_two_groups(db: Database, group: Group) -> None:
    other = create_group(db, "Data Club")
    add_member(db, group.id, NewMember("ann@example.org"))
    add_member(db, other.id, NewMember("ann@example.org"))
    assert len(list_members(db, other.id)) == 1


@pytest.mark.parametrize("address", ["", "ann", "ann@", "@example.org", "ann@@example.org"])
def test_invalid_address_is_refused_with_a_reason(db: Database, group: Group, address: str) -> None:
    with pytest.raises(InvalidAddress) as raised:
        add_member(db, group.id, NewMember(address))
    assert "not a usable email address" in str(raised.value)
    assert list_members(db, group.id) == []


def test_edit_is_saved_and_logged(db: Database, group: Group) -> None:
    member = add_member(db, group.id, NewMember("ann@example.org", name="Ann"))
    edited = save_member(
        db, dataclasses.replace(member, name="Ann Jones", tags=("data", " Data ", "nhs"))
    )
    assert edited.name == "Ann Jones"
    assert edited.tags == ("data", "nhs")
    last = activity.entries(db, group.id)[-1]
    assert (last.action, last.member_id) == ("change", member.id)
    assert "Ann Jones" in last.detail


def test_edit_to_a_taken_or_invalid_address_changes_nothing(db: Database, group: Group) -> None:
    add_member(db, group.id, NewMember("ann@example.org"))
    bob = add_member(db, group.id, NewMember("bob@example.org", name="Bob"))
    with pytest.raises(DuplicateMember):
        save_member(db, dataclasses.replace(bob, email="Ann@example.org", name="Robert"))
    with pytest.raises(InvalidAddress):
        save_member(db, dataclasses.replace(bob, email="bob at example.org"))
    assert get_member(db, bob.id) == bob


def test_changing_the_case_of_ones_own_address_is_allowed(db: Database, group: Group) -> None:
    ann = add_member(db, group.id, NewMember("ann@example.org"))
    assert save_member(db, dataclasses.replace(ann, email="Ann@example.org")).email == (
        "Ann@example.org"
    )


def test_leaving_keeps_the_member_and_logs_leave(db: Database, group: Group) -> None:
    ann = add_member(db, group.id, NewMember("ann@example.org"))
    left = save_member(db, dataclasses.replace(ann, status=MemberStatus.LEFT))
    assert left.status is MemberStatus.LEFT
    assert activity.entries(db, group.id)[-1].action == "leave"


def test_remove_then_restore_gives_back_everything(db: Database, group: Group) -> None:
    new = NewMember(
        "ann@example.org",
        name="Ann",
        organisation="NHS",
        status=MemberStatus.PAUSED,
        tags=("data",),
        notes="Met at the conference",
        joined=date(2023, 5, 1),
        source="contacts.csv",
    )
    ann = add_member(db, group.id, new)
    bob = add_member(db, group.id, NewMember("bob@example.org"))
    removed = remove_members(db, [ann.id, bob.id])
    assert list_members(db, group.id) == []
    restore_members(db, removed)
    assert list_members(db, group.id) == [ann, bob]
    actions = [e.action for e in activity.entries(db, group.id) if e.member_id == ann.id]
    assert actions == ["add", "remove", "restore"]


def test_erase_leaves_only_an_anonymous_line(db: Database, group: Group) -> None:
    ann = add_member(db, group.id, NewMember("ann@example.org", name="Ann Jones"))
    save_member(db, dataclasses.replace(ann, notes="Phone her on Tuesdays"))
    erase_member(db, ann.id)
    with pytest.raises(MemberNotFound):
        get_member(db, ann.id)
    dump = "\n".join(db.iterdump())
    assert "ann@example.org" not in dump
    assert "Ann Jones" not in dump
    assert "Tuesdays" not in dump
    assert activity.entries(db, group.id)[-1].action == "erase"


def test_parse_tags_accepts_commas_and_semicolons() -> None:
    assert parse_tags(" data; NHS ,, rural, nhs ") == ("data", "NHS", "rural")
