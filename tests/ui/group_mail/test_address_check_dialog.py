"""The address check's dialog against the real test servers: waiting, arrived, did not arrive
(with copy-all or a typed alias), and its hook in the group dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from ui_helpers import WindowFactory

from mailservers import HOST, Mailbox, Smtp
from pont.core.group_mail.address_check import plus_address
from pont.core.mail.accounts import Account, AccountSettings, Security, ServerSettings, save_account
from pont.core.mail.credentials import store_password
from pont.core.members.groups import Group, GroupMode, get_group
from pont.ui.group_mail.address_check import AddressCheckDialog, address_check_job

SHOTS = Path("/tmp/pontshots")
TIMEOUT = 30_000


@pytest.fixture
def account(db: Database, mailbox: Mailbox, fault_smtp: Smtp) -> Account:
    account = save_account(
        db,
        AccountSettings(
            email=mailbox.email,
            username=mailbox.email,
            display_name="Rhian Morgan",
            imap=ServerSettings(HOST, mailbox.server.imaps_port, Security.SSL),
            smtp=ServerSettings(HOST, fault_smtp.smtps_port, Security.SSL),
        ),
    )
    store_password(mailbox.email, mailbox.password)
    return account


def dialog_for(
    qtbot: QtBot, database_path: Path, account: Account, group: Group, password: str, timeout: float
) -> AddressCheckDialog:
    job = address_check_job(database_path, account, password, group.id, timeout)
    dialog = AddressCheckDialog(None, group, plus_address(account, group), job, timeout)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_dialog_waits_then_says_the_address_works(
    qtbot: QtBot,
    database_path: Path,
    db: Database,
    account: Account,
    group: Group,
    mailbox: Mailbox,
) -> None:
    dialog = dialog_for(qtbot, database_path, account, group, mailbox.password, 20)
    dialog.start()
    assert dialog.progress_bar.isVisible() and dialog.cancel_button.isVisible()
    assert "is waiting for it to arrive" in dialog.message_label.text()
    assert not dialog.keep_button.isVisible() and not dialog.done_button.isVisible()
    dialog.grab().save(str(SHOTS / "address-check-waiting.png"))

    qtbot.waitUntil(dialog.done_button.isVisible, timeout=TIMEOUT)

    address = plus_address(account, group)
    assert dialog.message_label.text().startswith(f"The test message to {address} arrived")
    assert not dialog.progress_bar.isVisible() and not dialog.cancel_button.isVisible()
    assert get_group(db, group.id).address_checked != ""
    dialog.grab().save(str(SHOTS / "address-check-arrived.png"))


def test_a_missing_test_message_offers_copy_all_or_an_address_typed_in(
    qtbot: QtBot,
    database_path: Path,
    db: Database,
    account: Account,
    group: Group,
    mailbox: Mailbox,
    fault_smtp: Smtp,
) -> None:
    plus = plus_address(account, group)
    fault_smtp.faults.refuse[plus.lower()] = "550 5.1.1 Recipient address rejected"
    dialog = dialog_for(qtbot, database_path, account, group, mailbox.password, 5)
    dialog.start()
    qtbot.waitUntil(dialog.keep_button.isVisible, timeout=TIMEOUT)

    text = dialog.message_label.text()
    assert text.startswith(f"The mail server refused the test message to {plus}")
    assert "(DisablePlusAddressInRecipients)" in text
    assert dialog.keep_button.isChecked() and dialog.keep_copy_button.isVisible()
    assert not dialog.check_button.isVisible()
    dialog.grab().save(str(SHOTS / "address-check-missing.png"))

    local, _, domain = mailbox.email.partition("@")
    alias = f"{local}+groups@{domain}"  # the test Dovecot's stand-in for an alias
    qtbot.keyClicks(dialog.alias_edit, alias)
    assert dialog.alias_button.isChecked() and dialog.check_button.isEnabled()
    assert not dialog.keep_copy_button.isVisible()
    dialog.grab().save(str(SHOTS / "address-check-alias.png"))
    dialog.check_button.click()
    assert dialog.progress_bar.isVisible()
    assert alias in dialog.message_label.text()
    qtbot.waitUntil(dialog.done_button.isVisible, timeout=TIMEOUT)
    assert get_group(db, group.id).address == alias


def test_switching_a_group_to_group_address_mode_checks_it_first(
    qtbot: QtBot,
    make_window: WindowFactory,
    db: Database,
    account: Account,
    group: Group,
    fault_smtp: Smtp,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fault_smtp.faults.deliver = False  # the test message never arrives
    window = make_window()
    window.show_group(group.id)
    outcomes: list[str] = []

    def exec_(dialog: AddressCheckDialog) -> int:
        qtbot.waitUntil(lambda: not dialog.keep_button.isHidden(), timeout=TIMEOUT)
        outcomes.append(dialog.message_label.text())
        return QDialog.DialogCode.Rejected  # Keep copying everyone in

    monkeypatch.setattr(AddressCheckDialog, "exec", exec_)
    monkeypatch.setattr("pont.core.group_mail.address_check.DEFAULT_TIMEOUT", 1.0)
    monkeypatch.setattr("pont.ui.group_mail.address_check.DEFAULT_TIMEOUT", 1.0)
    dialog = window.group_actions.edit_group()
    assert dialog is not None
    dialog.group_address_button.setChecked(True)
    dialog.accept()

    assert outcomes and "did not arrive" in outcomes[0]
    assert get_group(db, group.id).mode is GroupMode.COPY_ALL
    assert dialog.saved_group is not None and dialog.saved_group.mode is GroupMode.COPY_ALL
