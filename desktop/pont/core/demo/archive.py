"""The demo group's archive: a dozen conversations, built as real mail and stored as sync would.

Replies come in the styles people's mail programs give them: Outlook's top-posted reply over a
"From: … Sent: …" block, bottom-quoted "On … wrote:" with ">" lines, a short reply from a
phone, an HTML-only invitation with a remote image, a message with a CSV attached.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from email.header import Header
from email.utils import format_datetime, formataddr
from typing import TYPE_CHECKING

from pont.core.archive.filing import GroupMatcher, store_message
from pont.core.archive.messages import parse_message
from pont.core.archive.threads import rebuild_threads

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlite_utils import Database

    from pont.core.members.groups import Group


@dataclass(frozen=True, slots=True)
class _Post:
    author: str
    days_ago: int
    at: str  # "HH:MM", UTC
    body: str
    # "root", "quote" (bottom-quoted), "outlook" (top-posted over a header block),
    # "short" (no quote), "html" (HTML only, remote banner image)
    style: str = "quote"
    attachment: tuple[str, str, bytes] | None = None  # filename, content type, content
    tagged: bool = True  # False: the reply's client dropped "[Tag]" from the subject


_VENUES_CSV = (
    "venue,town,accessible,capacity,contact\r\n"
    "Canolfan Gymunedol Penparcau,Aberystwyth,yes,60,Ffion Lewis\r\n"
    "Y Lanfa,Welshpool,yes,120,Megan Price\r\n"
    "Tŷ Hapus Community Café,Llanelli,partly,35,Eleri Watkins\r\n"
    "St Mary's Church Hall,Pontypridd,yes,80,Mari Vaughan\r\n"
).encode()

_BUDGET_CSV = (
    b"line,year 1,year 2,year 3,partner\r\n"
    b"Link worker (0.6 FTE),19800,20400,21000,Cardiff Third Sector Council\r\n"
    b"Volunteer expenses,3000,3000,3000,Citizens Advice Cymru\r\n"
    b"Venue hire,2400,2400,2400,Carmarthenshire Carers\r\n"
    b"Evaluation,1500,0,2500,Swansea University\r\n"
)

_ATTACHMENTS = {
    "venues.csv": ("text/csv", _VENUES_CSV),
    "budget-draft.csv": ("text/csv", _BUDGET_CSV),
}

# "=== topic" starts a thread; "--- author | days ago | HH:MM (UTC) | style [| attachment]
# [| untagged]" starts a post. Lines of a paragraph are joined with spaces, except lines that
# start a numbered item.
_CONVERSATIONS = """
=== Social prescribing: what does a good referral look like?
--- Siân Roberts | 96 | 08:42 | root
Bore da all,

We're redesigning our referral form for link workers and I'd love to see what others use.
What do you ask for at referral, and what do you leave for the first conversation?

In particular: do you ask GPs for a reason for referral, or does that put people off?
--- Megan Price | 96 | 10:15 | quote
We ask for very little: name, how to contact, and one line on what matters to the person.
Everything else waits for the first conversation, which is at home or by phone, their
choice.

Our form is one side of A4; happy to share it.
--- Tom Whitfield | 95 | 09:03 | outlook
Same in Bristol. We took "reason for referral" off the form last year and referrals from GP
practices went up by about a fifth, mostly from practices that had hardly referred before.
--- Llŷr Jones | 95 | 14:30 | short
One thing we added: a tick box for "would like a peer supporter to come to the first
session". Most people tick it.
--- Siân Roberts | 94 | 16:05 | quote
Diolch, this is really helpful. Megan, yes please to the form. I'll pull together what
everyone sent and share it before the quarterly call.
=== Peer support groups — still online, or back in the room?
--- Llŷr Jones | 88 | 11:20 | root
Hi all,

We've kept two of our peer support groups online since 2020 and moved the rest back to
community venues. Attendance online is steady but small. Is anyone running hybrid groups,
and does it work?
--- Hannah Clarke | 88 | 13:47 | quote
We tried hybrid and stopped: the people in the room talked to each other and the people on
screen became an audience. Separate online groups work better for us, especially for people
who can't travel.
--- Cerys Howells | 87 | 09:12 | short
Agree with Hannah. We run an evening online group for people in work; it's our best
attended.
--- Aisha Rahman | 86 | 15:55 | outlook
For young people it's the other way round: they want to meet in person but find the first
visit hard. We do a short video call with the facilitator before the first group.
=== Funding bid: partners for a Community Fund application (deadline 28th)
--- Catrin Hughes | 74 | 10:02 | root | budget-draft.csv
Hello everyone,

