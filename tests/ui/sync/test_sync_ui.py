"""Sync from the window against the real test Dovecot: progress, summary, problems, timers."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QThread, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from ui_helpers import WindowFactory

from core.archive.corpus import make_unreadable
from mailservers import HOST, Mailbox
from memory_keyring import MemoryKeyring
from pont import app as pont_app
from pont.core.archive import sync as core_sync
from pont.core.archive.sync_fetch import _HEADER_ITEM as HEADER_ITEM
from pont.core.demo.profile import seed_demo_profile
from pont.core.mail.accounts import Account, AccountSettings, Security, ServerSettings, save_account
from pont.core.mail.credentials import SERVICE, load_password, store_password
from pont.core.members.groups import Group
from pont.core.profile.settings import (
    DEFAULT_SYNC_INTERVAL,
    SYNC_INTERVAL_KEY,
    read_setting,
    sync_interval,
    write_setting,
)
from pont.core.profile.store import open_database
from pont.ui.accounts import dialog as account_dialog
from pont.ui.accounts.password_prompt import PasswordPrompt
from pont.ui.shell.main_window import MainWindow
from pont.ui.sync.controller import SETUP_OFFERED_KEY
from pont.ui.sync.settings_dialog import SyncSettingsDialog

SHOTS = Path("/tmp/pontshots")
real_sync_account = core_sync.sync_account
SYNC_TIMEOUT = 30_000


def raw_message(number: int, subject: str) -> bytes:
    return (
        f"From: Bryn Davies <bryn@example.org>\r\n"
        f"To: Coordinator <coordinator@example.org>\r\n"
        f"Subject: {subject}\r\n"
        f"Message-ID: <sync-ui-{number}-{time.monotonic_ns()}@example.org>\r\n"
        f"Date: Tue, 04 Mar 2025 10:{number % 60:02d}:00 +0000\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n"
        f"Message {number}: what we learnt this week.\r\n"
    ).encode()


def add_account(db: Database, mailbox: Mailbox, password: str | None = None) -> Account:
    server = mailbox.server
    account = save_account(
        db,
        AccountSettings(
            email=mailbox.email,
            username=mailbox.email,
            imap=ServerSettings(HOST, server.imaps_port, Security.SSL),
            smtp=ServerSettings(HOST, server.smtps_port, Security.SSL),
        ),
    )
    if password is not None:
        store_password(mailbox.email, password)
    return account


def stored_subjects(db: Database) -> list[str]:
    return [row[0] for row in db.execute("SELECT subject FROM messages ORDER BY subject")]


def record_texts(label: object) -> list[str]:
    """Every text the label is given (a QLabel has no signal for it)."""
    seen: list[str] = []
    original = label.setText  # type: ignore[attr-defined]

    def set_text(text: str) -> None:
        seen.append(text)
        original(text)

    label.setText = set_text  # type: ignore[attr-defined]
    return seen


def slow_chunks(monkeypatch: pytest.MonkeyPatch, pause: float = 0.0) -> None:
    """Sync in chunks of one message (with a pause after each), so a sync lasts a while."""
    real = core_sync.sync_account

    def chunked(
        db: Database, account_id: int, connect: Callable, progress: Callable, **options: object
    ) -> object:
        def slowed(item: core_sync.SyncProgress) -> None:
            progress(item)
            time.sleep(pause)

        return real(db, account_id, connect, slowed, chunk_size=1, **options)

    monkeypatch.setattr(core_sync, "sync_account", chunked)


def test_sync_now_stores_the_groups_messages_with_progress_and_a_summary(
    qtbot: QtBot,
    make_window: WindowFactory,
    db: Database,
    group: Group,
    mailbox: Mailbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_account(db, mailbox, mailbox.password)
    for number in range(1, 6):
        mailbox.server.deliver(mailbox.email, raw_message(number, f"[Wellbeing] Tip {number}"))
    mailbox.server.deliver(mailbox.email, raw_message(9, "Your parcel is on its way"))
    slow_chunks(monkeypatch, pause=0.05)
    window = make_window()
    controller = window.sync_controller
    progress_texts = record_texts(controller.progress_label)
    shown: list[str] = []
    controller.status_message.connect(shown.append)
    ticks: list[float] = []
    ticker = QTimer()
    ticker.timeout.connect(lambda: ticks.append(time.monotonic()))
    ticker.start(10)

    with qtbot.waitSignal(window.archive_changed, timeout=SYNC_TIMEOUT):
        started = time.monotonic()
        controller.sync_now.trigger()
        assert time.monotonic() - started < 0.5, "the sync must not run on the GUI thread"
        assert controller.is_syncing()
        assert controller.progress_bar.isVisible()
        qtbot.waitUntil(
            lambda: "Syncing Inbox: 3 of 6" in controller.progress_label.text(),
            timeout=SYNC_TIMEOUT,
        )
        ticks_before = len(ticks)
        window.statusBar().grab().save(str(SHOTS / "sync-status-bar.png"))
        window.grab().save(str(SHOTS / "sync-window.png"))
        qtbot.waitUntil(lambda: len(ticks) > ticks_before + 5, timeout=SYNC_TIMEOUT)
        assert controller.is_syncing(), "the window kept working while the sync ran"
    ticker.stop()

    assert shown == ["Synced: 5 new group messages, 5 conversations updated."]
    assert window.statusBar().currentMessage() == shown[0]
    assert "Syncing Inbox: 1 of 6" in progress_texts
    assert "Syncing Inbox: 6 of 6" in progress_texts
    assert any(text.startswith("Connecting to") for text in progress_texts)
    assert not controller.progress_bar.isVisible() and not controller.is_syncing()
    assert stored_subjects(db) == [f"[Wellbeing] Tip {n}" for n in range(1, 6)]
    assert not window.sync_controller.notice.isVisible()


def test_sync_now_while_syncing_keeps_the_one_sync(
    qtbot: QtBot,
    make_window: WindowFactory,
    db: Database,
    group: Group,
    mailbox: Mailbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_account(db, mailbox, mailbox.password)
    mailbox.server.deliver(mailbox.email, raw_message(1, "[Wellbeing] Hello"))
    mailbox.server.deliver(mailbox.email, raw_message(2, "[Wellbeing] Hello again"))
    slow_chunks(monkeypatch, pause=0.2)
    window = make_window()
    controller = window.sync_controller
    finished: list[None] = []
    controller.sync_finished.connect(lambda: finished.append(None))
    assert controller.sync(timed=False)
    qtbot.waitUntil(lambda: "Syncing" in controller.progress_label.text(), timeout=SYNC_TIMEOUT)
    label = controller.progress_label.text()
    assert not controller.sync(timed=False)
    controller.sync_now.trigger()
    assert controller.progress_label.text() == label and controller.progress_bar.isVisible()
    qtbot.waitUntil(lambda: finished == [None], timeout=SYNC_TIMEOUT)
    qtbot.wait(100)
    assert finished == [None]
    assert len(stored_subjects(db)) == 2


def test_a_refused_password_gives_one_notice_and_is_asked_for_on_sync_now(
    qtbot: QtBot,
    make_window: WindowFactory,
    db: Database,
    group: Group,
    mailbox: Mailbox,
    memory_keyring: MemoryKeyring,
) -> None:
    add_account(db, mailbox, "an-old-password")
    mailbox.server.deliver(mailbox.email, raw_message(1, "[Wellbeing] Hello"))
    window = make_window()
    controller = window.sync_controller
    asked: list[str] = []

    def ask(_parent: object, email: str) -> tuple[str, bool]:
        asked.append(email)
        return mailbox.password, True

    controller.ask_password = ask
    with qtbot.waitSignal(controller.sync_finished, timeout=SYNC_TIMEOUT):
        controller.sync(timed=True)
    notice = controller.notice.text()
    assert notice == (
        f"{HOST} did not accept the password for {mailbox.email}, so Pont could not fetch new "
        "messages. Choose Sync now (F5) to type it again (passwords are case-sensitive)."
    )
    assert QApplication.activeModalWidget() is None
    assert stored_subjects(db) == []
    window.grab().save(str(SHOTS / "sync-notice.png"))

    # The next timed sync neither asks nor piles up notices.
    assert not controller.sync(timed=True)
    assert asked == []
    assert "needs the password" in controller.notice.text()

    with qtbot.waitSignal(window.archive_changed, timeout=SYNC_TIMEOUT):
        controller.sync_now.trigger()
    assert asked == [mailbox.email]
    assert stored_subjects(db) == ["[Wellbeing] Hello"]
    assert memory_keyring.passwords[(SERVICE, mailbox.email)] == mailbox.password
    assert controller.passwords.get(mailbox.email) is None  # the keyring has it now
    assert not controller.notice.isVisible()


def test_without_a_keyring_the_password_is_asked_once_per_session(
    qtbot: QtBot,
    make_window: WindowFactory,
    db: Database,
    group: Group,
    mailbox: Mailbox,
    no_keyring: None,
) -> None:
    add_account(db, mailbox)
    window = make_window()
    controller = window.sync_controller
    asked: list[str] = []

    def ask(_parent: object, email: str) -> tuple[str, bool]:
        asked.append(email)
        return mailbox.password, False

    controller.ask_password = ask
    assert not controller.sync(timed=True), "a timed sync never asks"
    assert asked == []
    assert controller.notice.text() == (
        f"Pont did not fetch new messages for {mailbox.email}: it needs the password. "
        "Choose Sync now (F5) to type it."
    )
    for _ in range(2):
        with qtbot.waitSignal(controller.sync_finished, timeout=SYNC_TIMEOUT):
            controller.sync_now.trigger()
    assert asked == [mailbox.email]
    assert controller.passwords.get(mailbox.email) == mailbox.password
    assert load_password(mailbox.email) is None
    assert not controller.notice.isVisible()


def test_closing_the_window_mid_sync_stops_the_sync_cleanly(
    qtbot: QtBot,
    make_window: WindowFactory,
    db: Database,
    database_path: Path,
    group: Group,
    mailbox: Mailbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_account(db, mailbox, mailbox.password)
    for number in range(40):
        mailbox.server.deliver(mailbox.email, raw_message(number, f"[Wellbeing] Tip {number}"))
    slow_chunks(monkeypatch, pause=0.1)
    window = make_window()
    controller = window.sync_controller
    controller.sync(timed=False)
    qtbot.waitUntil(
        lambda: "Syncing Inbox: 2 of" in controller.progress_label.text(), timeout=SYNC_TIMEOUT
    )

    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < 3
    assert all(thread.isFinished() for thread in controller.findChildren(QThread))
    assert not controller.progress_bar.isVisible()
    qtbot.wait(100)  # late signals from the finished job change nothing

    # The archive is consistent: the next sync carries on and ends with every message.
    stored = len(stored_subjects(db))
    assert 0 < stored < 40
    monkeypatch.setattr(core_sync, "sync_account", real_sync_account)
    again = MainWindow(open_database(database_path), database_path)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.sync_controller.sync_finished, timeout=SYNC_TIMEOUT):
        again.sync_controller.sync(timed=False)
    assert len(stored_subjects(db)) == 40
    assert len(set(stored_subjects(db))) == 40
    again.close()
    qtbot.wait(50)  # the window's queued reactions to archive_changed read the database
    again.database().close()


def test_the_demo_mail_menu_says_what_it_does_in_a_real_profile(
    make_window: WindowFactory, db: Database
) -> None:
    seed_demo_profile(db)
    window = make_window(demo=True)
    controller = window.sync_controller
    told: list[str] = []
    controller.inform = lambda _parent, title, text: told.append(f"{title}: {text}")
    for action in (controller.sync_now, controller.set_up, controller.sync_settings):
        assert action.isEnabled()
    controller.set_up.trigger()
    controller.sync_settings.trigger()
    assert told[0].startswith("Set up mail account: In your own group")
    assert "Start my own group" in told[0]
    assert told[1].startswith("Sync settings: In your own group")
    controller.sync_now.trigger()
    assert "In your own group, Sync now fetches" in window.statusBar().currentMessage()
    assert not controller.sync(timed=False)
    controller.start()
    assert not controller.timer.isActive()


def attached(window: MainWindow) -> bool:
    try:
        window.database()
    except RuntimeError:
        return False
    return True


def test_the_first_run_offers_set_up_once(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[bool] = []

    def exec_(dialog: QDialog) -> int:
        offered.append("later, from the Mail menu" in dialog.intro_label.text())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(account_dialog.AccountDialog, "exec", exec_)
    for _run in range(2):
        window = pont_app.open_main_window(qapp, tmp_path)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda window=window: attached(window))
        qtbot.wait(100)
        assert read_setting(window.database(), SETUP_OFFERED_KEY, False) is True
        window.close()
        window.database().close()
    assert offered == [True]


def test_start_up_syncs_an_existing_account_and_keeps_syncing(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    mailbox: Mailbox,
) -> None:
    db = open_database(tmp_path / "pont.sqlite3")
    from pont.core.members.groups import create_group

    create_group(db, "Wellbeing Network", tag="Wellbeing")
    add_account(db, mailbox, mailbox.password)
    write_setting(db, SYNC_INTERVAL_KEY, 5)
    db.close()
    mailbox.server.deliver(mailbox.email, raw_message(1, "[Wellbeing] Welcome"))

    window = pont_app.open_main_window(qapp, tmp_path)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.archive_changed, timeout=SYNC_TIMEOUT):
        window.show()
    qtbot.waitUntil(lambda: not window.sync_controller.is_syncing(), timeout=SYNC_TIMEOUT)
    assert stored_subjects(window.database()) == ["[Wellbeing] Welcome"]
    assert window.sync_controller.timer.isActive()
    assert window.sync_controller.timer.interval() == 5 * 60_000
    window.close()
    qtbot.wait(50)
    window.database().close()


def test_sync_settings_change_the_timer(
    make_window: WindowFactory, db: Database, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    window = make_window()
    controller = window.sync_controller
    assert sync_interval(db) == DEFAULT_SYNC_INTERVAL
    chosen = iter([30, 0])

    def exec_(dialog: SyncSettingsDialog) -> int:
        dialog.interval_combo.setCurrentIndex(dialog.interval_combo.findData(next(chosen)))
        dialog.grab().save(str(SHOTS / "sync-settings.png"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SyncSettingsDialog, "exec", exec_)
    controller.sync_settings.trigger()
    assert sync_interval(db) == 30
    assert controller.timer.isActive() and controller.timer.interval() == 30 * 60_000
    controller.sync_settings.trigger()
    assert sync_interval(db) == 0
    assert not controller.timer.isActive()
    assert window.statusBar().currentMessage() == (
        "Pont will fetch new messages only when you choose Sync now."
    )
    dialog = SyncSettingsDialog(None, 0)
    qtbot.addWidget(dialog)
    assert dialog.interval_combo.currentText() == "Never: only when I choose Sync now"


def test_the_password_prompt_says_why_and_offers_to_remember(qtbot: QtBot) -> None:
    prompt = PasswordPrompt(None, "ann@example.org", can_remember=True)
    qtbot.addWidget(prompt)
    prompt.show()
    assert prompt.reason_label.text() == (
        "Pont needs the password for ann@example.org to fetch new messages."
    )
    assert not prompt.ok_button.isEnabled()
    prompt.password_edit.setText("secret")
    assert prompt.ok_button.isEnabled()
    assert prompt.remember() and not prompt.session_note.isVisible()
    qtbot.wait(30)
    prompt.grab().save(str(SHOTS / "password-prompt.png"))

    without = PasswordPrompt(None, "ann@example.org", can_remember=False)
    qtbot.addWidget(without)
    without.show()
    assert not without.remember() and without.session_note.isVisible()


def test_the_mail_menu_and_toolbar_offer_sync(make_window: WindowFactory, group: Group) -> None:
    window = make_window()
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    mail = [a for a in menus["&Mail"].actions() if not a.isSeparator()]
    assert [a.text() for a in mail] == ["Set up &mail account…", "&Sync now", "Sync se&ttings…"]
    assert window.sync_controller.sync_now.shortcut().toString() == "F5"
    assert window.sync_controller.sync_now in window.menus.toolbar.actions()
    assert all(a.isEnabled() for a in mail)


def test_the_summary_counts_what_was_read_in_part_and_names_what_was_passed_over(
    qtbot: QtBot, make_window: WindowFactory, db: Database, group: Group, mailbox: Mailbox
) -> None:
    add_account(db, mailbox, mailbox.password)
    deliver = mailbox.server.deliver
    deliver(mailbox.email, raw_message(1, "[Wellbeing] Fine"))
    deliver(
        mailbox.email,
        raw_message(2, "[Wellbeing] =?undefined?B?/w==?=").replace(b"utf-8", b"undefined")
        + b"Caf\xe9\r\n",
    )
    locked = raw_message(3, "[Wellbeing] Locked away")
    deliver(mailbox.email, locked)
    with mailbox.server.imap(mailbox.email) as client:  # headers cached, body unreadable
        client.select_folder("INBOX", readonly=True)
        client.fetch([3], [HEADER_ITEM])
    make_unreadable(mailbox, locked.split(b"Message-ID: <")[1].split(b">")[0])
    window = make_window()
    controller = window.sync_controller
    shown: list[str] = []
    controller.status_message.connect(shown.append)

    with qtbot.waitSignal(controller.sync_finished, timeout=SYNC_TIMEOUT):
        controller.sync_now.trigger()

    assert shown == [
        "Synced: 2 new group messages, 2 conversations updated. 1 message could not be read "
        "in full and is marked in its conversation. 1 message was passed over and left in "
        "your mailbox."
    ]
    assert controller.notice.isVisible()
    assert controller.notice.text() == (
        "Your mail server could not send Pont one message, so it was passed over: "
        "“[Wellbeing] Locked away” in Inbox. It is still in your mailbox: read it in your mail "
        "program or webmail."
    )
