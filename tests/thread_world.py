"""A reply-all chain spread over a real Dovecot mailbox, for starting a group from it (issue 15,
item 14): INBOX, Sent and a folder of the coordinator's own ("Projects"), copies in Trash and a
reply in Drafts that must not count, a hostile reply (encoded-word names hiding CR/LF and a
Bcc line, a name that is another address, a right-to-left override, an unusable address), a
second conversation with the same words, a draft flagged in INBOX, and mail that does not
match."""

from __future__ import annotations

from email.header import Header

from mailservers import Mailbox

WORDS = "ŵyl haf"  # a non-ASCII word first
SUBJECT = "Cynllunio’r ŵyl haf / summer festival planning"
OTHER_SUBJECT = "Lluniau’r ŵyl haf"
PROJECTS = "Projects"

ANN = ("Ann Jones", "ann@example.org")
BRYN = ("Bryn Evans", "bryn@example.org")
CERI = ("Ceri Lloyd", "ceri@example.net")
DAI = ("Dai Price", "dai@example.org")
EVE = "eve@example.com"
MALLORY = "mallory@example.com"
RHYS = "rhys@example.org"
RHYS_NAME = "Rhys \u202eevil"  # a right-to-left override
TRASHED = "trashed@example.org"  # only in a Trash copy
DRAFTED = "drafted@example.org"  # only in a draft
FFLUR = ("Fflur Hughes", "fflur@example.org")  # the other conversation


def _encoded(text: str) -> str:
    return Header(text, "utf-8").encode(linesep="\r\n")


def _named(person: tuple[str, str]) -> str:
    return f"{person[0]} <{person[1]}>"


def message(
    key: str,
    sender: str,
    to: list[str],
    cc: list[str],
    subject: str,
    day: int,
    references: list[str] = (),  # type: ignore[assignment]
) -> bytes:
    lines = [
        f"From: {sender}",
        f"To: {', '.join(to)}",
        *([f"Cc: {', '.join(cc)}"] if cc else []),
        f"Subject: {_encoded(subject) if not subject.isascii() else subject}",
        f"Date: {day:02d} Nov 2026 10:00:00 +0000",
        f"Message-ID: <{key}>",
        *([f"In-Reply-To: <{references[-1]}>"] if references else []),
        *([f"References: {' '.join(f'<{r}>' for r in references)}"] if references else []),
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Hello all.",
        "",
    ]
    return "\r\n".join(lines).encode()


def seed_thread(mailbox: Mailbox) -> None:
    """The chain and its surroundings in the mailbox (the coordinator is mailbox.email)."""
    me = f"Rhian Morgan <{mailbox.email}>"
    server, user = mailbox.server, mailbox.email
    with server.imap(user) as client:
        client.create_folder(PROJECTS)
    first = message("m1@example.org", _named(ANN), [me, _named(BRYN)], [_named(CERI)], SUBJECT, 1)
    server.append(user, "INBOX", first)
    server.append(
        user,
        "Sent",
        message(
            "m2@example.org",
            me,
            [_named(ANN), _named(BRYN)],
            [_named(CERI)],
            "Re: " + SUBJECT,
            2,
            ["m1@example.org"],
        ),
    )
    server.append(
        user,
        PROJECTS,
        message(
            "m3@example.org",
            "Bryn Evans <BRYN@Example.ORG>",  # the same person, written in capitals
            [_named(ANN), me],
            [_named(CERI), _named(DAI)],
            "RE: " + SUBJECT,
            3,
            ["m1@example.org", "m2@example.org"],
        ),
    )
    server.append(
        user,
        "INBOX",
        message(
            "m4@example.org",
            _named(CERI),
            [_named(BRYN), _named(ANN), me],
            [_named(DAI)],
            "Re: AW: " + SUBJECT,
            4,
            ["m1@example.org", "m2@example.org", "m3@example.org"],
        ),
    )
    hostile_name = "=?utf-8?q?Eve=0D=0ABcc=3A_all?="  # CR/LF inside an encoded word
    server.append(
        user,
        "INBOX",
        message(
            "m5@example.org",
            f"{hostile_name} <{EVE}>",
            [me, f'"{ANN[1]}" <{MALLORY}>', "undisclosed-recipients:;"],
            [f"{_encoded(RHYS_NAME)} <{RHYS}>", "not an address"],
            "Re: " + SUBJECT,
            5,
            ["m1@example.org", "m4@example.org"],
        ),
    )
    # Trash and Drafts: a copy of the first message and replies no one sent on.
    server.append(user, "Trash", first)
    server.append(
        user,
        "Trash",
        message(
            "t1@example.org",
            f"Trashed <{TRASHED}>",
            [me],
            [],
            "Re: " + SUBJECT,
            6,
            ["m1@example.org"],
        ),
    )
    server.append(
        user,
        "Drafts",
        message(
            "d1@example.org",
            me,
            [f"Drafted <{DRAFTED}>"],
            [],
            "Re: " + SUBJECT,
            7,
            ["m1@example.org"],
        ),
    )
    # A draft kept in INBOX (flagged \\Draft, as Gmail's All Mail keeps them).
    with server.imap(user) as client:
        client.append(
            "INBOX",
            message(
                "d2@example.org",
                me,
                [f"Drafted <{DRAFTED}>"],
                [],
                "Re: " + SUBJECT,
                7,
                ["m1@example.org"],
            ),
            flags=[b"\\Draft"],
        )
    # A second conversation with the same words, and mail without them.
    server.append(
        user, "INBOX", message("o1@example.org", _named(FFLUR), [me], [], OTHER_SUBJECT, 8)
    )
    server.append(
        user,
        "INBOX",
        message("x1@example.org", _named(ANN), [me], [], "Minutes of the steering group", 9),
    )


def expected_writers(coordinator: str) -> dict[str, int]:
    """address → messages written, in the chain (the coordinator's own included)."""
    return {ANN[1]: 1, coordinator: 1, BRYN[1]: 1, CERI[1]: 1, EVE: 1}
