"""Join and leave requests told by their subjects: English, Welsh, encoded, and hostile."""

from __future__ import annotations

import time

import pytest

from pont.core.archive.request_words import (
    Request,
    confirmation_token,
    parse_request,
    request_kind,
    subject_text,
)

TOKEN = "4f3a9c0d1e2b3a4c5d6e7f8091a2b3c4"


@pytest.mark.parametrize(
    ("subject", "kind"),
    [
        (b"join", "join"),
        (b"Join", "join"),
        (b"  SUBSCRIBE  ", "join"),
        (b"subscribe me", "join"),
        (b"Please join", "join"),
        (b"Ymuno", "join"),
        (b"Tanysgrifio", "join"),
        (b"i danysgrifio", "join"),
        (b"leave", "leave"),
        (b"Leave.", "leave"),
        (b"Unsubscribe", "leave"),
        (b"unsubscribe me please", "leave"),
        (b"Leave Wellbeing Network", "leave"),  # Pont's own List-Unsubscribe subject
        (b"Gadael", "leave"),
        (b"i adael", "leave"),
        (b"fy ngadael", None),  # a possessive before the word: a sentence, not a request
        (b"Dad-danysgrifio", "leave"),
        (b"DAD-DANYSGRIFIO", "leave"),
        (b"i ddad-danysgrifio", "leave"),
        (b"=?utf-8?q?Gadael_Rhwydwaith_Lles_Gr=C5=B5p?=", "leave"),
        (b"=?utf-8?b?TGVhdmUgR3LFtXAgTGxlc2lhbnQ=?=", "leave"),  # "Leave Grŵp Llesiant"
        (b"=?iso-8859-1?q?Ymuno?=", "join"),
    ],
)
def test_requests_are_recognised(subject: bytes, kind: str | None) -> None:
    assert request_kind(subject) == kind


@pytest.mark.parametrize(
    "subject",
    [
        b"Leaver's party on Friday",
        b"Leaver\xe2\x80\x99s do",
        b"Joining instructions",
        b"Re: join",
        b"RE: Leave Wellbeing Network",
        b"Fwd: unsubscribe",
        b"Ateb: gadael",
        b"Join us for the training day on Friday, bring lunch and your questions with you. "
        b"There will be tea and coffee, and plenty of time for the discussion we missed last "
        b"month because the room was double booked again",
        b"Subscriber numbers for the quarter",
        b"Gadawodd hi'r cyfarfod yn gynnar",
        b"",
        b"Confirm " + TOKEN.encode(),
        b"leave-taking",
    ],
)
def test_ordinary_subjects_are_not_requests(subject: bytes) -> None:
    assert request_kind(subject) is None


def test_what_follows_the_word_is_handed_on_for_the_group_name() -> None:
    assert parse_request("Leave Wellbeing Network") == Request("leave", "Wellbeing Network")
    assert parse_request("Ymuno: Grŵp Llesiant!") == Request("join", "Grŵp Llesiant")
    assert parse_request("join") == Request("join", "")


def test_a_bilingual_leave_subject_hands_on_the_english_half() -> None:
    """What a group in both languages writes in its Leave link, Welsh first."""
    assert parse_request("Gadael Clwb Llyfrau / Leave Clwb Llyfrau") == Request(
        "leave", "Clwb Llyfrau"
    )
    assert parse_request("Gadael / Leave") == Request("leave", "")
    # A name with a slash in it stays whole; so does a second half that asks the opposite.
    assert parse_request("Leave Arts / Crafts") == Request("leave", "Arts / Crafts")
    assert parse_request("Leave Tîm / join") == Request("leave", "Tîm / join")


@pytest.mark.parametrize(
    "subject",
    [
        f"Confirm {TOKEN}".encode(),
        f"Re: Confirm {TOKEN}".encode(),
        f"AW: Re: confirm: {TOKEN.upper()}".encode(),
        f"Ateb: Cadarnhau {TOKEN}".encode(),
        b"=?utf-8?q?Re=3A_Cadarnhau_" + TOKEN.encode() + b"?=",
    ],
)
def test_an_answer_to_a_confirmation_gives_its_token(subject: bytes) -> None:
    assert confirmation_token(subject) == TOKEN


@pytest.mark.parametrize(
    "subject", [b"Confirm your place at the training", b"Confirm 1234", b"Confirmed " * 50]
)
def test_no_token_is_read_where_there_is_none(subject: bytes) -> None:
    assert confirmation_token(subject) == ""


@pytest.mark.parametrize(
    "subject",
    [
        b"\xff\xfe\x00join",
        b"join\x00\r\nBcc: everyone@example.org",
        b"=?x-unknown?q?=FF=FE?=",
        b"=?utf-8?b?!!!?=",
        "ymuno\u202e".encode(),
        b"\x1b[31mleave",
    ],
)
def test_hostile_subjects_never_raise(subject: bytes) -> None:
    request_kind(subject)
    confirmation_token(subject)
    assert "\n" not in subject_text(subject)


@pytest.mark.parametrize(
    "piece",
    [b"join ", b"=?utf-8?q?join_?= ", b"Confirm ", b"a" * 40, b"Leave " + b"x" * 30, b"Leave / "],
)
def test_long_subjects_cost_no_more_than_short_ones(piece: bytes) -> None:
    def timed(subject: bytes) -> float:
        started = time.perf_counter()
        for _ in range(20):
            request_kind(subject)
            confirmation_token(subject)
        return time.perf_counter() - started

    short = min(timed(piece * 20) for _ in range(3))
    long = min(timed(piece * 20_000) for _ in range(3))
    assert long < short * 10 + 0.01
