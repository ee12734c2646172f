"""The outbox tests' world sending through Microsoft Graph: a Microsoft 365 account whose
route is Graph, a group of real Dovecot mailboxes, and the Graph-shaped test server."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from outbox_world import World, make_world

from pont.core.mail.accounts import SendRoute, SignInMethod, save_account
from pont.core.members.groups import GroupMode

if TYPE_CHECKING:
    from sqlite_utils import Database

    from mailservers import Mailbox


def make_graph_world(
    db: Database,
    mailbox: Mailbox,
    members: int,
    *,
    per_message: int | None = 10,
    provider: str = "office365.com",
    mode: GroupMode = GroupMode.GROUP_ADDRESS,
) -> World:
    """A group of `members` fresh mailboxes and a Microsoft account that sends through Graph
    (its SMTP settings are never used: the test SMTP server is named only to fill them)."""
    world = make_world(
        db,
        mailbox,
        mailbox.server.smtp,
        members,
        per_message=per_message,
        provider=provider,
        mode=mode,
    )
    account = save_account(
        db,
        replace(world.account, sign_in=SignInMethod.MICROSOFT, sending=SendRoute.GRAPH),
    )
    return replace(world, account=account)
