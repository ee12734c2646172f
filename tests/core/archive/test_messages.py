"""Reading received mail: headers, bodies, broken charsets and MIME, absurd dates."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from pont.core.archive.message_headers import Address, matching_headers, parse_headers
from pont.core.archive.messages import html_to_text, parse_message, part_content

HEADERS = (
    b"Message-ID: <post-1@mail.example.org>\r\n"
    b"Date: Tue, 1 Apr 2025 10:00:00 +0100\r\n"
    b"From: =?utf-8?q?Si=C3=A2n_Roberts?= <sian.roberts@example.org>\r\n"
    b'To: "Jones, Ann" <ann@example.org>, bob@example.org\r\n'
    b"Cc: =?iso-8859-1?q?Ll=FDr_Jones?= <llyr@example.org>\r\n"
    b"Subject: Re: [Wellbeing] =?utf-8?q?Caf=C3=A9?=\r\n"
    b" =?utf-8?q?_evenings?= in Cardiff\r\n"
    b"References: <a@x.org> <b@x.org>\r\n"
    b" <c@x.org>\r\n"
    b"In-Reply-To: <c@x.org> (Ann's message of Monday)\r\n"
    b"List-Id: Wellbeing Network <Wellbeing-Network.1A2B.localhost>\r\n"
    b"\r\n"
)


def test_headers_are_decoded_and_normalised() -> None:
    headers = parse_headers(HEADERS)
    assert headers.message_key == "post-1@mail.example.org"
    assert headers.has_message_id
    assert headers.subject == "Re: [Wellbeing] Café evenings in Cardiff"
    assert headers.sender == Address("Siân Roberts", "sian.roberts@example.org")
    assert headers.recipients == (
        Address("Jones, Ann", "ann@example.org"),
        Address("", "bob@example.org"),
        Address("Llýr Jones", "llyr@example.org"),
    )
    assert headers.sent == datetime(2025, 4, 1, 9, 0, tzinfo=UTC)
    assert headers.in_reply_to == "c@x.org"
    assert headers.references == ("a@x.org", "b@x.org", "c@x.org")
    assert headers.list_id == "wellbeing-network.1a2b.localhost"


def test_a_whole_message_gives_the_same_headers_as_its_header_block() -> None:
    assert parse_message(HEADERS + b"Hello\r\n").headers == parse_headers(HEADERS)


def test_matching_headers_read_what_matching_needs_and_skip_the_rest() -> None:
    full = parse_headers(HEADERS)
    light = matching_headers(HEADERS, min_recipients=3)
    assert light == dataclasses.replace(full, sender=None, sent=None)
    # To and Cc hold three "@"s: too few to reach a group of four addressed members
    assert matching_headers(HEADERS, min_recipients=4).recipients == ()


def test_matching_headers_read_a_message_without_message_id_in_full() -> None:
    block = b"From: ann@example.org\r\nDate: Mon, 1 Apr 2024 10:00:00 +0000\r\nSubject: Hi\r\n\r\n"
    assert matching_headers(block, min_recipients=3) == parse_headers(block)
    assert matching_headers(block, min_recipients=3).message_key.startswith("synthetic-")


HEADER_LINES = [
    b"Message-ID: <k1@example.org>\r\n",
    b"Message-ID: no-brackets@example.org\r\n",
    b"From: Ann <ann@example.org>\r\n",
    b"To: a@example.org, B <b@example.org>\r\n",
    b"To: undisclosed-recipients:;\r\n",
    b'Cc: "Last, First" <c@example.org>, d@example.org\r\n',
    b"Cc: =?utf-8?q?Ll=C3=BDr?= <llyr@example.org>, x@y@z, , broken\r\n",
    b" e@example.org\r\n",
    b"Subject: Re: [Wellbeing] =?utf-8?q?Caf=C3=A9?=\r\n",
    b"Subject: \xe9t\xe9 [Tag]\r\n",
    b"In-Reply-To: <k1@example.org>\r\n",
    b"References: <r1@example.org> <k1@example.org>\r\n",
    b"References: bare@example.org other\r\n",
    b"List-Id: Group <Group.Label.localhost>\r\n",
    b"List-Id: no-brackets\r\n",
    b"Date: Mon, 1 Apr 2024 10:00:00 +0000\r\n",
    b"\r\n",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(HEADER_LINES) | st.binary(max_size=30), max_size=12),
    st.integers(min_value=0, max_value=5),
)
def test_matching_headers_agree_with_parse_headers(lines: list[bytes], least: int) -> None:
    block = b"".join(lines)
    full, light = parse_headers(block), matching_headers(block, least)
    assert light == dataclasses.replace(
        full,
        sender=light.sender,
        sent=light.sent,
        recipients=light.recipients,
    )
    assert light.sender in (None, full.sender) and light.sent in (None, full.sent)
    if light.recipients != full.recipients:
        # Left out only when too few addresses could match a member (members' have an "@").
        assert light.recipients == ()
        assert sum("@" in address.email for address in full.recipients) < least


def test_unusual_address_lists_fall_back_to_the_full_parser() -> None:
    headers = parse_headers(
        b"From: ann@example.org (Ann Jones)\nTo: undisclosed-recipients:;\n"
        b'Cc: "Q \\"Quote\\" Person" <q@example.org>, , broken\n\n'
    )
    assert headers.sender == Address("Ann Jones", "ann@example.org")
    assert headers.recipients == (Address('Q "Quote" Person', "q@example.org"),)


def test_undeclared_8bit_headers_are_read_as_utf8_or_cp1252() -> None:
    utf8 = parse_headers("Subject: Siân's café\nFrom: Llŷr <llyr@example.org>\n\n".encode())
    assert utf8.subject == "Siân's café"
    assert utf8.sender == Address("Llŷr", "llyr@example.org")
    assert parse_headers(b"Subject: caf\xe9 cr\xe8me\n\n").subject == "café crème"


def test_encoded_words_in_unknown_charsets_do_not_raise() -> None:
    headers = parse_headers(b"Subject: =?x-unknown?q?caf=E9?= and =?utf-8?b?broken!!?=\n\n")
    assert headers.subject == "café and =?utf-8?b?broken!!?="
    split = b"Subject: =?utf-8?b?U2nD?=\n =?utf-8?b?om4=?= =?utf-8?q?_a_Llo?= plain\n\n"
    assert parse_headers(split).subject == "Siân a Llo plain"


def test_absurd_and_garbage_dates_become_none() -> None:
    for date in (
        b"Thu, 1 Jan 1970 00:00:00 +0000",
        b"Fri, 1 Jan 2999 00:00:00 +0000",
        b"yesterday at tea time",
        b"Mon, 32 Foo 2025 99:99:99 +9999",
        b"",
    ):
        assert parse_headers(b"Date: " + date + b"\n\n").sent is None


def test_a_date_without_zone_is_taken_as_utc() -> None:
    headers = parse_headers(b"Date: Tue, 1 Apr 2025 10:00:00 -0000\n\n")
    assert headers.sent == datetime(2025, 4, 1, 10, 0, tzinfo=UTC)


def test_synthetic_key_is_stable_across_copies_and_folding() -> None:
    received = (
        b"Received: from mx by inbox\r\nDate: Tue, 1 Apr 2025 10:00:00 +0000\r\n"
        b"From: Ann <ANN@Example.org>\r\nTo: b@example.org, c@example.org\r\nSubject: Hello\r\n\r\n"
    )
    sent_copy = (
        b"Subject: Hello\nTo: c@example.org,\n b@example.org\nFrom: ann@example.org\n"
        b"Date:  Tue, 1 Apr 2025   10:00:00 +0000\n\n"
    )
    first, second = parse_headers(received), parse_headers(sent_copy)
    assert not first.has_message_id
    assert first.message_key.startswith("synthetic-")
    assert first.message_key == second.message_key
    assert parse_message(received + b"one body").headers.message_key == first.message_key
    other = parse_headers(received.replace(b"Hello", b"Goodbye"))
    assert other.message_key != first.message_key


def test_message_id_is_stripped_of_brackets_and_spaces() -> None:
    assert parse_headers(b"Message-ID:\n  < abc@x.org >\n\n").message_key == "abc@x.org"
    assert parse_headers(b"Message-ID: bare@x.org\n\n").message_key == "bare@x.org"


def test_references_without_brackets_and_self_references() -> None:
    headers = parse_headers(b"Message-ID: <me@x>\nReferences: <a@x> <me@x> <b@x>\n\n")
    assert headers.references == ("a@x", "b@x")
    assert parse_headers(b"References: a@x b@x\n\n").references == ("a@x", "b@x")


def test_part_labelled_latin1_that_is_really_utf8() -> None:
    parsed = parse_message(
        "Content-Type: text/plain; charset=iso-8859-1\n\nDiolch, Siân — tan toc\n".encode()
    )
    assert parsed.body_text == "Diolch, Siân — tan toc"


def test_unknown_charset_name_is_guessed() -> None:
    parsed = parse_message(
        b"Content-Type: text/plain; charset=x-unknown\n\nna\xefve caf\xe9 \xe0 la cr\xe8me"
    )
    assert parsed.body_text == "naïve café à la crème"


def test_undeclared_8bit_body() -> None:
    assert parse_message("Subject: x\n\nBore da, Gwenllïan".encode()).body_text == (
        "Bore da, Gwenllïan"
    )


def test_multipart_without_boundary_parameter_is_repaired() -> None:
    parsed = parse_message(
        b"Content-Type: multipart/mixed\n\n--sep\nContent-Type: text/plain\n\nHello\n"
        b"--sep\nContent-Type: text/csv; name=venues.csv\n\nvenue,town\n--sep--\n"
    )
    assert parsed.body_text == "Hello"
    assert [a.filename for a in parsed.attachments] == ["venues.csv"]


def test_truncated_multipart_keeps_what_arrived() -> None:
    parsed = parse_message(
        b"Content-Type: multipart/mixed; boundary=sep\n\n--sep\nContent-Type: text/plain\n\n"
        b"First part\n--sep\nContent-Type: application/pdf; name=report.pdf\n"
        b"Content-Transfer-Encoding: base64\n\nJVBERi0xLj"
    )
    assert parsed.body_text == "First part"
    assert parsed.attachments[0].filename == "report.pdf"


def test_html_only_message_gets_a_plain_text_body() -> None:
    parsed = parse_message(
        b"Content-Type: text/html; charset=utf-8\n\n"
        b"<html><head><style>p {color: red}</style></head><body>"
        b"<p>Hi all,<br>the walk is on&nbsp;Saturday &amp; Sunday.</p><p>Emyr</p>"
        b"<script>track()</script></body></html>"
    )
    assert parsed.body_text == "Hi all,\nthe walk is on Saturday & Sunday.\n\nEmyr"
    assert parsed.body_html.startswith("<html>")


def test_alternative_parts_give_text_and_html() -> None:
    parsed = parse_message(
        b"Content-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/plain\n\n"
        b"Plain\n--b\nContent-Type: text/html\n\n<p>Rich</p>\n--b--\n"
    )
    assert (parsed.body_text, parsed.body_html.strip()) == ("Plain", "<p>Rich</p>")


def test_attachments_are_listed_and_their_content_found_again() -> None:
    raw = (
        b"Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\n"
        b"See attached\n--b\nContent-Type: application/pdf\nContent-Disposition: attachment;"
        b' filename="=?utf-8?q?Adroddiad_Si=C3=A2n.pdf?="\nContent-Transfer-Encoding: base64\n\n'
        b"JVBERi0xLjQK\n--b\nContent-Type: image/png\n\nnot really png\n--b--\n"
    )
    parsed = parse_message(raw)
    pdf, image = parsed.attachments
    assert (pdf.filename, pdf.content_type, pdf.size) == (
        "Adroddiad Siân.pdf",
        "application/pdf",
        9,
    )
    assert image.filename == f"part-{image.part_index}.png"
    assert part_content(raw, pdf.part_index) == b"%PDF-1.4\n"
    assert part_content(raw, 99) is None


def test_filenames_from_any_parameter_form_make_attachments() -> None:
    raw = (
        b"Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nHi\n"
        b'--b\nContent-Type: text/plain; NAME="notes.txt"\n\nnotes\n'
        b"--b\nContent-Type: application/pdf\nContent-Disposition: inline;\n"
        b" filename*0*=utf-8''Adroddiad%20; filename*1*=Si%C3%A2n.pdf\n\n%PDF\n--b--\n"
    )
    parsed = parse_message(raw)
    assert parsed.body_text == "Hi"
    assert [a.filename for a in parsed.attachments] == ["notes.txt", "Adroddiad Siân.pdf"]


def test_a_forwarded_message_is_one_attachment() -> None:
    parsed = parse_message(
        b"Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nFYI\n"
        b"--b\nContent-Type: message/rfc822\n\nSubject: inner\n\nInner body\n--b--\n"
    )
    assert parsed.body_text == "FYI"
    assert [a.content_type for a in parsed.attachments] == ["message/rfc822"]


def test_html_to_text_keeps_structure() -> None:
    text = html_to_text("<ul><li>One</li><li>Two</li></ul><div>Caf&eacute;<!-- x --></div>")
    assert text == "One\nTwo\n\nCafé"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_parse_headers_never_raises(data: bytes) -> None:
    parse_headers(data)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                b"Content-Type: multipart/mixed; boundary=b\n",
                b"Content-Type: text/plain; charset=x-unknown\n",
                b"Content-Type: text/html; charset=\xff\n",
                b"Content-Transfer-Encoding: base64\n",
                b"Content-Transfer-Encoding: quoted-printable\n",
                b"Content-Disposition: attachment; filename*=x''%ff\n",
                b"Subject: =?utf-8?b?////?=\n",
                b"Date: Fri, 31 Dec 9999 23:59:60 +2400\n",
                b"\n",
                b"--b\n",
                b"--b--\n",
                b"=?=\xe9\xff\x00\n",
            ]
        )
        | st.binary(max_size=40),
        max_size=30,
    )
)
def test_parse_message_never_raises(pieces: list[bytes]) -> None:
    raw = b"".join(pieces)
    parsed = parse_message(raw)
    assert parsed.size == len(raw)
    for attachment in parsed.attachments:
        part_content(raw, attachment.part_index)
