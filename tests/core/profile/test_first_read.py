"""The start-up's first read of the groups and members, with sqlite3 alone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pont.core.members.groups import create_group, list_groups
from pont.core.members.members import NewMember, add_member, list_members
from pont.core.profile.first_read import read_first
from pont.core.profile.store import DATABASE_NAME, open_database


def _profile(tmp_path: Path) -> Path:
    path = tmp_path / DATABASE_NAME
    db = open_database(path)
    choir = create_group(db, "Choir")
    walkers = create_group(db, "Walkers")
    add_member(db, choir.id, NewMember("ann@example.org", "Ann Jones"))
    add_member(db, walkers.id, NewMember("dai@example.org", "Dai Evans"))
    add_member(db, walkers.id, NewMember("eli@example.org", "Eli Rees"))
    db.close()
    return path


def test_it_reads_what_opening_the_profile_would_show(tmp_path: Path) -> None:
    path = _profile(tmp_path)
    db = open_database(path)
    groups = list_groups(db)
    walkers = next(g for g in groups if g.name == "Walkers")

    read = read_first(path, walkers.id)

    assert read is not None
    assert read.groups == groups
    assert read.shown == walkers
    assert read.members == list_members(db, walkers.id)
    assert [m.email for m in read.members] == ["dai@example.org", "eli@example.org"]
    db.close()


def test_a_group_no_longer_there_shows_the_first_by_name(tmp_path: Path) -> None:
    path = _profile(tmp_path)

    read = read_first(path, 999)

    assert read is not None and read.shown.name == "Choir"
    assert [m.email for m in read.members] == ["ann@example.org"]
    assert read_first(path, None) == read


def test_it_leaves_a_new_or_empty_profile_to_opening_it(tmp_path: Path) -> None:
    missing = tmp_path / "new" / DATABASE_NAME
    assert read_first(missing, None) is None
    assert not missing.exists()  # nothing made on the way
    assert not missing.parent.exists()

    empty = tmp_path / DATABASE_NAME
    open_database(empty).close()
    assert read_first(empty, None) is None  # no group yet: the welcome page's business


def test_it_leaves_a_schema_not_yet_brought_up_to_date_or_a_damaged_file_alone(
    tmp_path: Path,
) -> None:
    old = tmp_path / "old.sqlite3"
    connection = sqlite3.connect(old)
    connection.execute("CREATE TABLE groups (id INTEGER PRIMARY KEY, name TEXT)")
    connection.execute("INSERT INTO groups (name) VALUES ('Choir')")
    connection.commit()
    connection.close()
    assert read_first(old, None) is None

    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"not a database at all" * 100)
    assert read_first(damaged, None) is None

    odd = _profile(tmp_path)  # data the schema's checks would refuse: edited by hand, say
    with sqlite3.connect(odd) as connection:
        connection.execute("PRAGMA ignore_check_constraints = ON")
        connection.execute("UPDATE members SET status = 'no such status'")
    connection.close()
    assert read_first(odd, None) is None
