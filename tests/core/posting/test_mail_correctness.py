"""What a post's raw bytes say, compared with the RFCs: a batch's own Date (RFC 5322 3.6.1),
the List-Id's encoded words (RFC 2047 2: at most 75 characters; RFC 5322 2.1.1: lines of 78),
text attachments' charset (RFC 2046 4.1.2), attachment names for older programs (RFC 2045's
name= beside RFC 2183/2231's filename*), and Content-Language (RFC 3282)."""

from __future__ import annotations

import email
import email.header
import email.policy
import re
from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

import pytest
from sqlite_utils import Database

from pont.core.errors import PostHeadersUnsafe
from pont.core.mail.accounts import Account, Security, ServerSettings
from pont.core.members.groups import Group
from pont.core.members.members import NewMember, add_member
from pont.core.posting.headers import with_date
from pont.core.posting.international import ascii_copy
from pont.core.posting.outbox.graph_route import graph_copy
from pont.core.posting.outbox.sending import batch_copy
from pont.core.posting.posts import BuiltPost, PostContent, build_post

WRITTEN = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)
COORDINATOR = "coordinator@example.org"
TOKEN = "0123456789abcdef0123456789abcdef"


def account(email_address: str = COORDINATOR) -> Account:
    server = ServerSettings("mail.example.org", 465, Security.SSL)
    return Account(
        id=1,
        email=email_address,
        username=email_address,
        imap=server,
        smtp=server,
        display_name="Siân Roberts",
    )


def built_post(db: Database, group: Group, content: PostContent | None = None) -> BuiltPost:
    if not any(True for _ in db.execute("SELECT 1 FROM members WHERE group_id = ?", [group.id])):
        add_member(db, group.id, NewMember("ann@example.org", "Ann Jones"))
        add_member(db, group.id, NewMember("siân@example.org", "Siân"))
    content = content or PostContent("Spring walks", "Shall we meet in April?")
    return build_post(db, group.id, account(), content, WRITTEN)


