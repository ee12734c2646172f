"""Fixtures for core tests: a fresh database per test, and a group in it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from pont.core.members.groups import Group, create_group
from pont.core.profile.store import open_database


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "pont.sqlite3")
    yield database
    database.close()


@pytest.fixture
def group(db: Database) -> Group:
    return create_group(db, "Wellbeing Network", description="Practitioners sharing what works.")
