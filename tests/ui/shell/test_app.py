"""Start-up: the window's frame is painted first, then the window is built and the profile
opens and fills it."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_walk import WindowsShown

from pont import app as pont_app
from pont.core.demo.profile import DEMO_GROUP, seed_demo_profile
from pont.core.errors import ProfileLocked
from pont.core.members.members import Member
from pont.core.profile.first_read import FirstRead
from pont.core.profile.lock import lock_profile
from pont.core.profile.store import DATABASE_NAME, open_database
from pont.ui.shell import application
from pont.ui.shell.main_window import MainWindow


def test_the_demo_profile_fills_the_window_once_it_has_opened(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    shown = WindowsShown()
    qapp.installEventFilter(shown)
    try:
        window = pont_app.open_main_window(qapp, tmp_path, demo=True)
        qtbot.addWidget(window)
        # Until it first paints, the window is its frame: the menus are there to be filled, and
        # there is no welcome page for a profile without groups, nor any other page.
        assert window.windowTitle() == "Pont (demo)"
        menus = [action.text() for action in window.menuBar().actions()]
        assert menus == ["&File", "&Edit", "&Group", "&Post", "&Mail", "&Help"]
        assert window.file_menu.isEmpty()
        assert window.centralWidget() is None
        assert window.statusBar().currentMessage() == "Opening your groups…"

        window.show()
        qtbot.waitUntil(lambda: window.centralWidget() is not None)
        qtbot.waitUntil(lambda: window.members_view.model.rowCount() > 0)
        assert [action.text() for action in window.menuBar().actions()] == menus
        assert not window.file_menu.isEmpty()
        assert window.statusBar().currentMessage() == ""
        # The keyboard works at once, from the top of the window, as if it had been built whole.
        assert window.focusWidget() is window.sidebar.list
    finally:  # not left watching the later tests' windows
        qapp.removeEventFilter(shown)
    # No part of the window flashed up as a window of its own on the way.
    assert [type(other).__name__ for other in shown.windows if other is not window] == []
    # The columns were fitted to the table's width on screen, not to the size of a table
    # not yet laid out: fitting them again now changes nothing.
    table = window.members_view.table
    header = table.horizontalHeader()
    fitted = [header.sectionSize(column) for column in range(header.count())]
    window.members_view.table.fit_columns()
    assert [header.sectionSize(column) for column in range(header.count())] == fitted
    # Every column shows in the window's first size, without scrolling sideways.
    assert header.length() <= table.viewport().width()
    assert window.group is not None and window.group.name == DEMO_GROUP
    assert window.sidebar.list.count() == 1
    assert window.windowTitle() == f"{DEMO_GROUP} (demo) — Pont"
    assert window.demo_label.isVisible()
    db = window.database()
    window.close()
    db.close()


# What makes the window's first paint quick: none of these is loaded until it is done.
LOADED_AFTER_THE_FIRST_PAINT = [
    "pont.ui.members.view",  # the table, its model and delegates
    "pont.ui.shell.main_menus",  # and every action behind the menus
    "pont.ui.sync.controller",
    "pont.core.members.groups",  # the domain, with its dataclasses
    "pont.core.members.members",
    "sqlite_utils",
]


def test_the_frame_paints_before_the_rest_of_the_window_loads(tmp_path: Path) -> None:
    script = """
import sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject
from pont.app import build_window

class FirstPaint(QObject):
    modules: set[str] | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.modules is None:
            self.modules = set(sys.modules)
        return False

app, window = build_window(Path(sys.argv[1]), demo=True)
first_paint = FirstPaint()
window.installEventFilter(first_paint)
window.show()
while first_paint.modules is None or window.centralWidget() is None:
    app.processEvents()
