"""mutt, a real mail program, driven as a member would use it: its own muttrc (SMTP with
the test CA, an "editor" that writes the member's answer above the quote) and batch mode on a
pseudo-terminal, keystrokes pushed."""

from __future__ import annotations

import os
import pty
import select
import shutil
import time
from pathlib import Path

import pytest

from mailservers import HOST, Mailbox, Smtp

needs_mutt = pytest.mark.skipif(
    shutil.which("mutt") is None,
    reason="mutt is not installed (`python3 dev.py test` installs it: apt-get install mutt)",
)

MUTTRC = """\
set from = "{member}"
set realname = "A Member"
set use_from = yes
set hostname = example.org
set mbox_type = Maildir
set smtp_url = "smtps://{member}@{host}:{port}/"
set smtp_pass = "{password}"
set ssl_force_tls = yes
set ssl_ca_certificates_file = "{ca}"
set certificate_file = "{home}/certificates"
set header_cache = ""
set fast_reply = yes
set include = yes
set reply_to = yes
set metoo = no
set editor = "{home}/append-answer"
set abort_unmodified = no
set record = ""
set copy = no
set user_agent = yes
set quit = yes
set wait_key = no
set sleep_time = 0
set beep = no
"""

ANSWER = "We tried this in Swansea too: it worked.\n"


def setup_mutt(tmp_path: Path, mailbox: Mailbox, smtp: Smtp, member: str) -> Path:
    home = tmp_path / "mutt-home"
    (home / "Mail").mkdir(parents=True)
    editor = home / "append-answer"
    # The "editor" writes the member's answer above the quoted post, as a person would. It
    # dates the file in the past: mutt asks "Attachment #1 modified. Update encoding?" when
    # sending if the file looks newer than the time it noted after the edit, which happened
    # once in a full run (the pushed keys do not answer it, so mutt waited).
    editor.write_text(f'#!/bin/sh\nprintf "%s\\n" "{ANSWER.strip()}" | cat - "$1" > "$1.new"\n'
                      'mv "$1.new" "$1"\ntouch -d "2000-01-01" "$1"\n')  # fmt: skip
    editor.chmod(0o755)
    (home / "muttrc").write_text(
        MUTTRC.format(
            member=member,
            host=HOST,
            port=smtp.smtps_port,
            password=mailbox.password,
            ca=mailbox.server.ca_file,
            home=home,
        )
    )
    return home


def run_mutt(
    home: Path,
    maildir: Path,
    push: str = "push <group-reply><send-message><quit>",
    seconds: float = 20.0,
) -> str:
    """mutt needs a terminal even in batch mode: it gets a pseudo-terminal, and keystrokes
    come from `push` (reply to all, send, quit), as a person would type them."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: mutt, reading the member's Maildir read-only
        os.environ.update(TERM="vt100", HOME=str(home), LINES="24", COLUMNS="80")
        os.execvp(
            "mutt",
            ["mutt", "-n", "-F", str(home / "muttrc"), "-R", "-f", str(maildir),
             "-e", push],
        )  # fmt: skip
    screen = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the child closed the terminal: it has finished
                break
            if not chunk:
                break
            screen += chunk
        finished, status = os.waitpid(pid, os.WNOHANG)
        if finished:
            assert os.waitstatus_to_exitcode(status) == 0, screen.decode(errors="replace")
            return screen.decode(errors="replace")
    else:
        os.kill(pid, 9)
        raise AssertionError("mutt did not finish:\n" + screen.decode(errors="replace"))
    os.waitpid(pid, 0)
    return screen.decode(errors="replace")
