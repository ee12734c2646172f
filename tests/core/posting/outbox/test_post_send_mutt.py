"""A real mail program replies to a post: mutt's own reply-all, driven in batch mode through a
pseudo-terminal, reaches the group, and after a sync sits in the post's thread."""

from __future__ import annotations

import email
import email.policy
import os
import pty
import select
import shutil
import time
from pathlib import Path

import pytest
from outbox_world import World, build, copies, delivered, make_world
from sqlite_utils import Database

from mailservers import HOST, Mailbox, Smtp
from pont.core.archive.sync import sync_account
from pont.core.archive.threads import list_threads
from pont.core.mail.connections import open_imap
from pont.core.members.groups import GroupMode, group_address
from pont.core.posting.outbox.outbox import post_status, queue_post
from pont.core.posting.outbox.run import send_queued
from pont.core.profile.store import open_database

pytestmark = pytest.mark.skipif(
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


def run_mutt(home: Path, maildir: Path, seconds: float = 20.0) -> str:
    """mutt needs a terminal even in batch mode: it gets a pseudo-terminal, and keystrokes
    come from `push` (reply to all, send, quit), as a person would type them."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: mutt, reading the member's Maildir read-only
        os.environ.update(TERM="vt100", HOME=str(home), LINES="24", COLUMNS="80")
        os.execvp(
            "mutt",
            ["mutt", "-n", "-F", str(home / "muttrc"), "-R", "-f", str(maildir),
             "-e", "push <group-reply><send-message><quit>"],
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


def setup_mutt(tmp_path: Path, mailbox: Mailbox, smtp: Smtp, member: str) -> Path:
    home = tmp_path / "mutt-home"
    (home / "Mail").mkdir(parents=True)
    editor = home / "append-answer"
    # The "editor" writes the member's answer above the quoted post, as a person would.
    editor.write_text(f'#!/bin/sh\nprintf "%s\\n" "{ANSWER.strip()}" | cat - "$1" > "$1.new"\n'
                      'mv "$1.new" "$1"\n')  # fmt: skip
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


@pytest.mark.parametrize("mode", [GroupMode.COPY_ALL, GroupMode.GROUP_ADDRESS])
def test_mutt_replies_to_all_and_the_reply_joins_the_posts_thread(
    tmp_path: Path, mailbox: Mailbox, fault_smtp: Smtp, mode: GroupMode
) -> None:
    db: Database = open_database(tmp_path / "pont.sqlite3")
    world: World = make_world(db, mailbox, fault_smtp, 5, mode=mode, per_message=10)
    built = build(db, world, "Peer support pilot")
    post_id = queue_post(db, built, world.account)
    send_queued(db, world.account, mailbox.password)
    assert post_status(db, post_id).complete
    replier = world.members[2]
    assert copies(mailbox.server, replier, built.message_key) == 1

    home = setup_mutt(tmp_path, mailbox, fault_smtp, replier)
    maildir = mailbox.server.dovecot.root / "home" / replier / "Maildir"
    run_mutt(home, maildir)

    reply_envelope = fault_smtp.received[-1]
    assert reply_envelope.mail_from == replier
    reply = email.message_from_bytes(
        reply_envelope.original_content or b"", policy=email.policy.default
    )
    # Written by mutt: its reply-all chose the recipients and threaded the reply.
    assert str(reply["User-Agent"]).startswith("Mutt/")
    assert reply["In-Reply-To"] == f"<{built.message_key}>"
    assert reply["Subject"] == "Re: [Wellbeing] Peer support pilot"
    assert ANSWER.strip() in reply.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    others = [m for m in world.members if m != replier]
    if mode is GroupMode.COPY_ALL:
        assert sorted(reply_envelope.rcpt_tos) == sorted([mailbox.email, *others])
        for member in others:
            (got,) = delivered(mailbox.server, member, reply["Message-ID"].strip("<>"))
            assert ANSWER.strip().encode() in got
    else:
        assert reply_envelope.rcpt_tos == [group_address(mailbox.email, world.group)]

    # The coordinator's sync files the reply (INBOX) under the post (Sent).
    report = sync_account(db, world.account.id, lambda: open_imap(world.account, mailbox.password))
    assert report.group_messages == 2
    (thread,) = list_threads(db, world.group.id)
    assert thread.message_keys == (built.message_key, reply["Message-ID"].strip("<>"))
    db.close()
