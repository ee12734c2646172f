"""A new group made from the people of a conversation already in the mailbox (issue 15, item
14): the coordinator ticks who to include, and each becomes a member who has not yet consented
to the roster (no consent record: the Consent column says "Not yet", and *Ask for consent…*
asks them), all in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pont.core import activity
from pont.core.archive.found_conversations import clean_name
from pont.core.errors import InvalidAddress
from pont.core.members.addresses import address_key, checked_address
from pont.core.members.groups import Group, create_group, get_group
from pont.core.members.members import NewMember, add_member

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.archive.message_headers import Address

# members.source of a member who came from a conversation in the mailbox
SOURCE = "conversation"


def own_addresses(db: Database) -> list[str]:
    """The coordinator's addresses: every account's, and the groups' own addresses (aliases
    typed for a group); their +sub-addresses count as theirs too (mailbox_search)."""
    from pont.core.mail.accounts import list_accounts
    from pont.core.members.groups import list_groups

    return [a.email for a in list_accounts(db)] + [g.address for g in list_groups(db) if g.address]


@dataclass(frozen=True, slots=True)
class GroupFromConversation:
    group: Group
    added: int
    left_out: tuple[str, ...]  # addresses that could not be used, as given


def create_group_from_people(
    db: Database,
    name: str,
    people: Sequence[Address],
    *,
    subject: str = "",
    origin: str = "window",
) -> GroupFromConversation:
    """The group, with each of people as a member (once each, by address) who has not yet
    consented. All or nothing: a name already taken raises DuplicateGroup and adds no one."""
    note = subject[:200]
    left_out: list[str] = []
    with db.atomic():
        group = create_group(db, name, origin=origin)
        seen: set[str] = set()
        for person in people:
            try:
                email = checked_address(person.email)
            except InvalidAddress:  # a stranger's header: left out, and said so
                left_out.append(person.email)
                continue
            if address_key(email) in seen:
                continue
            seen.add(address_key(email))
            member = NewMember(email=email, name=clean_name(person.name), source=SOURCE)
            add_member(db, group.id, member, origin=origin)
        if note:
            activity.log(db, "group-from-conversation", origin, note, group_id=group.id)
    return GroupFromConversation(get_group(db, group.id), len(seen), tuple(left_out))
