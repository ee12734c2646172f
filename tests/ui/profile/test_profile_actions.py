"""The whole profile from the window: daily backups, Restore from backup, Export and Import
everything. Restoring and importing reopen the profile in a new window."""

from __future__ import annotations

import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
import shiboken6
import translations
from PySide6.QtCore import QLocale, QObject
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from core.profile.crafted_zips import zip_bomb
from core.profile.hostile_databases import dropped_archive_table, extra_trigger
from pont import app as pont_app
from pont.core.mail import credentials
from pont.core.mail.accounts import AccountSettings, Security, ServerSettings, save_account
from pont.core.members.groups import create_group, list_groups
from pont.core.members.members import NewMember, add_member
from pont.core.profile import backups as core_backups
from pont.core.profile.backups import Backup, copy_database, list_backups, take_backup
from pont.core.profile.handover import export_everything
from pont.core.profile.settings import write_setting
from pont.core.profile.store import DATABASE_NAME, open_database
from pont.ui import language
from pont.ui.language import current_language, language_setting, settings_for
from pont.ui.profile import actions as profile_actions
from pont.ui.profile.backup_dialog import BackupDialog, when_in_words
from pont.ui.shell.main_window import MainWindow
from pont.ui.sync import controller as sync_controller
from pont.ui.sync.controller import SETUP_OFFERED_KEY
from pont.ui.widgets import prompts

BRITISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
NOW = datetime(2026, 11, 26, 14, 0).astimezone()


@pytest.fixture(autouse=True)
def backup_right_after_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """The window waits a minute before its first daily backup; these tests cannot."""
    monkeypatch.setattr(profile_actions, "FIRST_BACKUP_DELAY_MS", 0)


def make_profile(data_dir: Path, *groups: str) -> Path:
    db = open_database(data_dir / DATABASE_NAME)
    write_setting(db, SETUP_OFFERED_KEY, True)  # no first-run mail set-up popping up
    for name in groups:
        group = create_group(db, name)
        add_member(db, group.id, NewMember(f"someone@{name.split()[0].lower()}.org"), "test")
    db.close()
    return data_dir


