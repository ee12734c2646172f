"""The account set-up dialog against the real test Dovecot and SMTP server."""

from __future__ import annotations

import hashlib
import ssl
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from mailservers import HOST, Mailbox, MailServer
from memory_keyring import MemoryKeyring
from pont.core.errors import AppPasswordRequired, Offline, SettingsNotFound
from pont.core.mail.accounts import (
    AccountSettings,
    Security,
    ServerSettings,
    list_accounts,
    save_account,
)
from pont.core.mail.credentials import SERVICE
from pont.core.mail.discovery import discover_settings
from pont.core.mail.providers import Candidates
from pont.ui.accounts.dialog import AccountDialog, SettingsFinder
from pont.ui.accounts.pages import grouped_fingerprint
from pont.ui.accounts.session_passwords import SessionPasswords
from pont.ui.accounts.sign_in_advice import SignInAdvice

SHOTS = Path("/tmp/pontshots")


@pytest.fixture
def passwords() -> SessionPasswords:
    return SessionPasswords()


@pytest.fixture
def make_dialog(
    qtbot: QtBot, db: Database, passwords: SessionPasswords
) -> Iterator[Callable[..., AccountDialog]]:
    made: list[AccountDialog] = []

    def make(find: SettingsFinder | None = None) -> AccountDialog:
        dialog = AccountDialog(
            None,
            lambda settings: save_account(db, settings),
            passwords,
            look_up=not_looked_up,
            **_find(find),
        )
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        made.append(dialog)
        return dialog

    yield make
    for dialog in made:  # a background attempt must end before its dialog goes
        dialog.reject()
    qtbot.wait(50)


def not_looked_up(email: str) -> SignInAdvice:
    """These tests' addresses are on domains Pont cannot look up, as when offline."""
    raise Offline()


def _find(find: SettingsFinder | None) -> dict[str, SettingsFinder]:
    return {} if find is None else {"find": find}


def type_sign_in(dialog: AccountDialog, email: str, password: str) -> None:
    dialog.email_edit.setText(email)
    dialog.password_edit.setText(password)


def type_server_settings(
    dialog: AccountDialog, server: MailServer, security: Security = Security.STARTTLS
) -> None:
    """The manual form pointed at the test servers: STARTTLS on the plain ports, or SSL/TLS."""
    dialog.manual_button.click()
    form = dialog.server_form
    form.incoming.host_edit.setText(HOST)
    form.incoming.set_security(security)
    form.outgoing.host_edit.setText(HOST)
    form.outgoing.set_security(security)
    ssl_tls = security is Security.SSL
    form.incoming.port_spin.setValue(server.imaps_port if ssl_tls else server.imap_port)
    form.outgoing.port_spin.setValue(server.smtps_port if ssl_tls else server.smtp_port)


def connect_and_wait(qtbot: QtBot, dialog: AccountDialog) -> None:
    assert dialog.connect_button.isEnabled()
    with qtbot.waitSignal(dialog.attempt_finished, timeout=30_000):
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert not dialog.is_busy()


def shot(qtbot: QtBot, dialog: AccountDialog, name: str) -> None:
    """A screenshot to look at, once the dialog has laid itself out again."""
    qtbot.wait(30)
    dialog.grab().save(str(SHOTS / name))


