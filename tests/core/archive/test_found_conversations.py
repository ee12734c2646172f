"""Conversations found in the mailbox and their people: grouping, names and subjects from
strangers, and the cost of both (core/archive/found_conversations.py)."""

from __future__ import annotations

import time

from pont.core.archive.found_conversations import (
    FoundMessage,
    clean_name,
    group_conversations,
    people_in,
    subject_matches,
)
from pont.core.archive.message_headers import Address


def test_a_word_typed_decomposed_still_matches() -> None:
    assert subject_matches("Cynllunio’r ŵyl haf", ["w\u0302yl"])
    assert not subject_matches("Cynllunio’r ŵyl haf", ["wyl"])


def test_clean_name_takes_hostile_names() -> None:
    assert clean_name("Eve\r\nBcc: x") == "Eve Bcc: x"
    assert clean_name("boss@bank.example") == ""
    assert clean_name("\u202eevil\u2066") == "evil"
    assert len(clean_name("a" * 10_000)) == 100


def test_grouping_is_linear_in_the_messages() -> None:
    def chain(size: int) -> list[FoundMessage]:
        keys = [f"k{n}@x" for n in range(size)]
        return [
            FoundMessage(
                keys[n],
                f"Re: topic {n % 7}",
                Address("", f"p{n}@example.org"),
                tuple(Address("", f"q{m}@example.org") for m in range(5)),
                None,
                tuple(keys[max(0, n - 20) : n]),
            )
            for n in range(size)
        ]

    def timed(size: int) -> float:
        messages = chain(size)
        started = time.perf_counter()
        conversations = group_conversations(messages, ["topic"])
        people_in(conversations[0])
        return time.perf_counter() - started

    timed(500)
    small, large = timed(2_000), timed(16_000)
    assert large < small * 8 * 2.5  # 8× the messages: about 8× the time


def test_a_reply_found_before_its_parent_joins_the_same_conversation() -> None:
    one = FoundMessage("a@x", "Plans", None, (), None, ())
    two = FoundMessage("b@x", "Re: something else", None, (), None, ("a@x",))
    three = FoundMessage("c@x", "Plans", None, (), None, ())  # same subject, no links
    conversations = group_conversations([two, one, three])
    assert len(conversations) == 1 and conversations[0].count == 3


def test_a_hostile_subject_is_shown_plain() -> None:
    hostile = FoundMessage(
        "a@x", "Re: [Tag] Plans\u202e\x1b[2J\r\nBcc: x" + "y" * 1000, None, (), None, ()
    )
    (conversation,) = group_conversations([hostile])
    assert conversation.subject.startswith("Plans [2J Bcc: xyyy")
    assert len(conversation.subject) == 300
