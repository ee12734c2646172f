"""Mail to the group address, handled: which posts are relayed, held or left alone, and what
the relayed copy says (headers as Mailman 3 writes them under DMARC, the footer, the body and
attachments kept, nothing of the stranger's header block copied through)."""

from __future__ import annotations

import email
import email.policy
import time
from email.message import EmailMessage

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from relay_world import (
    NOW,
    Relaying,
    handle,
    outcomes,
    post_to_group,
    relay_recipients,
    relayed_mime,
    relaying,
    set_aside,
)
from sqlite_utils import Database

from pont.core.archive.threads import list_threads
from pont.core.group_mail.handling import handle_new_mail
from pont.core.group_mail.relay import queue_relay
from pont.core.members.groups import set_group_mail
from pont.core.members.members import MemberStatus, find_member, save_member
from pont.core.posting import posts
from pont.core.posting.headers import parsed_message


def parsed(mime: bytes) -> EmailMessage:
    return parsed_message(mime)


def held(db: Database) -> list[tuple[str, str]]:
    return [tuple(row) for row in db.execute("SELECT reason, detail FROM held_posts ORDER BY id")]


def relays(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM posts WHERE kind = 'relay'").fetchone()[0])


def multipart_post(world: Relaying) -> bytes:
    message = EmailMessage()
    message["From"] = "Member 1 <member1@example.net>"
    message["To"] = f"Wellbeing Network <{world.address}>"
    message["Cc"] = "Outsider <friend@elsewhere.example>"
    message["Subject"] = "Re: [Wellbeing] [WELLBEING] Minutes"
    message["Date"] = "Mon, 06 May 2024 08:00:00 +0000"
    message["Message-ID"] = "<minutes@example.net>"
    message["In-Reply-To"] = "<post-0@example.org>"
    message["References"] = "<start@example.org> <post-0@example.org>"
    message["DKIM-Signature"] = "v=1; a=rsa-sha256; d=example.net; b=abc"
    message["Received"] = "from mx.example.net by mail.example.org"
    message["Return-Path"] = "<member1@example.net>"
    message["Bcc"] = "secret@example.net"
    message["X-Mailer"] = "Something"
    message.set_content("The minutes are attached.\n")
    message.add_alternative("<html><body><p>The minutes are <b>attached</b>.</p></body></html>",
                            subtype="html")  # fmt: skip
    message.add_attachment(b"%PDF-1.4 minutes", "application", "pdf", filename="Minutes.pdf")
    message.add_attachment("name,town\nAnn,Bangor\n", subtype="csv", filename="people.csv")
    return message.as_bytes()


# --- the relayed copy ------------------------------------------------------------------------


def test_a_members_post_is_relayed_with_mailmans_dmarc_headers(db: Database) -> None:
    world = relaying(db)
    report = handle(db, world, multipart_post(world))

    assert (report.relayed, outcomes(db)) == (1, ["relayed"])
    copy = parsed(relayed_mime(db, "minutes@example.net"))
    assert copy["From"].addresses[0].display_name == "Member 1 via Wellbeing Network"
    assert copy["From"].addresses[0].addr_spec == world.address
    assert copy["Reply-To"].addresses[0].addr_spec == "member1@example.net"
    assert [a.addr_spec for a in copy["To"].addresses] == [world.address]
    assert [a.addr_spec for a in copy["Cc"].addresses] == ["friend@elsewhere.example"]
    assert copy["List-Post"] == f"<mailto:{world.address}>"
    assert copy["List-Id"] == f"Wellbeing Network <{world.group.list_id}>"
    assert copy["List-Unsubscribe"].startswith("<mailto:rhian@example.org?subject=Leave")
    assert copy["Precedence"] == "list"
    assert copy["Message-ID"] == "<minutes@example.net>"
    assert copy["In-Reply-To"] == "<post-0@example.org>"
    assert copy["References"] == "<start@example.org> <post-0@example.org>"
    assert copy["Date"] == "Mon, 06 May 2024 08:00:00 +0000"
    assert str(copy["Subject"]).count("[Wellbeing]") == 1
    assert "[WELLBEING]" not in str(copy["Subject"])
    for dropped in ("DKIM-Signature", "Received", "Return-Path", "Bcc", "X-Mailer"):
        assert copy[dropped] is None, dropped
    text = copy.get_body(("plain",)).get_content().replace("\r\n", "\n")  # type: ignore[union-attr]
    assert text.startswith("The minutes are attached.")
    assert "-- \nWellbeing Network: Practitioners sharing what works" in text
    markup = copy.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "<b>attached</b>" in markup
    assert markup.index("Practitioners sharing what works") < markup.index("</body>")
    files = {part.get_filename(): part.get_payload(decode=True) for part in copy.iter_attachments()}
    assert files == {"Minutes.pdf": b"%PDF-1.4 minutes", "people.csv": b"name,town\nAnn,Bangor\n"}


def test_a_welsh_groups_relayed_post_has_its_footer_and_leave_link_in_welsh(
    db: Database,
) -> None:
    world = relaying(db)
    set_group_mail(db, world.group.id, language="cy")
    handle(db, world, multipart_post(world))
    copy = parsed(relayed_mime(db, "minutes@example.net"))
    assert copy["List-Unsubscribe"] == (
        "<mailto:rhian@example.org?subject=Gadael%20Wellbeing%20Network>"
    )
    text = copy.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Aelodau: " in text and "I adael, ysgrifennwch at rhian@example.org" in text
    assert "Members:" not in text and "To leave" not in text
    markup = copy.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "I adael, ysgrifennwch at <a href=" in markup and "To leave" not in markup


def test_inline_images_stay_with_the_html_and_a_forwarded_message_is_kept(db: Database) -> None:
    world = relaying(db)
    message = EmailMessage()
    message["From"] = "member1@example.net"
    message["To"] = world.address
    message["Subject"] = "Photo"
    message["Message-ID"] = "<photo@example.net>"
    message.set_content("See the photo.\n")
    message.add_alternative('<p>See <img src="cid:logo.1@example.net"></p>', subtype="html")
    html = message.get_body(("html",))
    assert html is not None
    html.add_related(b"\x89PNG...", "image", "png", cid="<logo.1@example.net>")
    forwarded = EmailMessage()
    forwarded["From"] = "someone@example.com"
    forwarded["Subject"] = "Original"
    forwarded.set_content("Forwarded text.\n")
    message.add_attachment(forwarded)

    handle(db, world, message.as_bytes())

    copy = parsed(relayed_mime(db, "photo@example.net"))
    related = [p for p in copy.walk() if p.get_content_type() == "multipart/related"]
    assert len(related) == 1
    (image,) = [p for p in related[0].iter_parts() if p.get_content_maintype() == "image"]
    assert (image["Content-ID"], image.get_payload(decode=True)) == (
        "<logo.1@example.net>",
        b"\x89PNG...",
    )
    (attached,) = copy.iter_attachments()
    assert attached.get_filename() == "message-1.eml"
    assert b"Forwarded text." in attached.get_payload(decode=True)
    text = copy.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert text.startswith("See the photo.") and "Forwarded text" not in text


def test_every_other_active_member_gets_the_relay_but_not_the_author_nor_the_coordinator(
    db: Database,
) -> None:
    world = relaying(db, members=5)
    paused = find_member(db, world.group.id, "member3@example.net")
    save_member(db, paused.__class__(**{**_fields(paused), "status": MemberStatus.PAUSED}))
    from pont.core.members.members import NewMember, add_member

    add_member(db, world.group.id, NewMember(email="rhian@example.org", name="Rhian"))
    # member4 was written to directly by the author: it has its copy (Mailman's nodupes)
    raw = post_to_group(world, extra="Cc: member4@example.net\n")

    handle(db, world, raw)

    assert relay_recipients(db, "post-1@example.net") == [
        "member0@example.net",
        "member2@example.net",
    ]


def _fields(member: object) -> dict[str, object]:
    return {name: getattr(member, name) for name in member.__slots__}  # type: ignore[attr-defined]


def test_the_authors_message_is_filed_in_the_archive_under_their_own_name(db: Database) -> None:
    world = relaying(db)
    handle(db, world, post_to_group(world))

    row = db.execute(
        "SELECT m.sender_email, g.reason FROM messages m JOIN message_groups g"
        " ON g.message_id = m.id WHERE m.message_key = 'post-1@example.net'"
    ).fetchone()
    assert tuple(row) == ("member1@example.net", "posted")
    (thread,) = list_threads(db, world.group.id)
    assert thread.message_keys == ("post-1@example.net",)


def test_a_post_is_relayed_once_however_often_it_is_seen(db: Database) -> None:
    world = relaying(db)
    raw = post_to_group(world)
    handle(db, world, raw)
    # Seen again: in another folder, or set aside under another kind, or read by a re-sync.
    db.execute("DELETE FROM inbound")
    handle(db, world, raw)

    assert relays(db) == 1
    assert outcomes(db) == ["own-copy"]
    assert not set_aside(db, world, raw) or handle_new_mail(db, world.account, NOW).relayed == 0


def test_a_post_without_a_message_id_is_relayed_once_too(db: Database) -> None:
    world = relaying(db)
    raw = post_to_group(world).replace(b"Message-ID: <post-1@example.net>\r\n", b"")
    handle(db, world, raw)
    db.execute("DELETE FROM inbound")
    handle(db, world, raw)

    assert outcomes(db) == ["own-copy"]
    (key,) = [row[0] for row in db.execute("SELECT message_key FROM posts")]
    assert key.startswith("relay-") and key.endswith("@example.org")
    assert parsed(relayed_mime(db, key))["Message-ID"] == f"<{key}>"


def test_queue_relay_refuses_a_second_relay_of_the_same_message(db: Database) -> None:
    world = relaying(db)
    handle(db, world, post_to_group(world))
    from pont.core.group_mail.handling import _waiting

    db.execute("UPDATE inbound SET state = 'new'")
    (message,) = _waiting(db, world.account.id)
    from pont.core.errors import PontError

    with pytest.raises(PontError):
        queue_relay(db, message, world.account, NOW)
    assert relays(db) == 1


# --- never relayed ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "subject", "outcome"),
    [
        ("Auto-Submitted: auto-replied\n", "Peer support", "auto-reply"),
        ("Auto-Submitted: auto-generated; owner-email=x@y\n", "Peer support", "auto-reply"),
        ("X-Autoreply: yes\n", "Peer support", "auto-reply"),
        ("X-Autorespond: yes\n", "Peer support", "auto-reply"),
        ("Precedence: bulk\n", "Peer support", "auto-reply"),
        ("Precedence: junk\n", "Peer support", "auto-reply"),
        ("Precedence: list\n", "Peer support", "auto-reply"),
        ("", "Out of Office: Peer support", "auto-reply"),
        ("", "Out of office reply", "auto-reply"),
        ("", "I ffwrdd o’r swyddfa", "auto-reply"),
        ("", "Automatic reply: Peer support", "auto-reply"),
        ("", "Allan o'r swyddfa: Peer support", "auto-reply"),
        ("", "Ateb awtomatig: Peer support", "auto-reply"),
        ("", "=?utf-8?q?Allan_o=E2=80=99r_swyddfa?=", "auto-reply"),
        ("X-Failed-Recipients: gone@example.net\n", "Undelivered", "bounce"),
        ("Return-Path: <>\n", "Peer support", "bounce"),
        ("X-Pont-Batch: 1 abc\n", "Peer support", "own-copy"),
    ],
)
def test_auto_replies_bounces_and_pont_copies_are_never_relayed(
    db: Database, extra: str, subject: str, outcome: str
) -> None:
    world = relaying(db)
    report = handle(db, world, post_to_group(world, subject=subject, extra=extra))

    assert outcomes(db) == [outcome]
    assert (report.relayed, report.held, relays(db), held(db)) == (0, 0, 0, [])


