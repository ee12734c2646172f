"""Start-up: the window is painted first, then the profile opens and fills it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pont import app as pont_app
from pont.core.demo import DEMO_GROUP
from pont.core.errors import ProfileLocked
from pont.core.profile_lock import lock_profile
from pont.ui import application


def test_the_demo_profile_fills_the_window_once_it_has_opened(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    window = pont_app.open_main_window(qapp, tmp_path, demo=True)
    qtbot.addWidget(window)
    # Until the profile opens: a neutral blank, not the welcome page for a profile without groups.
    assert window.pages.currentWidget() is window.splitter
    assert window.sidebar.list.count() == 0
    assert window.windowTitle() == "Pont (demo)"

    window.show()
    qtbot.waitUntil(lambda: window.members_view.model.rowCount() > 0)
    assert window.group is not None and window.group.name == DEMO_GROUP
    assert window.sidebar.list.count() == 1
    assert window.windowTitle() == f"{DEMO_GROUP} (demo) — Pont"
    assert window.demo_label.isVisible()
    db = window.database()
    window.close()
    db.close()


def test_a_profile_that_cannot_open_is_explained(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(_path: Path) -> None:
        raise ProfileLocked("Pont's data is in use by another Pont window or program.")

    shown: list[str] = []
    exit_codes: list[int] = []
    monkeypatch.setattr(pont_app, "open_database", locked)
    monkeypatch.setattr(application, "show_startup_error", shown.append)
    # The real exit would also end every event loop the later tests start.
    monkeypatch.setattr(QApplication, "exit", staticmethod(exit_codes.append))
    window = pont_app.open_main_window(qapp, tmp_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: shown != [])
    assert shown == ["Pont's data is in use by another Pont window or program."]
    assert exit_codes == [1]
    assert window.sidebar.list.count() == 0


def test_a_second_pont_on_the_same_profile_says_so_and_exits(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(application, "create_application", lambda _argv: qapp)
    monkeypatch.setattr(application, "show_startup_error", shown.append)
    with lock_profile(tmp_path):  # the first Pont, still open
        assert pont_app.run_app(tmp_path) == 1
    assert len(shown) == 1
    assert shown[0].startswith("Pont is already open with the profile in")
    assert not (tmp_path / "pont.sqlite3").exists()


def test_a_profile_folder_that_cannot_be_made_is_explained(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(application, "create_application", lambda _argv: qapp)
    monkeypatch.setattr(application, "show_startup_error", shown.append)
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder")
    assert pont_app.run_app(a_file / "profile") == 1
    assert len(shown) == 1
    assert shown[0].startswith(f"Pont cannot keep its data in {a_file / 'profile'} (")
    assert "choose another one with --data-dir" in shown[0]
