"""Header injection: every field that reaches a header of a post, carrying encoded CR, LF, NUL
and encoded-word payloads (and, fuzzed, anything at all), must parse back to exactly the
headers Pont meant to write, and nothing more."""

from __future__ import annotations

import base64
import email
import email.errors
import email.policy
import os
import re
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlite_utils import Database

from pont.core.archive.filing import store_message
from pont.core.archive.message_headers import Address
from pont.core.archive.messages import parse_message
from pont.core.archive.reading import find_message
from pont.core.errors import PontError, PostHeadersUnsafe
from pont.core.mail.accounts import Account, Security, ServerSettings
from pont.core.members.groups import Group, GroupMode, create_group, set_group_sending
from pont.core.members.members import NewMember, add_member
from pont.core.posting.drafts import Draft, DraftAttachment, get_draft, save_draft
from pont.core.posting.headers import MAX_NAME, parsed_message
from pont.core.posting.international import ascii_copy
from pont.core.posting.outbox.sending import batch_copy
from pont.core.posting.posts import (
    MAX_SUBJECT,
    BuiltPost,
    PostContent,
    build_post,
    group_address,
    tagged_subject,
)
from pont.core.profile.store import open_database

NOW = datetime(2025, 6, 1, 12, 30, tzinfo=UTC)
COORDINATOR = "coordinator@example.org"


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


# What a stranger can put in a name, a subject or a file name: encoded words that decode to
# line breaks and NUL (as one word, inside a word, with spaces inside, in base64, nested one
# level deeper), and the raw control characters themselves.
PAYLOADS = {
    "encoded-crlf": "=?utf-8?q?Hi=0D=0AReply-To:_attacker@evil.example?=",
    "encoded-lf": "=?utf-8?q?Hi=0ABcc:_evil@evil.example?=",
    "encoded-cr": "=?utf-8?q?Hi=0DX-Evil:_cr?=",
    "encoded-nul": "=?utf-8?q?Hi=00X-Evil:_nul?=",
    "base64": "=?utf-8?b?" + _b64("Hi\r\nX-Evil: base64") + "?=",
    "inside-a-word": "Hi=?utf-8?q?=0D=0AX-Evil:_inside?=there",
    "spaces-inside": "=?utf-8?q?Hi=0D=0A X-Evil: spaced?=",
    "nested": "=?utf-8?q?=3D=3Futf-8=3Fq=3FHi=3D0D=3D0AX-Evil:=5Fnested=3F=3D?=",
    "raw-controls": "Hi\r\nX-Evil: raw\x00\x0b\x1b\x7f\x85\x9b\u2028end",
}
# Tags are short (24 characters at most) and may hold no line break or bracket.
TAGS = {
    "encoded-crlf": "=?utf-8?q?=0D=0AX-T:_1?=",
    "encoded-lf": "=?utf-8?q?=0AX-Tag:_1?=",
    "encoded-cr": "=?utf-8?q?=0DX-Tag:_1?=",
    "encoded-nul": "=?utf-8?q?=00X-Tag:_1?=",
    "base64": "=?utf-8?b?" + _b64("\nX-T: 1") + "?=",
    "inside-a-word": "W=?utf-8?q?=0AX-T:_1?=",
    "spaces-inside": "=?utf-8?q?=0A X-T: 1?=",
    "nested": "=?utf-8?q?=3D=3F=0A?=",
    "raw-controls": "Tag\x00\x1b\x85\x9b",
}
# Message-IDs that would decode into something else if a reader took them for text.
HOSTILE_IDS = ("a=?utf-8?q?x=0D=0AX-Evil:_id?=@evil.example", "=?utf-8?q?=0A?=@evil.example")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_PART_HEADERS = {"Content-Type", "Content-Transfer-Encoding", "Content-Disposition"}
_TOP_HEADERS = [
    "Content-Type", "Date", "From", "List-Help", "List-Id", "List-Post", "List-Unsubscribe",
    "MIME-Version", "Message-ID", "Precedence", "Subject", "To", "X-Auto-Response-Suppress",
]  # fmt: skip


