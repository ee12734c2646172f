"""The groups and one group's members, read at start-up with Python's own sqlite3 before
the profile is opened properly, so that the window shows what the coordinator came for
first: opening through store.open_database loads sqlite-utils (~70 ms) and checks the
migrations, which can wait until the members are on screen.

Reading only; anything unusual (no profile yet, a schema not yet brought up to date, a
busy or damaged file) is left to open_database, which says what is wrong.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from pont.core.members.groups import Group, list_groups
from pont.core.members.members import Member, list_members

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class FirstRead:
    """Every group, the one to show (wanted, or else the first by name) and its members."""

    groups: list[Group]
    shown: Group
    members: list[Member]


def read_first(database: Path, wanted_group_id: int | None) -> FirstRead | None:
    """The groups and the shown group's members in database, or None when there is no
    group to show or the file cannot simply be read (then open_database handles it)."""
    if not database.is_file():
        return None
    try:
        # mode=rw: never create a database here; reading only, all the same.
        connection = sqlite3.connect(f"{database.resolve().as_uri()}?mode=rw", uri=True, timeout=0)
    except sqlite3.Error:
        return None
    try:
        # list_groups and list_members only call execute(), which sqlite3's Connection has too.
        db = cast("Database", connection)
        groups = list_groups(db)
        if not groups:
            return None
        shown = next((g for g in groups if g.id == wanted_group_id), groups[0])
        return FirstRead(groups, shown, list_members(db, shown.id))
    except (sqlite3.Error, ValueError):  # a schema older than this Pont, or odd data
        return None
    finally:
        connection.close()
