"""Threading messages into conversations: JWZ (jwz.org/doc/threading.html) over References.

Pure functions over small records, so the store can thread 20,000 messages in one pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

# Reply and forward prefixes as clients write them, in stacks ("Re: AW: Fwd:"), with
# counters ("Re[2]:", "Re(3):"): English, German (AW, WG), Nordic (SV, VS), Dutch (Antw),
# Welsh clients (Ateb, YM).
_PREFIX = re.compile(
    r"^\s*(?:(?:re|aw|sv|vs|antw|wg|fwd?|fw|ateb|ym)\s*(?:\[\d+\]|\(\d+\))?\s*:\s*)+",
    re.IGNORECASE,
)
_TAG = re.compile(r"^\s*\[[^\[\]]*\]\s*")


def normalised_subject(subject: str) -> str:
    """The subject with reply prefixes and [Tag]s stripped, however they are stacked."""
    previous = None
    text = subject
    while text != previous:
        previous = text
        text = _TAG.sub("", _PREFIX.sub("", text))
    return " ".join(text.split())


def is_reply_subject(subject: str) -> bool:
    return bool(_PREFIX.match(_TAG.sub("", subject)))


@dataclass(frozen=True, slots=True)
class ThreadInput:
    key: str
    subject: str
    in_reply_to: str
    references: tuple[str, ...]
    sent: datetime | None


@dataclass(slots=True, eq=False)
class _Container:
    message: ThreadInput | None = None
    order: int = 0  # the message's position in the input, for a stable order
    parent: _Container | None = None
    children: list[_Container] = field(default_factory=list)

    def has_ancestor(self, other: _Container) -> bool:
        node: _Container | None = self
        while node is not None:
            if node is other:
                return True
            node = node.parent
        return False


def _link(parent: _Container, child: _Container) -> None:
    """Make child a child of parent unless that would close a loop (References lie)."""
    if child is parent or parent.has_ancestor(child):
        return
    if child.parent is not None:
        child.parent.children.remove(child)
    child.parent = parent
    parent.children.append(child)


def _messages_under(root: _Container) -> list[tuple[int, ThreadInput]]:
    found: list[tuple[int, ThreadInput]] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.message is not None:
            found.append((node.order, node.message))
        stack.extend(node.children)
    return found


def _sort_key(item: tuple[int, ThreadInput]) -> tuple[bool, datetime | str, int]:
    order, message = item
    # Messages without a usable date go last, in the order they came.
    return (message.sent is None, message.sent or "", order)


def thread_messages(messages: Sequence[ThreadInput]) -> list[list[ThreadInput]]:
    """Threads, each a list of its messages in date order; threads ordered by first message.

    Messages should come oldest first: the subject fallback joins a reply that lost its
    References to the earliest thread with the same subject that started before it.
    """
    table: dict[str, _Container] = {}

    def container(key: str) -> _Container:
        found = table.get(key)
        if found is None:
            found = table[key] = _Container()
        return found

    for order, message in enumerate(messages):
        this = container(message.key)
        if this.message is not None:
            continue  # the same key twice: the first copy stands
        this.message, this.order = message, order
        chain = [key for key in message.references if key != message.key]
        reply_to = message.in_reply_to
        if reply_to and reply_to != message.key and (not chain or chain[-1] != reply_to):
            chain.append(reply_to)
        previous: _Container | None = None
        for key in chain:
            node = container(key)
            # Earlier messages' References already placed these; only fill gaps.
            if previous is not None and node.parent is None:
                _link(previous, node)
            previous = node
        # With no References of its own, a parent that later replies' References gave it
        # stands: clients that drop References are commoner than References that lie.
        if previous is not None and this.parent is not previous:
            _link(previous, this)

    roots = _pruned_roots(table)
    threads = [sorted(_messages_under(root), key=_sort_key) for root in roots]
    threads = [thread for thread in threads if thread]
    threads.sort(key=lambda thread: _sort_key(thread[0]))
    return [[message for _, message in thread] for thread in _join_by_subject(threads)]


def _pruned_roots(table: dict[str, _Container]) -> list[_Container]:
    """Root containers after dropping empty ones: an empty container (a parent that was
    never seen) with one child gives way to that child; with several, it stays to hold them."""
    roots = [node for node in table.values() if node.parent is None]
    result = []
    while roots:
        node = roots.pop()
        if node.message is None:
            if len(node.children) == 1:
                child = node.children[0]
                child.parent = None
                node.children.clear()
                roots.append(child)
                continue
            if not node.children:
                continue
        result.append(node)
    return result


def _join_by_subject(
    threads: list[list[tuple[int, ThreadInput]]],
) -> list[list[tuple[int, ThreadInput]]]:
    """Join a thread that is a lone "Re: subject" message with no References (a client that
    drops them) to the earliest earlier thread with the same normalised subject."""
    first_with_subject: dict[str, list[tuple[int, ThreadInput]]] = {}
    result = []
    for thread in threads:
        _, first = thread[0]
        subject = normalised_subject(first.subject)
        alone = len(thread) == 1 and not first.references and not first.in_reply_to
        earlier = first_with_subject.get(subject) if subject else None
        if alone and earlier is not None and is_reply_subject(first.subject):
            earlier.append(thread[0])
            earlier.sort(key=_sort_key)
            continue
        if subject:
            first_with_subject.setdefault(subject, thread)
        result.append(thread)
    return result


def participants_in_order(senders: Iterable[tuple[str, str, str]]) -> list[tuple[str, str]]:
    """Distinct (name, email) from (name, email, key) triples, first appearance first."""
    seen: set[str] = set()
    result = []
    for name, email, key in senders:
        if key and key not in seen:
            seen.add(key)
            result.append((name, email))
    return result
