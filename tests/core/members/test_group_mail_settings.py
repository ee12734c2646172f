"""set_group_mail: who can post, held posts' days, automatic leave, the notices' language and
wording, each checked, stored and logged."""

from __future__ import annotations

from typing import Any

import pytest
from sqlite_utils import Database

from pont.core import activity
from pont.core.errors import GroupNotFound, InvalidGroup
from pont.core.members.groups import (
    Group,
    NoticeLanguage,
    PostingPolicy,
    get_group,
    set_group_mail,
)


def test_a_new_group_has_the_defaults(group: Group) -> None:
    assert (group.posting, group.hold_days, group.auto_leave, group.language) == (
        PostingPolicy.MEMBERS,
        14,
        False,
        NoticeLanguage.ENGLISH,
    )
    assert (group.welcome, group.goodbye) == ("", "")


def test_every_setting_is_stored_and_the_change_logged(db: Database, group: Group) -> None:
    changed = set_group_mail(
        db,
        group.id,
        posting="announce",
        hold_days=30,
        auto_leave=True,
        language=NoticeLanguage.BOTH,
        welcome="Croeso, {name}!\r\n\r\n{post}\n",
        goodbye="Goodbye {name}.",
        origin="cli",
    )
    assert changed == get_group(db, group.id)
    assert (changed.posting, changed.hold_days, changed.auto_leave, changed.language) == (
        PostingPolicy.ANNOUNCE,
        30,
        True,
        NoticeLanguage.BOTH,
    )
    assert changed.welcome == "Croeso, {name}!\n\n{post}"  # tidied
    assert changed.goodbye == "Goodbye {name}."
    [entry] = [e for e in activity.entries(db, group.id) if e.action == "group-mail"]
    assert entry.origin == "cli"
    assert "posting: 'members' → 'announce'" in entry.detail
    assert "hold days: 14 → 30" in entry.detail
    assert "welcome: own wording" in entry.detail and "Croeso" not in entry.detail


def test_none_leaves_a_setting_as_it_is_and_no_change_logs_nothing(
    db: Database, group: Group
) -> None:
    set_group_mail(db, group.id, hold_days=7, welcome="Hi {name}")
    unchanged = set_group_mail(db, group.id, language="cy")
    assert (unchanged.hold_days, unchanged.welcome) == (7, "Hi {name}")
    count = len(activity.entries(db, group.id))
    set_group_mail(db, group.id, hold_days=7, language="cy")
    assert len(activity.entries(db, group.id)) == count
    assert set_group_mail(db, group.id, welcome="").welcome == ""  # back to Pont's wording


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"posting": "everyone"}, "Who can post is one of “members”, “moderated”, “announce”"),
        ({"language": "fr"}, "The notices' language is one of “en”, “cy”, “both”, not “fr”."),
        ({"hold_days": 0}, "between 1 and 365 days before they expire, not 0."),
        ({"hold_days": 366}, "not 366."),
        ({"hold_days": True}, "not True."),
        ({"welcome": "Hi {naem}"}, "The welcome message has “{naem}”"),
        ({"goodbye": "Bye {"}, "The goodbye message has a “{” with no “}”"),
    ],
)
def test_a_refused_setting_is_one_sentence_and_changes_nothing(
    db: Database, group: Group, change: dict[str, Any], words: str
) -> None:
    with pytest.raises(InvalidGroup) as refused:
        set_group_mail(db, group.id, auto_leave=True, **change)
    assert words in str(refused.value)
    assert get_group(db, group.id) == group


def test_an_unknown_group_is_said_so(db: Database) -> None:
    with pytest.raises(GroupNotFound):
        set_group_mail(db, 999, hold_days=3)