def database_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def test_settings_typed_by_hand_connect_save_and_keep_the_password_in_the_keyring(
    qtbot: QtBot,
    make_dialog: Callable[..., AccountDialog],
    mailbox: Mailbox,
    db: Database,
    database_path: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    dialog = make_dialog()
    type_sign_in(dialog, mailbox.email, mailbox.password)
    type_server_settings(dialog, mailbox.server)
    assert dialog.server_form.username_edit.text() == mailbox.email
    shot(qtbot, dialog, "account-2-manual.png")
    progress: list[str] = []
    label_text = dialog.progress_label.setText

    def keep_progress(text: str) -> None:
        if "Signing in" in text and not any("Signing in" in t for t in progress):
            shot(qtbot, dialog, "account-3-progress.png")
        progress.append(text)
        label_text(text)

    dialog.progress_label.setText = keep_progress  # type: ignore[method-assign]
    with qtbot.waitSignal(dialog.account_saved, timeout=30_000) as saved:
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
        assert dialog.progress_row.isVisible()
        assert not dialog.connect_button.isEnabled()
        assert dialog.cancel_button.isEnabled()

    # Each step was said as it happened; on a fast machine they come and go between two
    # looks at the label, so the texts it was given are kept rather than polled.
    assert any("Signing in" in text for text in progress), progress
    account = saved.args[0]
    assert [a.email for a in list_accounts(db)] == [mailbox.email]
    assert account.imap.host == HOST and account.imap.security is Security.STARTTLS
    assert account.smtp.port == mailbox.server.smtp_port
    assert memory_keyring.passwords == {(SERVICE, mailbox.email): mailbox.password}
    assert mailbox.password.encode() not in database_bytes(database_path)
    assert dialog.pages.currentIndex() == dialog.DONE
    assert dialog.done_button.isVisible() and not dialog.cancel_button.isVisible()
    assert "password store" in dialog.done_label.text()
    shot(qtbot, dialog, "account-6-done.png")


def test_a_wrong_password_is_said_plainly_and_nothing_is_saved(
    qtbot: QtBot,
    make_dialog: Callable[..., AccountDialog],
    mailbox: Mailbox,
    db: Database,
    memory_keyring: MemoryKeyring,
) -> None:
    dialog = make_dialog()
    type_sign_in(dialog, mailbox.email, "not-the-password")
    type_server_settings(dialog, mailbox.server, Security.SSL)
    connect_and_wait(qtbot, dialog)

    assert dialog.problem() == (
        f"{HOST} did not accept the password for {mailbox.email}. "
        "Check it and type it again (passwords are case-sensitive)."
    )
    assert dialog.error_label.isVisible()
    assert "Traceback" not in dialog.error_label.text()
    assert list_accounts(db) == []
    assert memory_keyring.passwords == {}
    # Everything typed stays, ready for another try.
    assert dialog.email_edit.text() == mailbox.email
    assert dialog.password_edit.text() == "not-the-password"
    assert dialog.server_form.incoming.port_spin.value() == mailbox.server.imaps_port
    assert dialog.pages.currentIndex() == dialog.MANUAL
    assert dialog.connect_button.isEnabled()
    shot(qtbot, dialog, "account-4-wrong-password.png")


def test_an_untrusted_certificate_shows_its_fingerprint_and_can_be_trusted(
    qtbot: QtBot,
    make_dialog: Callable[..., AccountDialog],
    mailbox: Mailbox,
    db: Database,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE")
    pem = (mailbox.server.certificates.folder / "server.pem").read_text()
    fingerprint = hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem)).hexdigest()
    dialog = make_dialog()
    type_sign_in(dialog, mailbox.email, mailbox.password)
    type_server_settings(dialog, mailbox.server, Security.SSL)
    connect_and_wait(qtbot, dialog)

    assert dialog.pages.currentIndex() == dialog.CERTIFICATE
    page = dialog.certificate_page
    assert HOST in page.description_label.text()
    assert "unknown authority" in page.description_label.text()
    assert page.fingerprint_label.text() == grouped_fingerprint(fingerprint)
    assert page.fingerprint_label.text().replace(":", "").replace("\n", "") == fingerprint.upper()
    assert page.fingerprint_label.textInteractionFlags() & (
        Qt.TextInteractionFlag.TextSelectableByMouse
    )
    assert list_accounts(db) == [] and memory_keyring.passwords == {}
    shot(qtbot, dialog, "account-5-certificate.png")

    with qtbot.waitSignal(dialog.account_saved, timeout=30_000) as saved:
        qtbot.mouseClick(page.trust_button, Qt.MouseButton.LeftButton)
    account = saved.args[0]
    assert account.imap.pinned_sha256 == fingerprint
    assert account.smtp.pinned_sha256 == fingerprint
    assert list_accounts(db)[0].imap.pinned_sha256 == fingerprint


def test_without_a_keyring_the_password_is_kept_for_this_session_only(
    qtbot: QtBot,
    make_dialog: Callable[..., AccountDialog],
    mailbox: Mailbox,
    db: Database,
    database_path: Path,
    passwords: SessionPasswords,
    no_keyring: None,
) -> None:
    dialog = make_dialog()
    type_sign_in(dialog, mailbox.email, mailbox.password)
    type_server_settings(dialog, mailbox.server, Security.SSL)
    with qtbot.waitSignal(dialog.account_saved, timeout=30_000):
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)

    assert [a.email for a in list_accounts(db)] == [mailbox.email]
    assert passwords.get(mailbox.email.upper()) == mailbox.password
    assert "cannot remember your password" in dialog.done_label.text()
    assert "ask for it each time it starts" in dialog.done_label.text()
    assert mailbox.password.encode() not in database_bytes(database_path)
    shot(qtbot, dialog, "account-7-no-keyring.png")