def parsed(mime: bytes) -> EmailMessage:
    message = email.message_from_bytes(mime, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def head_lines(mime: bytes) -> list[bytes]:
    return mime.partition(b"\r\n\r\n")[0].split(b"\r\n")


def date_lines(mime: bytes) -> list[bytes]:
    return [line for line in head_lines(mime) if line.lower().startswith(b"date:")]


# --- 1. a batch's Date is when it goes -----------------------------------------------------


def test_each_batch_says_when_it_went_and_the_stored_post_keeps_its_own(
    db: Database, group: Group
) -> None:
    built = built_post(db, group)
    later = WRITTEN + timedelta(hours=5, minutes=3, seconds=7, microseconds=900)
    copy = batch_copy(built.mime, 2, TOKEN, date=later)
    assert date_lines(built.mime) == [f"Date: {format_datetime(WRITTEN)}".encode()]
    assert date_lines(copy) == [b"Date: Sun, 01 Jun 2025 14:03:07 +0000"]
    assert parsed(copy)["Date"].datetime == later.replace(microsecond=0)
    # Nothing else changes: the batch line on top, then the post, with only its Date redone.
    assert copy.startswith(f"X-Pont-Batch: 2 {TOKEN}\r\n".encode())
    rest = copy.partition(b"\r\n")[2]
    assert rest.replace(date_lines(copy)[0], date_lines(built.mime)[0]) == built.mime
    assert head_lines(rest).index(date_lines(copy)[0]) == head_lines(built.mime).index(
        date_lines(built.mime)[0]
    )
    assert parsed(copy).keys() == ["X-Pont-Batch", *parsed(built.mime).keys()]
    # What receipts and Sent copies are matched by is untouched.
    assert parsed(copy)["Message-ID"] == f"<{built.message_key}>"
    # Without a moment, the copy is the post as stored (the benchmark's and old callers' way).
    assert batch_copy(built.mime, 2, TOKEN) == f"X-Pont-Batch: 2 {TOKEN}\r\n".encode() + built.mime


def test_the_date_keeps_the_moments_own_offset_and_refuses_a_naive_one(
    db: Database, group: Group
) -> None:
    built = built_post(db, group)
    summer = datetime(2025, 6, 1, 15, 0, tzinfo=timezone(timedelta(hours=1)))
    assert date_lines(batch_copy(built.mime, 1, date=summer)) == [
        b"Date: Sun, 01 Jun 2025 15:00:00 +0100"
    ]
    with pytest.raises(ValueError, match="aware"):
        batch_copy(built.mime, 1, date=datetime(2025, 6, 1, 15, 0))


@pytest.mark.parametrize(
    ("head", "dated_head"),
    [
        # two Date lines (another program's message): one is left, where the first was
        (b"Date: x\r\nSubject: a\r\nDATE: y\r\n", b"Date: NEW\r\nSubject: a\r\n"),
        # a folded one goes whole
        (b"Subject: a\r\ndate:\r\n Mon, 1 Jan 2024\r\n 10:00:00 +0000\r\nTo: b@c\r\n",
         b"Subject: a\r\nDate: NEW\r\nTo: b@c\r\n"),
        # none: one is added after the others
        (b"Subject: a\r\nTo: b@c\r\n", b"Subject: a\r\nTo: b@c\r\nDate: NEW\r\n"),
        # a header whose name merely starts with Date stays
        (b"Date-Received: x\r\nDate: y\r\n", b"Date-Received: x\r\nDate: NEW\r\n"),
    ],
)  # fmt: skip
def test_any_date_lines_become_one(head: bytes, dated_head: bytes) -> None:
    moment = datetime(2025, 6, 1, 14, 0, tzinfo=UTC)
    body = b"\r\nDate: in the body stays\r\n"
    new = format_datetime(moment).encode()
    assert with_date(head + body, moment) == dated_head.replace(b"NEW", new) + body


def test_a_header_block_that_reads_otherwise_is_refused() -> None:
    """The rewritten block is read back as a receiver reads it: a line the parser takes for
    the end of the headers (here one with no colon) would leave the Date in the body."""
    moment = datetime(2025, 6, 1, 14, 0, tzinfo=UTC)
    with pytest.raises(PostHeadersUnsafe):
        with_date(b"Subject: a\r\nnot a header\r\nTo: b@c\r\n\r\nBody\r\n", moment)


def test_the_graph_copy_and_the_ascii_copy_carry_the_batch_date(db: Database, group: Group) -> None:
    built = built_post(db, group)
    later = WRITTEN + timedelta(hours=4)
    members = ["ann@example.org", "siân@example.org"]  # copy-all: both in To, no Bcc
    copy = graph_copy(built.mime, 3, TOKEN, members, COORDINATOR, date=later)
    assert copy.startswith(f"X-Pont-Batch: 3 {TOKEN}\r\n".encode())
    assert parsed(copy)["Date"].datetime == later
    assert len(date_lines(copy)) == 1
    # A server without SMTPUTF8 gets the ASCII copy of the batch's copy: still its Date.
    ascii_version = ascii_copy(batch_copy(built.mime, 3, TOKEN, date=later))
    assert parsed(ascii_version)["Date"].datetime == later
    assert ascii_version.partition(b"\r\n\r\n")[0].isascii()


def test_redating_costs_little_for_a_large_copy_all_post(db: Database, group: Group) -> None:
    """A copy-all post names every member in To; the Date is redone per batch."""
    import time

    for number in range(500):
        add_member(db, group.id, NewMember(f"m{number}@example.org", f"Member Ŵ {number}"))
    built = built_post(db, group)
    start = time.perf_counter()
    for number in range(20):
        copy = batch_copy(built.mime, number, TOKEN, date=WRITTEN + timedelta(hours=number))
    assert time.perf_counter() - start < 1.0
    assert parsedate_to_datetime(str(parsed(copy)["Date"])) == WRITTEN + timedelta(hours=19)
    assert re.search(rb"\r\nTo: ", copy)


# --- 4. List-Id in encoded words of 75 at most, on lines of 78 -----------------------------

ENCODED_WORD = re.compile(rb"=\?[^?\s]*\?[bBqQ]\?[^?\s]*\?=")
LONG_WELSH = (
    "Grŵp Cefnogi Gofalwyr Ifanc Ynys Môn, Gwynedd, Conwy, Sir Ddinbych, Sir y Fflint a Wrecsam"
)


def field(mime: bytes, name: str) -> list[bytes]:
    """The lines of one header field, as sent (the first line with its name)."""
    lines = head_lines(mime)
    start = next(i for i, line in enumerate(lines) if line.lower().startswith(name.lower() + b":"))
    end = start + 1
    while end < len(lines) and lines[end][:1] in (b" ", b"\t"):
        end += 1
    return lines[start:end]


def assert_rfc_2047_words_and_5322_lines(lines: list[bytes]) -> None:
    for line in lines:
        assert len(line) <= 78, line
        for word in ENCODED_WORD.findall(line):
            assert len(word) <= 75, word
    assert not any(b"\r" in line or b"\n" in line for line in lines)


def rename(db: Database, group: Group, name: str) -> Group:
    """A name as the database may hold it (an old profile, a hand-over): past the dialog's
    checks, so no length or character limit applies."""
    db.execute("UPDATE groups SET name = ? WHERE id = ?", [name, group.id])
    from pont.core.members.groups import get_group

    return get_group(db, group.id)


@pytest.mark.parametrize(
    "name",
    [
        LONG_WELSH,
        "Rhwydwaith Llesiant Gweithwyr Proffesiynol Iechyd Meddwl Plant a Phobl Ifanc ŵŷâêîôû",
        "ŵ" * 100,
        "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch" * 2,
        "Gŵyl " * 2000,  # 10 KB
        "Grŵp\r\nBcc: evil@example.net\r\nX-Evil: 1",
        "=?utf-8?q?Gr=C5=B5p=0D=0AX-Evil:_1?= =?utf-8?b?" + "A" * 200 + "?=",
        'Ann "the, builder" <x@y> (comment) [literal] Gŵyl',
    ],
)
def test_list_id_keeps_to_75_character_words_and_78_character_lines(
    db: Database, group: Group, name: str
) -> None:
    group = rename(db, group, name)
    built = built_post(db, group)
    lines = field(built.mime, b"List-Id")
    assert_rfc_2047_words_and_5322_lines(lines)
    assert len(lines) > 1 or len(name) < 40  # folded, not one long line
    message = parsed(built.mime)
    shown = " ".join(re.sub(r"[\x00-\x1f]", " ", name).split())[:200].rstrip()
    assert message["List-Id"] == f"{shown} <{group.list_id}>"
    assert message["X-Evil"] is None and message["Bcc"] is None
    assert message.keys().count("List-Id") == 1
    # The other fields that carry the name fold as well: To (group address) and Subject.
    assert_rfc_2047_words_and_5322_lines(field(built.mime, b"Subject"))
    assert_rfc_2047_words_and_5322_lines(field(built.mime, b"From"))


def test_a_long_welsh_subject_and_sender_fold_within_78_too(db: Database, group: Group) -> None:
    subject = "Cyfarfod blynyddol: ŵyl, côr, ŷd a thê — " * 5
    built = built_post(db, group, PostContent(subject, "Hwyl!"))
    assert_rfc_2047_words_and_5322_lines(field(built.mime, b"Subject"))
    assert " ".join(str(parsed(built.mime)["Subject"]).split()) == " ".join(
        f"[Wellbeing] {subject}".split()
    )


def test_encoded_words_fit_after_any_header_name() -> None:
    from pont.core.posting.headers import encoded_words, word_limit

    for header in ("To", "List-Id", "Reply-To", "X-" + "a" * 70):
        limit = word_limit(header)
        assert len(header) + 2 + limit <= 78 or limit == 24
        words = encoded_words("Gŵyl Dewi Sant 😀 " * 20, limit)
        assert all(len(word) <= min(limit, 75) for word in words)
        decoded = email.header.decode_header(" ".join(words))
        assert (
            "".join(
                part.decode(charset or "ascii") if isinstance(part, bytes) else part
                for part, charset in decoded
            )
            == "Gŵyl Dewi Sant 😀 " * 20
        )


# --- 3 and 5. attachments: the charset of text, and name= beside filename* ------------------


def part_head(mime: bytes, file_name: bytes) -> list[bytes]:
    """The header lines of the attachment part whose Content-Disposition names the file."""
    for chunk in mime.split(b"\r\n--"):
        head = chunk.partition(b"\r\n\r\n")[0]
        if b"Content-Disposition: attachment" in head and file_name in head:
            return head.split(b"\r\n")[1:]  # after the boundary's own line
    raise AssertionError(file_name)


def attach(db: Database, group: Group, tmp_path: Path, files: dict[str, bytes]) -> BuiltPost:
    paths = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
    return built_post(db, group, PostContent("Papers", "See attached.", attachments=tuple(paths)))


@pytest.mark.parametrize(
    ("file_name", "data", "content_type"),
    [
        ("aelodau.csv", "enw\r\nSiân,s@example.org\r\n".encode(), b"text/csv; charset=utf-8"),
        ("bom.csv", "\ufeffenw\r\nŴyn\r\n".encode(), b"text/csv; charset=utf-8"),
        ("plain.txt", b"name,email\r\nAnn,ann@example.org\r\n", b"text/plain; charset=us-ascii"),
        ("excel.csv", "enw\r\nCafé Siân\r\n".encode("cp1252"), b"text/csv; charset=windows-1252"),
        ("unicode.txt", "enw\tŴyn\r\n".encode("utf-16"), b"text/plain; charset=utf-16"),
        ("empty.txt", b"", b"text/plain; charset=us-ascii"),
        ("binary.txt", b"\x00\x01\x02abc", b"application/octet-stream"),  # reads as UTF-16BE
        ("nul.csv", b"a,b\r\n\x00\x00\r\n", b"application/octet-stream"),
        ("report.pdf", b"%PDF-1.4 \xff", b"application/pdf"),
    ],
)  # fmt: skip
def test_text_attachments_say_their_charset(
    db: Database,
    group: Group,
    tmp_path: Path,
    file_name: str,
    data: bytes,
    content_type: bytes,
) -> None:
    built = attach(db, group, tmp_path, {file_name: data})
    (line,) = [
        ln for ln in part_head(built.mime, file_name.encode()) if ln.startswith(b"Content-Type:")
    ]
    assert line == b"Content-Type: " + content_type + b'; name="' + file_name.encode() + b'"'
    (part,) = parsed(built.mime).iter_attachments()
    assert part.get_payload(decode=True) == data  # the bytes themselves are never changed
    if content_type.startswith(b"text/"):
        charset = part.get_content_charset()
        assert charset == content_type.partition(b"charset=")[2].decode()
        text = part.get_content()
        assert text.replace("\r\n", "\n") == data.decode(charset).replace("\r\n", "\n")


NAMES = [
    "Adroddiad blynyddol Grŵp Llesiant Gogledd Cymru 2025 — fersiwn derfynol (terfynol).pdf",
    "ŵ" * 120 + ".pdf",
    "a" * 200 + ".pdf",
    'quote "marks" and \\backslash.pdf',
    "=?utf-8?q?evil=0D=0ABcc:_x@evil.example?=.pdf",
    "report\r\nBcc: evil@example.net\r\n.pdf",
    "中文名字 😀.pdf",
    "plain.pdf",
]


@pytest.mark.parametrize("name", NAMES)
def test_attachments_are_named_for_old_and_new_programs_alike(
    db: Database,
    group: Group,
    tmp_path: Path,
    name: str,
) -> None:
    """RFC 2231 filename* on Content-Disposition, and RFC 2047 encoded words in name= on
    Content-Type for programs that read only that (Outlook 2007, some phones'); each line
    of the raw part within 78, each encoded word within 75."""
    built = attach(db, group, tmp_path, {name: b"%PDF-1.4"})
    shown = " ".join(re.sub(r"[\x00-\x1f]", " ", name).split())
    lines = part_head(built.mime, b"filename")
    assert_rfc_2047_words_and_5322_lines(lines)
    head = b"\r\n".join(lines)
    assert re.search(rb'Content-Type: application/pdf;\s+name="', head)
    assert b"filename*" in head or f'filename="{shown}"'.encode() in head
    (part,) = parsed(built.mime).iter_attachments()
    assert part.get_filename() == shown
    # name= as an older reader takes it: the quoted string, its encoded words decoded.
    compat = email.message_from_bytes(built.mime, policy=email.policy.compat32)
    (old_part,) = [p for p in compat.walk() if p.get_content_type() == "application/pdf"]
    raw_name = old_part.get_param("name")
    assert isinstance(raw_name, str)
    decoded = "".join(
        piece.decode(charset or "ascii") if isinstance(piece, bytes) else piece
        for piece, charset in email.header.decode_header(" ".join(raw_name.split()))
    )
    assert decoded == shown
    assert not any(line.lower().startswith(b"bcc") for line in lines)  # no field of its own
    assert parsed(built.mime)["Bcc"] is None and part["Bcc"] is None
    if name == "plain.pdf":
        assert head.count(b"\r\n") == 2  # one line each
        assert b'Content-Type: application/pdf; name="plain.pdf"' in head


def test_a_name_that_reads_otherwise_in_content_type_stops_the_post(
    db: Database,
    group: Group,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """check_serialised reads name= back too: a writer that got it wrong is caught."""
    from pont.core.posting import posts

    monkeypatch.setattr(
        posts,
        "attachment_content_type",
        lambda kind, name, charset="": f'{kind}; name="other.pdf"',
    )
    with pytest.raises(PostHeadersUnsafe, match="Content-Type"):
        attach(db, group, tmp_path, {"report.pdf": b"%PDF"})


# --- 6. Content-Language -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("group_language", "header"), [("en", "en"), ("cy", "cy"), ("both", "cy, en")]
)
def test_content_language_follows_the_groups_language(
    db: Database,
    group: Group,
    tmp_path: Path,
    group_language: str,
    header: str,
) -> None:
    from pont.core.posting.posts import content_language

    language = content_language(group_language)
    assert language == header
    (tmp_path / "a.csv").write_bytes(b"a,b\r\n")
    for content in (
        PostContent("Hi", "Helo", language=language),
        PostContent("Hi", "Helo", "<p>Helo</p>", language=language),
        PostContent("Hi", "Helo", "<p>Helo</p>", (tmp_path / "a.csv",), language=language),
    ):
        built = built_post(db, group, content)
        message = parsed(built.mime)
        assert message["Content-Language"] == header  # on the message as a whole
        assert head_lines(built.mime).count(f"Content-Language: {header}".encode()) == 1
        assert all(
            part["Content-Language"] is None for part in message.walk() if part is not message
        )


@pytest.mark.parametrize(
    "language",
    ["", "  ", "english", "cy\r\nBcc: evil@example.net", "=?utf-8?q?cy?=", "cy;en", "en," * 20,
     "x" * 10_000, "cy, ", "ŵ"],
)  # fmt: skip
def test_anything_but_language_tags_leaves_content_language_out(
    db: Database, group: Group, language: str
) -> None:
    built = built_post(db, group, PostContent("Hi", "Helo", language=language))
    message = parsed(built.mime)
    assert message["Content-Language"] is None and message["Bcc"] is None
    assert b"Content-Language" not in built.mime


def test_tags_are_tidied(db: Database, group: Group) -> None:
    built = built_post(db, group, PostContent("Hi", "Helo", language="cy ,en-GB"))
    assert parsed(built.mime)["Content-Language"] == "cy, en-GB"