class Prompts:
    """Answers the confirmations and records what the coordinator was told."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answer: bool = True) -> None:
        self.answer = answer
        self.asked: list[str] = []
        self.told: list[tuple[str, str]] = []
        monkeypatch.setattr(prompts, "confirm", self.confirm)
        monkeypatch.setattr(prompts, "inform", lambda _p, _t, text: self.told.append(("i", text)))
        monkeypatch.setattr(prompts, "warn", lambda _p, _t, text: self.told.append(("w", text)))

    def confirm(self, _parent: object, _title: str, text: str, details: str, _go: str) -> bool:
        self.asked.append(f"{text}\n{details}")
        return self.answer


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Prompts:
    return Prompts(monkeypatch)


@pytest.fixture
def opened(qtbot: QtBot, qapp: QApplication) -> Iterator[list[MainWindow]]:
    """Windows opened as Pont opens them; each is closed, with its database, at the end."""
    windows: list[MainWindow] = []
    yield windows
    for window in windows:
        if not shiboken6.isValid(window) or not window.isVisible():
            continue
        db = window.database()
        window.close()
        db.close()


def open_window(
    qtbot: QtBot, qapp: QApplication, data_dir: Path, opened: list[MainWindow]
) -> MainWindow:
    window = pont_app.open_main_window(qapp, data_dir)
    opened.append(window)
    window.show()
    qtbot.waitUntil(lambda: groups_shown(window))
    # The start-up backup, on its worker thread, is done: not merely not started yet (its
    # timer may not have fired when the groups show), unless it cannot be taken at all.
    qtbot.waitUntil(
        lambda: (
            not window.profile_actions.backups.is_running()
            and (list_backups(data_dir) != [] or (data_dir / "backups").is_file())
        )
    )
    return window


def not_reopened(qtbot: QtBot, result: object, opened: list[MainWindow]) -> bool:
    """Whether a refused change left the window as it was. A window it opened after all is
    let say what it says while the prompts are still answered, and closed at the end like
    the others: the test then fails, rather than hang on a real message box."""
    if isinstance(result, MainWindow):
        reopened(qtbot, result, opened)
        qtbot.wait(200)
    return result is None


def groups_shown(window: MainWindow) -> bool:
    """The window is built (after its first paint) and lists the profile's groups. The
    groups show before it is built (pont.ui.shell.members_first); its menus are filled when
    it is."""
    return not window.file_menu.isEmpty() and window.sidebar.list.count() > 0


def group_names(window: MainWindow) -> list[str]:
    return [g.name for g in list_groups(window.database())]


def reopened(qtbot: QtBot, result: object, opened: list[MainWindow]) -> MainWindow:
    assert isinstance(result, MainWindow)
    opened.append(result)
    qtbot.waitUntil(lambda: groups_shown(result))
    return result


# -- dates and sizes in words ------------------------------------------------------------


def test_backup_dates_in_words() -> None:
    assert when_in_words(NOW.replace(hour=9), NOW, BRITISH) == "Today 09:00"
    assert when_in_words(datetime(2026, 11, 25, 18, 30).astimezone(), NOW, BRITISH) == (
        "Yesterday 18:30"
    )
    assert when_in_words(datetime(2026, 11, 24, 9, 0).astimezone(), NOW, BRITISH) == (
        "Tue 24 Nov 2026"
    )


def test_the_restore_dialog_lists_the_backups_newest_first(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    found = [
        Backup(folder / "a", datetime(2026, 11, 26, 9, 0).astimezone(), 2_400_000),
        Backup(
            folder / "b", datetime(2026, 11, 26, 8, 15).astimezone(), 2_300_000, "before-restore"
        ),
        Backup(folder / "c", datetime(2026, 11, 25, 9, 5).astimezone(), 2_350_000),
        Backup(folder / "d", datetime(2026, 11, 24, 9, 0).astimezone(), 1_900_000),
    ]
    dialog = BackupDialog(None, found, NOW, BRITISH)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    rows = [
        [dialog.list.topLevelItem(r).text(c) for c in range(3)]
        for r in range(dialog.list.topLevelItemCount())
    ]
    assert rows == [
        ["Today 09:00", "2.4 MB", "Daily backup"],
        ["Today 08:15", "2.3 MB", "Your data just before a restore"],
        ["Yesterday 09:05", "2.4 MB", "Daily backup"],
        ["Tue 24 Nov 2026", "1.9 MB", "Daily backup"],
    ]
    assert dialog.chosen() == found[0] and dialog.restore_button.isEnabled()
    dialog.list.setCurrentItem(dialog.list.topLevelItem(2))
    dialog.restore_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.chosen() == found[2]
    assert not dialog.grab().isNull()


def test_the_restore_dialog_without_backups_says_so(qtbot: QtBot) -> None:
    dialog = BackupDialog(None, [], NOW, BRITISH)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.empty.isVisible() and not dialog.list.isVisible()
    assert not dialog.restore_button.isEnabled()


# -- the daily backup --------------------------------------------------------------------


def test_the_daily_backup_is_taken_off_the_gui_thread_once_the_profile_opens(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    opened: list[MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    threads: list[threading.Thread] = []
    backup_if_due = core_backups.backup_if_due

    def recorded(*args: object) -> object:
        threads.append(threading.current_thread())
        return backup_if_due(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(core_backups, "backup_if_due", recorded)
    data_dir = make_profile(tmp_path / "profile", "Wellbeing Network")
    window = open_window(qtbot, qapp, data_dir, opened)
    backups = window.profile_actions.backups
    qtbot.waitUntil(lambda: list_backups(data_dir) != [] and not backups.is_running())
    assert threads and threads[0] is not threading.main_thread()
    assert backups.timer.isActive()
    assert backups.timer.interval() == 3 * 60 * 60 * 1000
    # Checking again the same day takes no second backup.
    with qtbot.waitSignal(backups.backed_up) as done:
        backups.run()
    assert done.args == [None]
    assert len(list_backups(data_dir)) == 1


def test_a_failed_daily_backup_is_said_in_the_status_bar(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, opened: list[MainWindow]
) -> None:
    data_dir = make_profile(tmp_path / "profile", "Wellbeing Network")
    (data_dir / "backups").write_text("a file where the folder should be")
    window = open_window(qtbot, qapp, data_dir, opened)
    qtbot.waitUntil(lambda: "No backup today" in window.statusBar().currentMessage())
    assert "Pont could not write a backup in" in window.statusBar().currentMessage()


# -- restore -----------------------------------------------------------------------------


def test_restore_asks_then_reopens_the_profile_on_the_backup(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    opened: list[MainWindow],
    answers: Prompts,
) -> None:
    data_dir = make_profile(tmp_path / "profile", "Wellbeing Network")
    window = open_window(qtbot, qapp, data_dir, opened)
    backup = take_backup(window.database(), data_dir)
    create_group(window.database(), "Made Since")
    window.reload_groups()
    assert group_names(window) == ["Made Since", "Wellbeing Network"]

    new = reopened(qtbot, window.profile_actions.restore_from(backup), opened)

    assert "Pont will close this window and open it again" in answers.asked[0]
    assert answers.asked[0].startswith("Restore the backup from ")
    assert new is not window and new.isVisible()
    qtbot.waitUntil(lambda: not shiboken6.isValid(window))  # the old window is gone
    assert group_names(new) == ["Wellbeing Network"]
    qtbot.waitUntil(lambda: answers.told != [])
    kind, text = answers.told[0]
    assert kind == "i" and text.startswith("Restored the backup from ")
    assert "What was here before is kept as a backup" in text
    assert sorted(b.kind for b in list_backups(data_dir)) == ["before-restore", "daily"]


def test_restore_cancelled_changes_nothing(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    opened: list[MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answers = Prompts(monkeypatch, answer=False)
    data_dir = make_profile(tmp_path / "profile", "Wellbeing Network")
    window = open_window(qtbot, qapp, data_dir, opened)
    backup = take_backup(window.database(), data_dir)
    assert window.profile_actions.restore_from(backup) is None
    assert answers.asked and window.isVisible()
    assert len(list_backups(data_dir)) == 1


def test_a_damaged_backup_is_refused_before_the_window_closes(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    opened: list[MainWindow],
    answers: Prompts,
) -> None:
    data_dir = make_profile(tmp_path / "profile", "Wellbeing Network")
    window = open_window(qtbot, qapp, data_dir, opened)
    backup = take_backup(window.database(), data_dir)
    backup.path.write_bytes(b"\x00" * 8192)

    assert window.profile_actions.restore_from(backup) is None

    assert answers.told == [
        ("w", "That backup is damaged, so Pont did not use it. Nothing was changed.")
    ]
    assert window.isVisible() and group_names(window) == ["Wellbeing Network"]
    assert len(list_backups(data_dir)) == 1


def test_restore_from_the_menu_opens_the_dialog(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    opened: list[MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data_dir = make_profile(tmp_path / "profile", "Wellbeing Network")
    window = open_window(qtbot, qapp, data_dir, opened)
    shown: list[list[str]] = []

    def cancel(dialog: BackupDialog) -> int:
        shown.append(
            [dialog.list.topLevelItem(r).text(2) for r in range(dialog.list.topLevelItemCount())]
        )
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(BackupDialog, "exec", cancel)
    window.profile_actions.restore.trigger()
    assert shown == [["Daily backup"]]
    assert window.isVisible()


# -- export and import -------------------------------------------------------------------


def test_export_everything_runs_in_the_background_and_says_when_done(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, opened: list[MainWindow]
) -> None:
    data_dir = make_profile(tmp_path / "profile", "Wellbeing Network")
    window = open_window(qtbot, qapp, data_dir, opened)
    target = tmp_path / "handover.zip"
    window.profile_actions.export_to(target)
    assert not window.profile_actions.export_all.isEnabled()
    qtbot.waitUntil(lambda: "Saved everything" in window.statusBar().currentMessage())
    assert window.statusBar().currentMessage() == (
        "Saved everything to handover.zip. No password is in it: whoever opens it signs in "
        "with their own."
    )
    assert window.profile_actions.export_all.isEnabled()
    with zipfile.ZipFile(target) as archive:
        assert sorted(archive.namelist()) == ["manifest.json", "pont.sqlite3", "window.ini"]


def test_import_everything_replaces_after_asking_and_reopens(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    opened: list[MainWindow],
    answers: Prompts,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    theirs = open_database(make_profile(tmp_path / "theirs", "Carers Forum") / DATABASE_NAME)
    server = ServerSettings("mail.example.org", 465, Security.SSL)
    save_account(theirs, AccountSettings("old@example.org", "old", server, server))
    handover = tmp_path / "handover.zip"
    export_everything(theirs, tmp_path / "theirs", handover)
    theirs.close()
    assert credentials.load_password("old@example.org") is None
    data_dir = make_profile(tmp_path / "mine", "Wellbeing Network")
    window = open_window(qtbot, qapp, data_dir, opened)

    asked_for: list[str] = []
    # The new coordinator is asked for their password when the profile opens and syncs;
    # they cancel here. The new window is built on its first paint, after import_from.
    monkeypatch.setattr(
        sync_controller, "ask_password", lambda _parent, email: asked_for.append(email)
    )
    new = reopened(qtbot, window.profile_actions.import_from(handover), opened)

    assert asked_for == ["old@example.org"]
    assert answers.asked[0].startswith("Replace what is in Pont with handover.zip?")
    assert (
        "Pont now holds 1 group (1 member). The file holds 1 group (1 member)" in (answers.asked[0])
    )
    assert group_names(new) == ["Carers Forum"]
    qtbot.waitUntil(lambda: answers.told != [])
    kind, text = answers.told[0]
    assert kind == "i"
    assert "Pont will ask for the password for old@example.org when it next signs in." in text
    assert sorted(b.kind for b in list_backups(data_dir)) == ["before-import", "daily"]


def test_importing_a_file_that_is_not_an_export_changes_nothing(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    opened: list[MainWindow],
    answers: Prompts,
) -> None:
    data_dir = make_profile(tmp_path / "mine", "Wellbeing Network")
    window = open_window(qtbot, qapp, data_dir, opened)
    members = tmp_path / "members.zip"
    members.write_bytes(b"Name,Email\n")
    assert window.profile_actions.import_from(members) is None
    assert answers.asked == []
    assert answers.told == [
        (
            "w",
            "members.zip is not a file Pont’s “Export everything” made (it is not a zip file). "
            "Nothing was imported.",
        )
    ]
    assert window.isVisible() and group_names(window) == ["Wellbeing Network"]


def test_an_export_with_a_damaged_database_is_refused_before_the_window_closes(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    opened: list[MainWindow],
    answers: Prompts,
) -> None:
    data_dir = make_profile(tmp_path / "mine", "Wellbeing Network")
    window = open_window(qtbot, qapp, data_dir, opened)
    handover = tmp_path / "handover.zip"
    export_everything(window.database(), data_dir, handover)
    with zipfile.ZipFile(handover) as good:
        manifest = good.read("manifest.json")
    with zipfile.ZipFile(handover, "w") as bad:
        bad.writestr("manifest.json", manifest)
        bad.writestr("pont.sqlite3", b"\x00" * 8192)

    assert not_reopened(qtbot, window.profile_actions.import_from(handover), opened)

    assert answers.told == [
        ("w", "The data in handover.zip is damaged, so Pont did not use it. Nothing was changed.")
    ]
    assert window.isVisible() and group_names(window) == ["Wellbeing Network"]
    assert all(b.kind == "daily" for b in list_backups(data_dir))
    assert not list(data_dir.glob(".import-*"))  # nothing staged is left behind


def test_a_backup_with_a_foreign_trigger_is_refused_before_the_window_closes(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    opened: list[MainWindow],
    answers: Prompts,
) -> None:
    data_dir = make_profile(tmp_path / "profile", "Wellbeing Network")
    window = open_window(qtbot, qapp, data_dir, opened)
    backup = take_backup(window.database(), data_dir)
    extra_trigger(backup.path)

    assert not_reopened(qtbot, window.profile_actions.restore_from(backup), opened)

    assert answers.told == [
        (
            "w",
            "That backup holds something Pont never made (“batch_recipients_audit”), so Pont "
            "did not use it: a change made outside Pont could send posts where they should not "
            "go. Nothing was changed.",
        )
    ]
    assert window.isVisible() and group_names(window) == ["Wellbeing Network"]
    assert [b.kind for b in list_backups(data_dir)] == ["daily"]


@pytest.mark.parametrize(
    ("change", "sentence"),
    [
        (
            extra_trigger,
            "The data in handover.zip holds something Pont never made "
            "(“batch_recipients_audit”), so Pont did not use it: a change made outside Pont "
            "could send posts where they should not go. Nothing was changed.",
        ),
        (
            dropped_archive_table,
            "The data in handover.zip lacks part of Pont's data (“message_groups”), so Pont did "
            "not use it. Nothing was changed.",
        ),
    ],
    ids=["hidden-recipient-trigger", "dropped-archive-table"],
)
def test_an_export_with_a_hostile_database_is_refused_before_the_window_closes(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    opened: list[MainWindow],
    answers: Prompts,
    change: Callable[[Path], None],
    sentence: str,
) -> None:
    theirs = open_database(make_profile(tmp_path / "theirs", "Carers Forum") / DATABASE_NAME)
    hostile = tmp_path / "hostile.sqlite3"
    copy_database(theirs.conn, hostile)
    export_everything(theirs, tmp_path / "theirs", tmp_path / "genuine.zip")
    theirs.close()
    change(hostile)
    handover = tmp_path / "handover.zip"
    with zipfile.ZipFile(tmp_path / "genuine.zip") as good, zipfile.ZipFile(handover, "w") as bad:
        bad.writestr("manifest.json", good.read("manifest.json"))
        bad.write(hostile, DATABASE_NAME)
    data_dir = make_profile(tmp_path / "mine", "Wellbeing Network")
    window = open_window(qtbot, qapp, data_dir, opened)

    assert not_reopened(qtbot, window.profile_actions.import_from(handover), opened)

    assert answers.asked[0].startswith("Replace what is in Pont with handover.zip?")
    assert answers.told == [("w", sentence)]
    assert window.isVisible() and group_names(window) == ["Wellbeing Network"]
    assert [b.kind for b in list_backups(data_dir)] == ["daily"]
    assert not list(data_dir.glob(".import-*"))


def test_a_zip_bomb_is_refused_at_once_before_the_window_closes(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    opened: list[MainWindow],
    answers: Prompts,
) -> None:
    data_dir = make_profile(tmp_path / "mine", "Wellbeing Network")
    window = open_window(qtbot, qapp, data_dir, opened)
    bomb = zip_bomb(tmp_path / "handover.zip")

    started = time.perf_counter()
    assert not_reopened(qtbot, window.profile_actions.import_from(bomb), opened)
    assert time.perf_counter() - started < 1.0

    assert answers.told == [
        (
            "w",
            "handover.zip is not a file Pont’s “Export everything” made (its pont.sqlite3 would "
            "unpack to 1.1 GB, far more than it holds). Nothing was imported.",
        )
    ]
    assert window.isVisible() and group_names(window) == ["Wellbeing Network"]


def test_the_first_daily_backup_waits_until_start_up_is_over(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(profile_actions, "FIRST_BACKUP_DELAY_MS", 300)
    data_dir = make_profile(tmp_path / "profile", "Peer Support")
    owner = QObject()
    backups = profile_actions.DailyBackups(owner, data_dir / DATABASE_NAME)
    backups.start()
    qtbot.wait(50)
    assert not backups.is_running() and list_backups(data_dir) == []
    qtbot.waitUntil(lambda: list_backups(data_dir) != [], timeout=5000)
    qtbot.waitUntil(lambda: not backups.is_running())
    backups.shutdown()


# -- the language ------------------------------------------------------------------------


def test_choosing_welsh_reopens_the_window_in_welsh_and_keeps_the_choice(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, opened: list[MainWindow], answers: Prompts
) -> None:
    translations.compile_all()
    data_dir = make_profile(tmp_path / "profile", "Walkers")
    window = open_window(qtbot, qapp, data_dir, opened)
    english_file_menu = window.menuBar().actions()[0].text()
    new = reopened(qtbot, window.menus.language_menu.choose("cy"), opened)
    welsh_file_menu = new.menuBar().actions()[0].text()
    assert welsh_file_menu not in {"", english_file_menu}
    assert qapp.translate("MainWindow", "&File") == welsh_file_menu
    assert language_setting(settings_for(data_dir)) == "cy"
    qtbot.waitUntil(lambda: bool(answers.told))
    assert answers.told[0][1].endswith("Cymraeg.")
    ticked = [a.data() for a in new.menus.language_menu.menu.actions() if a.isChecked()]
    assert ticked == ["cy"]
    # Back to English: the window reopens once more; choosing it again changes nothing.
    english = reopened(qtbot, new.menus.language_menu.choose("en"), opened)
    assert english.menuBar().actions()[0].text() == english_file_menu
    assert english.menus.language_menu.choose("en") is None


def test_a_missing_translation_is_said_and_the_window_stays_readable(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    opened: list[MainWindow],
    answers: Prompts,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data_dir = make_profile(tmp_path / "profile", "Walkers")
    window = open_window(qtbot, qapp, data_dir, opened)
    english_file_menu = window.menuBar().actions()[0].text()
    monkeypatch.setattr(language, "translation_file", lambda code: tmp_path / f"none_{code}.qm")
    new = reopened(qtbot, window.menus.language_menu.choose("cy"), opened)
    qtbot.waitUntil(lambda: bool(answers.told))
    assert answers.told == [
        (
            "w",
            "Pont cannot show its windows in Cymraeg here: its translation is missing from "
            "this copy of Pont. Installing Pont again brings it back.",
        )
    ]
    assert new.menuBar().actions()[0].text() == english_file_menu
    assert current_language() == "en"