@pytest.mark.parametrize(
    "subject", ["Who covers while I'm out of the office?", "Re: Automatic reply settings"]
)
def test_a_post_about_being_away_is_a_post(db: Database, subject: str) -> None:
    world = relaying(db)
    handle(db, world, post_to_group(world, subject=subject))
    assert outcomes(db) == ["relayed"]


def test_auto_submitted_no_is_a_person_writing(db: Database) -> None:
    world = relaying(db)
    handle(db, world, post_to_group(world, extra="Auto-Submitted: no\n"))
    assert outcomes(db) == ["relayed"]


def test_a_mailer_daemons_message_is_a_bounce(db: Database) -> None:
    world = relaying(db)
    handle(db, world, post_to_group(world, sender="MAILER-DAEMON@example.net"))
    assert outcomes(db) == ["bounce"]


def test_pont_relayed_copy_coming_back_is_not_relayed_again(db: Database) -> None:
    world = relaying(db)
    handle(db, world, post_to_group(world))
    copy = relayed_mime(db, "post-1@example.net")
    # A member's server forwards it back to the group address, headers as relayed.
    handle(db, world, copy.replace(b"Message-ID: <post-1@", b"Message-ID: <post-2@"))

    assert outcomes(db) == ["relayed", "own-copy"]
    assert relays(db) == 1


