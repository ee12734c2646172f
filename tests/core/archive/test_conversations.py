"""JWZ threading over References / In-Reply-To, with the subject as a fallback."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pont.core.archive.conversations import (
    ThreadInput,
    is_reply_subject,
    normalised_subject,
    participants_in_order,
    thread_messages,
)

START = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def message(
    key: str,
    minutes: int,
    subject: str = "Topic",
    refs: tuple[str, ...] = (),
    reply_to: str = "",
) -> ThreadInput:
    return ThreadInput(key, subject, reply_to, refs, START + timedelta(minutes=minutes))


def keys(threads: list[list[ThreadInput]]) -> list[list[str]]:
    return [[m.key for m in thread] for thread in threads]


def test_normalised_subject_strips_prefix_stacks_and_tags() -> None:
    assert normalised_subject("Re: AW: [Wellbeing] Fwd: RE[2]: SV:  Funding  bids") == (
        "Funding bids"
    )
    assert normalised_subject("[Wellbeing] Re: Antw: Peer support") == "Peer support"
    assert normalised_subject("Reading list") == "Reading list"
    assert is_reply_subject("[Wellbeing] Re: x") and not is_reply_subject("Regional meeting")


def test_reply_chain_is_one_thread_in_date_order() -> None:
    threads = thread_messages(
        [
            message("a", 0),
            message("b", 10, refs=("a",), reply_to="a"),
            message("c", 20, refs=("a", "b")),
            message("d", 30, reply_to="c"),
            message("x", 5, subject="Other"),
        ]
    )
    assert keys(threads) == [["a", "b", "c", "d"], ["x"]]


def test_missing_parent_still_joins_its_children() -> None:
    # "a" was never received; b and c both reply to it
    threads = thread_messages(
        [message("b", 10, refs=("a",)), message("c", 20, refs=("a",)), message("z", 0, "Z")]
    )
    assert keys(threads) == [["z"], ["b", "c"]]


def test_missing_middle_of_chain() -> None:
    threads = thread_messages([message("a", 0), message("c", 20, refs=("a", "b"))])
    assert keys(threads) == [["a", "c"]]


def test_reply_by_subject_only_joins_the_earlier_thread() -> None:
    threads = thread_messages(
        [
            message("a", 0, "[Wellbeing] Green prescribing walks"),
            message("b", 60, "Re: Green prescribing walks"),
            message("c", 90, "Green prescribing walks"),  # not a reply: a new thread
            message("d", 120, "Re: Something else"),
        ]
    )
    assert keys(threads) == [["a", "b"], ["c"], ["d"]]


def test_references_loop_does_not_hang() -> None:
    threads = thread_messages(
        [
            message("a", 0, refs=("b",)),
            message("b", 10, refs=("a",)),
            message("c", 20, refs=("c", "a")),
            message("d", 30, refs=("e", "d", "e")),
        ]
    )
    assert sorted(sorted(thread) for thread in keys(threads)) == [["a", "b", "c"], ["d"]]


def test_duplicate_keys_count_once() -> None:
    assert keys(thread_messages([message("a", 0), message("a", 5)])) == [["a"]]


def test_undated_messages_come_last() -> None:
    undated = ThreadInput("u", "Topic", "a", ("a",), None)
    assert keys(thread_messages([message("a", 0), undated, message("b", 9, refs=("a",))])) == [
        ["a", "b", "u"]
    ]


def test_participants_in_order_of_first_message() -> None:
    senders = [("Ann", "ann@x", "ann@x"), ("Bob", "Bob@x", "bob@x"), ("Ann J", "ANN@x", "ann@x")]
    assert participants_in_order(senders) == [("Ann", "ann@x"), ("Bob", "Bob@x")]
