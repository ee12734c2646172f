"""A coordinator's mailbox as it really looks: a group's conversations written by different
mail clients (with their quirks and faults), and personal mail that is none of Pont's business.

`group_conversation(...)` returns the messages with where each goes and whether it is group
traffic, so tests can seed Dovecot and know what the archive must hold afterwards.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from imapclient import IMAPClient

from mailservers import HOST
from pont.core.mail.accounts import Account, AccountSettings, Security, ServerSettings, save_account
from pont.core.members.addresses import address_key
from pont.core.members.groups import Group, create_group
from pont.core.members.members import NewMember, add_member

if TYPE_CHECKING:
    from sqlite_utils import Database

    from mailservers import Mailbox

COORDINATOR_NAME = "Rhian Morgan"
MEMBERS = (
    ("Ann Jones", "ann.jones@mind.example.org"),
    ("Bryn Evans", "bryn@council.example.org"),
    ("Carys Hughes", "carys.hughes@phw.example.org"),
    ("Dev Patel", "dev@shelter.example.org"),
    ("Eli Price", "eli.price@agecymru.example.org"),
)
ANN, BRYN, CARYS, DEV, ELI = MEMBERS


@dataclass(frozen=True)
class Seeded:
    """One message of the corpus and where it lands."""

    name: str  # what the tests call it
    raw: bytes
    folder: str  # "INBOX" (delivered unseen over LMTP) or "Sent" (appended, seen)
    group: bool  # group traffic: must be archived in full
    message_id: str  # '' when the message has none
    sender: str  # the From address


def make_group(db: Database) -> Group:
    group = create_group(db, "Wellbeing Network", "Wellbeing")
    for name, email in MEMBERS:
        add_member(db, group.id, NewMember(email=email, name=name))
    return group


def make_account(db: Database, mailbox: Mailbox) -> Account:
    """The mailbox as a Pont account over implicit TLS (the test CA is trusted)."""
    server = mailbox.server
    return save_account(
        db,
        AccountSettings(
            email=mailbox.email,
            username=mailbox.email,
            imap=ServerSettings(HOST, server.imaps_port, Security.SSL),
            smtp=ServerSettings(HOST, server.smtps_port, Security.SSL),
        ),
    )


def connector(mailbox: Mailbox, port: int | None = None) -> Callable[[], IMAPClient]:
    """Logs in over implicit TLS, or in plain text to port (a loopback proxy) when given."""

    def connect() -> IMAPClient:
        if port is None:
            context = mailbox.server.certificates.client_context()
            client = IMAPClient(HOST, port=mailbox.server.imaps_port, ssl_context=context)
        else:
            client = IMAPClient(HOST, port=port, ssl=False, timeout=10)
        client.login(mailbox.email, mailbox.password)
        return client

    return connect


def _address(person: tuple[str, str]) -> str:
    return f"{person[0]} <{person[1]}>"


def _message(
    *,
    sender: tuple[str, str],
    to: list[tuple[str, str]],
    subject: str,
    date: str,
    message_id: str,
    body: str | bytes,
    extra: dict[str, str] | None = None,
    content_type: str = 'text/plain; charset="utf-8"',
    encoding: str = "8bit",
) -> bytes:
    lines = [
        f"From: {_address(sender)}",
        f"To: {', '.join(_address(person) for person in to)}",
        f"Subject: {subject}",
        f"Date: {date}",
    ]
    if message_id:
        lines.append(f"Message-ID: <{message_id}>")
    lines += [f"{name}: {value}" for name, value in (extra or {}).items()]
    lines += ["MIME-Version: 1.0", f"Content-Type: {content_type}"]
    if encoding:
        lines.append(f"Content-Transfer-Encoding: {encoding}")
    head = "\r\n".join(lines).encode("utf-8") + b"\r\n\r\n"
    data = body.encode("utf-8") if isinstance(body, str) else body
    return head + data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def _alternative(text: str, html: str, boundary: str) -> str:
    return (
        f"--{boundary}\n"
        'Content-Type: text/plain; charset="UTF-8"\n'
        "Content-Transfer-Encoding: 8bit\n\n"
        f"{text}\n"
        f"--{boundary}\n"
        'Content-Type: text/html; charset="UTF-8"\n'
        "Content-Transfer-Encoding: 8bit\n\n"
        f"{html}\n"
        f"--{boundary}--\n"
    )


def group_conversation(group: Group, coordinator: str) -> list[Seeded]:
    """Four threads of a group plus personal mail, in delivery order."""
    me = (COORDINATOR_NAME, coordinator)
    tag = f"[{group.tag}]"
    list_header = {"List-Id": f"{group.name} <{group.list_id}>", "Precedence": "list"}
    seeded: list[Seeded] = []

    def add(
        name: str, folder: str, group_traffic: bool, sender: tuple[str, str], **fields: Any
    ) -> None:
        raw = _message(sender=sender, **fields)
        seeded.append(Seeded(name, raw, folder, group_traffic, fields["message_id"], sender[1]))

    # Thread 1: the coordinator's post, in Sent and (copied to herself) in INBOX.
    pilot = f"{tag} Peer support pilot: first results"
    post = {
        "to": [me],
        "subject": pilot,
        "date": "Tue, 02 Apr 2024 09:15:00 +0100",
        "message_id": "pilot-post.1712045700@pont.localhost",
        "body": "Dear all,\n\nThe peer support pilot ran for six weeks in Splott and "
        "Grangetown. Attendance held up well; the write-up is attached to the minutes.\n\n"
        "What would you change for the next round?\n\nRhian\n",
        "extra": {**list_header, "X-Mailer": "Pont 0.3"},
    }
    add("pilot-post-sent", "Sent", True, me, **post)
    add("pilot-post", "INBOX", True, me, **post)
    # Outlook: top-posted, the original below a header block, cp1252 quoted-printable.
    add(
        "pilot-outlook",
        "INBOX",
        True,
        ANN,
        to=[me],
        subject=f"RE: {pilot}",
        date="Tue, 02 Apr 2024 11:02:31 +0000",
        message_id="DB9PR0701MB@eurprd07.prod.outlook.example.com",
        body=(
            "Hi Rhian,\n\nGreat news =96 we saw the same in Caerphilly. I would keep the "
            "Thursday slot.\n\nAnn\n\n"
            "From: Rhian Morgan <{me}>\nSent: 02 April 2024 09:15\nTo: Rhian Morgan\n"
            "Subject: {pilot}\n\nDear all,\n\nThe peer support pilot ran for six weeks\n"
        )
        .replace("{me}", coordinator)
        .replace("{pilot}", pilot)
        .encode("ascii"),
        content_type='text/plain; charset="Windows-1252"',
        encoding="quoted-printable",
        extra={
            "In-Reply-To": "<pilot-post.1712045700@pont.localhost>",
            "References": "<pilot-post.1712045700@pont.localhost>",
            "Thread-Topic": "Peer support pilot: first results",
            "X-Mailer": "Microsoft Outlook 16.0",
        },
    )
    # Gmail: bottom "On … wrote:" quote, multipart/alternative with a gmail_quote div.
    add(
        "pilot-gmail",
        "INBOX",
        True,
        BRYN,
        to=[me],
        subject=f"Re: {pilot}",
        date="Tue, 2 Apr 2024 14:20:05 +0100",
        message_id="CAF=gmail-bryn-01@mail.gmail.example.com",
        body=_alternative(
            "Diolch Rhian. Could we add an evening session for carers?\n\n"
            f"On Tue, 2 Apr 2024 at 09:15, Rhian Morgan <{coordinator}> wrote:\n"
            "> Dear all,\n>\n> The peer support pilot ran for six weeks\n",
            '<div dir="ltr">Diolch Rhian. Could we add an evening session for carers?</div>'
            '<div class="gmail_quote">On Tue, 2 Apr 2024 at 09:15, Rhian Morgan wrote:'
            "<blockquote>Dear all, The peer support pilot ran for six weeks</blockquote></div>",
            "000000000000gmailboundary",
        ),
        content_type='multipart/alternative; boundary="000000000000gmailboundary"',
        encoding="",
        extra={
            "In-Reply-To": "<DB9PR0701MB@eurprd07.prod.outlook.example.com>",
            "References": "<pilot-post.1712045700@pont.localhost> "
            "<DB9PR0701MB@eurprd07.prod.outlook.example.com>",
        },
    )
    # Apple Mail: the tag dropped from the subject, so only References ties it to the group.
    add(
        "pilot-apple",
        "INBOX",
        True,
        CARYS,
        to=[me],
        subject="Re: Peer support pilot: first results",
        date="Wed, 3 Apr 2024 08:01:44 +0100",
        message_id="4E1B2C3D-AAAA-BBBB-CCCC-0123456789AB@phw.example.org",
        body="Evening sessions would suit our volunteers too.\n\nCarys\n\n"
        f"> On 2 Apr 2024, at 09:15, Rhian Morgan <{coordinator}> wrote:\n>\n"
        "> Dear all,\n",
        extra={
            "In-Reply-To": "<pilot-post.1712045700@pont.localhost>",
            "References": "<pilot-post.1712045700@pont.localhost>",
            "X-Mailer": "Apple Mail (2.3774.500.171.1.1)",
        },
    )

    # Thread 2: a member's post, a reply with a wrong charset label, an HTML-only reply with
    # a remote image, and a reply from a client with a broken clock.
    funding = f"{tag} Funding round for community projects"
    add(
        "funding-post",
        "INBOX",
        True,
        DEV,
        to=[me],
        subject=funding,
        date="Mon, 08 Apr 2024 16:45:00 +0100",
        message_id="funding.dev.20240408@shelter.example.org",
        body="The Lottery's community fund opens on 1 May. Who wants to bid together?\n",
    )
    add(
        "funding-wrong-charset",
        "INBOX",
        True,
        ELI,
        to=[me],
        subject=f"Re: {funding}",
        date="Tue, 09 Apr 2024 10:12:00 +0100",
        message_id="funding-reply.eli@agecymru.example.org",
        # UTF-8 bytes labelled us-ascii, as some webmail sends them.
        body="Count us in. Siân from the café project in Llanrwst can lead the bid.\n",
        content_type="text/plain; charset=us-ascii",
        extra={
            "In-Reply-To": "<funding.dev.20240408@shelter.example.org>",
            "References": "<funding.dev.20240408@shelter.example.org>",
        },
    )
    add(
        "funding-html-only",
        "INBOX",
        True,
        BRYN,
        to=[me],
        subject=f"Re: {funding}",
        date="Tue, 09 Apr 2024 12:30:00 +0100",
        message_id="html-only.bryn@council.example.org",
        body="<html><body><p>The council can <b>match-fund</b> up to £5,000.</p>"
        '<img src="https://tracker.example.com/open.png?id=bryn" width="1" height="1">'
        "</body></html>\n",
        content_type='text/html; charset="utf-8"',
        extra={
            "In-Reply-To": "<funding.dev.20240408@shelter.example.org>",
            "References": "<funding.dev.20240408@shelter.example.org>",
        },
    )
    add(
        "funding-absurd-date",
        "INBOX",
        True,
        DEV,
        to=[me],
        subject=f"Re: {funding}",
        date="Thu, 01 Jan 2099 00:00:00 +0000",
        message_id="funding-clock.dev@shelter.example.org",
        body="Brilliant, I will draft the outline this week.\n",
        extra={
            "In-Reply-To": "<html-only.bryn@council.example.org>",
            "References": "<funding.dev.20240408@shelter.example.org> "
            "<html-only.bryn@council.example.org>",
        },
    )

    # Multipart without its boundary, in a charset nobody knows.
    add(
        "funding-broken-mime",
        "INBOX",
        True,
        ANN,
        to=[me],
        subject=f"Re: {funding}",
        date="Wed, 10 Apr 2024 08:00:00 +0100",
        message_id="broken-mime.ann@mind.example.org",
        body="Happy to review the bid before it goes in.\n",
        content_type='multipart/mixed; boundary="never-appears"; charset="x-made-up"',
        encoding="",
        extra={
            "In-Reply-To": "<funding.dev.20240408@shelter.example.org>",
            "References": "<funding.dev.20240408@shelter.example.org>",
        },
    )

    # Thread 3: a message without Message-ID; its reply can only be threaded by subject.
    notes = f"{tag} Meeting notes, April"
    add(
        "notes-no-id",
        "INBOX",
        True,
        ELI,
        to=[me],
        subject=notes,
        date="Fri, 12 Apr 2024 17:05:00 +0100",
        message_id="",
        body="Notes from Thursday: next meeting in Aberystwyth, 16 May.\n",
    )
    add(
        "notes-reply",
        "INBOX",
        True,
        ANN,
        to=[me],
        subject=f"Re: {notes}",
        date="Sat, 13 Apr 2024 09:00:00 +0100",
        message_id="notes-reply.ann@mind.example.org",
        body="Thanks Eli. I can offer a lift from Machynlleth.\n",
    )

    # Thread 4: no tag, no List-Id: addressed to most of the group.
    add(
        "training-recipients",
        "INBOX",
        True,
        CARYS,
        to=[me, ANN, BRYN, DEV],
        subject="Training day in Cardiff",
        date="Mon, 15 Apr 2024 13:00:00 +0100",
        message_id="training.carys@phw.example.org",
        body="Mental health first aid training on 20 June, eight places left.\n",
    )

    # Personal mail: none of it may leave content in the archive.
    friend = ("Gareth", "gareth@home.example.net")
    add(
        "personal-dinner",
        "INBOX",
        False,
        friend,
        to=[me],
        subject="Dinner on Saturday?",
        date="Wed, 10 Apr 2024 19:00:00 +0100",
        message_id="dinner.gareth@home.example.net",
        body="Fancy the new Sichuan place on Saturday? Bring the umbrella.\n",
    )
    add(
        "personal-dinner-reply",
        "Sent",
        False,
        me,
        to=[friend],
        subject="Re: Dinner on Saturday?",
        date="Wed, 10 Apr 2024 20:10:00 +0100",
        message_id="dinner-reply.rhian@example.org",
        body="Yes please! 7pm?\n",
        extra={
            "In-Reply-To": "<dinner.gareth@home.example.net>",
            "References": "<dinner.gareth@home.example.net>",
        },
    )
    add(
        "personal-newsletter",
        "INBOX",
        False,
        ("Parcelwise", "news@parcelwise.example.com"),
        to=[me],
        subject="Your parcel is on its way",
        date="Thu, 11 Apr 2024 07:30:00 +0000",
        message_id="parcel-8841@parcelwise.example.com",
        body="<p>Your parcel of wellington boots is on its way.</p>\n",
        content_type='text/html; charset="utf-8"',
        extra={"List-Id": "Parcelwise offers <offers.parcelwise.example.com>"},
    )
    # A member writing privately: from a member, but not to the group.
    add(
        "personal-from-member",
        "INBOX",
        False,
        ANN,
        to=[me],
        subject="Lift to the station",
        date="Sun, 14 Apr 2024 18:00:00 +0100",
        message_id="lift.ann@mind.example.org",
        body="Could you pick me up from the station at six? Ann\n",
    )
    return seeded


def seed(mailbox: Mailbox, messages: list[Seeded]) -> None:
    """Put each message where it goes: INBOX by LMTP (unseen), Sent by APPEND (seen)."""
    for message in messages:
        if message.folder == "INBOX":
            mailbox.server.deliver(mailbox.email, message.raw, sender=message.sender)
        else:
            mailbox.server.append(mailbox.email, message.folder, message.raw)


def group_messages(messages: list[Seeded]) -> list[Seeded]:
    """The group's messages, each once however many folders hold it."""
    seen: set[str] = set()
    result = []
    for message in messages:
        key = message.message_id or message.name
        if message.group and key not in seen:
            seen.add(key)
            result.append(message)
    return result


def posts_by_member(messages: list[Seeded]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for message in group_messages(messages):
        key = address_key(message.sender)
        counts[key] = counts.get(key, 0) + 1
    return counts


def make_unreadable(mailbox: Mailbox, message_id: bytes) -> None:
    """Make the message's file unreadable to Dovecot: it then cuts the connection whenever
    a FETCH needs the file (its imap_fetch_failure default, disconnect-immediately)."""
    maildir = mailbox.server.dovecot.root / "home" / mailbox.email / "Maildir"
    for path in [*maildir.glob("new/*"), *maildir.glob("cur/*")]:
        if b"Message-ID: <" + message_id + b">" in path.read_bytes():
            os.chown(path, 0, 0)
            path.chmod(0o600)
            return
    raise AssertionError(f"no file holds {message_id!r}")
