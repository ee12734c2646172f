"""Addresses as a person pastes them into a mail program's To box (no Qt: core could use it)."""

from __future__ import annotations

from collections.abc import Iterable

from pont.core.members.members import Member

# RFC 5322 "specials": a display name holding any of these must be quoted. Non-ASCII stays
# as it is (unlike email.utils.formataddr, which RFC 2047-encodes it into =?utf-8?...?=
# gibberish that Outlook and Gmail show verbatim when it is pasted).
_SPECIALS = frozenset('()<>[]:;@\\,."')


def format_address(name: str, address: str) -> str:
    """`Siân Roberts <sian@example.org>`, `"Jones, Ann" <ann@example.org>`, or the bare address."""
    name = " ".join(name.split())
    if not name:
        return address
    if any(character in _SPECIALS for character in name):
        escaped = name.replace("\\", "\\\\").replace('"', '\\"')
        name = f'"{escaped}"'
    return f"{name} <{address}>"


def format_address_list(members: Iterable[Member], separator: str = "; ") -> str:
    """The members' addresses joined for a To, Cc or Bcc box; Outlook wants semicolons."""
    return separator.join(format_address(member.name, member.email) for member in members)