def test_found_settings_are_tried_with_each_step_shown(
    qtbot: QtBot,
    make_dialog: Callable[..., AccountDialog],
    mailbox: Mailbox,
    db: Database,
) -> None:
    """Discovery with the loopback servers as the candidates (example.org has none here)."""
    server = mailbox.server

    def find(
        email: str, password: str, report: Callable[[str], None], trusted: frozenset[str]
    ) -> AccountSettings:
        candidates = Candidates(
            email,
            email,
            "",
            (
                ServerSettings(HOST, server.imaps_port, Security.SSL),
                ServerSettings(HOST, server.imap_port, Security.STARTTLS),
            ),
            (ServerSettings(HOST, server.smtps_port, Security.SSL),),
        )
        return discover_settings(email, password, report, candidates, trusted)

    dialog = make_dialog(find)
    type_sign_in(dialog, mailbox.email, mailbox.password)
    seen: list[str] = []
    original = dialog.progress_label.setText

    def record(text: str) -> None:
        seen.append(text)
        original(text)

    dialog.progress_label.setText = record  # type: ignore[method-assign]
    with qtbot.waitSignal(dialog.account_saved, timeout=30_000):
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)

    lines = [line for text in seen for line in text.split("<br>")]
    assert f"Trying {HOST} on port {server.imaps_port}…" in lines
    assert f"Signing in to {HOST}…" in lines
    assert list_accounts(db)[0].imap.port == server.imaps_port


def test_settings_not_found_opens_the_form_to_type_them(
    qtbot: QtBot, make_dialog: Callable[..., AccountDialog]
) -> None:
    def find(
        email: str, password: str, report: Callable[[str], None], trusted: frozenset[str]
    ) -> AccountSettings:
        report("Looking up example.org…")
        raise SettingsNotFound(email)

    dialog = make_dialog(find)
    type_sign_in(dialog, "ann@example.org", "secret")
    shot(qtbot, dialog, "account-1-sign-in.png")
    connect_and_wait(qtbot, dialog)
    assert dialog.pages.currentIndex() == dialog.MANUAL
    assert dialog.problem().startswith("Pont could not find the mail server settings")
    form = dialog.server_form
    assert form.incoming.host_edit.text() == "imap.example.org"
    assert form.incoming.port_spin.value() == 993
    assert form.outgoing.host_edit.text() == "smtp.example.org"
    assert form.username_edit.text() == "ann@example.org"
    shot(qtbot, dialog, "account-2b-settings-not-found.png")


def test_an_app_password_refusal_links_to_the_providers_page(
    qtbot: QtBot, make_dialog: Callable[..., AccountDialog]
) -> None:
    url = "https://myaccount.google.com/apppasswords"

    def find(
        email: str, password: str, report: Callable[[str], None], trusted: frozenset[str]
    ) -> AccountSettings:
        raise AppPasswordRequired("Gmail", url)

    dialog = make_dialog(find)
    type_sign_in(dialog, "ann@gmail.com", "my-normal-password")
    connect_and_wait(qtbot, dialog)
    assert dialog.problem().startswith("Gmail did not accept this password.")
    assert f'<a href="{url}">' in dialog.error_label.text()
    assert dialog.error_label.openExternalLinks()
    shot(qtbot, dialog, "account-4b-app-password.png")


def test_cancel_closes_at_once_while_connecting(
    qtbot: QtBot, make_dialog: Callable[..., AccountDialog], db: Database
) -> None:
    started, release = threading.Event(), threading.Event()

    def slow_find(
        email: str, password: str, report: Callable[[str], None], trusted: frozenset[str]
    ) -> AccountSettings:
        started.set()
        release.wait(10)
        report("Signing in to imap.example.org…")  # stops the job: it was cancelled
        raise AssertionError("a cancelled attempt carried on")

    dialog = make_dialog(slow_find)
    type_sign_in(dialog, "ann@example.org", "secret")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(started.is_set)
    assert dialog.is_busy()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert not dialog.is_busy()
    release.set()
    qtbot.wait(200)
    assert list_accounts(db) == []


def test_the_port_follows_the_security_unless_typed(
    make_dialog: Callable[..., AccountDialog],
) -> None:
    dialog = make_dialog()
    dialog.manual_button.click()
    incoming, outgoing = dialog.server_form.incoming, dialog.server_form.outgoing
    assert (incoming.port_spin.value(), outgoing.port_spin.value()) == (993, 465)
    incoming.set_security(Security.STARTTLS)
    outgoing.set_security(Security.STARTTLS)
    assert (incoming.port_spin.value(), outgoing.port_spin.value()) == (143, 587)
    incoming.port_spin.setValue(1143)
    incoming.set_security(Security.SSL)
    assert incoming.port_spin.value() == 1143


def test_show_password_reveals_what_was_typed(make_dialog: Callable[..., AccountDialog]) -> None:
    dialog = make_dialog()
    assert dialog.password_edit.echoMode() == dialog.password_edit.EchoMode.Password
    dialog.show_password.setChecked(True)
    assert dialog.password_edit.echoMode() == dialog.password_edit.EchoMode.Normal


def test_the_connect_request_keeps_the_password_out_of_its_repr() -> None:
    from pont.ui.accounts.jobs import ConnectRequest

    request = ConnectRequest("rhian@example.org", "hunter2-secret", None, frozenset())
    assert "hunter2-secret" not in repr(request)
    assert "rhian@example.org" in repr(request)
    assert request.password == "hunter2-secret"
