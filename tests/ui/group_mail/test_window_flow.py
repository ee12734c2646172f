"""When the group's own mail moves in the window: after each sync the mail set aside is handled
and what that queued is sent without a click; the status bar says when Pont last relayed
and what waits; the sync settings (interval, log-in start, the tray) and the tray's absence
offscreen. Against the real test Dovecot and SMTP server."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from ui_helpers import WindowFactory

from mailservers import HOST, Mailbox
from pont.core.group_mail.handling import GroupMailReport
from pont.core.group_mail.status import GroupMailStatus
from pont.core.mail.accounts import Account, AccountSettings, Security, ServerSettings, save_account
from pont.core.mail.credentials import store_password
from pont.core.members.groups import Group, GroupMode, set_group_sending
from pont.core.members.members import NewMember, add_member
from pont.core.profile.autostart import Autostart
from pont.core.profile.settings import (
    KEEP_IN_TRAY_KEY,
    SYNC_INTERVAL_KEY,
    read_flag,
    read_setting,
)
from pont.ui.group_mail.held_view import HeldPostsDialog
from pont.ui.group_mail.requests_view import RequestsDialog
from pont.ui.group_mail.status_label import GroupMailStatusLabel
from pont.ui.sync.settings_dialog import SyncSettingsDialog

SHOTS = Path("/tmp/pontshots")
TIMEOUT = 30_000


def add_account(db: Database, mailbox: Mailbox) -> Account:
    account = save_account(
        db,
        AccountSettings(
            email=mailbox.email,
            username=mailbox.email,
            display_name="Rhian Morgan",
            imap=ServerSettings(HOST, mailbox.server.imaps_port, Security.SSL),
            smtp=ServerSettings(HOST, mailbox.server.smtps_port, Security.SSL),
        ),
    )
    store_password(mailbox.email, mailbox.password)
    return account


def member_post(member: str, group_address: str, subject: str) -> bytes:
    return (
        f"From: Bryn Davies <{member}>\r\n"
        f"To: Wellbeing Network <{group_address}>\r\n"
        f"Subject: {subject}\r\n"
        f"Message-ID: <member-post-{time.monotonic_ns()}@example.org>\r\n"
        "Date: Tue, 04 Mar 2025 10:00:00 +0000\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        "What worked for us this week.\r\n"
    ).encode()


def subjects_in(mailbox: Mailbox, user: str) -> list[str]:
    with mailbox.server.imap(user) as client:
        client.select_folder("INBOX", readonly=True)
        uids = client.search(["ALL"])
        fetched = client.fetch(uids, ["BODY.PEEK[HEADER.FIELDS (SUBJECT)]"])
        return [
            next(iter(v for k, v in data.items() if k.startswith(b"BODY"))).decode().strip()
            for data in fetched.values()
        ]


def test_a_post_to_the_group_address_is_handled_after_a_sync_and_sent_without_a_click(
    qtbot: QtBot,
    make_window: WindowFactory,
    db: Database,
    group: Group,
    mailbox: Mailbox,
) -> None:
    account = add_account(db, mailbox)
    member = mailbox.server.new_user("member")
    other = mailbox.server.new_user("other")
    add_member(db, group.id, NewMember(member, name="Bryn Davies"))
    add_member(db, group.id, NewMember(other, name="Carys Hughes"))
    group = set_group_sending(db, group.id, mode=GroupMode.GROUP_ADDRESS, account_id=account.id)
    local, _, domain = mailbox.email.partition("@")
    mailbox.server.deliver(
        mailbox.email, member_post(member, f"{local}+wellbeing@{domain}", "Tip of the week")
    )
    window = make_window()
    controller = window.sync_controller
    handled: list[GroupMailReport] = []
    controller.group_mail_handled.connect(handled.append)
    shown: list[str] = []
    controller.status_message.connect(shown.append)

    with qtbot.waitSignal(window.post_actions.sender.run_finished, timeout=TIMEOUT):
        window.start_mail()  # syncs at start-up, as when the profile opens

    assert handled[-1].relayed == 1
    assert shown[-1].endswith("Group mail: 1 post relayed.")
    qtbot.waitUntil(lambda: subjects_in(mailbox, other) != [], timeout=TIMEOUT)
    assert subjects_in(mailbox, other) == ["Subject: [Wellbeing] Tip of the week"]
    assert subjects_in(mailbox, member) == []  # the author gets no copy of their own post
    qtbot.waitUntil(lambda: window.group_mail_label.text().startswith("Last relayed "))
    assert window.group_mail_label.isVisible()
    assert " · " not in window.group_mail_label.text()  # nothing waits
    qtbot.wait(50)  # the status bar lays the grown label out
    window.statusBar().grab().save(str(SHOTS / "group-mail-status-bar.png"))

    # A second sync finds nothing new: nothing is handled or sent twice.
    with qtbot.waitSignal(controller.sync_finished, timeout=TIMEOUT):
        controller.sync_now.trigger()
    assert handled[-1].total == 0
    qtbot.wait(300)
    assert len(subjects_in(mailbox, other)) == 1


def test_the_status_bar_says_when_pont_last_relayed_and_what_waits(qtbot: QtBot) -> None:
    label = GroupMailStatusLabel()
    qtbot.addWidget(label)
    now = datetime(2025, 3, 4, 15, 0, tzinfo=UTC)
    today = now.replace(hour=14, minute=5)
    expected_time = today.astimezone().strftime("%H:%M")
    assert label.describe(GroupMailStatus(today, 2, 1, 3), now) == (
        f"Last relayed {expected_time} · 2 held posts · 1 request · 3 in the outbox"
    )
    assert label.describe(GroupMailStatus(None, 1, 2, 0), now) == "1 held post · 2 requests"
    before = (today - timedelta(days=3)).astimezone()  # in the machine's time zone
    earlier = label.describe(GroupMailStatus(before, 0, 0, 0), now)
    assert earlier == f"Last relayed {before.day} Mar {before.strftime('%H:%M')}"
    assert label.describe(GroupMailStatus(None, 0, 0, 0), now) == ""


def test_the_status_bar_counts_held_posts_and_open_requests(
    make_window: WindowFactory, db: Database, group: Group
) -> None:
    account = save_account(
        db,
        AccountSettings(
            email="coordinator@example.org",
            username="coordinator@example.org",
            imap=ServerSettings("imap.example.org", 993, Security.SSL),
            smtp=ServerSettings("smtp.example.org", 465, Security.SSL),
        ),
    )
    received = "2025-03-04T10:00:00+00:00"
    for number, kind in enumerate(["group-address", "group-address", "request"]):
        db.execute(
            "INSERT INTO inbound (account_id, message_key, kind, group_id, sender_email,"
            " sender_name, subject, received, size, raw) VALUES (?, ?, ?, ?, ?, '', '', ?, 0,"
            " x'')",
            [account.id, f"m{number}@example.org", kind, group.id, "stranger@", received],
        )
    for inbound_id, state in [(1, "held"), (2, "approved")]:
        db.execute(
            "INSERT INTO held_posts (inbound_id, group_id, reason, held, expires, state)"
            " VALUES (?, ?, 'not-a-member', ?, ?, ?)",
            [inbound_id, group.id, received, received, state],
        )
    db.execute(
        "INSERT INTO requests (group_id, kind, email, email_key, received, state)"
        " VALUES (?, 'join', 'x@example.org', 'x@example.org', ?, 'open')",
        [group.id, received],
    )
    db.conn.commit()
    window = make_window()
    window.refresh_group_mail()
    label = window.group_mail_label
    assert label.toolTip() == "1 held post · 1 request"
    # What waits is a link to its window, by mouse or keyboard.
    assert label.text() == '<a href="held">1 held post</a> · <a href="requests">1 request</a>'
    assert label.textInteractionFlags() & Qt.TextInteractionFlag.LinksAccessibleByKeyboard

    def shown(kind: type) -> bool:
        return any(isinstance(w, kind) and w.isVisible() for w in QApplication.topLevelWidgets())

    assert not shown(HeldPostsDialog)
    label.linkActivated.emit("held")
    assert shown(HeldPostsDialog)
    assert not shown(RequestsDialog)
    label.linkActivated.emit("requests")
    assert shown(RequestsDialog)


def test_the_sync_settings_set_the_interval_the_log_in_start_and_the_tray(
    make_window: WindowFactory,
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    window = make_window()
    controller = window.sync_controller
    controller.autostart = Autostart(platform="linux")
    seen: list[SyncSettingsDialog] = []

    def exec_(dialog: SyncSettingsDialog) -> int:
        seen.append(dialog)
        offered = [dialog.interval_combo.itemData(i) for i in range(dialog.interval_combo.count())]
        assert offered == [0, 5, 10, 15, 30, 60]
        dialog.interval_combo.setCurrentIndex(dialog.interval_combo.findData(10))
        dialog.start_box.setChecked(True)
        dialog.grab().save(str(SHOTS / "sync-settings-tray.png"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SyncSettingsDialog, "exec", exec_)
    controller.sync_settings.trigger()

    assert read_setting(db, SYNC_INTERVAL_KEY, None) == 10
    assert controller.timer.isActive() and controller.timer.interval() == 10 * 60_000
    entry = (tmp_path / "config" / "autostart" / "pont.desktop").read_text()
    assert "--minimised" in entry and str(window._database_path.parent) in entry
    # Offscreen there is no system tray: the setting says what happens instead.
    assert "no system tray, so Pont starts as a minimised window" in seen[0].start_hint.text()
    assert not seen[0].tray_box.isEnabled()
    assert not read_flag(db, KEEP_IN_TRAY_KEY)
    assert window.tray is None


def test_an_interval_chosen_before_stays_on_offer(qtbot: QtBot) -> None:
    dialog = SyncSettingsDialog(None, 20)
    qtbot.addWidget(dialog)
    assert dialog.minutes() == 20
    assert dialog.interval_combo.currentText() == "Every 20 minutes"


def test_closing_the_window_with_keep_in_tray_but_no_tray_quits_as_before(
    make_window: WindowFactory, db: Database
) -> None:
    from pont.core.profile.settings import write_setting

    write_setting(db, KEEP_IN_TRAY_KEY, True)
    window = make_window()
    window.start_mail()
    assert window.tray is None  # offscreen: no tray to keep running in
    assert window.close()
    assert not window.isVisible()


# Offscreen Qt has no tray and cannot raise a window; it says so. Nothing to do with Pont.
@pytest.mark.qt_log_ignore(
    "systemTrayWindowChanged", "does not support raise", "does not support propagateSizeHints"
)
def test_with_a_tray_closing_hides_pont_there_and_quit_quits(
    make_window: WindowFactory, db: Database, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QIcon, QPixmap

    from pont.core.profile.settings import TRAY_EXPLAINED_KEY, write_setting
    from pont.ui.shell import tray as tray_module

    monkeypatch.setattr(tray_module, "tray_available", lambda: True)  # offscreen has none
    quits: list[bool] = []
    monkeypatch.setattr(QCoreApplication, "quit", lambda: quits.append(True))
    write_setting(db, KEEP_IN_TRAY_KEY, True)
    window = make_window()
    pixmap = QPixmap(16, 16)
    pixmap.fill()
    window.setWindowIcon(QIcon(pixmap))
    window.start_mail()
    tray = window.tray
    assert tray is not None and tray.icon.isVisible()
    told: list[str] = []
    monkeypatch.setattr(tray, "tell", told.append)
    assert [a.text() for a in tray.menu.actions() if a.text()] == [
        "&Open Pont", "&Sync now", "&Quit"
    ]  # fmt: skip

    assert not window.close()  # the close is turned into hiding
    assert not window.isVisible() and tray.icon.isVisible()
    assert told == [
        "Pont is still running in the system tray, fetching and relaying the group’s mail. "
        "To quit, choose Quit from its icon’s menu."
    ]
    assert read_flag(db, TRAY_EXPLAINED_KEY)
    tray.open_action.trigger()
    assert window.isVisible()
    window.close()
    assert len(told) == 1  # said once

    tray.quit_action.trigger()
    assert not tray.icon.isVisible()
    assert quits == [True]  # a hidden window's closing quits Pont itself


def test_started_minimised_without_a_tray_the_window_is_minimised_and_syncs(
    qtbot: QtBot, tmp_path: Path, mailbox: Mailbox
) -> None:
    from PySide6.QtWidgets import QApplication

    from pont import app as pont_app
    from pont.core.profile.settings import write_setting
    from pont.core.profile.store import open_database
    from pont.ui.shell.tray import show_minimised

    db = open_database(tmp_path / "pont.sqlite3")
    add_account(db, mailbox)
    write_setting(db, SYNC_INTERVAL_KEY, 5)
    db.close()
    qapp = QApplication.instance()
    window = pont_app.open_main_window(qapp, tmp_path, minimised=True)
    qtbot.addWidget(window)
    show_minimised(window)
    qtbot.waitUntil(lambda: window._db is not None, timeout=TIMEOUT)  # no first paint needed
    assert window.isMinimized()
    assert window.tray is None
    qtbot.waitUntil(lambda: not window.sync_controller.is_syncing(), timeout=TIMEOUT)
    assert window.sync_controller.timer.interval() == 5 * 60_000
    window.close()
    qtbot.wait(50)
    window.database().close()


def test_a_leave_carried_out_by_a_window_sync_shows_in_the_table_without_a_click(
    qtbot: QtBot, make_window: WindowFactory, db: Database, group: Group, mailbox: Mailbox
) -> None:
    from pont.core.members.groups import set_group_mail
    from pont.core.members.members import MemberStatus

    account = add_account(db, mailbox)
    member = mailbox.server.new_user("leaver")
    add_member(db, group.id, NewMember(member, name="Bryn Davies"))
    set_group_sending(db, group.id, account_id=account.id)
    set_group_mail(db, group.id, auto_leave=True)
    mailbox.server.deliver(
        mailbox.email,
        (
            f"From: Bryn Davies <{member}>\r\nTo: {mailbox.email}\r\n"
            "Subject: Leave Wellbeing Network\r\nMessage-ID: <leave-1@example.org>\r\n"
            "Date: Tue, 04 Mar 2025 10:00:00 +0000\r\n\r\nPlease take me off.\r\n"
        ).encode(),
    )
    window = make_window()
    window.show_group(group.id)
    assert [m.status for m in window.members_view.model.members()] == [MemberStatus.ACTIVE]

    with qtbot.waitSignal(window.sync_controller.group_mail_handled, timeout=TIMEOUT):
        window.start_mail()

    qtbot.waitUntil(
        lambda: [m.status for m in window.members_view.model.members()] == [MemberStatus.LEFT]
    )
