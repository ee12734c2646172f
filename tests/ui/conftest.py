"""Fixtures for window tests: a temporary profile with a group, and the real main window."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from ui_helpers import WindowFactory

from pont.core.demo.profile import seed_demo_profile
from pont.core.members.groups import Group, create_group
from pont.core.members.members import Member, MemberStatus, NewMember, add_member
from pont.core.profile.store import open_database
from pont.ui.language import SOURCE_LANGUAGE, install_language
from pont.ui.shell.main_window import MainWindow
from pont.ui.widgets.focus_rings import use_focus_rings

HERE = Path(__file__).parent

# Qt's offscreen platform warns whenever a window with a layout is shown; it says nothing
# about Pont, and qt_log_level_fail = WARNING would otherwise fail every window test.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def pont_style(qapp: QApplication) -> None:
    """The style Pont's application draws in (create_application sets it): focus rings."""
    use_focus_rings(qapp)


@pytest.fixture(autouse=True)
def english_again() -> Iterator[None]:
    """After each test, English again for the next one (the application is shared), whatever
    language the test installed: its translator and QLocale's default both go."""
    yield
    app = QCoreApplication.instance()
    if app is not None:  # without one, no language was installed
        install_language(app, SOURCE_LANGUAGE)


@pytest.fixture
def database_path(tmp_path: Path) -> Path:
    return tmp_path / "profile" / "pont.sqlite3"


@pytest.fixture
def db(database_path: Path) -> Iterator[Database]:
    database = open_database(database_path)
    yield database
    database.close()


@pytest.fixture
def group(db: Database) -> Group:
    return create_group(db, "Wellbeing Network", tag="Wellbeing", description="Sharing what works.")


@pytest.fixture
def members(db: Database, group: Group) -> list[Member]:
    """Four people: two active, one paused with notes, one who left; names that need care."""
    people = [
        NewMember(
            "ann.jones@example.org",
            name="Ann Jones",
            organisation="Cardiff Council",
            tags=("NHS", "rural"),
            joined=date(2023, 5, 1),
        ),
        NewMember(
            "bob@example.org",
            name="Jones, Bob",
            organisation="Mind Cymru",
            tags=("charity",),
            joined=date(2022, 1, 15),
        ),
        NewMember(
            "sian@example.org",
            name="Siân Roberts",
            organisation="Gwynedd Council",
            status=MemberStatus.PAUSED,
            tags=("Welsh language",),
            notes="On leave until spring.",
            joined=date(2024, 3, 9),
        ),
        NewMember(
            "carol@example.org",
            name="Carol White",
            status=MemberStatus.LEFT,
            notes="Moved to a new role.",
            joined=date(2021, 7, 30),
        ),
    ]
    return [add_member(db, group.id, person, origin="test") for person in people]


@pytest.fixture
def make_window(qtbot: QtBot, db: Database, database_path: Path) -> WindowFactory:
    def make(demo: bool = False) -> MainWindow:
        window = MainWindow(db, database_path, demo=demo)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        return window

    return make


@pytest.fixture
def demo_window(make_window: WindowFactory, db: Database) -> MainWindow:
    """The main window on the demo profile: groups, members and an archive of threads."""
    seed_demo_profile(db)
    return make_window(demo=True)


@pytest.fixture
def window(make_window: WindowFactory, members: list[Member]) -> MainWindow:
    """The main window showing Wellbeing Network and its four members."""
    return make_window()
