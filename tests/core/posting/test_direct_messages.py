"""Messages to one person (a private reply, a forward): exactly one recipient, threading,
subjects, the files carried, and hostile text that cannot make a header of its own."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pont.core.errors import InvalidAddress
from pont.core.mail.accounts import Account, Security, ServerSettings
from pont.core.posting.direct import (
    CarriedFile,
    DirectContent,
    build_direct,
    forward_subject,
    reply_subject,
)
from pont.core.posting.posts import PostKind, PostNotBuilt

NOW = datetime(2025, 4, 1, 10, 0, tzinfo=UTC)
SERVER = ServerSettings("mail.example.org", 465, Security.SSL)
ACCOUNT = Account(
    id=1,
    email="rhian@example.org",
    username="rhian@example.org",
    imap=SERVER,
    smtp=SERVER,
    display_name="Rhian Morgan",
)


def parsed(mime: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(mime, policy=email.policy.default)  # type: ignore[return-value]


def test_a_private_reply_is_threaded_and_to_one_person() -> None:
    content = DirectContent(
        "ann@example.org",
        "Ann Jones",
        reply_subject("RE: Re: [Practice] Rota"),
        "Thank you.",
        in_reply_to="b@x",
        references=("a@x", "b@x"),
    )
    built = build_direct(7, ACCOUNT, content, NOW)
    assert built.kind is PostKind.REPLY and built.group_id == 7
    assert [r.email for r in built.recipients] == ["ann@example.org"]
    message = parsed(built.mime)
    assert message["To"] == "Ann Jones <ann@example.org>"
    assert message["Subject"] == "Re: [Practice] Rota"
    assert message["In-Reply-To"] == "<b@x>" and message["References"] == "<a@x> <b@x>"
    assert "List-Id" not in message and "Precedence" not in message


def test_subjects_get_one_marker() -> None:
    assert reply_subject("Fwd: Rota") == "Re: Rota"
    assert forward_subject("Rota") == "Fwd: Rota"
    assert forward_subject("Fwd: Rota") == "Fwd: Rota"
    assert forward_subject("Re: Rota") == "Fwd: Re: Rota"
    assert forward_subject("Rota\r\nBcc: all@example.org") == "Fwd: Rota Bcc: all@example.org"


def test_a_forward_carries_its_files_with_hostile_names_and_types_made_safe() -> None:
    files = (
        CarriedFile("report.pdf", "application/pdf", b"%PDF-1.4 x"),
        CarriedFile('evil"\r\nBcc: x@example.org.txt', 'text/plain"; x=y', b"plain text\n"),
        CarriedFile("blob", "multipart/mixed", b"\x00\x01\x02"),
    )
    content = DirectContent("dai@example.org", "", forward_subject("Rota"), "FYI", files=files)
    message = parsed(build_direct(1, ACCOUNT, content, NOW).mime)
    assert "In-Reply-To" not in message and "Bcc" not in message
    parts = list(message.iter_attachments())
    assert [p.get_content_type() for p in parts] == [
        "application/pdf",
        "text/plain",  # the hostile type guessed again from the name
        "application/octet-stream",  # never a multipart that is no multipart
    ]
    assert parts[0].get_content() == b"%PDF-1.4 x"
    assert parts[1].get_filename() == 'evil" Bcc: x@example.org.txt'
    assert parts[2].get_content() == b"\x00\x01\x02"


@pytest.mark.parametrize("address", ["", "not an address", "a@b@c", "ann@example.org\r\nBcc: x"])
def test_a_bad_address_is_refused_in_words(address: str) -> None:
    with pytest.raises(InvalidAddress):
        build_direct(1, ACCOUNT, DirectContent(address, "", "Hi", "Hello"), NOW)


def test_nothing_to_send_is_refused() -> None:
    with pytest.raises(PostNotBuilt):
        build_direct(1, ACCOUNT, DirectContent("ann@example.org", "", " ", "Hello"), NOW)
    with pytest.raises(PostNotBuilt):
        build_direct(1, ACCOUNT, DirectContent("ann@example.org", "", "Hi", "\n \n"), NOW)


def test_its_sent_copy_is_not_filed_in_the_groups_conversations(tmp_path: Path) -> None:
    # The Sent copy (and the receipt in the INBOX) answers a group message and carries the
    # group's tag: filing would put it in the conversation, where it reads as sent to all.
    from pont.core.archive.filing import GroupMatcher, sort_out, store_message
    from pont.core.archive.message_headers import parse_headers
    from pont.core.archive.messages import parse_message
    from pont.core.mail.accounts import AccountSettings, save_account
    from pont.core.members.groups import create_group
    from pont.core.posting.direct import queue_direct
    from pont.core.profile.store import open_database

    db = open_database(tmp_path / "pont.sqlite3")
    group = create_group(db, "Practice Circle", "Practice")
    account = save_account(
        db,
        AccountSettings(email="rhian@example.org", username="rhian", imap=SERVER, smtp=SERVER),
    )
    post = (
        b"Message-ID: <post@x>\r\nFrom: Ann <ann@example.org>\r\nSubject: [Practice] Rota\r\n"
        b"Date: Tue, 1 Apr 2025 10:00:00 +0000\r\n\r\nWho can help?\r\n"
    )
    with db.atomic():
        store_message(db, parse_message(post), post, {group.id: "tag"})
    content = DirectContent(
        "ann@example.org", "Ann", "Re: [Practice] Rota", "Me.", in_reply_to="post@x"
    )
    post_id = queue_direct(db, group.id, account, content, NOW)
    (key, mime) = db.execute(
        "SELECT message_key, mime FROM posts WHERE id = ?", [post_id]
    ).fetchone()
    # the same, from a member to the coordinator, is the group's as before
    theirs = parse_headers(
        b"Message-ID: <theirs@x>\r\nIn-Reply-To: <post@x>\r\nSubject: Re: [Practice] Rota\r\n\r\n"
    )
    ours = parse_headers(bytes(mime))
    assert ours.message_key == key
    wanted, relocated = sort_out(db, GroupMatcher.load(db), {1: ours, 2: theirs})
    assert wanted == {2: {group.id: "reply"}} and relocated == []
    db.close()
