"""Fixtures for every test: Qt offscreen, no test touching the real user's folders or keyring,
and real mail servers (Dovecot, aiosmtpd) for the tests that ask for them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends.fail import Keyring as NoKeyring

from mailservers import DropProxy, Mailbox, MailServer, Smtp, SmtpFaults, start_mail_server
from memory_keyring import MemoryKeyring

# Before anything imports Qt: no test may need (or pop up on) a real display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Nor depend on the machine's language: Pont follows QLocale.system().uiLanguages(), which
# Qt reads (once per process) from LANGUAGE, else LC_ALL, LC_MESSAGES or LANG. A test that
# wants another language installs it, or starts a process of its own with its own LANG.
os.environ["LANGUAGE"] = "en"
os.environ["LC_ALL"] = "C.UTF-8"


@pytest.fixture(autouse=True)
def temporary_data_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point Pont's profile and the platform's data, config and cache folders at a temp dir."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("PONT_DATA_DIR", str(home / "pont-profile"))
    for variable, folder in (
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        monkeypatch.setenv(variable, str(home / folder))
    monkeypatch.setenv("APPDATA", str(home / "AppData" / "Roaming"))
    monkeypatch.setenv("LOCALAPPDATA", str(home / "AppData" / "Local"))
    return home


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Every test gets an empty in-memory keyring instead of the user's."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """A machine with no usable keyring, as a headless Linux box without D-Bus."""
    previous = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def mail_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MailServer]:
    """Dovecot and aiosmtpd on free loopback ports, shared by the session; fails without them."""
    server = start_mail_server(tmp_path_factory.mktemp("mail-server"))
    yield server
    server.smtp.stop()
    server.dovecot.stop()


@pytest.fixture
def mailbox(mail_server: MailServer, monkeypatch: pytest.MonkeyPatch) -> Mailbox:
    """A fresh, empty mailbox, with the test CA trusted for this test (and its subprocesses)."""
    monkeypatch.setenv("SSL_CERT_FILE", str(mail_server.ca_file))
    return Mailbox(mail_server, mail_server.new_user())


@pytest.fixture
def drop_proxy(mail_server: MailServer) -> Iterator[DropProxy]:
    """A proxy to the plain IMAP port that can cut connections after N bytes."""
    proxy = DropProxy(mail_server.imap_port)
    yield proxy
    proxy.close()


@pytest.fixture
def fault_smtp(mail_server: MailServer) -> Iterator[Smtp]:
    """The test's own SMTP server (delivering into the shared Dovecot) whose `faults` it may
    switch on: 421 after N messages, refused recipients, cut connections, slow replies."""
    server = mail_server.start_smtp(SmtpFaults())
    yield server
    server.stop()
