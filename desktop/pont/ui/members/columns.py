"""The members table's columns: titles, what cells show, edits, sort order, and filter matching."""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from pont.core.members.addresses import address_key
from pont.core.members.members import Member, MemberStatus, parse_tags

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.archive.reading import PostStats


@dataclasses.dataclass(frozen=True, slots=True)
class ConsentShown:
    """What the Consent column says of one member: when they consented, or were asked."""

    given: date | None = None
    asked: date | None = None
    how: str = ""  # 'joined', 'answered' or 'recorded' (core/group_mail/consent.ConsentHow)
    note: str = ""


NO_CONSENT = ConsentShown()


def read_consent(db: Database, group_id: int) -> dict[int, ConsentShown]:
    """The Consent column's contents for a group, by member id."""
    from pont.core.group_mail.consent import consent_asked, consent_for

    shown = {
        member_id: ConsentShown(asked=asked.astimezone().date())
        for member_id, asked in consent_asked(db, group_id).items()
    }
    for member_id, consent in consent_for(db, group_id).items():
        shown[member_id] = ConsentShown(
            given=consent.given.astimezone().date(), how=consent.how.value, note=consent.note
        )
    return shown


class Column(IntEnum):
    NAME = 0
    EMAIL = 1
    ORGANISATION = 2
    STATUS = 3
    TAGS = 4
    JOINED = 5
    POSTS = 6
    LAST_POST = 7
    CONSENT = 8  # to a roster members can see: given, asked, or not yet
    NOTES = 9


EDITABLE_COLUMNS = frozenset(
    {Column.NAME, Column.EMAIL, Column.ORGANISATION, Column.STATUS, Column.TAGS, Column.NOTES}
)
STATUS_ORDER = {
    MemberStatus.ACTIVE: 0,
    MemberStatus.BOUNCING: 1,
    MemberStatus.PAUSED: 2,
    MemberStatus.LEFT: 3,
}
STATUS_COLOURS = {
    MemberStatus.ACTIVE: "#2e8540",
    MemberStatus.BOUNCING: "#c62828",
    MemberStatus.PAUSED: "#d08a00",
    MemberStatus.LEFT: "#8a8a8a",
}


translate = QCoreApplication.translate


def column_title(column: Column) -> str:
    titles = {
        Column.NAME: translate("MembersTableModel", "Name"),
        Column.EMAIL: translate("MembersTableModel", "Email"),
        Column.ORGANISATION: translate("MembersTableModel", "Organisation"),
        Column.STATUS: translate("MembersTableModel", "Status"),
        Column.TAGS: translate("MembersTableModel", "Tags"),
        Column.JOINED: translate("MembersTableModel", "Joined"),
        Column.POSTS: translate("MembersTableModel", "Posts"),
        Column.LAST_POST: translate("MembersTableModel", "Last post"),
        Column.CONSENT: translate("MembersTableModel", "Consent"),
        Column.NOTES: translate("MembersTableModel", "Notes"),
    }
    return titles[column]


def status_label(status: MemberStatus) -> str:
    labels = {
        MemberStatus.ACTIVE: translate("MembersTableModel", "Active"),
        MemberStatus.PAUSED: translate("MembersTableModel", "Paused"),
        MemberStatus.LEFT: translate("MembersTableModel", "Left"),
        # Delivery paused by Pont: the address bounced too often (core/group_mail/bounces).
        MemberStatus.BOUNCING: translate("MembersTableModel", "Bouncing"),
    }
    return labels[status]


def choosable_statuses(current: MemberStatus | None = None) -> list[MemberStatus]:
    """The statuses a coordinator picks from: Bouncing is Pont's to set (after bounces), so
    it is offered only to show a bouncing member's status as it is."""
    chosen = [MemberStatus.ACTIVE, MemberStatus.PAUSED, MemberStatus.LEFT]
    if current is MemberStatus.BOUNCING:
        chosen.insert(1, MemberStatus.BOUNCING)
    return chosen