def test_what_the_group_address_sent_itself_is_not_relayed(db: Database) -> None:
    world = relaying(db)
    handle(db, world, post_to_group(world, sender=f"Wellbeing <{world.address.upper()}>"))
    assert outcomes(db) == ["own-copy"]


def test_the_coordinators_own_post_coming_back_is_not_relayed(db: Database) -> None:
    world = relaying(db)
    built = posts.build_post(
        db, world.group.id, world.account, posts.PostContent("Pilot", "Starts Monday.")
    )
    from pont.core.posting.outbox.outbox import queue_post

    queue_post(db, built, world.account, NOW)
    handle(db, world, post_to_group(world, message_id=f"<{built.message_key}>"))
    assert outcomes(db) == ["own-copy"]


def test_mail_to_the_address_of_a_group_that_copies_everyone_in_is_not_relayed(
    db: Database,
) -> None:
    world = relaying(db)
    from pont.core.members.groups import GroupMode, set_group_sending

    set_group_sending(db, world.group.id, mode=GroupMode.COPY_ALL)
    handle(db, world, post_to_group(world))
    assert (outcomes(db), relays(db)) == (["not-group-address"], 0)


# --- held ------------------------------------------------------------------------------------


def _policy(db: Database, world: Relaying, policy: str) -> None:
    db.execute("UPDATE groups SET posting = ? WHERE id = ?", [policy, world.group.id])


