"""Reply to group with a stranger's subject built to inject a header: the composer shows it
as text, and the reply reaches the members with exactly the headers Pont meant."""

from __future__ import annotations

import base64
import email.policy
import uuid

from composer_world import make_world
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from ui_helpers import WindowFactory

from core.posting.outbox.outbox_world import delivered
from mailservers import Mailbox, Smtp
from pont.core.archive.filing import store_message
from pont.core.archive.messages import parse_message
from pont.core.archive.reading import find_message
from pont.core.members.groups import GroupMode
from pont.core.posting.outbox.outbox import post_status
from pont.ui.composer.window import Stage

SEND_TIMEOUT = 30_000
_HEADERS = [
    "Return-Path", "Received", "From", "To", "Subject", "Date", "Message-ID",
    "In-Reply-To", "References", "List-Id", "List-Post", "List-Help", "List-Unsubscribe",
    "Precedence", "X-Auto-Response-Suppress", "MIME-Version", "Content-Type",
    "Content-Transfer-Encoding", "Content-Language",
]  # fmt: skip
# The received subject decodes (once, in the archive) to an encoded word that decodes to a
# line break and a Reply-To of the attacker's: the email package of Python 3.11 and 3.12
# wrote that out as a header line of its own.
HOSTILE = "Rota =?utf-8?q?change=0D=0AReply-To:_attacker@evil.example?="


def test_a_reply_to_a_hostile_subject_carries_no_header_of_its_own(
    qtbot: QtBot, make_window: WindowFactory, db: Database, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    world = make_world(db, mailbox, fault_smtp, 2, mode=GroupMode.COPY_ALL)
    key = f"{uuid.uuid4().hex}@evil.example"
    word = base64.b64encode(HOSTILE.encode()).decode()
    raw = (
        f"Message-ID: <{key}>\r\nFrom: Eve <eve@evil.example>\r\nTo: {world.members[0]}\r\n"
        f"Subject: =?utf-8?b?{word}?=\r\nDate: Tue, 1 Apr 2025 10:00:00 +0000\r\n\r\nHi\r\n"
    ).encode()
    with db.atomic():
        store_message(db, parse_message(raw), raw, {world.group.id: "tag"})
    message = find_message(db, key)
    assert message is not None and message.subject == HOSTILE

    window = make_window()
    composer = window.post_actions.reply_to(message)
    assert composer is not None
    qtbot.addWidget(composer)
    assert composer.subject_edit.text() == f"Re: [Practice] {HOSTILE}"
    composer.editor.setPlainText("Which change?")
    composer.send()
    qtbot.waitUntil(lambda: composer.stage is Stage.DONE, timeout=SEND_TIMEOUT)

    assert composer.post_id is not None
    post = post_status(db, composer.post_id)
    for member in world.members:
        (copy,) = [
            email.message_from_bytes(raw, policy=email.policy.default)
            for raw in delivered(mailbox.server, member, post.message_key)
        ]
        assert sorted(copy.keys()) == sorted(["X-Pont-Batch", *_HEADERS]), copy.keys()
        assert copy["Reply-To"] is None
        assert copy["Subject"] == f"Re: [Practice] {HOSTILE}"
        assert copy["In-Reply-To"] == f"<{key}>"
