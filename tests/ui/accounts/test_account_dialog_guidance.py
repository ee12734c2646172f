"""The account dialog says the right thing before a failure, forgets a failure once the
address changes, and stays on the screen when it grows."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_account_dialog import SHOTS, connect_and_wait, make_dialog, passwords, type_sign_in

from pont.core.errors import AppPasswordRequired, SettingsNotFound
from pont.core.mail.accounts import AccountSettings
from pont.ui.accounts.dialog import AccountDialog
from pont.ui.language import install_language

__all__ = ["make_dialog", "passwords"]  # fixtures shared with the dialog's other tests

GMAIL_PAGE = "https://myaccount.google.com/apppasswords"


def refused_as_gmail(
    email: str, password: str, report: Callable[[str], None], trusted: frozenset[str]
) -> AccountSettings:
    raise AppPasswordRequired("Gmail", GMAIL_PAGE)


def not_found(
    email: str, password: str, report: Callable[[str], None], trusted: frozenset[str]
) -> AccountSettings:
    raise SettingsNotFound(email)


@pytest.mark.parametrize(
    ("email", "words"),
    [
        ("ann@gmail.com", "app password"),
        ("ann@yahoo.com", "app password"),
        ("ann@outlook.com", "sign in with Microsoft"),
    ],
)
def test_a_known_providers_guidance_shows_before_any_attempt(
    make_dialog: Callable[..., AccountDialog], email: str, words: str
) -> None:
    dialog = make_dialog()
    assert not dialog.sign_in_note.isVisible()
    dialog.email_edit.setText(email)
    assert dialog.sign_in_note.isVisible()
    assert words in dialog.sign_in_note.text()
    dialog.email_edit.setText("ann@example.org")  # a domain Pont knows nothing about
    assert not dialog.sign_in_note.isVisible()


def test_an_old_problem_goes_when_the_address_changes(
    qtbot: QtBot, make_dialog: Callable[..., AccountDialog]
) -> None:
    dialog = make_dialog(refused_as_gmail)
    type_sign_in(dialog, "ann@gmail.com", "my-normal-password")
    connect_and_wait(qtbot, dialog)
    assert dialog.problem().startswith("Gmail did not accept this password.")
    dialog.password_edit.setText("another-password")
    assert dialog.problem(), "a new password alone leaves the problem on show"
    dialog.email_edit.setText("ann@example.org")
    assert dialog.problem() == ""
    assert not dialog.error_label.isVisible()
    assert not dialog.sign_in_note.isVisible()  # Gmail's advice went with its address
    assert not dialog.it_team_button.isVisible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    qtbot.wait(30)
    dialog.grab().save(str(SHOTS / "account-address-changed.png"))


@pytest.mark.parametrize("language", ["en", "cy"])
def test_grown_to_show_the_manual_settings_the_dialog_stays_on_the_screen(
    qtbot: QtBot,
    qapp: QApplication,
    make_dialog: Callable[..., AccountDialog],
    language: str,
) -> None:
    install_language(qapp, language)
    dialog = make_dialog(not_found)
    room = dialog.screen().availableGeometry()
    # Where a window manager may put it: low on the screen, with room only for the first page.
    dialog.move(dialog.x(), room.bottom() - dialog.frameGeometry().height() - 20)
    assert room.contains(dialog.frameGeometry())
    type_sign_in(dialog, "ann@example.org", "secret")
    connect_and_wait(qtbot, dialog)  # not found: the form to type them in, and why
    qtbot.wait(30)  # the layout grows the dialog for the problem's lines too
    assert dialog.pages.currentIndex() == dialog.MANUAL
    assert dialog.frameGeometry().height() > 500
    assert room.contains(dialog.frameGeometry()), (dialog.frameGeometry(), room)
    grown = dialog.frameGeometry().height()
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / f"account-manual-{language}.png"))

    dialog.email_edit.setText("bob@example.net")
    assert dialog.problem() == ""
    qtbot.wait(30)
    assert dialog.frameGeometry().height() < grown, "the problem's room is given back"
    dialog.grab().save(str(SHOTS / f"account-manual-address-changed-{language}.png"))
    # Pont's guesses for the old address follow the new one; what was typed stays.
    form = dialog.server_form
    assert form.incoming.host_edit.text() == "imap.example.net"
    assert form.outgoing.host_edit.text() == "smtp.example.net"
    assert form.username_edit.text() == "bob@example.net"
    form.outgoing.host_edit.setText("mail.example.net")
    dialog.email_edit.setText("bob@example.com")
    assert form.incoming.host_edit.text() == "imap.example.net"
    assert form.outgoing.host_edit.text() == "mail.example.net"

    dialog.resize(dialog.width(), room.height() + 200)  # taller than the screen: cut down
    assert room.contains(dialog.frameGeometry()), (dialog.frameGeometry(), room)
