"""The demo profile: a believable group a newcomer can try Pont on without an account."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from pont.core import activity
from pont.core.errors import AccountNotFound
from pont.core.mail.accounts import (
    Account,
    AccountSettings,
    ReadRoute,
    Security,
    ServerSettings,
    find_account,
    save_account,
)
from pont.core.members.groups import GroupMode, create_group, list_groups, set_group_sending
from pont.core.members.members import MemberStatus, NewMember, add_member

if TYPE_CHECKING:
    from sqlite_utils import Database

DEMO_GROUP = "Wellbeing Network"
DEMO_DOMAIN = "example.org"  # RFC 2606: never a real mailbox

# name, organisation, tags, status, notes, days since joining: before the first post each
# person has in the demo archive, so nobody's posts come before they joined
_PEOPLE: list[tuple[str, str, str, MemberStatus, str, int]] = [
    (
        "Siân Roberts",
        "Cardiff Council",
        "coordinator, mental health",
        MemberStatus.ACTIVE,
        "Chairs the quarterly call.",
        720,
    ),
    ("Dafydd ap Gwilym", "Gwynedd Council", "rural, Welsh language", MemberStatus.ACTIVE, "", 690),
    (
        "Gwenllïan Evans",
        "Hywel Dda University Health Board",
        "NHS, mental health",
        MemberStatus.ACTIVE,
        "Prefers Welsh-language replies.",
        655,
    ),
    ("Llŷr Jones", "Mind Cymru", "charity, peer support", MemberStatus.ACTIVE, "", 640),
    ("Aisha Rahman", "Newport Mind", "charity, young people", MemberStatus.ACTIVE, "", 610),
    ("Tom Whitfield", "Bristol City Council", "public health", MemberStatus.ACTIVE, "", 600),
    ("Megan Price", "Powys Teaching Health Board", "NHS, rural", MemberStatus.ACTIVE, "", 580),
    (
        "Rhodri Morgan",
        "Swansea University",
        "research",
        MemberStatus.ACTIVE,
        "Shares the monthly reading list.",
        560,
    ),
    ("Catrin Hughes", "Conwy Voluntary Services", "volunteering", MemberStatus.ACTIVE, "", 540),
    (
        "Owain Davies",
        "Ceredigion County Council",
        "rural, housing",
        MemberStatus.PAUSED,
        "On parental leave until spring.",
        530,
    ),
    ("Priya Natarajan", "Public Health Wales", "public health, data", MemberStatus.ACTIVE, "", 500),
    ("Ffion Lewis", "Carmarthenshire Carers", "carers", MemberStatus.ACTIVE, "", 480),
    ("James O'Connor", "Shelter Cymru", "housing", MemberStatus.ACTIVE, "", 470),
    (
        "Nia Thomas",
        "Welsh Government",
        "policy",
        MemberStatus.ACTIVE,
        "Observer; does not post.",
        455,
    ),
    (
        "Elin Parry",
        "Anglesey Council",
        "Welsh language, young people",
        MemberStatus.ACTIVE,
        "",
        430,
    ),
    (
        "Mohammed Ali",
        "Cardiff Third Sector Council",
        "volunteering, community",
        MemberStatus.ACTIVE,
        "",
        420,
    ),
    ("Hannah Clarke", "Samaritans Cymru", "charity, mental health", MemberStatus.ACTIVE, "", 400),
    (
        "Gareth Williams",
        "Vale of Glamorgan Council",
        "public health",
        MemberStatus.LEFT,
        "Moved to a new role.",
        390,
    ),
    ("Bethan Rees", "Aneurin Bevan University Health Board", "NHS", MemberStatus.ACTIVE, "", 370),
    (
        "Sioned Pritchard",
        "Menter Iaith Môn",
        "Welsh language, community",
        MemberStatus.ACTIVE,
        "",
        350,
    ),
    ("Iwan Griffiths", "Coleg Cambria", "education, young people", MemberStatus.ACTIVE, "", 340),
    ("Lowri Jenkins", "Age Cymru", "older people, charity", MemberStatus.ACTIVE, "", 320),
    ("Kwame Mensah", "Race Council Cymru", "equality, community", MemberStatus.ACTIVE, "", 300),
    ("Rachel Green", "Wrexham Council", "public health", MemberStatus.PAUSED, "", 290),
    (
        "Emyr Owen",
        "Snowdonia National Park",
        "outdoors, rural",
        MemberStatus.ACTIVE,
        "Runs green-prescribing walks.",
        270,
    ),
    ("Sarah Mitchell", "Cardiff University", "research, data", MemberStatus.ACTIVE, "", 250),
    (
        "Angharad Morris",
        "Mudiad Meithrin",
        "early years, Welsh language",
        MemberStatus.ACTIVE,
        "",
        230,
    ),
    ("Daniel Kowalski", "Citizens Advice Cymru", "advice, housing", MemberStatus.ACTIVE, "", 210),
    (
        "Mererid Edwards",
        "Betsi Cadwaladr University Health Board",
        "NHS, mental health",
        MemberStatus.ACTIVE,
        "",
        190,
    ),
    ("Huw Bevan", "Merthyr Tydfil Council", "community", MemberStatus.LEFT, "", 180),
    ("Zara Ahmed", "Barnardo's Cymru", "young people, charity", MemberStatus.ACTIVE, "", 160),
    (
        "Tomos Lloyd",
        "Urdd Gobaith Cymru",
        "young people, Welsh language",
        MemberStatus.ACTIVE,
        "",
        140,
    ),
    ("Eleri Watkins", "Torfaen Council", "carers", MemberStatus.ACTIVE, "", 120),
    ("Cerys Howells", "Platfform", "mental health, charity", MemberStatus.ACTIVE, "", 110),
    ("Chris Bennett", "Public Health Wales", "data", MemberStatus.ACTIVE, "", 100),
    ("Liam Foster", "Pembrokeshire Council", "rural, outdoors", MemberStatus.ACTIVE, "", 90),
    (
        "Alaw Roberts",
        "Bangor University",
        "research, Welsh language",
        MemberStatus.ACTIVE,
        "Guest speaker in June.",
        80,
    ),
    (
        "Mari Vaughan",
        "Cwm Taf Morgannwg University Health Board",
        "NHS",
        MemberStatus.ACTIVE,
        "",
        45,
    ),
    ("Joanne Baker", "Newport City Council", "public health, housing", MemberStatus.PAUSED, "", 30),
    (
        "Ben Okafor",
        "Swansea Council for Voluntary Service",
        "volunteering",
        MemberStatus.ACTIVE,
        "",
        5,
    ),
]


def demo_address(name: str) -> str:
    ascii_name = name.translate(str.maketrans("âêîôûŵŷïëüáéíóú'", "aeiouwyieuaeiou-"))
    return f"{ascii_name.lower().replace(' ', '.')}@{DEMO_DOMAIN}"


def seed_demo_profile(db: Database, now: datetime | None = None) -> None:
    """Fill an empty profile with the demo group and its archive of conversations; a profile
    that has groups is left alone, but for the coordinator's rehearsal mailbox, made when
    missing (a demo profile from before the rehearsal has none). Dates are relative to now
    (for tests, a fixed moment)."""
    groups = list_groups(db)
    if groups:
        if any(g.name == DEMO_GROUP for g in groups):
            rehearsal_account(db)
        return
    group = create_group(
        db,
        DEMO_GROUP,
        tag="Wellbeing",
        description="Practitioners across Wales sharing what works for community wellbeing.",
        origin="demo",
    )
    now = now or datetime.now(UTC)
    today = now.date()
    for name, organisation, tags, status, notes, days in _PEOPLE:
        add_member(
            db,
            group.id,
            NewMember(
                email=demo_address(name),
                name=name,
                organisation=organisation,
                status=status,
                tags=tuple(tags.split(", ")),
                notes=notes,
                joined=today - timedelta(days=days),
                source="demo",
            ),
            origin="demo",
        )
    # Imported only when seeding: the archive code pulls in email parsing and nh3, which
    # opening an already seeded demo profile does not need.
    from pont.core.demo.archive import seed_demo_archive

    organisations = {name: organisation for name, organisation, *_ in _PEOPLE}
    seed_demo_archive(db, group, demo_address, organisations.__getitem__, now)
    rehearsal_account(db)
    _seed_consents(db, group.id, now)


# Members who joined in the last two months have not said yes yet: the Consent column shows both.
_CONSENT_ASKED_WITHIN_DAYS = 60


def _seed_consents(db: Database, group_id: int, now: datetime) -> None:
    """Most demo members agreed to the group's terms when they joined (a sign-up form at the
    network's launch); the newest have not yet, as in a real group."""
    from pont.core.group_mail.consent import record_given_consent
    from pont.core.members.members import list_members

    note = "Signed the sign-up form at a network event."
    for member in list_members(db, group_id):
        if (now.date() - member.joined).days < _CONSENT_ASKED_WITHIN_DAYS:
            continue
        given = datetime.combine(member.joined, datetime.min.time(), UTC)
        record_given_consent(db, member.id, note, given, origin="demo")