print(" ".join(sorted(first_paint.modules)))
print(" ".join(sorted(sys.modules)))
window.close()
"""
    at_first_paint, once_built = _modules_loaded(script, tmp_path)
    assert [name for name in LOADED_AFTER_THE_FIRST_PAINT if name in at_first_paint] == []
    assert [name for name in LOADED_AFTER_THE_FIRST_PAINT if name not in once_built] == []


def _seed_demo(folder: Path) -> None:
    """A demo profile opened once before, as on every start-up but the first."""
    db = open_database(folder / DATABASE_NAME)
    seed_demo_profile(db)
    db.close()


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_a_profile_opened_before_shows_its_members_before_the_rest_of_the_window(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    _seed_demo(tmp_path)
    shown = WindowsShown()
    qapp.installEventFilter(shown)
    try:
        window = pont_app.open_main_window(qapp, tmp_path, demo=True)
        qtbot.addWidget(window)
        table_paints = _Paints()
        show_members_first = window.show_members_first

        def watch_the_table(read: FirstRead) -> None:
            show_members_first(read)
            window.members_view.table.viewport().installEventFilter(table_paints)

        at_build: dict[str, object] = {}
        build = window.build

        def note_what_showed_first() -> None:
            made = hasattr(window, "members_view")
            at_build.update(
                rows=window.members_view.model.rowCount() if made else 0,
                table_paints=table_paints.count,
                menus_filled=not window.file_menu.isEmpty(),
                title=window.windowTitle(),
                groups=window.sidebar.list.count() if made else 0,
            )
            build()

        window.show_members_first = watch_the_table  # type: ignore[method-assign]
        window.build = note_what_showed_first  # type: ignore[method-assign]
        window.show()
        qtbot.waitUntil(lambda: not window.file_menu.isEmpty() and window.group is not None)
        qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "")
    finally:
        qapp.removeEventFilter(shown)
    # The members were in the table, and painted, before the rest of the window was made.
    assert at_build == {
        "rows": len(list_members_of_demo(window)),
        "table_paints": 1,
        "menus_filled": False,
        "title": f"{DEMO_GROUP} (demo) — Pont",
        "groups": 1,
    }
    # Then the window is as if it had been built whole: the same members, read again with
    # the profile open, the keyboard at the top of the window, the columns fitted.
    assert window.members_view.model.rowCount() == at_build["rows"]
    assert window.group is not None and window.group.name == DEMO_GROUP
    assert window.focusWidget() is window.sidebar.list
    assert [type(other).__name__ for other in shown.windows if other is not window] == []
    header = window.members_view.table.horizontalHeader()
    fitted = [header.sectionSize(column) for column in range(header.count())]
    window.members_view.table.fit_columns()
    assert [header.sectionSize(column) for column in range(header.count())] == fitted
    assert header.length() <= window.members_view.table.viewport().width()
    db = window.database()
    window.close()
    db.close()


def list_members_of_demo(window: MainWindow) -> list[Member]:
    from pont.core.members.members import list_members

    assert window.group is not None
    return list_members(window.database(), window.group.id)


# What the members wait for no longer: none of these is loaded when they first paint.
LOADED_AFTER_THE_MEMBERS_PAINT = [
    "sqlite_utils",  # and the migrations: the profile opens properly just after
    "pont.ui.shell.main_menus",
    "pont.ui.sync.controller",
    "pont.ui.conversations.tab",
    "pont.ui.composer.actions",
    "pont.ui.group_mail.held_view",
    "pont.ui.members.member_actions",
]


# A start-up in a fresh process on the profile in sys.argv[1], calling
# at_members_paint() as the members table first paints (MainWindow.show_members_first is
# watched: it fills the table, and the first paint comes straight after it), then running
# until `UNTIL` holds. The test's own lines define both, and what is printed after.
WATCHING_THE_MEMBERS_PAINT = """
import sys
from pathlib import Path
import PySide6.QtWidgets
from PySide6.QtCore import QEvent, QObject
from pont.app import build_window
from pont.ui.shell.main_window import MainWindow
{definitions}

class MembersPaint(QObject):
    seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            at_members_paint()
        return False

members_paint = MembersPaint()
show_members_first = MainWindow.show_members_first

def watch_the_table(window, read):
    show_members_first(window, read)
    window.members_view.table.viewport().installEventFilter(members_paint)

MainWindow.show_members_first = watch_the_table
app, window = build_window(Path(sys.argv[1]), demo=True)
window.show()
while not members_paint.seen or not ({until}):
    app.processEvents()
{then}
window.close()
"""


def test_the_members_paint_before_the_rest_of_the_window_loads(tmp_path: Path) -> None:
    _seed_demo(tmp_path)
    script = WATCHING_THE_MEMBERS_PAINT.format(
        definitions="""
loaded = set()
def at_members_paint():
    loaded.update(sys.modules)
""",
        until="not window.file_menu.isEmpty()",
        then="""