We're putting together a three-year bid to the National Lottery Community Fund for a
volunteer-led link worker service across Conwy. We're looking for two or three partners who
could host sessions or help with evaluation.

Draft budget attached; the partner column is a wish list, nothing agreed yet!
--- Mohammed Ali | 74 | 12:40 | outlook
Catrin, we'd be glad to be named as a partner. We can host the volunteer training and cover
the DBS checks in kind.
--- Daniel Kowalski | 73 | 09:30 | quote
Citizens Advice Cymru can offer a benefits check for everyone referred. Who should I send
our partnership letter to?
--- Rhodri Morgan | 73 | 17:10 | short
Happy to help with the evaluation design. The Fund likes a clear theory of change; I can
share one we used for a similar bid.
--- Catrin Hughes | 72 | 08:55 | quote
Thank you all, that's the partnership sorted. Daniel, to me please. I'll circulate the final
draft next week.
=== Green prescribing walks in Eryri: spring programme
--- Emyr Owen | 66 | 07:45 | html
<p>Bore da,</p><p>Our <b>spring programme of green prescribing walks</b> starts in April:
gentle, two-hour walks from Betws-y-Coed, Beddgelert and Llanberis, with a ranger and a peer
supporter on every walk.</p><ul><li>Tuesdays: Betws-y-Coed, 10:00</li><li>Thursdays:
Beddgelert, 10:30</li><li>Saturdays: Llanberis, 10:00 (Welsh-language
walk)</li></ul><p>Referrals through your usual link worker, or people can just turn
up.</p><p>Emyr Owen<br>Snowdonia National Park</p>
--- Liam Foster | 65 | 12:10 | quote
Brilliant. We'd like to do the same along the Pembrokeshire coast path; could I call you
about insurance and how you train the peer supporters?
--- Elin Parry | 64 | 18:22 | short
Great to see a Welsh-language walk. Is there a minimum age? We have a young carers' group
who would love this.
--- Emyr Owen | 63 | 08:05 | quote
Elin: 14 and over with an adult, 16 and over on their own. Liam: of course, any morning next
week.
=== Question: measuring wellbeing outcomes — WEMWBS or ONS4?
--- Sarah Mitchell | 58 | 09:00 | root
A question for the group: for a small project (about 80 people a year), which wellbeing
measure do you use and why? We're choosing between the short Warwick-Edinburgh scale
(SWEMWBS) and the ONS4 questions.
--- Rhodri Morgan | 58 | 10:34 | quote
SWEMWBS if you want to show change in one person over time: it's validated for that and the
7 items are quick. ONS4 if you want to compare with national figures. Some projects do both
at the start and end only.
--- Priya Natarajan | 58 | 13:12 | outlook
From the data side: whatever you pick, collect it the same way every time (same point in the
session, same format). Most of the noise we see comes from that, not from the choice of
scale.
--- Gwenllïan Evans | 57 | 08:48 | quote
Please check there's a validated Welsh version of whatever you choose. There is one for
SWEMWBS; for ONS4 we translate the four questions ourselves, which isn't ideal.
--- Chris Bennett | 57 | 11:05 | short
Agree with Priya. Also: 80 people a year is enough to see a change in SWEMWBS but you'll
want a few case studies alongside.
--- Sarah Mitchell | 56 | 09:20 | quote
Thank you all, very clear. SWEMWBS (in both languages) at start and end, plus case studies.
=== Monthly reading list: loneliness and rural isolation
--- Rhodri Morgan | 49 | 07:30 | root
This month's reading list is on loneliness in rural areas:

1. Campaign to End Loneliness: "The psychology of loneliness"
2. What Works Wellbeing: a review of rural loneliness interventions
3. Our own evaluation of the Ceredigion befriending pilot (short summary)

As always, replies welcome with anything I've missed.
--- Megan Price | 48 | 20:14 | short
Thanks Rhodri. Worth adding the Powys transport study: lack of buses came up in almost every
interview.
=== Welsh-language peer support: hwyluswyr / facilitators wanted
--- Gwenllïan Evans | 41 | 10:10 | root
Shwmae pawb,

Rydyn ni'n chwilio am hwyluswyr ar gyfer grwpiau cefnogaeth cymheiriaid drwy gyfrwng y
Gymraeg yn Sir Gâr.

We're looking for facilitators for Welsh-language peer support groups in Carmarthenshire.
Training is provided; sessions are fortnightly.
--- Sioned Pritchard | 41 | 13:00 | quote
Mae gen i ddau wirfoddolwr ym Môn a fyddai'n hoffi helpu. Two volunteers on Anglesey would
like to help. Could the training be online?
--- Tomos Lloyd | 40 | 09:45 | outlook
Urdd staff could co-facilitate a group for 16–25s if that's useful.
--- Angharad Morris | 40 | 16:30 | short | untagged
Diolch Gwenllïan! Could we share this with parents' groups too?
=== Quarterly call on Thursday: agenda
--- Siân Roberts | 33 | 09:00 | root
Hi all,