def test_a_strangers_post_is_held(db: Database) -> None:
    world = relaying(db)
    report = handle(db, world, post_to_group(world, sender="Stranger <s@example.com>"))
    assert (report.held, held(db), relays(db)) == (1, [("not-a-member", "")], 0)


def test_a_paused_members_post_is_held(db: Database) -> None:
    world = relaying(db)
    member = find_member(db, world.group.id, "member1@example.net")
    save_member(db, member.__class__(**{**_fields(member), "status": MemberStatus.LEFT}))
    handle(db, world, post_to_group(world))
    assert held(db) == [("not-a-member", "")]


def test_a_post_without_a_sender_is_held(db: Database) -> None:
    world = relaying(db)
    raw = post_to_group(world).replace(b"From: Member 1 <member1@example.net>\r\n", b"")
    handle(db, world, raw)
    assert held(db) == [("not-a-member", "")]


def test_a_moderated_group_holds_every_members_post(db: Database) -> None:
    world = relaying(db)
    _policy(db, world, "moderated")
    handle(db, world, post_to_group(world))
    assert held(db) == [("moderated", "")]


def test_an_announcement_group_holds_members_posts_and_relays_the_coordinators(
    db: Database,
) -> None:
    world = relaying(db)
    _policy(db, world, "announce")
    handle(
        db,
        world,
        post_to_group(world),
        post_to_group(world, sender="Rhian <rhian@example.org>", message_id="<c@example.org>"),
    )
    assert held(db) == [("announce", "")]
    assert outcomes(db) == ["held", "relayed"]
    assert relay_recipients(db, "c@example.org") == [f"member{n}@example.net" for n in range(4)]