def status_icon(status: MemberStatus) -> QIcon:
    """A dot in the status's colour, shown beside its label."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(STATUS_COLOURS[status]))
    painter.drawEllipse(2, 2, 8, 8)
    painter.end()
    return QIcon(pixmap)


def cell_text(
    member: Member, column: int, locale: QLocale, post_stats: Mapping[str, PostStats]
) -> str:
    """What the member's cell in this column shows; post_stats are the group's, by address_key."""
    if column == Column.NAME:
        return member.name
    if column == Column.EMAIL:
        return member.email
    if column == Column.ORGANISATION:
        return member.organisation
    if column == Column.STATUS:
        return status_label(member.status)
    if column == Column.TAGS:
        return ", ".join(member.tags)
    if column == Column.JOINED:
        return day_text(locale, member.joined)
    if column == Column.POSTS:
        # Blank while the group has no archive at all: a column of noughts would say
        # nobody ever wrote, when Pont has simply not read the mailbox yet.
        if not post_stats:
            return ""
        stats = post_stats.get(address_key(member.email))
        return str(stats.posts) if stats else "0"
    if column == Column.LAST_POST:
        stats = post_stats.get(address_key(member.email))
        if stats is None or stats.last_post is None:
            return ""
        return day_text(locale, stats.last_post.astimezone().date())
    if column == Column.CONSENT:
        return ""  # the model shows it, from the consents it holds (consent_text)
    return member.notes.split("\n", 1)[0]


def consent_text(locale: QLocale, consent: ConsentShown) -> str:
    """ "Given 3 Dec 2026", "Asked 1 Dec 2026" or "Not yet"."""
    if consent.given is not None:
        return translate("MembersTableModel", "Given {day}").format(
            day=day_text(locale, consent.given)
        )
    if consent.asked is not None:
        return translate("MembersTableModel", "Asked {day}").format(
            day=day_text(locale, consent.asked)
        )
    return translate("MembersTableModel", "Not yet")


def consent_tooltip(consent: ConsentShown) -> str:
    """How the consent was given, for the cell's tooltip."""
    hows = {
        "joined": translate("MembersTableModel", "Agreed by answering the confirmation to join"),
        "answered": translate("MembersTableModel", "Agreed by answering a consent request"),
        "recorded": translate("MembersTableModel", "Recorded by you"),
    }
    if consent.given is None:
        if consent.asked is not None:
            return translate("MembersTableModel", "Asked for consent; no answer yet")
        return translate("MembersTableModel", "Has not agreed to a roster members can see")
    text = hows.get(consent.how, "")
    return f"{text}: {consent.note}" if consent.note else text


def consent_key(consent: ConsentShown) -> tuple[int, date]:
    """Sorts Not yet, then Asked, then Given, each oldest first."""
    if consent.given is not None:
        return (2, consent.given)
    if consent.asked is not None:
        return (1, consent.asked)
    return (0, date.min)


def day_text(locale: QLocale, day: date) -> str:
    """A day as the Joined and Last post columns show it: "7 Sept 2026"."""
    return locale.toString(QDate(day.year, day.month, day.day), "d MMM yyyy")


def edited(member: Member, column: Column, value: Any) -> Member:
    """The member with one cell changed as typed; ValueError for a value of the wrong kind."""
    text = "" if value is None else str(value)
    if column == Column.STATUS:
        return dataclasses.replace(member, status=MemberStatus(text))
    if column == Column.TAGS:
        return dataclasses.replace(member, tags=parse_tags(text))
    text = text.strip()
    if column == Column.NAME:
        return dataclasses.replace(member, name=text)
    if column == Column.EMAIL:
        return dataclasses.replace(member, email=text)
    if column == Column.ORGANISATION:
        return dataclasses.replace(member, organisation=text)
    if column == Column.NOTES:
        return dataclasses.replace(member, notes=text)
    raise ValueError(column)


def name_key(member: Member) -> tuple[bool, str, str]:
    # People imported with only an address sort after everyone with a name.
    return (not member.name, member.name.casefold(), member.email.casefold())


def _text_key(text: str, member: Member) -> tuple[bool, str, tuple[bool, str, str]]:
    return (not text, text.casefold(), name_key(member))


