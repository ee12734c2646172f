"""The copy of a batch that goes through Microsoft Graph: the post's own MIME, its
X-Pont-Batch line, and a Bcc line that reads back as exactly the batch's members."""

from __future__ import annotations

import email.parser
import email.policy

import pytest

from pont.core.errors import PontError
from pont.core.posting.outbox.graph_route import graph_copy

COORDINATOR = "rhian@example.org"
TOKEN = "0123456789abcdef0123456789abcdef"


def post(to: str) -> bytes:
    return (
        f"From: Rhian <{COORDINATOR}>\r\nTo: {to}\r\nSubject: Pilot\r\n"
        "Message-ID: <pilot@example.org>\r\n\r\nIt starts on Monday.\r\n"
    ).encode()


def bcc(copy: bytes) -> list[str]:
    """The Bcc line's addresses as a receiver reads them (local part as written)."""
    text = copy.decode("utf-8")
    headers = email.parser.HeaderParser(policy=email.policy.default).parsestr(text)
    found = headers["Bcc"].addresses if headers["Bcc"] else ()
    return [f"{a.username}@{a.domain}" for a in found]


def test_the_batch_goes_in_bcc_after_its_batch_line() -> None:
    members = [f"member{n}@example.org" for n in range(40)]
    copy = graph_copy(
        post("Wellbeing <rhian+wellbeing@example.org>"), 2, TOKEN, members, COORDINATOR
    )
    assert copy.startswith(f"X-Pont-Batch: 2 {TOKEN}\r\nBcc: ".encode())
    assert bcc(copy) == members
    assert all(len(line) <= 78 for line in copy.split(b"\r\n"))  # folded
    assert copy.endswith(post("Wellbeing <rhian+wellbeing@example.org>"))


def test_members_named_in_to_are_not_named_again() -> None:
    to = "Ann <ann@example.org>, Ben <BEN@example.org>"
    copy = graph_copy(post(to), 1, TOKEN, ["ann@example.org", "ben@example.org"], COORDINATOR)
    assert bcc(copy) == [] and b"Bcc" not in copy


def test_addresses_beyond_ascii_read_back_as_written() -> None:
    members = [
        "siân@example.org",
        "dafydd@enghraifft.cymru",
        "odd,local@example.org",
        'a"b@example.org',
    ]
    copy = graph_copy(post("Grŵp <rhian+grwp@example.org>"), 1, TOKEN, members, COORDINATOR)
    assert bcc(copy) == members


def test_a_to_line_naming_people_outside_the_batch_is_refused() -> None:
    """A later batch of a copy-all post: Graph would send everyone in To the post again."""
    to = "Ann <ann@example.org>, Ben <ben@example.org>"
    with pytest.raises(PontError, match="would send it to them again"):
        graph_copy(post(to), 2, TOKEN, ["ben@example.org"], COORDINATOR)
    copy = graph_copy(
        post(f"{to}, {COORDINATOR}"), 1, TOKEN, ["ann@example.org", "ben@example.org"], COORDINATOR
    )
    assert bcc(copy) == []  # the coordinator in To (a member of their own group) is no one else


def test_a_member_beyond_ascii_named_in_to_is_one_of_the_batch() -> None:
    """A copy-all post's To holds the members' addresses as RFC 6532 UTF-8: read as bytes,
    siân@ was nobody in the batch, and the whole batch was refused."""
    to = "=?utf-8?b?U2nDom4=?= <siân@example.org>, Ann <ann@example.org>"
    copy = graph_copy(post(to), 1, TOKEN, ["siân@example.org", "ann@example.org"], COORDINATOR)
    assert bcc(copy) == [] and b"Bcc" not in copy
