"""A Microsoft mailbox from the command line, as a coordinator runs `pont`: account add signs
in through the browser (the tests' own browser program, named in BROWSER as a desktop names
the real one), against the tests' OpenID Connect server; then test, post send and sync run
over XOAUTH2 (Dovecot, aiosmtpd) or Microsoft Graph (the Graph-shaped server)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from graph_server import GraphServer
from mailservers import HOST, PONT, MailServer, Smtp
from oauth_browser import SignInWorld

TESTS = Path(__file__).resolve().parents[1]
BROWSER_PROGRAM = f"""#!{sys.executable}
import sys
sys.path.insert(0, {str(TESTS)!r})
from oauth_browser import Browser
sys.exit(0 if Browser().open(sys.argv[1]) else 1)
"""


class Coordinator:
    """Runs `pont` in its own process with a profile, a keyring file and a browser."""

    def __init__(self, tmp_path: Path, world: SignInWorld, server: MailServer) -> None:
        self.data_dir = tmp_path / "profile"
        self.email = f"coordinator-{uuid.uuid4().hex[:10]}@council.example"
        browser = tmp_path / "browser"
        browser.write_text(BROWSER_PROGRAM)
        browser.chmod(0o755)
        python_path = [str(TESTS), *filter(None, [os.environ.get("PYTHONPATH", "")])]
        self.environment = dict(
            os.environ,
            **world.environ,
            BROWSER=str(browser),
            SSL_CERT_FILE=str(server.ca_file),
            PYTHON_KEYRING_BACKEND="file_keyring.FileKeyring",
            PONT_TEST_KEYRING=str(tmp_path / "keyring.json"),
            PYTHONPATH=os.pathsep.join(python_path),
        )
        self.keyring = tmp_path / "keyring.json"

    def pont(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [PONT, "--data-dir", str(self.data_dir), *args],
            capture_output=True,
            text=True,
            env=self.environment,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )

    def add(
        self, server: MailServer, smtps_port: int | None = None
    ) -> subprocess.CompletedProcess[str]:
        return self.pont(
            "account", "add", "--email", self.email, "--sign-in", "microsoft",
            "--imap-host", HOST, "--imap-port", str(server.imaps_port), "--imap-security", "ssl",
            "--smtp-host", HOST, "--smtp-port", str(smtps_port or server.smtps_port),
            "--smtp-security", "ssl",
        )  # fmt: skip

    def make_group(self, members: list[str]) -> None:
        created = self.pont("group", "create", "Wellbeing Network", "--tag", "Wellbeing")
        assert created.returncode == 0, created.stderr
        for member in members:
            added = self.pont("members", "add", member, "--group", "Wellbeing Network")
            assert added.returncode == 0, added.stderr


def _message_count(server: MailServer, user: str, subject: str) -> int:
    with server.imap(user) as client:
        client.select_folder("INBOX", readonly=True)
        return len(client.search(["SUBJECT", subject]))


@pytest.fixture
def coordinator(tmp_path: Path, microsoft: SignInWorld, mail_server: MailServer) -> Coordinator:
    return Coordinator(tmp_path, microsoft, mail_server)


def test_add_test_send_and_sync_a_microsoft_mailbox(
    coordinator: Coordinator, mail_server: MailServer
) -> None:
    added = coordinator.add(mail_server)
    assert added.returncode == 0, added.stderr
    lines = added.stdout.splitlines()
    address = next(line for line in lines if line.startswith("Open this address to sign in: "))
    assert address.removeprefix("Open this address to sign in: ").startswith("https://")
    assert f"Saved {coordinator.email}: sends over SMTP, reads over IMAP." in lines
    # The keyring holds Microsoft's sign-in, in parts, and no password.
    stored = json.loads(coordinator.keyring.read_text())
    assert stored and all(coordinator.email.casefold() in key for key in stored)

    tested = coordinator.pont("account", "test", "--format", "json")
    assert tested.returncode == 0, tested.stderr
    routes = json.loads(tested.stdout)["routes"]
    assert routes["imap"]["works"] and routes["smtp"]["works"]
    assert not routes["graph-send"]["works"]  # Mail.Send was never asked for
    assert "send mail through Microsoft Graph" in routes["graph-send"]["problem"]

    members = [mail_server.new_user("member") for _ in range(3)]
    coordinator.make_group(members)
    sent = coordinator.pont(
        "post", "send", "--group", "Wellbeing Network", "--subject", "Signed in with Microsoft",
        "--body", "Posted through XOAUTH2.",
    )  # fmt: skip
    assert sent.returncode == 0, sent.stderr
    assert all(_message_count(mail_server, m, "Signed in with Microsoft") == 1 for m in members)

    synced = coordinator.pont("sync")
    assert synced.returncode == 0, synced.stderr
    assert "Synced 2 folders: 1 new message, 1 group message archived" in synced.stdout
    threads = coordinator.pont("threads", "--group", "Wellbeing Network", "--format", "json")
    assert "Signed in with Microsoft" in threads.stdout


def test_smtp_switched_off_sends_through_graph(
    coordinator: Coordinator,
    mail_server: MailServer,
    fault_smtp: Smtp,
    graph_server: GraphServer,
) -> None:
    fault_smtp.faults.smtp_auth_disabled = True  # 535 5.7.139, as Exchange Online answers
    coordinator.environment["PONT_GRAPH_ENDPOINT"] = graph_server.endpoint
    added = coordinator.add(mail_server, fault_smtp.smtps_port)
    assert added.returncode == 0, added.stderr
    assert "sends through Microsoft Graph, reads over IMAP." in added.stdout
    assert "Signing in again so that Pont can send through Microsoft Graph" in added.stdout

    members = [mail_server.new_user("member") for _ in range(2)]
    coordinator.make_group(members)
    sent = coordinator.pont(
        "post", "send", "--group", "Wellbeing Network", "--subject", "Sent through Graph",
        "--body", "Posted with sendMail.",
    )  # fmt: skip
    assert sent.returncode == 0, sent.stdout + sent.stderr
    assert all(_message_count(mail_server, m, "Sent through Graph") == 1 for m in members)
    assert fault_smtp.received == []


def test_a_password_is_refused_for_a_microsoft_account(
    coordinator: Coordinator, mail_server: MailServer
) -> None:
    added = coordinator.pont(
        "account", "add", "--email", coordinator.email, "--sign-in", "microsoft",
        "--password-stdin",
    )  # fmt: skip
    assert added.returncode != 0
    assert "signs in with Microsoft, not with a password" in added.stderr
    assert "Saved" not in added.stdout


def test_imap_out_of_reach_syncs_through_graph(
    coordinator: Coordinator, mail_server: MailServer, graph_server: GraphServer
) -> None:
    coordinator.environment["PONT_GRAPH_ENDPOINT"] = graph_server.endpoint
    added = coordinator.pont(
        "account", "add", "--email", coordinator.email, "--sign-in", "microsoft",
        "--imap-host", HOST, "--imap-port", "9", "--imap-security", "ssl",
        "--smtp-host", HOST, "--smtp-port", str(mail_server.smtps_port), "--smtp-security", "ssl",
    )  # fmt: skip
    assert added.returncode == 0, added.stdout + added.stderr
    assert "sends over SMTP, reads through Microsoft Graph." in added.stdout

    member = mail_server.new_user("member")
    coordinator.make_group([member])
    mail_server.deliver(
        coordinator.email,
        b"From: Member <" + member.encode() + b">\r\nTo: " + coordinator.email.encode()
        + b"\r\nSubject: [Wellbeing] Read through Graph\r\nMessage-ID: <graph-read@example.org>"
        b"\r\nDate: Mon, 07 Dec 2026 10:00:00 +0000\r\n\r\nHello from a member.\r\n",
        sender=member,
    )  # fmt: skip
    synced = coordinator.pont("sync")
    assert synced.returncode == 0, synced.stdout + synced.stderr
    assert "1 group message archived" in synced.stdout
    searched = coordinator.pont("search", "member", "--group", "Wellbeing Network")
    assert "Read through Graph" in searched.stdout