def shown(text: str) -> str:
    """What a header may carry of a stranger's text: control characters become spaces, runs
    of white space one space, undecodable bytes of a file name the replacement character;
    every other character (an '=?' included) is kept as it is."""
    return " ".join(_CONTROLS.sub(" ", _SURROGATES.sub("\ufffd", text)).split())


def named(text: str) -> str:
    """What a header may carry of a name: shown, and cut at MAX_NAME characters."""
    return shown(text)[:MAX_NAME].rstrip()


def encoded_word(text: str) -> str:
    """The text as one RFC 2047 word, as a stranger's mail program sends it."""
    return f"=?utf-8?b?{_b64(text)}?="


def received(key: str, subject: str, references: tuple[str, ...]) -> bytes:
    """A message as it arrives: each text field encoded once, so the archive decodes it to the
    payload itself."""
    refs = " ".join(f"<{r}>" for r in references)
    return (
        f"Message-ID: <{key}>\r\nReferences: {refs}\r\n"
        f"From: {encoded_word('Ann')} <ann@example.org>\r\nTo: group@example.org\r\n"
        f"Subject: {encoded_word(subject)}\r\nDate: Tue, 1 Apr 2025 10:00:00 +0000\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\nBody\r\n"
    ).encode()


def coordinator_account(display_name: str, address: str = COORDINATOR) -> Account:
    server = ServerSettings("mail.example.org", 465, Security.SSL)
    return Account(
        id=1, email=address, username=address, imap=server, smtp=server, display_name=display_name
    )


@dataclass(frozen=True)
class Meant:
    """What a post's headers must read back as."""

    group: Group
    account: Account
    members: tuple[tuple[str, str], ...]  # (address, name) as stored
    file_names: tuple[str, ...]  # as on disk
    subject: str | None = None  # the exact Subject; None: only that it is clean
    reply_to: str | None = None  # the key In-Reply-To must name; None: no reply
    references: tuple[str, ...] | None = None  # the exact References; None: only its ids


def _addresses(message: EmailMessage, name: str) -> list[tuple[str, str, str]]:
    """The header's (display name, local part, domain), as the email package reads them.

    Names are compared without their white space: the email package (3.11, 3.12) reads a
    space between two adjacent encoded words of a display name, which RFC 2047 says to drop.
    Pont's own reader, which drops it, checks the names exactly."""
    assert all(group.display_name is None for group in message[name].groups)
    return sorted(
        ("".join(a.display_name.split()), a.username, a.domain) for a in message[name].addresses
    )