Agenda for Thursday's call (10:00–11:30):

1. Referral forms: what we learned (see the social prescribing thread)
2. Funding round-up
3. Carers' Week plans
4. Any other business

Joining link as usual.
--- Dafydd ap Gwilym | 33 | 11:26 | quote
Could we add ten minutes on transport in rural areas? It keeps coming up.
--- Kwame Mensah | 32 | 08:15 | short
Apologies, I can't make Thursday. Could someone share notes afterwards?
--- Siân Roberts | 32 | 09:40 | quote
Dafydd, added as item 4. Kwame, notes will go round on Friday.
=== Carers' Week events: venues list
--- Ffion Lewis | 26 | 14:00 | root | venues.csv
Hello all,

For Carers' Week we're mapping venues that have offered free space. List attached; please
add yours and send it back, or reply with details.
--- Eleri Watkins | 26 | 15:32 | outlook
Torfaen can add two venues: Pontypool Library (accessible, 40) and Cwmbran Community Centre
(accessible, 100). Contact me for both.
--- Lowri Jenkins | 25 | 10:05 | quote
Age Cymru will run drop-ins at three of these. Could we mark which venues have hearing
loops?
=== Housing and health: referrals for cold homes
--- James O'Connor | 19 | 08:50 | root
Morning,

With the cold weather, we're seeing more people referred for damp and cold homes who also
need wellbeing support. Does anyone have a joint referral route between housing advice and
social prescribing?
--- Daniel Kowalski | 19 | 11:11 | quote
We have one with two health boards: a single referral that goes to both us and the link
worker. Happy to share the data-sharing agreement.
--- Bethan Rees | 18 | 09:27 | outlook
Aneurin Bevan has something similar for people leaving hospital. I'll ask our lead to get in
touch, James.
=== Young people's mental health: school counselling waiting times
--- Zara Ahmed | 12 | 16:20 | root
Hi everyone,

