"""The cheap header test that sets bounces aside during sync: every provider's shape is
caught, and a member's ordinary mail (or an out-of-office) never is."""

from __future__ import annotations

from pathlib import Path

import pytest

from pont.core.archive.bounce_detection import looks_like_bounce
from pont.core.archive.inbound import INBOUND_FIELDS
from pont.core.archive.message_headers import header_fields

SAMPLES = Path(__file__).parents[1] / "group_mail"

_NAMES = frozenset(name.lower().encode() for name in (*INBOUND_FIELDS, "From", "Subject"))


def _fields(block: bytes) -> dict[bytes, bytes]:
    return header_fields(block, _NAMES)


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("bounce_*.eml")), ids=lambda p: p.stem)
def test_every_bounce_sample_is_caught_from_its_headers(path: Path) -> None:
    assert looks_like_bounce(_fields(path.read_bytes()))


@pytest.mark.parametrize(
    "headers",
    [
        # Exchange's NDR, even when its Content-Type was rewritten by a gateway.
        b"From: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@x.example>\r\n"
        b"X-MS-Exchange-Message-Is-Ndr:\r\nSubject: Undeliverable: Hi\r\n"
        b"Content-Type: multipart/mixed\r\n",
        # Exchange's sender with an empty Return-Path and no other sign.
        b"Return-Path: <>\r\n"
        b"From: MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@x.example\r\nSubject: Hi\r\n",
        # Outlook.com's postmaster, saying what it is in the subject.
        b"From: postmaster@outlook.com\r\nSubject: Undeliverable: [Wellbeing] News\r\n",
        b"From: MAILER-DAEMON@mx.example (Mail Delivery System)\r\nSubject: Warning\r\n",
        b"From: Mail Delivery System <Mailer-Daemon@mx.example>\r\nSubject: x\r\n",
        b"X-Failed-Recipients: a@b.example\r\nFrom: someone@mx.example\r\n",
    ],
)
def test_providers_own_shapes_are_caught(headers: bytes) -> None:
    assert looks_like_bounce(_fields(headers))


@pytest.mark.parametrize(
    "headers",
    [
        # A member called Postmaster writing normally.
        b"From: Postmaster Jones <p.jones@council.example>\r\nSubject: Undeliverable news\r\n",
        b'From: "Mailer-Daemon fan club" <fans@club.example>\r\nSubject: Hello\r\n',
        # A person who looks after a mail server, writing as themselves.
        b"From: Gwen <postmaster@school.example>\r\nSubject: Can I join?\r\n"
        b"Return-Path: <postmaster@school.example>\r\n",
        # An out-of-office: automatic, empty Return-Path, but no bounce.
        b"From: Ann Jones <ann@council.example>\r\nReturn-Path: <>\r\n"
        b"Auto-Submitted: auto-replied\r\nSubject: Automatic reply: [Wellbeing] News\r\n",
        # A read receipt is a report too, but not about delivery.
        b"From: ann@council.example\r\nContent-Type: multipart/report;"
        b" report-type=disposition-notification; boundary=x\r\nSubject: Read: News\r\n",
        b"From: ann@council.example\r\nX-Failed-Recipients:  \r\nSubject: Hi\r\n",
        b"",
        b"From: \r\nSubject: \r\n",
        b"From: <>\r\n",
    ],
)
def test_ordinary_mail_is_not_taken_for_a_bounce(headers: bytes) -> None:
    assert not looks_like_bounce(_fields(headers))