# Posts and Last post come from the group's archive: _sort_key makes theirs from its figures.
SORT_KEYS: dict[Column, Callable[[Member], Any]] = {
    Column.NAME: name_key,
    Column.EMAIL: lambda m: m.email.casefold(),
    Column.ORGANISATION: lambda m: _text_key(m.organisation, m),
    Column.STATUS: lambda m: (STATUS_ORDER[m.status], name_key(m)),
    Column.TAGS: lambda m: _text_key(", ".join(m.tags), m),
    Column.JOINED: lambda m: (m.joined, m.id),
    Column.NOTES: lambda m: _text_key(m.notes, m),
}
# Columns whose blank cells stay at the bottom whichever way the column is sorted.
BLANK_LAST: dict[Column, Callable[[Member], bool]] = {
    Column.NAME: lambda m: not m.name,
    Column.ORGANISATION: lambda m: not m.organisation,
    Column.TAGS: lambda m: not m.tags,
    Column.NOTES: lambda m: not m.notes,
}


def sorted_places(
    members: Sequence[Member],
    column: Column | None,
    descending: bool,
    post_stats: Mapping[str, PostStats],
    consent: Mapping[int, ConsentShown] | None = None,
) -> list[int]:
    """The places in members in the order sorting by column puts them (None: as they are)."""
    places = list(range(len(members)))
    if column is None:
        return places
    if column == Column.CONSENT:
        shown = consent or {}
        return sorted(
            places,
            key=lambda p: (consent_key(shown.get(members[p].id, NO_CONSENT)), name_key(members[p])),
            reverse=descending,
        )
    key, blank = _sort_key(column, post_stats)
    if blank is None:
        return sorted(places, key=lambda p: key(members[p]), reverse=descending)
    filled = [p for p in places if not blank(members[p])]
    empty = [p for p in places if blank(members[p])]
    filled.sort(key=lambda p: key(members[p]), reverse=descending)
    empty.sort(key=lambda p: name_key(members[p]))
    return filled + empty


def _sort_key(
    column: Column, post_stats: Mapping[str, PostStats]
) -> tuple[Callable[[Member], Any], Callable[[Member], bool] | None]:
    """How to sort by a column, and which of its cells are blank (kept last)."""

    def posts(member: Member) -> tuple[int, tuple[bool, str, str]]:
        found = post_stats.get(address_key(member.email))
        return (found.posts if found else 0, name_key(member))

    def last_post(member: Member) -> datetime | None:
        found = post_stats.get(address_key(member.email))
        return found.last_post if found else None

    if column == Column.POSTS:
        return posts, None
    if column == Column.LAST_POST:
        return (lambda m: (last_post(m), m.id)), (lambda m: last_post(m) is None)
    return SORT_KEYS[column], BLANK_LAST.get(column)


class _AccentFolding(dict[int, str]):
    """str.translate table that learns each character's unaccented form the first time it
    is met: a 20,000-member group then folds in a few milliseconds, not a third of a second."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFKD", chr(code))
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
        self[code] = folded
        return folded


_ACCENT_FOLDING = _AccentFolding()


def fold(text: str) -> str:
    """Case and accents folded away, so "sian" finds Siân and "gwenllian" finds Gwenllïan."""
    folded = text.casefold()
    if folded.isascii():  # most text: nothing to translate
        return folded
    return folded.translate(_ACCENT_FOLDING)


def haystack(member: Member) -> str:
    """What the filter box searches: name, address, organisation and tags, folded."""
    tags = ", ".join(member.tags)
    return fold(f"{member.name}\n{member.email}\n{member.organisation}\n{tags}")


def filter_words(text: str) -> tuple[str, ...]:
    """The folded words of what was typed in the filter box; a row must contain them all."""
    return tuple(fold(text).split())


def narrows(before: Sequence[str], after: Sequence[str]) -> bool:
    """Whether every row matching after also matches before: each earlier word lives on
    inside one of the new ones, as when typing forward ("jo" → "jon", "jon" → "jon m")."""
    return bool(before) and all(any(old in new for new in after) for old in before)


def matching_rows(
    haystacks: Sequence[str], words: Sequence[str], rows: Sequence[int] | None = None
) -> list[int]:
    """The rows, ascending, whose haystack contains every word; only among rows if given.

    One list comprehension a word, longest (most selective) first, each over what the last
    one kept: a 20,000-row pass costs a millisecond or two.
    """
    if not words:
        return list(range(len(haystacks))) if rows is None else list(rows)
    first, *rest = sorted(words, key=len, reverse=True)
    if rows is None:
        found = [row for row, text in enumerate(haystacks) if first in text]
    else:
        found = [row for row in rows if first in haystacks[row]]
    for word in rest:
        found = [row for row in found if word in haystacks[row]]
    return found
