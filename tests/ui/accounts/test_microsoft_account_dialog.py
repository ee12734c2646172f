"""The set-up dialog with a Microsoft mailbox, end to end: the domain recognised by its MX
record (a real DNS server), Sign in with Microsoft instead of a password, MSAL against the
tests' OpenID Connect server (the test plays the browser), then XOAUTH2 into Dovecot and
aiosmtpd. Screenshots go to /tmp/pontshots."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from test_account_dialog import SHOTS, type_server_settings

from dns_server import DnsServer, running_dns_server
from mailservers import HOST, MailServer
from memory_keyring import MemoryKeyring
from oauth_browser import Browser, SignInWorld
from pont.core.mail.accounts import ReadRoute, Security, SendRoute, SignInMethod, save_account
from pont.core.mail.credentials import SERVICE
from pont.core.mail.microsoft.setup import MicrosoftSetup, load_setup
from pont.ui.accounts.dialog import AccountDialog
from pont.ui.accounts.session_passwords import SessionPasswords
from pont.ui.accounts.sign_in_advice import looked_up_advice

DOMAIN = "council.example"


@pytest.fixture(scope="module")
def dns_server() -> Iterator[DnsServer]:
    zone = {f"{DOMAIN}.": {"MX": ["0 council-example.mail.protection.outlook.com."]}}
    with running_dns_server(zone) as server:  # type: ignore[arg-type]
        yield server


@pytest.fixture
def make_dialog(
    qtbot: QtBot, db: Database, microsoft: SignInWorld, dns_server: DnsServer
) -> Iterator[Callable[..., AccountDialog]]:
    made: list[AccountDialog] = []

    def make(setup: MicrosoftSetup | None = None) -> AccountDialog:
        dialog = AccountDialog(
            None,
            lambda settings: save_account(db, settings),
            SessionPasswords(),
            microsoft_setup=lambda: setup or microsoft.setup,
            look_up=functools.partial(
                looked_up_advice,
                resolver=dns_server.resolver(),
                authority_host=microsoft.server.base,
            ),
        )
        dialog.resize(620, dialog.height())
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        made.append(dialog)
        return dialog

    yield make
    for dialog in made:
        dialog.reject()
    qtbot.wait(50)


def _type_microsoft_address(qtbot: QtBot, dialog: AccountDialog) -> str:
    email = f"coordinator-{uuid.uuid4().hex[:10]}@{DOMAIN}"
    dialog.email_edit.setText(email)
    # The domain is not in Pont's table: its MX record says Microsoft 365.
    qtbot.waitUntil(dialog.signs_in_with_microsoft, timeout=10_000)
    return email


def test_a_microsoft_domain_shows_sign_in_with_microsoft_and_connects(
    qtbot: QtBot,
    make_dialog: Callable[[], AccountDialog],
    mail_server: MailServer,
    memory_keyring: MemoryKeyring,
    db: Database,
) -> None:
    SHOTS.mkdir(exist_ok=True)
    dialog = make_dialog()
    assert dialog.password_edit.isVisible()
    email = _type_microsoft_address(qtbot, dialog)
    assert not dialog.password_edit.isVisible()
    assert dialog.connect_button.text().replace("&", "") == "Sign in with Microsoft"
    assert dialog.connect_button.isEnabled()  # no password needed
    assert "sign in with Microsoft" in dialog.sign_in_note.text()
    assert dialog.code_button.isVisible()
    dialog.grab().save(str(SHOTS / "microsoft-1-address.png"))

    type_server_settings(dialog, mail_server, Security.SSL)  # the test servers, not Exchange's
    browser = Browser()
    dialog.open_browser = browser.open
    with qtbot.waitSignal(dialog.account_saved, timeout=60_000) as saved:
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)

    account = saved.args[0]
    assert (account.email, account.sign_in) == (email, SignInMethod.MICROSOFT)
    assert (account.sending, account.reading) == (SendRoute.SMTP, ReadRoute.IMAP)
    assert (account.imap.host, account.imap.port) == (HOST, mail_server.imaps_port)
    assert browser.landed.status == 200
    # No password anywhere: only Microsoft's sign-in, in the keyring.
    assert (SERVICE, email.casefold()) not in memory_keyring.passwords
    assert any(email.casefold() in user for _, user in memory_keyring.passwords)
    summary = dialog.done_label.text()
    assert "keeps no password" in summary and "over IMAP" in summary
    qtbot.wait(30)
    dialog.grab().save(str(SHOTS / "microsoft-2-connected.png"))


def test_reading_that_needs_an_administrator_offers_the_letter(
    qtbot: QtBot,
    make_dialog: Callable[[], AccountDialog],
    mail_server: MailServer,
    microsoft: SignInWorld,
) -> None:
    microsoft.server.admin_only = {"IMAP.AccessAsUser.All"}
    dialog = make_dialog()
    _type_microsoft_address(qtbot, dialog)
    type_server_settings(dialog, mail_server, Security.SSL)
    dialog.open_browser = Browser().open
    with qtbot.waitSignal(dialog.account_saved, timeout=60_000) as saved:
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)

    account = saved.args[0]
    assert (account.sending, account.reading) == (SendRoute.SMTP, ReadRoute.NONE)
    assert dialog.it_team_button.isVisible()
    assert "administrator" in dialog.problem()
    assert "conversations stay empty" in dialog.done_label.text()
    qtbot.wait(30)
    dialog.grab().save(str(SHOTS / "microsoft-3-admin-approval.png"))


def test_a_copy_of_pont_with_no_registration_says_so_and_offers_the_letter(
    qtbot: QtBot, make_dialog: Callable[..., AccountDialog]
) -> None:
    shipped = load_setup(environ={})  # resources/microsoft.json: no client id yet
    dialog = make_dialog(shipped)
    email = _type_microsoft_address(qtbot, dialog)
    with qtbot.waitSignal(dialog.attempt_finished, timeout=10_000):
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)

    assert dialog.problem().startswith("This copy of Pont has no Microsoft sign-in set up.")
    assert dialog.it_team_button.isVisible()
    # The letter asks the organisation to register Pont itself: no client id to approve.
    details = dialog.it_team_letter()
    assert details is not None
    assert (details.client_id, details.tenant, details.coordinator_email) == ("", DOMAIN, email)
