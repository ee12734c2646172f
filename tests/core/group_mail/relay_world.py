"""A group in group-address mode on a coordinator's account (no servers needed), and raw
members' messages to its address, as sync sets them aside."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from pont.core.archive.inbound import InboundKind, SetAside, record_inbound
from pont.core.group_mail.handling import GroupMailReport, handle_new_mail
from pont.core.mail.accounts import Account, AccountSettings, Security, ServerSettings, save_account
from pont.core.members.groups import (
    Group,
    GroupMode,
    create_group,
    group_address,
    set_group_sending,
)
from pont.core.members.members import NewMember, add_member

if TYPE_CHECKING:
    from sqlite_utils import Database

COORDINATOR = "rhian@example.org"
NOW = datetime(2024, 5, 6, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Relaying:
    group: Group
    account: Account
    members: tuple[str, ...]

    @property
    def address(self) -> str:
        return group_address(self.account.email, self.group)


def relaying(db: Database, members: int = 4, coordinator: str = COORDINATOR) -> Relaying:
    account = save_account(
        db,
        AccountSettings(
            email=coordinator,
            username=coordinator,
            display_name="Rhian Morgan",
            imap=ServerSettings("imap.example.org", 993, Security.SSL),
            smtp=ServerSettings("smtp.example.org", 465, Security.SSL),
        ),
    )
    group = create_group(db, "Wellbeing Network", "Wellbeing", "Practitioners sharing what works")
    addresses = tuple(f"member{n}@example.net" for n in range(members))
    for number, address in enumerate(addresses):
        add_member(db, group.id, NewMember(email=address, name=f"Member {number}"))
    group = set_group_sending(db, group.id, mode=GroupMode.GROUP_ADDRESS, account_id=account.id)
    return Relaying(group, account, addresses)


def post_to_group(
    world: Relaying | str,
    *,
    sender: str = "Member 1 <member1@example.net>",
    subject: str = "Peer support in Swansea",
    body: str = "We tried it: it worked.\n",
    message_id: str = "<post-1@example.net>",
    extra: str = "",
) -> bytes:
    address = world if isinstance(world, str) else world.address
    lines = [
        f"From: {sender}",
        f"To: Wellbeing Network <{address}>",
        f"Subject: {subject}",
        "Date: Mon, 06 May 2024 08:00:00 +0000",
        f"Message-ID: {message_id}",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
    ]
    head = "\r\n".join(lines) + "\r\n" + extra.replace("\n", "\r\n")
    return (head + "\r\n" + body.replace("\n", "\r\n")).encode("utf-8")


def set_aside(db: Database, world: Relaying, raw: bytes) -> bool:
    with db.atomic():
        return record_inbound(
            db, world.account.id, SetAside(InboundKind.GROUP_ADDRESS, world.group.id), raw, None
        )


def handle(db: Database, world: Relaying, *raws: bytes) -> GroupMailReport:
    for raw in raws:
        set_aside(db, world, raw)
    return handle_new_mail(db, world.account, NOW)


def outcomes(db: Database) -> list[str]:
    return [row[0] for row in db.execute("SELECT outcome FROM inbound ORDER BY id")]


def relayed_mime(db: Database, message_key: str) -> bytes:
    row = db.execute(
        "SELECT mime FROM posts WHERE message_key = ? AND kind = 'relay'", [message_key]
    ).fetchone()
    assert row is not None, f"no relay of {message_key}"
    return bytes(row[0])


def relay_recipients(db: Database, message_key: str) -> list[str]:
    return sorted(
        row[0]
        for row in db.execute(
            "SELECT r.email FROM batch_recipients r JOIN batches b ON b.id = r.batch_id"
            " JOIN posts p ON p.id = b.post_id WHERE p.message_key = ?",
            [message_key],
        )
    )
