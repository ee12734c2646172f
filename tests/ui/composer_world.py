"""A coordinator's account on the test servers and a group of real test mailboxes, for the
composer and Outbox window tests."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mailservers import DOMAIN, HOST, MailServer, Smtp, wait_for_deliveries
from pont.core.mail.accounts import Account, AccountSettings, Security, ServerSettings, save_account
from pont.core.mail.credentials import store_password
from pont.core.members.groups import Group, GroupMode, create_group, set_group_sending
from pont.core.members.members import NewMember, add_member
from pont.core.posting.outbox.plan import set_recipients_per_message

if TYPE_CHECKING:
    from sqlite_utils import Database

    from mailservers import Mailbox


@dataclass(frozen=True)
class World:
    group: Group
    account: Account
    members: tuple[str, ...]


def make_world(
    db: Database,
    mailbox: Mailbox,
    smtp: Smtp,
    members: int,
    *,
    mode: GroupMode = GroupMode.GROUP_ADDRESS,
    per_message: int = 100,
) -> World:
    """An account whose password is in the keyring, and a group of `members` mailboxes."""
    account = save_account(
        db,
        AccountSettings(
            email=mailbox.email,
            username=mailbox.email,
            display_name="Rhian Morgan",
            imap=ServerSettings(HOST, mailbox.server.imaps_port, Security.SSL),
            smtp=ServerSettings(HOST, smtp.smtps_port, Security.SSL),
        ),
    )
    set_recipients_per_message(db, account.id, per_message)
    store_password(mailbox.email, mailbox.password)
    group = create_group(db, "Practice Circle", "Practice", "Practitioners sharing what works")
    run = uuid.uuid4().hex[:8]
    addresses = tuple(f"p{n:03d}-{run}@{DOMAIN}" for n in range(members))
    for number, address in enumerate(addresses):
        add_member(db, group.id, NewMember(email=address, name=f"Person {number}"))
    group = set_group_sending(db, group.id, mode=mode, account_id=account.id)
    return World(group, account, addresses)


def inbox_subjects(server: MailServer, user: str) -> list[str]:
    wait_for_deliveries()  # the server delivers a moment after its 250
    with server.imap(user) as client:
        client.select_folder("INBOX", readonly=True)
        uids = client.search("ALL")
        fetched = client.fetch(uids, ["ENVELOPE"]) if uids else {}
        return [data[b"ENVELOPE"].subject.decode() for data in fetched.values()]
