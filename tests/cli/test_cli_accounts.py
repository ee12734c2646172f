"""`pont account ...` against the real test servers.

Subprocess runs get the fail keyring through PYTHON_KEYRING_BACKEND (they cannot see the
in-memory one, and must never reach the real one); keyring paths run in-process.
"""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import pytest

from mailservers import HOST, Mailbox, run_pont
from memory_keyring import MemoryKeyring
from pont.cli.main import main


def server_options(mailbox: Mailbox, starttls: bool = False) -> list[str]:
    server = mailbox.server
    imap, smtp, security = (
        (server.imap_port, server.smtp_port, "starttls")
        if starttls
        else (server.imaps_port, server.smtps_port, "ssl")
    )
    return [
        *("--imap-host", HOST, "--imap-port", str(imap), "--imap-security", security),
        *("--smtp-host", HOST, "--smtp-port", str(smtp), "--smtp-security", security),
    ]


def pont(profile: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return run_pont(profile, *args, stdin=stdin, timeout=120)


def profile_bytes(profile: Path) -> bytes:
    files = list(profile.glob("pont.sqlite3*"))  # the database, and its -wal and -shm
    assert files
    return b"".join(path.read_bytes() for path in files)


def test_add_without_a_keyring_saves_the_settings_and_says_so(
    mailbox: Mailbox, tmp_path: Path
) -> None:
    profile = tmp_path / "profile"
    added = pont(
        profile,
        *("account", "add", "--email", mailbox.email, *server_options(mailbox, starttls=True)),
        "--password-stdin",
        stdin=mailbox.password + "\n",
    )
    assert added.returncode == 0, added.stderr
    assert f"Signing in to {HOST}…" in added.stdout
    assert "cannot remember your password: it will ask for it each time" in added.stdout
    for output in (added.stdout, added.stderr, profile_bytes(profile).decode("latin-1")):
        assert mailbox.password not in output

    listed = pont(profile, "account", "list", "--format", "json")
    [row] = json.loads(listed.stdout)
    assert row["email"] == mailbox.email
    assert row["imap"] == {
        "host": HOST,
        "port": mailbox.server.imap_port,
        "security": "starttls",
        "pinned_sha256": "",
    }
    assert row["smtp"]["port"] == mailbox.server.smtp_port
    table = pont(profile, "account", "list").stdout
    assert f"{HOST}:{mailbox.server.imap_port} STARTTLS" in table

    no_password = pont(profile, "account", "test")
    assert no_password.returncode == 1
    assert "has none stored. Give it with --password-stdin" in no_password.stderr
    tested = pont(profile, "account", "test", "--password-stdin", stdin=mailbox.password)
    assert tested.returncode == 0, tested.stderr
    assert f"Both logins work for {mailbox.email}." in tested.stdout


def test_a_wrong_password_saves_nothing(mailbox: Mailbox, tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    refused = pont(
        profile,
        *("account", "add", "--email", mailbox.email, *server_options(mailbox)),
        "--password-stdin",
        stdin="not-the-password\n",
    )
    assert refused.returncode == 1
    assert refused.stderr == (
        f"pont: {HOST} did not accept the password for {mailbox.email}. "
        "Check it and type it again (passwords are case-sensitive).\n"
    )
    assert json.loads(pont(profile, "account", "list", "--format", "json").stdout) == []


def test_untrusted_certificate_then_trusted_by_fingerprint(
    mailbox: Mailbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE")
    profile = tmp_path / "profile"
    command = ["account", "add", "--email", mailbox.email, *server_options(mailbox)]
    refused = pont(profile, *command, "--password-stdin", stdin=mailbox.password)
    assert refused.returncode == 1
    assert "signed by an unknown authority" in refused.stderr
    fingerprint = refused.stderr.rsplit("--trust-certificate ", 1)[1].strip()
    assert len(fingerprint) == 64

    colons = ":".join(fingerprint[i : i + 2] for i in range(0, 64, 2)).upper()
    trusted = pont(
        profile, *command, "--trust-certificate", colons, "--password-stdin", stdin=mailbox.password
    )
    assert trusted.returncode == 0, trusted.stderr
    [row] = json.loads(pont(profile, "account", "list", "--format", "json").stdout)
    assert row["imap"]["pinned_sha256"] == row["smtp"]["pinned_sha256"] == fingerprint
    tested = pont(
        profile, "account", "test", mailbox.email, "--password-stdin", stdin=mailbox.password
    )
    assert tested.returncode == 0, tested.stderr


def test_add_and_test_with_the_keyring(
    mailbox: Mailbox,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    memory_keyring: MemoryKeyring,
) -> None:
    profile = tmp_path / "profile"
    monkeypatch.setattr("sys.stdin", io.StringIO(mailbox.password + "\n"))
    arguments = ["account", "add", "--email", mailbox.email, *server_options(mailbox)]
    assert main(["--data-dir", str(profile), *arguments, "--password-stdin"]) == 0
    added = capsys.readouterr()
    assert "The password is in the system's keyring." in added.out
    assert memory_keyring.passwords == {("Pont", mailbox.email.casefold()): mailbox.password}
    assert mailbox.password not in added.out + added.err + profile_bytes(profile).decode("latin-1")

    assert main(["--data-dir", str(profile), "account", "test"]) == 0
    assert f"Both logins work for {mailbox.email}." in capsys.readouterr().out

    assert main(["--data-dir", str(profile), "account", "remove", mailbox.email]) == 0
    assert memory_keyring.passwords == {}


def test_options_that_make_no_sense(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = ["--data-dir", str(tmp_path / "profile")]
    assert main([*profile, "account", "add", "--email", "a@example.org", "--imap-port", "993"]) == 1
    assert "--imap-host" in capsys.readouterr().err
    bad_pin = ["--trust-certificate", "abc", "--password-stdin"]
    assert main([*profile, "account", "add", "--email", "a@example.org", *bad_pin]) == 1
    assert "not a SHA-256 fingerprint" in capsys.readouterr().err
    assert main([*profile, "account", "test"]) == 1
    assert "No mail account yet" in capsys.readouterr().err
    assert main([*profile, "account", "list"]) == 0
    assert "No mail account yet" in capsys.readouterr().out
