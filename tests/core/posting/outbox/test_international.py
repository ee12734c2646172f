"""Members whose address goes beyond ASCII (siân@example.cymru), sent through a server that
offers SMTPUTF8 and one that does not: the real test servers, delivering into Dovecot."""

from __future__ import annotations

import json
import smtplib
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from outbox_world import World, build, copies, delivered, make_world

from mailservers import HOST, Mailbox, MailServer, Smtp, SmtpFaults, mailbox_user, run_pont
from pont.core.members.groups import GroupMode
from pont.core.members.members import NewMember, add_member
from pont.core.posting.headers import parsed_message
from pont.core.posting.international import NO_SMTPUTF8, SENDER_BEYOND_ASCII
from pont.core.posting.outbox.outbox import (
    PostState,
    RecipientResult,
    post_status,
    queue_post,
    retry_failed,
)
from pont.core.posting.outbox.run import send_queued
from pont.core.posting.outbox.sending import Outcome, transact
from pont.core.profile.store import DATABASE_NAME, open_database

NOW = datetime(2024, 5, 6, 9, 0, tzinfo=UTC)


@pytest.fixture
def utf8_smtp(mail_server: MailServer) -> Iterator[Smtp]:
    """A test SMTP server that offers SMTPUTF8."""
    server = mail_server.start_smtp(SmtpFaults(), smtputf8=True)
    yield server
    server.stop()


@pytest.fixture
def ascii_smtp(mail_server: MailServer) -> Iterator[Smtp]:
    """A test SMTP server that does not: it refuses any command beyond ASCII."""
    server = mail_server.start_smtp(SmtpFaults(), smtputf8=False)
    yield server
    server.stop()


def international_world(
    tmp_path: Path, mailbox: Mailbox, smtp: Smtp, mode: GroupMode
) -> tuple[Path, World, str, str]:
    """Five members in a profile on disk (for `pont outbox`): three plain, one whose local
    part is Welsh, one whose domain is beyond ASCII. In group-address mode they go in batches
    of two, by name: the Welsh address shares the first with the other international one."""
    data_dir = tmp_path / "profile"
    db = open_database(data_dir / DATABASE_NAME)
    per_message = 10 if mode is GroupMode.COPY_ALL else 2
    world = make_world(db, mailbox, smtp, 3, mode=mode, per_message=per_message)
    run = uuid.uuid4().hex[:8]
    welsh, idna = f"siân-{run}@example.cymru", f"bob-{run}@bücher.example"
    add_member(db, world.group.id, NewMember(welsh, "Megan Siân"))
    add_member(db, world.group.id, NewMember(idna, "Bob Müller"))
    db.close()
    return data_dir, world, welsh, idna


def send_post(data_dir: Path, world: World, mailbox: Mailbox) -> tuple[int, str]:
    db = open_database(data_dir / DATABASE_NAME)
    try:
        built = build(db, world)
        post_id = queue_post(db, built, world.account, NOW)
        send_queued(db, world.account, mailbox.password, now_fn=lambda: NOW, sleep=lambda _: None)
        return post_id, built.message_key
    finally:
        db.close()


@pytest.mark.parametrize("mode", [GroupMode.COPY_ALL, GroupMode.GROUP_ADDRESS])
def test_a_server_with_smtputf8_delivers_to_every_address(
    tmp_path: Path, mailbox: Mailbox, utf8_smtp: Smtp, mode: GroupMode
) -> None:
    data_dir, world, welsh, idna = international_world(tmp_path, mailbox, utf8_smtp, mode)
    post_id, key = send_post(data_dir, world, mailbox)

    db = open_database(data_dir / DATABASE_NAME)
    status = post_status(db, post_id)
    db.close()
    assert status.state is PostState.SENT and status.complete
    for member in (*world.members, welsh, idna):
        assert copies(mailbox.server, mailbox_user(member), key) == 1, member
    (welsh_envelope,) = [e for e in utf8_smtp.received if welsh in e.rcpt_tos]
    assert "SMTPUTF8" in welsh_envelope.mail_options
    assert idna in welsh_envelope.rcpt_tos  # as written: the server takes UTF-8 domains
    (raw,) = delivered(mailbox.server, mailbox_user(welsh), key)
    to = parsed_message(raw)["To"]
    shown = {(a.display_name, a.username, a.domain) for a in to.addresses}
    if mode is GroupMode.COPY_ALL:  # RFC 6532: the addresses in To as they are, in UTF-8
        assert ("Megan Siân", welsh.split("@")[0], "example.cymru") in shown
        assert ("Bob Müller", idna.split("@")[0], "bücher.example") in shown
    else:
        assert [a.addr_spec for a in to.addresses] == [
            f"{mailbox.email.split('@')[0]}+wellbeing@example.org"
        ]


