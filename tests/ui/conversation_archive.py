"""A small group archive for the Conversations tests: three threads, the way mail arrives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime

from sqlite_utils import Database

from pont.core.archive.filing import store_message
from pont.core.archive.messages import parse_message
from pont.core.archive.threads import rebuild_threads
from pont.core.members.groups import Group

SIAN = ("Siân Evans", "sian.evans@example.org")
DAFYDD = ("Dafydd Rees", "dafydd@example.org")
ANN = ("Ann Jones", "ann.jones@example.org")
BOB = ("Bob Jones", "bob@example.org")
LIST_ID = "wellbeing-network.test.localhost"
ROTA_PDF = b"%PDF-1.4 the rota\n" + bytes(range(256)) * 40


@dataclass(frozen=True)
class Archived:
    """The message ids the tests look for."""

    first: int  # Siân's opening post
    reply: int  # Dafydd's reply quoting it with "On … wrote:" and "> "
    outlook_reply: int  # Ann's top-posted reply over an Outlook original, with the rota
    html_only: int  # an HTML newsletter with a remote tracking picture
    escaped: int  # a message whose text holds "<script>" and "&"


def _message(
    sender: tuple[str, str],
    subject: str,
    sent: datetime,
    message_id: str,
    text: str = "",
    html: str = "",
    reply_to: str = "",
    attachment: tuple[str, bytes] | None = None,
) -> bytes:
    message = EmailMessage()
    message["From"] = f"{sender[0]} <{sender[1]}>"
    message["To"] = ", ".join(f"{n} <{e}>" for n, e in (SIAN, DAFYDD, ANN, BOB))
    message["Subject"] = subject
    message["Date"] = format_datetime(sent)
    message["Message-ID"] = f"<{message_id}>"
    message["List-Id"] = f"Wellbeing <{LIST_ID}>"
    if reply_to:
        message["In-Reply-To"] = f"<{reply_to}>"
        message["References"] = f"<{reply_to}>"
    if html and not text:
        message.set_content(html, subtype="html")
    else:
        message.set_content(text)
    if attachment is not None:
        name, data = attachment
        message.add_attachment(data, maintype="application", subtype="pdf", filename=name)
    return message.as_bytes()


# When two of the messages were sent: the window shows their dates in local time.
DAFYDD_REPLIED = datetime(2024, 10, 1, 11, 30, tzinfo=UTC)
BOB_NEWSLETTER = datetime(2024, 9, 20, 16, 0, tzinfo=UTC)


def local_day(moment: datetime) -> tuple[str, ...]:
    """moment's date as the window shows it, in this machine's time zone ("20 Sep 2024"; some
    Qt versions abbreviate September "Sept")."""
    local = moment.astimezone()
    month = local.strftime("%b")
    months = (month, "Sept") if month == "Sep" else (month,)
    return tuple(f"{local.day} {name} {local.year}" for name in months)


def seed_archive(db: Database, group: Group) -> Archived:
    """Store the messages as a sync would, and thread them."""
    messages = {
        "first": _message(
            SIAN,
            "[Wellbeing] Peer support in rural areas",
            datetime(2024, 10, 1, 9, 0, tzinfo=UTC),
            "first@example.org",
            text=(
                "Hello all,\n\nHas anyone set up peer support groups in rural areas?\n"
                "Our notes are at https://example.org/notes.\n\nSiân"
            ),
        ),
        "reply": _message(
            DAFYDD,
            "Re: [Wellbeing] Peer support in rural areas",
            DAFYDD_REPLIED,
            "reply@example.org",
            text=(
                "We meet monthly in the village hall; it works well.\n\n"
                "On Tue, 1 Oct 2024 at 10:00, Siân Evans <sian.evans@example.org> wrote:\n"
                "> Hello all,\n>\n> Has anyone set up peer support groups in rural areas?\n"
            ),
            reply_to="first@example.org",
        ),
        "outlook_reply": _message(
            ANN,
            "RE: [Wellbeing] Peer support in rural areas",
            datetime(2024, 10, 2, 8, 15, tzinfo=UTC),
            "outlook@example.org",
            text=(
                "Our volunteer rota is attached.\n\nAnn\n\n"
                "From: Dafydd Rees <dafydd@example.org>\n"
                "Sent: 01 October 2024 12:30\n"
                "To: Wellbeing Network\n"
                "Subject: Re: [Wellbeing] Peer support in rural areas\n\n"
                "We meet monthly in the village hall; it works well.\n"
            ),
            reply_to="reply@example.org",
            attachment=("rota/plan:2024.pdf", ROTA_PDF),
        ),
        "html_only": _message(
            BOB,
            "[Wellbeing] Autumn newsletter",
            BOB_NEWSLETTER,
            "newsletter@example.org",
            html=(
                "<html><body><p>The <b>autumn newsletter</b> is out.</p>"
                '<img src="https://tracker.example.com/open.png?who=coordinator" alt="logo">'
                "<script>alert('hi')</script></body></html>"
            ),
        ),
        "escaped": _message(
            BOB,
            "[Wellbeing] Web forms",
            datetime(2024, 9, 10, 10, 0, tzinfo=UTC),
            "forms@example.org",
            text="Never paste <script> tags & other code into the booking form.",
        ),
    }
    ids = {}
    with db.atomic():
        for name, raw in messages.items():
            ids[name] = store_message(db, parse_message(raw), raw, {group.id: "list-id"})
    rebuild_threads(db, [group.id])
    return Archived(**ids)
