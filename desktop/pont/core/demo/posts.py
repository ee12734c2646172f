"""Sending in the demo profile: the post lands in the demo archive and goes nowhere else."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pont.core.archive.filing import store_message
from pont.core.archive.messages import parse_message
from pont.core.archive.threads import rebuild_threads
from pont.core.mail.accounts import Account, Security, ServerSettings

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.posting.posts import BuiltPost

# The demo group's coordinator (pont.core.demo.profile: Siân Roberts, first of the demo people).
DEMO_COORDINATOR = ("Siân Roberts", "sian.roberts@example.org")
# RFC 2606 names: nothing could ever connect to these, and the demo never tries.
_NOWHERE = ServerSettings("mail.example.org", 465, Security.SSL)


def demo_account() -> Account:
    """The coordinator the demo posts come from; never saved, never connected."""
    name, email = DEMO_COORDINATOR
    return Account(
        id=0, email=email, username=email, imap=_NOWHERE, smtp=_NOWHERE, display_name=name
    )


def post_to_demo_archive(db: Database, built: BuiltPost) -> None:
    """File the post in the archive the way sync files a sent post, so it shows in the
    Conversations view, threaded with what it replies to."""
    parsed = parse_message(built.mime)
    with db.atomic():
        store_message(db, parsed, built.mime, {built.group_id: "posted"})
    rebuild_threads(db, [built.group_id])
