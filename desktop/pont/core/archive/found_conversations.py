"""Conversations found in the mailbox (mailbox_search) and the people in them: the messages
grouped by their reply keys and subject, and everyone in From, To and Cc once each, with how
often each wrote. Pure functions over small records; every name and subject comes from a
stranger and is cleaned before it is shown or stored."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from pont.core.archive.conversations import normalised_subject
from pont.core.archive.message_headers import Address
from pont.core.members.addresses import address_key, is_valid_address

MAX_NAME_LENGTH = 100
MAX_SUBJECT_LENGTH = 300
# Characters a terminal or a text direction acts on: C0 and C1 controls, DEL, line and
# paragraph separators, and the bidirectional overrides and isolates.
UNSAFE_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True, slots=True)
class FoundMessage:
    key: str  # Message-ID without <> (or a key made from the headers)
    subject: str
    sender: Address | None
    recipients: tuple[Address, ...]  # To and Cc
    sent: datetime | None
    links: tuple[str, ...]  # what ties it to its conversation: In-Reply-To, References


@dataclass(frozen=True, slots=True)
class Conversation:
    subject: str
    messages: tuple[FoundMessage, ...]  # oldest first

    @property
    def count(self) -> int:
        return len(self.messages)

    @property
    def first(self) -> datetime | None:
        return min((m.sent for m in self.messages if m.sent), default=None)

    @property
    def last(self) -> datetime | None:
        return max((m.sent for m in self.messages if m.sent), default=None)


@dataclass(frozen=True, slots=True)
class Person:
    email: str
    name: str
    wrote: int  # messages of the conversation they sent
    seen_in: int  # messages with them in From, To or Cc
    is_you: bool  # one of the coordinator's own addresses


def _folded(text: str) -> str:
    # One form for "ŵ" typed as one character or as w and a combining circumflex.
    return unicodedata.normalize("NFKC", text).casefold()


def subject_matches(subject: str, words: Sequence[str]) -> bool:
    folded = _folded(subject)
    return all(_folded(word) in folded for word in words)


def group_conversations(
    messages: Iterable[FoundMessage], words: Sequence[str] = ()
) -> tuple[Conversation, ...]:
    """The messages (copies in several folders once) whose subject has the words, grouped
    into conversations: linked by a reply key, or sharing a subject without its prefixes.
    Near-linear: a union-find over keys."""
    unique: dict[str, FoundMessage] = {}
    for message in messages:
        if subject_matches(message.subject, words):
            unique.setdefault(message.key, message)
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        parent.setdefault(key, key)
        top = key
        while parent[top] != top:
            top = parent[top]
        while parent[key] != top:
            parent[key], key = top, parent[key]
        return top

    def join(first: str, second: str) -> None:
        a, b = root(first), root(second)
        if a != b:
            parent[b] = a

    for message in unique.values():
        node = "m:" + message.key
        for link in message.links:
            join(node, "m:" + link)
        subject = normalised_subject(message.subject).casefold()
        if subject:
            join(node, "s:" + subject)
    grouped: dict[str, list[FoundMessage]] = {}
    for message in unique.values():
        grouped.setdefault(root("m:" + message.key), []).append(message)
    conversations = []
    for found in grouped.values():
        found.sort(key=lambda m: (m.sent is None, m.sent or datetime.min, m.key))
        subject = next((shown_subject(m.subject) for m in found if m.subject), "")
        conversations.append(Conversation(subject, tuple(found)))
    conversations.sort(key=lambda c: (c.last is not None, c.last or datetime.min), reverse=True)
    return tuple(conversations)


def shown_subject(subject: str) -> str:
    """A conversation's subject to list and to suggest as a group's name: without its
    Re:/[Tag] prefixes, control and direction-changing characters, on one line, capped."""
    return normalised_subject(" ".join(UNSAFE_CHARACTERS.sub(" ", subject).split()))[
        :MAX_SUBJECT_LENGTH
    ]


def clean_name(name: str) -> str:
    """A display name safe to show and store: no control or direction-changing characters,
    one line, capped; a name that is itself an address is dropped (it would pass one person
    off as another)."""
    text = " ".join(UNSAFE_CHARACTERS.sub(" ", name).split())[:MAX_NAME_LENGTH]
    return "" if "@" in text else text


def _shown_address(email: str) -> str:
    local, _, domain = email.strip().rpartition("@")
    return f"{local}@{domain.lower()}"


def is_own_address(email: str, own: Iterable[str]) -> bool:
    """The coordinator's address, or one of its +sub-addresses (a group's address)."""
    key = address_key(email)
    local, _, domain = key.rpartition("@")
    base = local.partition("+")[0]
    for address in own:
        mine = address_key(address)
        mine_local, _, mine_domain = mine.rpartition("@")
        if key == mine or (domain == mine_domain and base == mine_local.partition("+")[0]):
            return True
    return False


def people_in(conversation: Conversation, own: Iterable[str] = ()) -> list[Person]:
    """Everyone in From, To and Cc across the conversation, once each (addresses compared
    case-insensitively; a name from the most messages), with how many messages they wrote;
    those who wrote most first. Addresses that are not usable addresses are left out."""
    own = list(own)
    wrote: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    emails: dict[str, str] = {}
    names: dict[str, Counter[str]] = {}
    unusable: set[str] = set()
    for message in conversation.messages:
        in_message: set[str] = set()
        for index, address in enumerate(
            ((message.sender,) if message.sender else ()) + message.recipients
        ):
            email = address.email.strip()
            if not email or len(email) > 254 or UNSAFE_CHARACTERS.search(email):
                continue
            key = address_key(email)
            if key in unusable:
                continue
            if key not in emails:
                if not is_valid_address(email):
                    unusable.add(key)
                    continue
                emails[key] = _shown_address(email)
                names[key] = Counter()
            name = clean_name(address.name)
            if name:
                names[key][name] += 1
            if index == 0 and message.sender is not None:
                wrote[key] += 1
            in_message.add(key)
        seen.update(in_message)
    people = [
        Person(
            emails[key],
            names[key].most_common(1)[0][0] if names[key] else "",
            wrote[key],
            seen[key],
            is_own_address(emails[key], own),
        )
        for key in emails
    ]
    people.sort(key=lambda p: (-p.wrote, -p.seen_in, (p.name or p.email).casefold()))
    return people