def _meant(pairs: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    return sorted(("".join(name.split()), *address.rpartition("@")[::2]) for name, address in pairs)


def _unquoted(address: str) -> str:
    """A quoted local part as the text it quotes ("a\\=b"@x is a=b@x)."""
    local, _, domain = address.rpartition("@")
    if len(local) >= 2 and local[0] == local[-1] == '"':
        local = re.sub(r"\\(.)", r"\1", local[1:-1])
    return f"{local}@{domain}"


def assert_reads_back(built: BuiltPost, meant: Meant) -> None:
    """The post's bytes hold exactly the headers Pont meant, each with its meaning, read by
    the email package (which decodes encoded words wherever it finds them) and by Pont."""
    group = meant.group
    for line in built.mime.split(b"\r\n"):  # RFC 5322 lines: no bare CR or LF, 998 at most
        assert len(line) <= 998 and b"\r" not in line and b"\n" not in line
    parsed = email.message_from_string(built.mime.decode("utf-8"), policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    expected = list(_TOP_HEADERS)
    if group.mode is GroupMode.GROUP_ADDRESS:
        expected.append("Reply-To")
    if meant.reply_to is not None:
        expected += ["In-Reply-To", "References"]
    if not parsed.is_multipart():
        expected.append("Content-Transfer-Encoding")
    assert sorted(parsed.keys()) == sorted(expected)  # no header more, none twice
    for name, value in parsed.items():
        assert not _CONTROLS.search(str(value)), (name, str(value))

    assert str(parsed["Subject"]) == built.subject == shown(built.subject)
    if meant.subject is not None:
        assert built.subject == meant.subject
    coordinator = [(named(meant.account.display_name), meant.account.email)]
    assert _addresses(parsed, "From") == _meant(coordinator)
    sub_address = group_address(meant.account.email, group)
    if group.mode is GroupMode.COPY_ALL:
        to = [(named(name), address) for address, name in meant.members]
    else:
        to = [(named(group.name), sub_address)]
        assert _addresses(parsed, "Reply-To") == _meant(to)
    assert _addresses(parsed, "To") == _meant(to)
    headers = parse_message(built.mime).headers
    assert headers.sender == Address(*coordinator[0])
    recipients = [Address(a.name, _unquoted(a.email)) for a in headers.recipients]
    assert sorted(recipients, key=repr) == sorted((Address(*p) for p in to), key=repr)
    assert headers.subject == parsed["Subject"]

    if meant.reply_to is not None:
        assert parsed["In-Reply-To"] == f"<{meant.reply_to}>"
        ids = str(parsed["References"]).split(" ")
        assert ids[-1] == f"<{meant.reply_to}>"
        if meant.references is not None:
            assert ids == [f"<{key}>" for key in meant.references]
        assert all(re.fullmatch(r"<[^\s<>]+>", i) and "=?" not in i for i in ids)
    assert parsed["List-Id"] == f"{named(group.name)} <{group.list_id}>"
    post = parsed["List-Post"]
    assert post == f"<mailto:{sub_address}>" or post.startswith("NO ")
    assert parsed["List-Help"] == f"<mailto:{meant.account.email}?subject=Help>"
    unsubscribe = str(parsed["List-Unsubscribe"])
    assert unsubscribe.startswith(f"<mailto:{meant.account.email}?subject=")
    assert unquote(unsubscribe.partition("?subject=")[2][:-1]) == f"Leave {shown(group.name)}"

    names = [part.get_filename() for part in parsed.iter_attachments()]
    assert names == [shown(name) or "attachment" for name in meant.file_names]
    for part in parsed.walk():
        if part is not parsed:
            assert set(part.keys()) <= _PART_HEADERS
            for name, value in part.items():
                assert not _CONTROLS.search(str(value)), (name, str(value))


# --- every field, with each payload --------------------------------------------------------


def hostile_world(
    db: Database, tmp_path: Path, payload: str, tag: str, mode: GroupMode
) -> tuple[Meant, str]:
    """A group whose every header-bearing field carries the payload, and the key of a
    received message (in its archive) whose subject and References carry it too."""
    group = create_group(db, f"Group {payload}", tag=tag, description=f"About {payload}")
    group = set_group_sending(db, group.id, mode=mode, footer=f"Footer {payload}")
    members = (("ann@example.org", f"Ann {payload}"), ("bob@example.org", payload))
    for address, name in members:
        add_member(db, group.id, NewMember(address, name))
    # A file name holds anything but '/' and NUL.
    file_name = f"report {payload}.pdf".replace("\x00", "").replace("/", "")
    (tmp_path / file_name).write_bytes(b"%PDF-1.4")
    key = "root.1@example.net"
    raw = received(key, payload, ("first@example.net", *HOSTILE_IDS))
    with db.atomic():
        store_message(db, parse_message(raw), raw, {group.id: "tag"})
    stored = find_message(db, key)
    # The archive keeps it on one line (controls it neutralises its own way).
    assert stored is not None and not set("\r\n\x00") & set(stored.subject)
    meant = Meant(
        group,
        coordinator_account(f"Coordinator {payload}"),
        members,
        (file_name,),
        subject=f"Re: [{shown(tag)}] {shown(stored.subject)}",
        reply_to=key,
        references=("first@example.net", key),  # the hostile ids are left out
    )
    return meant, key


def reply_post(db: Database, meant: Meant, key: str, tmp_path: Path) -> BuiltPost:
    """Reply to group, as the composer does it: from the archived message, through a draft."""
    message = find_message(db, key)
    assert message is not None
    (file_name,) = meant.file_names
    draft = Draft(
        None,
        meant.group.id,
        subject=tagged_subject(message.subject, meant.group.tag, reply=True),
        body_text="Yes, please.",
        attachments=(DraftAttachment(tmp_path / file_name, file_name, 8),),
        in_reply_to=message.message_key,
        references=(*message.references, message.message_key),
    )
    saved = save_draft(db, draft, NOW)
    assert saved.id is not None
    return build_post(db, meant.group.id, meant.account, get_draft(db, saved.id).content(), NOW)


@pytest.mark.parametrize("mode", [GroupMode.COPY_ALL, GroupMode.GROUP_ADDRESS])
@pytest.mark.parametrize("payload", list(PAYLOADS))
def test_no_field_can_inject_or_smuggle_a_header(
    db: Database, tmp_path: Path, payload: str, mode: GroupMode
) -> None:
    meant, key = hostile_world(db, tmp_path, PAYLOADS[payload], TAGS[payload], mode)
    assert_reads_back(reply_post(db, meant, key, tmp_path), meant)


def test_the_email_package_alone_would_have_let_them_in() -> None:
    """Why Pont writes every header itself: given the same text, the email package of
    Python 3.11 and 3.12 writes the decoded line breaks out raw."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["Subject"] = PAYLOADS["encoded-crlf"]
    refused = getattr(email.errors, "HeaderWriteError", None)
    try:
        written = message.as_bytes()
    except Exception as error:  # Pythons with the CVE-2024-6923 fix refuse the line break
        assert refused is not None and isinstance(error, refused)
        return
    # Else the line break is written out raw, or encoded where it would have been smuggled.
    assert b"\r\nReply-To: attacker@evil.example" in written or refused is not None


def test_a_header_that_reads_back_otherwise_stops_the_post(
    db: Database, group: Group, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check after serialisation is a guard of its own: a writer that lets a line break
    through is caught before anything is stored or sent."""
    from pont.core.posting import headers, posts

    add_member(db, group.id, NewMember("ann@example.org", "Ann"))
    for module in (headers, posts):
        monkeypatch.setattr(module, "header_text", lambda text: text)
    monkeypatch.setattr(headers, "text_atoms", lambda text, limit=0: [text])
    content = PostContent("Hello\r\nBcc: evil@evil.example", "Body")
    with pytest.raises(PostHeadersUnsafe, match="could not write the “Bcc” line"):
        build_post(db, group.id, coordinator_account("Rhian"), content, NOW)


def test_a_huge_subject_from_a_stranger_is_cut_and_costs_little(db: Database, group: Group) -> None:
    """Replying to a message with a subject of megabytes: the subject is cut at MAX_SUBJECT
    characters first, so neither the tag loops nor the header's check grow with it."""
    add_member(db, group.id, NewMember("ann@example.org", "Ann"))
    subject = "Re: " * 200 + "Siân ŵyl " * 200_000  # 1.8 MB
    start = time.perf_counter()
    built = build_post(db, group.id, coordinator_account("Rhian"), PostContent(subject, "Hi"), NOW)
    assert time.perf_counter() - start < 2.0
    assert built.subject.startswith("Re: [Wellbeing] Siân ŵyl")
    assert len(built.subject) <= MAX_SUBJECT + len("Re: [Wellbeing] ")


# --- fuzzed --------------------------------------------------------------------------------

_FRAGMENTS = st.sampled_from(
    [
        "=?", "?=", "=?utf-8?q?", "=?utf-8?b?", "=?x?q?", "?q?", "?b?", "=0D=0A", "=0A", "=00",
        "DQo=", "\r\n", "\n", "\r", "\x00", "\t", "\x0b", "\x1b", "\x7f", "\x85", "\x9b",
        "\u2028", "\u2029", "\u202e", "\ufeff", "\u00a0", "Bcc: x@evil.example", "Reply-To:",
        '"', "\\", "<", ">", ",", ";", ":", "(", ")", "[", "]", "@", ".", "_", " ", "  ",
        "ŵ", "Siân", "中文名字", "😀", "a" * 70, "ŷ" * 40,
    ]
)  # fmt: skip
_TEXT = st.lists(st.one_of(_FRAGMENTS, st.text(max_size=8)), max_size=8).map("".join)
# Fields set through the database cannot hold lone surrogates (SQLite stores UTF-8).
_STORED_TEXT = _TEXT.map(lambda text: _SURROGATES.sub("", text))
_ADDRESSES = st.sampled_from(
    ["ann@example.org", "siân@example.cymru", "bob@bücher.example", "=?x?q?y?=@example.org"]
)
_IDS = st.sampled_from(["root@example.net", "first@example.net", *HOSTILE_IDS, "x y@z", ""])
# File names as the file system holds them: any bytes but '/' and NUL, not '.' or '..'
# (undecodable ones come back as lone surrogates), or text with the fragments above.
_FILE_NAMES = (
    st.one_of(
        st.binary(min_size=1, max_size=60),
        _TEXT.map(lambda text: text.encode("utf-8", "surrogatepass")),
    )
    .map(lambda name: name.replace(b"/", b"_").replace(b"\x00", b"_")[:200])
    .map(lambda name: b"_" if name in (b"", b".", b"..") else name)
)


@given(
    group_name=_STORED_TEXT,
    tag=_STORED_TEXT,
    footer=_STORED_TEXT,
    names=st.lists(st.tuples(_ADDRESSES, _STORED_TEXT), min_size=1, max_size=3),
    coordinator_name=_TEXT,
    subject=_TEXT,
    file_names=st.lists(_FILE_NAMES, max_size=2),
    reply=st.one_of(st.none(), st.tuples(_IDS, st.lists(_IDS, max_size=3))),
    mode=st.sampled_from(GroupMode),
)
def test_any_text_builds_a_post_with_exactly_its_headers(
    group_name: str,
    tag: str,
    footer: str,
    names: list[tuple[str, str]],
    coordinator_name: str,
    subject: str,
    file_names: list[bytes],
    reply: tuple[str, list[str]] | None,
    mode: GroupMode,
) -> None:
    db = open_database(":memory:")
    with tempfile.TemporaryDirectory() as folder:
        tag = re.sub(r"[\[\]\r\n\t]", "", tag)[:24]
        group = create_group(db, f"{group_name} group"[-100:], tag=tag, description=footer)
        group = set_group_sending(db, group.id, mode=mode, footer=footer[:200])
        members = dict(names)  # one name per address
        for address, name in members.items():
            add_member(db, group.id, NewMember(address, name))
        paths = []
        for number, name in enumerate(file_names):
            directory = os.path.join(os.fsencode(folder), str(number).encode())
            os.mkdir(directory)
            with open(os.path.join(directory, name), "wb") as file:
                file.write(b"data")
            paths.append(Path(os.fsdecode(os.path.join(directory, name))))
        in_reply_to, references = reply or ("", [])
        content = PostContent(subject, "Body", "", tuple(paths), in_reply_to, tuple(references))
        account = coordinator_account(coordinator_name)
        try:
            built = build_post(db, group.id, account, content, NOW)
        except PontError as error:
            assert not isinstance(error, PostHeadersUnsafe), error
            return
    usable = in_reply_to if in_reply_to and not re.search(r"\s|=\?", in_reply_to) else None
    meant = Meant(
        group,
        account,
        tuple(members.items()),
        tuple(path.name for path in paths),
        reply_to=usable,
    )
    assert_reads_back(built, meant)
    # The copy a batch sends through a server without SMTPUTF8 holds the same headers, plus
    # the batch's number, and is ASCII.
    copy = ascii_copy(batch_copy(built.mime, 7))
    head = copy.partition(b"\r\n\r\n")[0]
    assert head.isascii() and head.startswith(b"X-Pont-Batch: 7\r\n")
    assert parsed_message(copy).keys() == ["X-Pont-Batch", *parsed_message(built.mime).keys()]
