"""A coordinator, a group of real mailboxes on the test Dovecot and an account sending through
a test SMTP server: what the outbox tests send posts in, and how they count what arrived."""

from __future__ import annotations

import email.parser
import email.policy
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from mailservers import DOMAIN, HOST, MailServer, Smtp, wait_for_deliveries
from pont.core.mail.accounts import Account, AccountSettings, Security, ServerSettings, save_account
from pont.core.members.groups import Group, GroupMode, create_group, set_group_sending
from pont.core.members.members import NewMember, add_member
from pont.core.posting.outbox.plan import set_recipients_per_message
from pont.core.posting.posts import BuiltPost, PostContent, build_post

if TYPE_CHECKING:
    from sqlite_utils import Database

    from mailservers import Mailbox


class Clock:
    """A clock the outbox reads and sleeps on: sleeping moves it on at once."""

    def __init__(self) -> None:
        self.moment = datetime(2024, 5, 6, 9, 0, tzinfo=UTC)
        self.slept: list[float] = []

    def now(self) -> datetime:
        return self.moment

    def sleep(self, seconds: float) -> None:
        # While the outbox waits, the test servers deliver what they took (a second is
        # ample for a local server): the receipt it waits for then comes, as it would.
        wait_for_deliveries()
        self.slept.append(seconds)
        self.moment += timedelta(seconds=seconds)

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


@dataclass(frozen=True)
class World:
    group: Group
    account: Account
    members: tuple[str, ...]  # the members' addresses, each a mailbox of its own


def member_addresses(count: int) -> tuple[str, ...]:
    run = uuid.uuid4().hex[:8]
    return tuple(f"m{number:04d}-{run}@{DOMAIN}" for number in range(count))


def make_world(
    db: Database,
    mailbox: Mailbox,
    smtp: Smtp,
    members: int,
    *,
    mode: GroupMode = GroupMode.GROUP_ADDRESS,
    per_message: int | None = 100,
    name: str = "Wellbeing Network",
    provider: str = "",
    smtp_port: int | None = None,
) -> World:
    """A group of `members` fresh mailboxes, sending through `smtp` (or whatever listens on
    `smtp_port`, such as a proxy in front of it)."""
    account = save_account(
        db,
        AccountSettings(
            provider=provider,
            email=mailbox.email,
            username=mailbox.email,
            display_name="Rhian Morgan",
            imap=ServerSettings(HOST, mailbox.server.imaps_port, Security.SSL),
            smtp=ServerSettings(HOST, smtp_port or smtp.smtps_port, Security.SSL),
        ),
    )
    set_recipients_per_message(db, account.id, per_message)
    group = create_group(db, name, name.split()[0], "Practitioners sharing what works")
    addresses = member_addresses(members)
    for number, address in enumerate(addresses):
        add_member(db, group.id, NewMember(email=address, name=f"Member {number}"))
    group = set_group_sending(db, group.id, mode=mode, account_id=account.id)
    return World(group, account, addresses)


def build(db: Database, world: World, subject: str = "Peer support pilot") -> BuiltPost:
    content = PostContent(subject=subject, body_text="The pilot starts on Monday.\n")
    return build_post(db, world.group.id, world.account, content)


def maildir_messages(server: MailServer, user: str, folder: str = "") -> list[bytes]:
    """The messages in a user's folder, read from the Maildir (fast for hundreds of users),
    once the test servers delivered what they took."""
    wait_for_deliveries()
    root = server.dovecot.root / "home" / user / "Maildir"
    if folder:
        root = root / f".{folder}"
    found = []
    for part in ("new", "cur"):
        directory = root / part
        if directory.is_dir():
            found += [path.read_bytes() for path in sorted(directory.iterdir())]
    return found


def copies(server: MailServer, user: str, message_key: str, folder: str = "") -> int:
    parser = email.parser.BytesHeaderParser(policy=email.policy.compat32)
    return sum(
        1
        for raw in maildir_messages(server, user, folder)
        if (parser.parsebytes(raw).get("Message-ID") or "").strip("<> ") == message_key
    )


def delivered(server: MailServer, user: str, message_key: str) -> list[bytes]:
    parser = email.parser.BytesHeaderParser(policy=email.policy.compat32)
    return [
        raw
        for raw in maildir_messages(server, user)
        if (parser.parsebytes(raw).get("Message-ID") or "").strip("<> ") == message_key
    ]


def batch_lines(raw: bytes) -> list[str]:
    """The X-Pont-Batch values of a message, as written."""
    parser = email.parser.BytesHeaderParser(policy=email.policy.compat32)
    return [str(value) for value in parser.parsebytes(raw).get_all("X-Pont-Batch") or []]
