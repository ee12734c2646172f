"""The window with an account that signs in with Microsoft: Sync now reads the mailbox over
XOAUTH2 and a post goes out from the composer, with no password anywhere; the tokens come
from a sign-in through MSAL against the tests' OpenID Connect server."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest
from composer_world import make_world
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from ui_helpers import WindowFactory

from mailservers import Mailbox, Smtp
from memory_keyring import MemoryKeyring
from oauth_browser import Browser, SignInWorld
from pont.core.mail.accounts import SignInMethod, save_account
from pont.core.mail.credentials import SERVICE, forget_password
from pont.core.mail.microsoft.sign_in import sign_in_with_browser
from pont.core.mail.tokens import Permission
from pont.ui.accounts.dialog import AccountDialog
from pont.ui.composer.window import Stage

TIMEOUT = 30_000
SHOTS = Path("/tmp/pontshots")


def test_a_microsoft_account_syncs_and_posts_from_the_window(
    qtbot: QtBot,
    make_window: WindowFactory,
    db: Database,
    mailbox: Mailbox,
    fault_smtp: Smtp,
    microsoft: SignInWorld,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name, value in microsoft.environ.items():  # Pont's setup points at the test server
        monkeypatch.setenv(name, value)
    world = make_world(db, mailbox, fault_smtp, 3)
    save_account(db, replace(world.account, sign_in=SignInMethod.MICROSOFT))
    forget_password(mailbox.email)
    sign_in_with_browser(
        mailbox.email,
        [Permission.IMAP, Permission.SMTP],
        microsoft.setup,
        show_address=lambda _url: None,
        open_browser=Browser().open,
        timeout=30,
    )
    mailbox.server.deliver(
        mailbox.email,
        (
            "From: Bryn Davies <bryn@example.org>\r\nTo: Rhian <coordinator@example.org>\r\n"
            "Subject: [Practice] What worked this week\r\n"
            f"Message-ID: <ms-window-{time.monotonic_ns()}@example.org>\r\n"
            "Date: Tue, 04 Mar 2025 10:00:00 +0000\r\n\r\nShort huddles.\r\n"
        ).encode(),
    )
    window = make_window()
    with qtbot.waitSignal(window.archive_changed, timeout=TIMEOUT):
        window.sync_controller.sync_now.trigger()
    subjects = [row[0] for row in db.execute("SELECT subject FROM messages")]
    assert subjects == ["[Practice] What worked this week"]

    composer = window.post_actions.new_post()
    assert composer is not None
    qtbot.addWidget(composer)
    composer.subject_edit.setText("Huddles")
    composer.editor.setPlainText("Short huddles worked for us too.")
    composer.send()

    def sent() -> None:
        assert composer.stage is Stage.DONE
        assert composer.progress_box.label.text() == "Sent to all 3 members."

    qtbot.waitUntil(sent, timeout=TIMEOUT)
    assert (SERVICE, mailbox.email.casefold()) not in memory_keyring.passwords  # no password


def test_a_withdrawn_sign_in_is_said_with_one_click_to_sign_in_again(
    qtbot: QtBot,
    make_window: WindowFactory,
    db: Database,
    mailbox: Mailbox,
    fault_smtp: Smtp,
    microsoft: SignInWorld,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name, value in microsoft.environ.items():
        monkeypatch.setenv(name, value)
    world = make_world(db, mailbox, fault_smtp, 1)
    save_account(db, replace(world.account, sign_in=SignInMethod.MICROSOFT))
    microsoft.server.token_lifetime = 60.0  # each connection refreshes first…
    sign_in_with_browser(
        mailbox.email,
        [Permission.IMAP, Permission.SMTP],
        microsoft.setup,
        show_address=lambda _url: None,
        open_browser=Browser().open,
        timeout=30,
    )
    microsoft.server.revoke(mailbox.email)  # …and the sign-in is withdrawn (a password reset)
    opened: list[str] = []

    def exec_(dialog: AccountDialog) -> int:
        opened.append(dialog.email_edit.text())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(AccountDialog, "exec", exec_)
    window = make_window()
    controller = window.sync_controller
    with qtbot.waitSignal(controller.sync_finished, timeout=TIMEOUT):
        controller.sync_now.trigger()

    notice = controller.notice
    assert "sign in with Microsoft again" in notice.text()
    assert notice.action_button.isVisible()
    assert notice.action_button.text() == "Sign in with Microsoft again…"
    SHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SHOTS / "microsoft-sign-in-again.png"))
    qtbot.mouseClick(notice.action_button, Qt.MouseButton.LeftButton)
    assert opened == [mailbox.email]  # the set-up dialog, the address filled in
    assert not notice.isVisible()