def test_a_post_over_the_providers_limit_is_held_saying_why(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = relaying(db)
    monkeypatch.setattr(posts, "DEFAULT_ATTACHMENT_LIMIT", 2_000)
    handle(db, world, post_to_group(world, body="x" * 3_000 + "\n"))

    ((reason, detail),) = held(db)
    from pont.core.i18n import from_storage

    assert reason == "too-large"
    assert "more than the 2 KB your provider takes" in from_storage(detail)
    assert relays(db) == 0


# --- hostile mail ----------------------------------------------------------------------------


HOSTILE = {
    "no headers at all": b"just some text\r\n",
    "empty": b"",
    "no From": b"To: {group}\r\nSubject: hi\r\nMessage-ID: <nf@x>\r\n\r\nbody\r\n",
    "broken MIME": (
        b"From: member1@example.net\r\nTo: {group}\r\nSubject: broken\r\nMessage-ID: <bm@x>\r\n"
        b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain; charset=no-such-charset\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n!!!not base64!!!\r\n--b\r\n"
        b"Content-Type: application/octet-stream; name*0*=utf-8''%FF%FE\r\n"
        b"Content-Disposition: attachment; filename*=bogus''%ZZ\r\n\r\nabc\r\n"
    ),
    "nested forever": (
        b"From: member1@example.net\r\nTo: {group}\r\nSubject: deep\r\nMessage-ID: <deep@x>\r\n"
        + b"".join(
            b'Content-Type: multipart/mixed; boundary="%d"\r\n\r\n--%d\r\n' % (n, n)
            for n in range(400)
        )
    ),
    "header injection in the name": (
        b'From: "=?utf-8?q?Ann=0D=0ABcc:_evil@evil.example?=" <member1@example.net>\r\n'
        b"To: {group}\r\nSubject: =?utf-8?q?hi=0D=0ABcc:_evil2@evil.example?=\r\n"
        b"Message-ID: <inj@x>\r\nReply-To: evil3@evil.example\r\n\r\nbody\r\n"
    ),
    "line breaks in the subject": (
        b"From: member1@example.net\r\nTo: {group}\r\nSubject: a\rBcc: evil@evil.example\r\n"
        b"Message-ID: <cr@x>\r\n\r\nbody\r\n"
    ),
    "odd Message-ID": (
        b"From: member1@example.net\r\nTo: {group}\r\nSubject: id\r\n"
        b"Message-ID: <a b=?utf-8?q?x?=\r\n <c>>\r\nIn-Reply-To: \xff\xfe\r\n\r\nbody\r\n"
    ),
    "8-bit everywhere": (
        b"From: \xc3\xa9l\xc3\xa9 <member1@example.net>\r\nTo: {group}\r\n"
        b"Cc: \xff <bad@\xff>, x@\r\nSubject: \xe9t\xe9\r\nMessage-ID: <8@x>\r\n\r\n\xe9\xff\r\n"
    ),
}


RELAY_HEADERS = {
    *["From", "Reply-To", "To", "Cc", "Subject", "Date", "Message-ID", "In-Reply-To", "References"],
    *[
        "List-Id",
        "List-Post",
        "List-Help",
        "List-Unsubscribe",
        "Precedence",
        "X-Auto-Response-Suppress",
    ],
    *["Content-Type", "Content-Transfer-Encoding", "MIME-Version"],
}


def _addresses(message: EmailMessage, name: str) -> list[object]:
    header = message[name]
    return list(header.addresses) if header is not None else []


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_messages_get_an_outcome_and_no_raw_header(db: Database, name: str) -> None:
    world = relaying(db)
    raw = HOSTILE[name].replace(b"{group}", world.address.encode())

    report = handle(db, world, raw)

    assert report.total == 1
    assert outcomes(db)[0] != "error"
    for (mime,) in db.execute("SELECT mime FROM posts"):
        copy = email.message_from_bytes(bytes(mime), policy=email.policy.default)
        assert set(copy.keys()) <= RELAY_HEADERS
        addresses = [
            a.addr_spec for name in ("From", "To", "Cc", "Reply-To") for a in _addresses(copy, name)
        ]
        assert not [a for a in addresses if "evil" in a]


def test_ten_thousand_header_lines_are_handled_in_linear_time(db: Database) -> None:
    world = relaying(db)

    def timed(lines: int, key: str) -> float:
        junk = "".join(f"X-Junk-{n}: {'=?utf-8?q?a?= ' * 3}\n" for n in range(lines))
        raw = post_to_group(world, message_id=f"<{key}@x>", extra=junk)
        start = time.perf_counter()
        handle(db, world, raw)
        return time.perf_counter() - start

    small, large = timed(1_000, "small"), timed(10_000, "large")
    assert outcomes(db) == ["relayed", "relayed"]
    assert large < 0.5 or large < small * 30
    assert b"X-Junk" not in relayed_mime(db, "large@x")


_PIECES = [
    b"From: ", b"member1@example.net", b"To: ", b"Subject: ", b"Message-ID: <",
    b"Content-Type: multipart/mixed; boundary=\"b\"", b"Content-Type: text/html",
    b"Content-Type: message/rfc822", b"Content-Transfer-Encoding: base64",
    b"Content-Disposition: attachment; filename*=utf-8''%E2%80", b"--b", b"--b--",
    b"=?utf-8?q?=0D=0ABcc:_x@evil.example?=", b"=?", b"\r\n", b"\n", b"\r", b" ", b"\t",
    b"\x00", b"\xff", b"<", b">", b"@", b":", b";", b"\"", b"Content-ID: <a@b>", b"cid:a@b",
]  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES) | st.binary(max_size=8), max_size=60))
def test_any_bytes_to_the_group_address_get_an_outcome(tmp_path_factory, pieces) -> None:  # type: ignore[no-untyped-def]
    from pont.core.profile.store import open_database

    db = open_database(tmp_path_factory.mktemp("fuzz") / "pont.sqlite3")
    try:
        world = relaying(db)
        raw = b"From: member1@example.net\r\nTo: " + world.address.encode() + b"\r\n"
        handle(db, world, raw + b"".join(pieces))
        assert outcomes(db)[0] != "error"
    finally:
        db.close()