# --- the rehearsal mailbox (pont.core.demo.rehearsal sends from it) ---------------------

# The demo group's coordinator: Siân Roberts, first of the demo people.
DEMO_COORDINATOR = ("Siân Roberts", "sian.roberts@example.org")
# RFC 2606: a name under .invalid can never resolve; nothing ever connects to it.
REHEARSAL_HOST = "rehearsal.invalid"
_NOWHERE = ServerSettings(REHEARSAL_HOST, 465, Security.SSL)
# The rehearsal mailbox's limits: the demo group's 35 members go in four batches.
RECIPIENTS_PER_MESSAGE = 9
MESSAGES_PER_MINUTE = 1


def is_rehearsal(account: AccountSettings) -> bool:
    """Whether the account is the demo's rehearsal mailbox, which only the rehearsal route
    (pont.core.demo.rehearsal) sends from."""
    return account.smtp.host.casefold() == REHEARSAL_HOST


def rehearsal_account(db: Database) -> Account:
    """The demo coordinator's rehearsal mailbox, saved in the demo profile the first time."""
    name, email = DEMO_COORDINATOR
    try:
        account = find_account(db, email)
    except AccountNotFound:
        settings = AccountSettings(
            email=email,
            username=email,
            imap=_NOWHERE,
            smtp=_NOWHERE,
            display_name=name,
            reading=ReadRoute.NONE,
        )
        account = save_account(db, settings, origin="demo")
        with db.atomic():
            db.execute(
                "UPDATE accounts SET recipients_per_message = ? WHERE id = ?",
                [RECIPIENTS_PER_MESSAGE, account.id],
            )
    _send_from_the_group_address(db, account)
    return account


def _send_from_the_group_address(db: Database, account: Account) -> None:
    """The demo group's posts go from its group address, in batches, as a real group's of its
    size must (copying 35 people in would not fit one message); once, so that a coordinator
    trying the group settings keeps what they chose."""
    for group in list_groups(db):
        if group.name == DEMO_GROUP and group.account_id is None:
            set_group_sending(
                db, group.id, mode=GroupMode.GROUP_ADDRESS, account_id=account.id, origin="demo"
            )
            with db.atomic():  # the rehearsal delivers any address: nothing to check
                db.execute(
                    "UPDATE groups SET address_checked = ? WHERE id = ?",
                    [activity.now().isoformat(timespec="seconds"), group.id],
                )
