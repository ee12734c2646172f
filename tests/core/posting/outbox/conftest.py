"""The outbox tests' own profile database and clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from outbox_world import Clock
from sqlite_utils import Database

from pont.core.profile.store import open_database


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "pont.sqlite3")
    yield database
    database.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()
