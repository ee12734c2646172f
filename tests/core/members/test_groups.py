from __future__ import annotations

import pytest
from sqlite_utils import Database

from pont.core import activity
from pont.core.errors import AccountNotFound, DuplicateGroup, GroupNotFound, InvalidGroup
from pont.core.mail.accounts import AccountSettings, Security, ServerSettings, save_account
from pont.core.members.groups import (
    Group,
    GroupMode,
    create_group,
    delete_group,
    find_group,
    get_group,
    list_groups,
    set_group_sending,
    suggested_tag,
    update_group,
)
from pont.core.members.members import NewMember, add_member


def test_create_and_find_group_case_insensitively(db: Database) -> None:
    created = create_group(db, "  Wellbeing   Network ", description="What works")
    assert created.name == "Wellbeing Network"
    assert created.tag == "Wellbeing"
    assert created.subject_tag == "[Wellbeing]"
    assert find_group(db, "wellbeing network") == created


def test_duplicate_group_name_is_refused(db: Database) -> None:
    create_group(db, "Wellbeing Network")
    with pytest.raises(DuplicateGroup):
        create_group(db, "WELLBEING network")


@pytest.mark.parametrize("tag", ["Well]being", "a\nb", "x" * 25])
def test_unsafe_or_long_tags_are_refused(db: Database, tag: str) -> None:
    with pytest.raises(InvalidGroup):
        create_group(db, "Group", tag=tag)


def test_brackets_around_a_tag_are_dropped(db: Database) -> None:
    assert create_group(db, "Group", tag="[Data]").tag == "Data"


def test_rename_logs_the_change_and_refuses_clashes(db: Database) -> None:
    first = create_group(db, "First")
    create_group(db, "Second")
    renamed = update_group(db, first.id, name="Renamed", tag="Ren")
    assert (renamed.name, renamed.tag) == ("Renamed", "Ren")
    assert activity.entries(db, first.id)[-1].action == "group-change"
    with pytest.raises(DuplicateGroup):
        update_group(db, first.id, name="second")


def test_delete_group_removes_members_and_their_history(db: Database) -> None:
    group = create_group(db, "Doomed")
    add_member(db, group.id, NewMember("ann@example.org"))
    delete_group(db, group.id)
    assert list_groups(db) == []
    assert db.execute("SELECT count(*) FROM members").fetchone()[0] == 0
    remaining = " ".join(entry.detail for entry in activity.entries(db))
    assert "ann@example.org" not in remaining
    assert activity.entries(db)[-1].action == "group-delete"
    with pytest.raises(GroupNotFound):
        find_group(db, "Doomed")


@pytest.mark.parametrize(
    ("name", "tag"), [("Wellbeing Network", "Wellbeing"), ("NHS data", "NHS"), ("!!", "")]
)
def test_suggested_tag(name: str, tag: str) -> None:
    assert suggested_tag(name) == tag


def test_each_group_gets_its_own_list_id(db: Database) -> None:
    first = create_group(db, "Wellbeing Network")
    second = create_group(db, "Wellbeing Network 2")
    assert first.list_id.startswith("wellbeing-network.")
    assert first.list_id.endswith(".localhost")
    assert first.list_id != second.list_id
    assert find_group(db, "wellbeing network").list_id == first.list_id


def test_a_new_group_copies_everyone_in(db: Database) -> None:
    group = create_group(db, "Wellbeing Network")
    assert (group.mode, group.footer, group.account_id) == (GroupMode.COPY_ALL, "", None)
    assert Group(1, "Old", "Old", "", 3) == Group(1, "Old", "Old", "", 3, "", GroupMode.COPY_ALL)


def test_sending_settings_change_and_are_logged(db: Database) -> None:
    group = create_group(db, "Wellbeing Network")
    server = ServerSettings("mail.example.org", 465, Security.SSL)
    account = save_account(db, AccountSettings("ann@example.org", "ann", server, server))
    changed = set_group_sending(
        db, group.id, mode="group-address", footer="  What works,\n in Wales ", origin="cli"
    )
    assert changed.mode is GroupMode.GROUP_ADDRESS and changed.footer == "What works, in Wales"
    assert find_group(db, "wellbeing network") == changed
    entry = activity.entries(db, group.id)[-1]
    assert (entry.action, entry.origin) == ("group-sending", "cli")
    assert "mode: 'copy-all' → 'group-address'" in entry.detail
    assert set_group_sending(db, group.id, account_id=account.id).account_id == account.id
    unchanged = set_group_sending(db, group.id, mode=GroupMode.GROUP_ADDRESS)
    assert unchanged == get_group(db, group.id) and unchanged.footer == "What works, in Wales"
    assert len(activity.entries(db, group.id)) == 3  # nothing changed, nothing logged
    assert set_group_sending(db, group.id, footer="").footer == ""


def test_bad_sending_settings_are_refused(db: Database) -> None:
    group = create_group(db, "Wellbeing Network")
    with pytest.raises(InvalidGroup, match="copy-all"):
        set_group_sending(db, group.id, mode="everyone")
    with pytest.raises(InvalidGroup, match="at most 200"):
        set_group_sending(db, group.id, footer="x" * 201)
    with pytest.raises(AccountNotFound):
        set_group_sending(db, group.id, account_id=99)
    with pytest.raises(GroupNotFound):
        set_group_sending(db, 99, mode="copy-all")
    assert get_group(db, group.id).mode is GroupMode.COPY_ALL


def test_a_groups_mail_goes_through_its_own_account_or_else_the_first(db: Database) -> None:
    from pont.core.members.groups import account_groups

    server = ServerSettings("mail.example.org", 993, Security.SSL)
    first, second = (
        save_account(db, AccountSettings(email=e, username=e, imap=server, smtp=server))
        for e in ("one@example.org", "two@example.org")
    )
    unset = create_group(db, "Unset")
    own = set_group_sending(db, create_group(db, "Own").id, account_id=second.id)

    assert [g.name for g in account_groups(db, first.id)] == [unset.name]
    assert [g.name for g in account_groups(db, second.id)] == [own.name]
