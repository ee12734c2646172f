"""The activity log as a cheap sign of which members changed, for the window to follow."""

from __future__ import annotations

import dataclasses

from sqlite_utils import Database

from pont.core.activity import last_entry_id, members_touched_since
from pont.core.members.contacts import Contact, ParsedContacts
from pont.core.members.groups import create_group
from pont.core.members.importing import import_contacts
from pont.core.members.members import (
    NewMember,
    add_member,
    members_with_ids,
    remove_members,
    save_member,
)


def test_lines_since_a_mark_name_the_members_touched_in_the_group(db: Database) -> None:
    group = create_group(db, "Wellbeing Network")
    other = create_group(db, "Arts Circle")
    ann = add_member(db, group.id, NewMember("ann@example.org", name="Ann"))
    bob = add_member(db, group.id, NewMember("bob@example.org"))
    mark = last_entry_id(db)
    assert members_touched_since(db, mark, group.id) == set()

    save_member(db, dataclasses.replace(ann, name="Ann Jones"))
    remove_members(db, [bob.id])
    add_member(db, other.id, NewMember("cai@example.org"))  # another group's
    dewi = add_member(db, group.id, NewMember("dewi@example.org"))
    assert last_entry_id(db) > mark
    assert members_touched_since(db, mark, group.id) == {ann.id, bob.id, dewi.id}
    assert [m.email for m in members_with_ids(db, [ann.id, 999, dewi.id])] == [
        "ann@example.org",
        "dewi@example.org",
    ]

    whole = last_entry_id(db)
    import_contacts(db, group.id, ParsedContacts([Contact("eve@example.org")]), "paste")
    assert members_touched_since(db, whole, group.id) is None  # read the whole group