@pytest.mark.parametrize("mode", [GroupMode.COPY_ALL, GroupMode.GROUP_ADDRESS])
def test_without_smtputf8_the_others_get_it_and_that_member_is_named(
    tmp_path: Path, mailbox: Mailbox, ascii_smtp: Smtp, mode: GroupMode
) -> None:
    data_dir, world, welsh, idna = international_world(tmp_path, mailbox, ascii_smtp, mode)
    post_id, key = send_post(data_dir, world, mailbox)

    db = open_database(data_dir / DATABASE_NAME)
    status = post_status(db, post_id)
    db.close()
    assert status.state is PostState.SENT and not status.complete
    (refused,) = status.with_result(RecipientResult.REFUSED)
    assert (refused.email, refused.reason) == (welsh, NO_SMTPUTF8)
    assert len(status.with_result(RecipientResult.ACCEPTED)) == 4
    assert copies(mailbox.server, mailbox_user(welsh), key) == 0
    for member in (*world.members, idna):
        assert copies(mailbox.server, mailbox_user(member), key) == 1, member
    for envelope in ascii_smtp.received:  # nothing beyond ASCII reached the server
        assert "SMTPUTF8" not in envelope.mail_options
        assert all(r.isascii() for r in envelope.rcpt_tos)
        assert (envelope.original_content or b"").split(b"\r\n\r\n")[0].isascii()
    envelopes = [r for e in ascii_smtp.received for r in e.rcpt_tos]
    assert idna.replace("bücher", "xn--bcher-kva") in envelopes  # its domain in IDNA form
    (raw,) = delivered(mailbox.server, world.members[0], key)
    to = parsed_message(raw)["To"]
    if mode is GroupMode.COPY_ALL:
        # Siân is still named, as an empty group (RFC 6857), so nobody replies to her there.
        groups = [g for g in to.groups if g.display_name is not None]
        assert [("".join(g.display_name.split()), g.addresses) for g in groups] == [
            ("".join(f"Megan Siân <{welsh}>".split()), ())
        ]
        domains = {a.domain for a in to.addresses}
        assert "xn--bcher-kva.example" in domains and len(to.addresses) == 4

    listed = run_pont(data_dir, "outbox", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    recipients = [r for b in json.loads(listed.stdout)[0]["batches"] for r in b["recipients"]]
    assert {
        "email": welsh,
        "name": "Megan Siân",
        "result": "refused",
        "reason": NO_SMTPUTF8,
    } in recipients
    table = run_pont(data_dir, "outbox")
    assert table.returncode == 0, table.stderr
    assert f"{welsh}: {NO_SMTPUTF8}" in table.stdout

    # Retry failed through the same server: refused again, and nobody gets a second copy.
    db = open_database(data_dir / DATABASE_NAME)
    assert retry_failed(db, post_id) == 1
    send_queued(db, world.account, mailbox.password, now_fn=lambda: NOW, sleep=lambda _: None)
    (again,) = post_status(db, post_id).with_result(RecipientResult.REFUSED)
    db.close()
    assert again.email == welsh
    for member in (*world.members, idna):
        assert copies(mailbox.server, mailbox_user(member), key) == 1, member


def test_a_sender_beyond_ascii_cannot_send_through_such_a_server(
    mailbox: Mailbox, ascii_smtp: Smtp
) -> None:
    with smtplib.SMTP_SSL(
        HOST, ascii_smtp.smtps_port, context=mailbox.server.certificates.client_context()
    ) as smtp:
        smtp.login(mailbox.email, mailbox.password)
        answer = transact(smtp, "siân@example.cymru", [mailbox.email], b"Subject: x\r\n\r\nx\r\n")
    assert (answer.outcome, answer.reason) == (Outcome.FAILED, SENDER_BEYOND_ASCII)
    assert ascii_smtp.received == []


def test_a_batch_settled_by_its_receipt_still_names_the_member_it_could_not_reach(
    tmp_path: Path, mailbox: Mailbox, ascii_smtp: Smtp
) -> None:
    """The server takes the batch and the connection drops before its 250: the receipt says
    the batch went, but Siân, whose address this server cannot take, was never in it."""
    data_dir, world, welsh, idna = international_world(
        tmp_path, mailbox, ascii_smtp, GroupMode.COPY_ALL
    )
    ascii_smtp.faults.drop_after_accepting = 1
    post_id, key = send_post(data_dir, world, mailbox)

    db = open_database(data_dir / DATABASE_NAME)
    status = post_status(db, post_id)
    db.close()
    assert ascii_smtp.delivery.cut == 1
    (refused,) = status.with_result(RecipientResult.REFUSED)
    assert (refused.email, refused.reason) == (welsh, NO_SMTPUTF8)
    assert welsh not in {r.email for r in status.with_result(RecipientResult.ACCEPTED)}
    for member in (*world.members, idna):
        assert copies(mailbox.server, mailbox_user(member), key) == 1, member
