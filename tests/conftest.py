"""Fixtures for every test: Qt offscreen, no test touching the real user's folders or keyring,
and real mail servers (Dovecot, aiosmtpd) for the tests that ask for them."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from hypothesis import HealthCheck, settings
from keyring.backends.fail import Keyring as NoKeyring

from graph_server import GraphServer
from mailservers import (
    DropProxy,
    Mailbox,
    MailServer,
    Smtp,
    SmtpFaults,
    TlsProxy,
    start_mail_server,
)
from memory_keyring import MemoryKeyring
from oauth_keys import SigningKey

# Before anything imports Qt: no test may need (or pop up on) a real display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Nor depend on the machine's language: Pont follows QLocale.system().uiLanguages(), which
# Qt reads (once per process) from LANGUAGE, else LC_ALL, LC_MESSAGES or LANG. A test that
# wants another language installs it, or starts a process of its own with its own LANG.
os.environ["LANGUAGE"] = "en"
os.environ["LC_ALL"] = "C.UTF-8"
# Nor on its time zone: dates shown in the window are local. One far from UTC (+14, with no
# daylight saving) makes a test that assumed UTC fail here, not only on some laptops.
os.environ["TZ"] = "Pacific/Kiritimati"
time.tzset()

# Property and fuzz tests (hypothesis): the test command runs them derandomized, so a run
# is repeatable and the whole fuzz suite stays within its minute; PONT_FUZZ=long explores
# far more, at random, for an hour's hunting by hand.
settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile(
    "long",
    max_examples=5_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile("long" if os.environ.get("PONT_FUZZ") == "long" else "ci")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """Before any teardown (pytest-qt's, which closes and deletes the test's widgets, runs
    inside this one): wait for the worker threads those widgets own. Qt answers a QThread
    destroyed while it runs with abort(), which under load once killed a whole test run."""
    wait_for_worker_threads()
    return (yield)


def wait_for_worker_threads(seconds: float = 60.0) -> None:
    """Let every running QThread under a top-level widget finish, handling events meanwhile
    (a worker's last signals are queued to this thread). Sleeping, not QThread.wait(), leaves
    the GIL to the job (see SyncController.shutdown)."""
    if "PySide6.QtWidgets" not in sys.modules:  # no window in this test process
        return
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QThread
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        return
    threads = [t for w in QApplication.topLevelWidgets() for t in w.findChildren(QThread)]
    deadline = time.monotonic() + seconds
    for thread in threads:
        while shiboken6.isValid(thread) and thread.isRunning() and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.01)


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


@pytest.fixture
def cut_proxy(mail_server: MailServer, fault_smtp: Smtp) -> Iterator[TlsProxy]:
    """A TLS proxy in front of `fault_smtp` (implicit TLS) that reads SMTP in clear and cuts
    the transactions a test names (`cut_after_data`) between the end of their data and the
    server's answer, which never reaches the client."""
    proxy = TlsProxy(mail_server.certificates, fault_smtp.smtps_port)
    yield proxy
    proxy.close()


@pytest.fixture(scope="session")
def signing_key() -> SigningKey:
    return SigningKey()


@pytest.fixture
def graph_server(
    mail_server: MailServer, signing_key: SigningKey, monkeypatch: pytest.MonkeyPatch
) -> Iterator[GraphServer]:
    """A Microsoft Graph-shaped HTTPS server (tests/graph_server.py) over the shared Dovecot,
    of this test's own (its fault switches and counts start afresh), with the test CA trusted
    for this test and its subprocesses."""
    monkeypatch.setenv("SSL_CERT_FILE", str(mail_server.ca_file))
    server = GraphServer(mail_server, signing_key)
    yield server
    server.stop()