print(" ".join(sorted(loaded)))
print(" ".join(sorted(sys.modules)))
""",
    )
    at_members_paint, once_built = _modules_loaded(script, tmp_path)
    assert [name for name in LOADED_AFTER_THE_MEMBERS_PAINT if name in at_members_paint] == []
    assert [name for name in LOADED_AFTER_THE_MEMBERS_PAINT if name not in once_built] == []


def test_the_members_paint_without_the_style_s_enums_from_the_second_start(
    tmp_path: Path,
) -> None:
    """The room beside the column titles, measured with QStyle (~5 ms of Python enums), is
    remembered: every start-up after the first paints the members without it, and the
    focus rings' style brings it in afterwards."""
    _seed_demo(tmp_path)
    script = WATCHING_THE_MEMBERS_PAINT.format(
        definitions="""
styled = []
def at_members_paint():
    styled.append("QStyle" in vars(PySide6.QtWidgets))
""",
        until='window._settings.value("members/title_room") is not None',
        then='print("with QStyle" if styled[0] else "without QStyle")',
    )
    assert _start(script, tmp_path) + _start(script, tmp_path) == ["with QStyle", "without QStyle"]


def test_garbage_is_collected_once_the_profile_is_open_and_not_before(tmp_path: Path) -> None:
    """Start-up holds Python's collector (it would walk start-up's long-lived objects again
    and again), then lets it go, leaving those objects out of later collections."""
    _seed_demo(tmp_path)
    script = """
import gc
import sys
from pathlib import Path
from pont.app import build_window

app, window = build_window(Path(sys.argv[1]), demo=True)
print("collecting" if gc.isenabled() else "held")
window.show()
while window.file_menu.isEmpty():
    app.processEvents()
print("collecting" if gc.isenabled() else "held", gc.get_freeze_count() > 10_000)
window.close()
"""
    assert _start(script, tmp_path) == ["held", "collecting True"]


def _modules_loaded(script: str, profile: Path) -> tuple[set[str], set[str]]:
    """The modules a start-up script printed on two lines: loaded at the moment it watched
    for, and once the window was built (each in a fresh process)."""
    at_the_moment, once_built = (set(line.split()) for line in _start(script, profile))
    return at_the_moment, once_built


def _start(script: str, profile: Path) -> list[str]:
    """What a start-up script printed, run in a fresh process on profile, line by line."""
    result = subprocess.run(
        [sys.executable, "-c", script, str(profile)],
        capture_output=True,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def _locked(_path: Path) -> None:
    raise ProfileLocked("Pont's data is in use by another Pont window or program.")


def _broken(_path: Path) -> None:
    raise KeyError("a bug")


@pytest.mark.parametrize(
    ("trouble", "said"),
    [
        ("locked", "Pont's data is in use by another Pont window or program."),
        ("damaged", "Pont cannot open its data in "),
        ("bug", "Something went wrong inside Pont (KeyError) as it opened."),
    ],
)
@pytest.mark.qt_no_exception_capture  # the bug is printed for the log, and said
def test_a_profile_that_cannot_open_is_explained(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    trouble: str,
    said: str,
) -> None:
    if trouble == "damaged":
        (tmp_path / DATABASE_NAME).write_bytes(b"not a database, whatever it once was" * 100)
    else:
        monkeypatch.setattr(pont_app, "open_database", _locked if trouble == "locked" else _broken)
    shown: list[str] = []
    exit_codes: list[int] = []
    monkeypatch.setattr(application, "show_startup_error", shown.append)
    # The real exit would also end every event loop the later tests start.
    monkeypatch.setattr(QApplication, "exit", staticmethod(exit_codes.append))
    window = pont_app.open_main_window(qapp, tmp_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: shown != [])
    assert len(shown) == 1 and shown[0].startswith(said)
    assert exit_codes == [1]
    assert window.sidebar.list.count() == 0
    window.close()  # before the profile opened: nothing to shut down, nothing raised


@pytest.fixture
def startup_errors(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """run_app on the tests' own application, its start-up errors kept here, not shown."""
    shown: list[str] = []
    monkeypatch.setattr(application, "create_application", lambda _argv: qapp)
    monkeypatch.setattr(application, "show_startup_error", shown.append)
    return shown


def test_a_second_pont_on_the_same_profile_says_so_and_exits(
    startup_errors: list[str], tmp_path: Path
) -> None:
    with lock_profile(tmp_path):  # the first Pont, still open
        assert pont_app.run_app(tmp_path) == 1
    assert gc.isenabled()  # held for the start-up that did not happen, and let go
    assert len(startup_errors) == 1
    assert startup_errors[0].startswith("Pont is already open with the profile in")
    assert not (tmp_path / "pont.sqlite3").exists()


def test_a_profile_folder_that_cannot_be_made_is_explained(
    startup_errors: list[str], tmp_path: Path
) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder")
    assert pont_app.run_app(a_file / "profile") == 1
    assert len(startup_errors) == 1
    assert startup_errors[0].startswith(f"Pont cannot keep its data in {a_file / 'profile'} (")
    assert "choose another one with --data-dir" in startup_errors[0]