Waiting times for school counselling in our area are now over twelve weeks. What are others
doing for young people while they wait?
--- Iwan Griffiths | 12 | 18:02 | short
At the college we run drop-in wellbeing sessions with trained peer mentors. They don't
replace counselling but students say it helps to have someone to talk to while they wait.
--- Aisha Rahman | 11 | 10:45 | quote
We offer a weekly text check-in from a youth worker. Low cost, and it picks up the ones who
are getting worse.
--- Mererid Edwards | 10 | 09:15 | outlook
Betsi's CAMHS team has a consultation line for school staff. I'll find the number.
=== Volunteer training: safeguarding refresher dates
--- Ben Okafor | 4 | 09:30 | root
Hello all, I'm new to the group (Swansea CVS, volunteering lead). We're running safeguarding
refresher sessions for volunteers on the 3rd, 10th and 17th; places are open to partners.
--- Mohammed Ali | 4 | 11:00 | short
Welcome Ben! Could you hold three places on the 10th for our volunteers?
--- Catrin Hughes | 3 | 14:45 | quote
Croeso Ben. Is there a Welsh-language session, or could one be arranged?
--- Ben Okafor | 2 | 08:20 | quote
Thanks both. Mohammed, done. Catrin, we can run one on the 24th if there are six or more
people.
"""
_NUMBERED = re.compile(r"\d+\. ")


def _paragraphs(body: str) -> str:
    paragraphs = []
    for paragraph in body.strip("\n").split("\n\n"):
        lines: list[str] = []
        for line in paragraph.split("\n"):
            if lines and not _NUMBERED.match(line):
                lines[-1] += " " + line
            else:
                lines.append(line)
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def _conversations() -> list[tuple[str, list[_Post]]]:
    threads = []
    for block in _CONVERSATIONS.strip().split("=== ")[1:]:
        topic, _, rest = block.partition("\n")
        posts = []
        for chunk in rest.split("--- ")[1:]:
            head, _, body = chunk.partition("\n")
            author, days_ago, at, style, *extra = head.split(" | ")
            attachment = next(
                ((name, *_ATTACHMENTS[name]) for name in extra if name in _ATTACHMENTS), None
            )
            posts.append(
                _Post(
                    author,
                    int(days_ago),
                    at,
                    _paragraphs(body),
                    style,
                    attachment,
                    tagged="untagged" not in extra,
                )
            )
        threads.append((topic, posts))
    return threads


def _quoted_header(value: str) -> str:
    return value if value.isascii() else Header(value, "utf-8").encode()


def _outlook_block(parent: _Sent) -> str:
    sent = parent.sent.strftime("%A, %d %B %Y %H:%M").replace(" 0", " ")
    return (
        "\n\n________________________________\n"
        f"From: {parent.name} <{parent.email}>\nSent: {sent}\nTo: Wellbeing Network\n"
        f"Subject: {parent.subject}\n\n{parent.text}"
    )


def _bottom_quote(parent: _Sent, body: str) -> str:
    when = parent.sent.strftime("%a, %d %b %Y at %H:%M")
    quoted = "\n".join(f"> {line}" if line else ">" for line in parent.own_text.splitlines())
    return f"On {when}, {parent.name} <{parent.email}> wrote:\n{quoted}\n\n{body}"


@dataclass(frozen=True, slots=True)
class _Sent:
    key: str
    name: str
    email: str
    sent: datetime
    subject: str
    own_text: str  # what the author wrote, signature included
    text: str  # the whole body, quotes included


def build_demo_archive(
    group: Group,
    address_of: Callable[[str], str],
    organisation_of: Callable[[str], str],
    today: datetime,
) -> list[bytes]:
    """The demo conversations as RFC 5322 messages, oldest thread first."""
    coordinator = formataddr(("Siân Roberts", address_of("Siân Roberts")), "utf-8")
    messages: list[bytes] = []
    for number, (topic, posts) in enumerate(_conversations(), start=1):
        subject = f"[{group.tag}] {topic}"
        chain: list[_Sent] = []
        for index, post in enumerate(posts):
            email = address_of(post.author)
            sent = datetime.combine(
                today.date() - timedelta(days=post.days_ago), time.fromisoformat(post.at), UTC
            )
            key = f"{sent:%Y%m%d%H%M}.demo-{number}-{index}@mail.example.org"
            first_name = post.author.split()[0]
            own = f"{post.body}\n\n{first_name}\n{organisation_of(post.author)}"
            parent = chain[-1] if chain else None
            if parent is None or post.style in ("root", "short", "html"):
                text = own
            elif post.style == "outlook":
                text = own + _outlook_block(parent)
            else:
                text = _bottom_quote(parent, own)
            this_subject = subject if parent is None else f"Re: {subject if post.tagged else topic}"
            headers = [
                f"From: {formataddr((post.author, email), 'utf-8')}",
                f"To: {coordinator}",
                f"Subject: {_quoted_header(this_subject)}",
                f"Date: {format_datetime(sent)}",
                f"Message-ID: <{key}>",
                "MIME-Version: 1.0",
            ]
            if parent is None:
                headers.append(f"List-Id: {group.name} <{group.list_id}>")
            else:
                headers.append(f"In-Reply-To: <{parent.key}>")
                headers.append("References: " + " ".join(f"<{m.key}>" for m in chain[-6:]))
            messages.append(_mime(headers, text, post))
            chain.append(_Sent(key, post.author, email, sent, this_subject, own, text))
    return messages


def _mime(headers: list[str], text: str, post: _Post) -> bytes:
    if post.style == "html":
        body = (
            '<html><body><img src="https://www.example.org/banners/walks-spring.png"'
            f' alt="Spring walks" width="600">{post.body}</body></html>'
        )
        parts = [
            "Content-Type: text/html; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "",
            body,
        ]
    elif post.attachment is not None:
        filename, content_type, content = post.attachment
        boundary = "==pont-demo-boundary=="
        parts = [
            f'Content-Type: multipart/mixed; boundary="{boundary}"',
            "",
            f"--{boundary}",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "",
            text,
            f"--{boundary}",
            f'Content-Type: {content_type}; name="{filename}"',
            f'Content-Disposition: attachment; filename="{filename}"',
            "Content-Transfer-Encoding: base64",
            "",
            base64.encodebytes(content).decode("ascii").rstrip("\n"),
            f"--{boundary}--",
        ]
    else:
        parts = [
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "",
            text,
        ]
    return "\r\n".join([*headers, *parts, ""]).encode("utf-8")


def seed_demo_archive(
    db: Database,
    group: Group,
    address_of: Callable[[str], str],
    organisation_of: Callable[[str], str],
    today: datetime,
) -> None:
    """Store the demo conversations through the same matcher, store and threading as sync."""
    with db.atomic():
        matcher = GroupMatcher.load(db)
        for raw in build_demo_archive(group, address_of, organisation_of, today):
            parsed = parse_message(raw)
            groups = matcher.groups_for(parsed.headers)
            store_message(db, parsed, raw, groups)
            matcher.remember(parsed.headers.message_key, groups)
        rebuild_threads(db, [group.id])
