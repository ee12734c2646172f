"""Groups: a name, the short tag that goes in subject lines, and a description."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

from pont.core import activity
from pont.core.errors import AccountNotFound, DuplicateGroup, GroupNotFound, InvalidGroup
from pont.core.i18n import translate
from pont.core.members.notice_templates import checked_template

if TYPE_CHECKING:
    from sqlite_utils import Database

MAX_TAG_LENGTH = 24
MAX_FOOTER_LENGTH = 200
_UNSAFE_IN_TAG = re.compile(r"[\[\]\r\n\t]")


class GroupMode(StrEnum):
    """How a group's posts go out (PRODUCT.md, "Two ways a group can run")."""

    COPY_ALL = "copy-all"  # every member in To; reply-all reaches everyone
    GROUP_ADDRESS = "group-address"  # To the coordinator's +tag address, members in batches

    @property
    def label(self) -> str:
        return {"copy-all": "copy everyone in", "group-address": "group address"}[self.value]


class PostingPolicy(StrEnum):
    """Who may post to the group's address (in group-address mode)."""

    MEMBERS = "members"  # active members post freely; anyone else is held
    MODERATED = "moderated"  # every post waits for the coordinator's approval
    ANNOUNCE = "announce"  # only the coordinator posts: an announcement group


class NoticeLanguage(StrEnum):
    """The language of the group's notices, footer and replies."""

    ENGLISH = "en"
    WELSH = "cy"
    BOTH = "both"  # Welsh first, then English (the Welsh Language Standards' order)

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages a member reads, in the order they come: ("cy", "en") for both."""
        return {"en": ("en",), "cy": ("cy",), "both": ("cy", "en")}[self.value]


@dataclass(frozen=True, slots=True)
class Group:
    id: int
    name: str
    tag: str
    description: str
    member_count: int = 0
    # RFC 2919 List-Id label ("wellbeing-network.1a2b3c4d.localhost"), set at creation
    list_id: str = ""
    mode: GroupMode = GroupMode.COPY_ALL
    footer: str = ""  # the line under each post saying what the group is; '' = the description
    account_id: int | None = None  # the mailbox posts go from; None = the profile's first one
    posting: PostingPolicy = PostingPolicy.MEMBERS
    hold_days: int = 14  # a held post not decided in this many days expires
    auto_leave: bool = False  # a leave request takes effect without the coordinator
    language: NoticeLanguage = NoticeLanguage.ENGLISH
    welcome: str = ""  # the welcome notice's template; '' = Pont's own wording
    goodbye: str = ""  # the goodbye notice's template; '' = Pont's own wording
    address: str = ""  # an alias or shared mailbox for the group; '' = the +tag sub-address
    address_checked: str = ""  # ISO time a test message to the address was seen to arrive

    @property
    def subject_tag(self) -> str:
        return f"[{self.tag}]"


_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG_JUNK.sub("-", ascii_text.casefold()).strip("-")[:40].strip("-")


def group_address(account_email: str, group: Group) -> str:
    """The address that reaches the group: the one the coordinator typed (an alias, a shared
    mailbox), else their mailbox's sub-address coordinator+tag@domain.

    The tag is slugged to [a-z0-9-] (what every provider's sub-addressing accepts); a mailbox
    that is itself a sub-address gives its base, since "a+b+c" is not delivered everywhere.
    """
    if group.address:
        return group.address
    local, _, domain = account_email.strip().rpartition("@")
    base = local.split("+", 1)[0]
    detail = _slug(group.tag) or _slug(group.name) or "group"
    return f"{base}+{detail}@{domain}"


def suggested_tag(name: str) -> str:
    """A tag from the name's words: "Wellbeing Network" → "Wellbeing", "NHS data" → "NHS"."""
    words = re.findall(r"\w+", name)
    return words[0][:MAX_TAG_LENGTH] if words else ""


def new_list_id(group_name: str) -> str:
    """A List-Id (RFC 2919) unique to one group, in the unmanaged ".localhost" namespace."""
    import secrets  # here, not at the top: hashlib and hmac cost start-up time

    words = re.findall(r"[a-z0-9]+", group_name.casefold())
    label = "-".join(words)[:40].strip("-") or "group"
    return f"{label}.{secrets.token_hex(4)}.localhost"


def _checked_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidGroup(translate("Groups", "A group needs a name."))
    if len(cleaned) > 100:
        raise InvalidGroup(translate("Groups", "A group's name can be at most 100 characters."))
    return cleaned


def _checked_tag(tag: str) -> str:
    cleaned = tag.strip().strip("[]").strip()
    if _UNSAFE_IN_TAG.search(cleaned):
        raise InvalidGroup(
            translate("Groups", "A tag cannot contain square brackets or line breaks.")
        )
    if len(cleaned) > MAX_TAG_LENGTH:
        raise InvalidGroup(
            translate(
                "Groups", "A tag can be at most {length} characters, so subjects stay short."
            ).format(length=MAX_TAG_LENGTH)
        )
    return cleaned


def _name_key(name: str) -> str:
    return name.casefold()


_SELECT = (
    "SELECT g.id, g.name, g.tag, g.description,"
    " (SELECT count(*) FROM members m WHERE m.group_id = g.id), g.list_id,"
    " g.mode, g.footer, g.account_id, g.posting, g.hold_days, g.auto_leave, g.language,"
    " g.welcome, g.goodbye, g.address, g.address_checked FROM groups g"
)
_Row = tuple[
    int, str, str, str, int, str, str, str, int | None, str, int, int, str, str, str, str, str
]


def _group(row: _Row) -> Group:
    (id_, name, tag, description, count, list_id, mode, footer, account_id) = row[:9]
    posting, hold_days, auto_leave, language, welcome, goodbye, address, checked = row[9:]
    return Group(
        id_,
        name,
        tag,
        description,
        count,
        list_id,
        GroupMode(mode),
        footer,
        account_id,
        PostingPolicy(posting),
        hold_days,
        bool(auto_leave),
        NoticeLanguage(language),
        welcome,
        goodbye,
        address,
        checked,
    )


def list_groups(db: Database) -> list[Group]:
    rows = db.execute(f"{_SELECT} ORDER BY g.name_key").fetchall()
    return [_group(row) for row in rows]


def account_groups(db: Database, account_id: int) -> list[Group]:
    """The groups whose mail goes through this account: those set to it, and those with none
    set when it is the profile's first account (as posting picks it)."""
    return [
        _group(row)
        for row in db.execute(
            f"{_SELECT} WHERE coalesce(g.account_id, (SELECT min(id) FROM accounts)) = ?"
            " ORDER BY g.name_key",
            [account_id],
        ).fetchall()
    ]


def get_group(db: Database, group_id: int) -> Group:
    row = db.execute(f"{_SELECT} WHERE g.id = ?", [group_id]).fetchone()
    if row is None:
        raise GroupNotFound(str(group_id))
    return _group(row)


def find_group(db: Database, name: str) -> Group:
    row = db.execute(f"{_SELECT} WHERE g.name_key = ?", [_name_key(name.strip())]).fetchone()
    if row is None:
        raise GroupNotFound(name)
    return _group(row)


def create_group(
    db: Database, name: str, tag: str | None = None, description: str = "", origin: str = "window"
) -> Group:
    name = _checked_name(name)
    tag = _checked_tag(tag if tag is not None else suggested_tag(name))
    with db.atomic():
        if db.execute("SELECT 1 FROM groups WHERE name_key = ?", [_name_key(name)]).fetchone():
            raise DuplicateGroup(name)
        cursor = db.execute(
            "INSERT INTO groups (name, name_key, tag, description, created, list_id)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                name,
                _name_key(name),
                tag,
                description.strip(),
                activity.now().isoformat(),
                new_list_id(name),
            ],
        )
        group_id = int(cursor.lastrowid or 0)
        activity.log(db, "group-create", origin, name, group_id=group_id)
    return get_group(db, group_id)


def update_group(
    db: Database,
    group_id: int,
    *,
    name: str | None = None,
    tag: str | None = None,
    description: str | None = None,
    origin: str = "window",
) -> Group:
    current = get_group(db, group_id)
    new_name = _checked_name(name) if name is not None else current.name
    new_tag = _checked_tag(tag) if tag is not None else current.tag
    new_description = description.strip() if description is not None else current.description
    with db.atomic():
        clash = db.execute(
            "SELECT 1 FROM groups WHERE name_key = ? AND id != ?", [_name_key(new_name), group_id]
        ).fetchone()
        if clash:
            raise DuplicateGroup(new_name)
        db.execute(
            "UPDATE groups SET name = ?, name_key = ?, tag = ?, description = ? WHERE id = ?",
            [new_name, _name_key(new_name), new_tag, new_description, group_id],
        )
        changes = [
            f"{label}: {old!r} → {new!r}"
            for label, old, new in (
                ("name", current.name, new_name),
                ("tag", current.tag, new_tag),
                ("description", current.description, new_description),
            )
            if old != new
        ]
        if changes:
            activity.log(db, "group-change", origin, "; ".join(changes), group_id=group_id)
    return get_group(db, group_id)


def _checked_footer(footer: str) -> str:
    cleaned = " ".join(footer.split())
    if len(cleaned) > MAX_FOOTER_LENGTH:
        raise InvalidGroup(
            translate(
                "Groups",
                "The footer line can be at most {length} characters: it goes under every post.",
            ).format(length=MAX_FOOTER_LENGTH)
        )
    return cleaned


def set_group_sending(
    db: Database,
    group_id: int,
    *,
    mode: GroupMode | str | None = None,
    footer: str | None = None,
    account_id: int | None = None,
    origin: str = "window",
) -> Group:
    """Change how the group's posts go out; None leaves a setting as it is."""
    current = get_group(db, group_id)
    try:
        new_mode = GroupMode(mode) if mode is not None else current.mode
    except ValueError:
        raise InvalidGroup(
            translate(
                "Groups",
                "A group's posts go out as “{copy_all}” or “{group_address}”, not “{mode}”.",
            ).format(
                copy_all=GroupMode.COPY_ALL.value,
                group_address=GroupMode.GROUP_ADDRESS.value,
                mode=mode,
            )
        ) from None
    new_footer = _checked_footer(footer) if footer is not None else current.footer
    new_account = account_id if account_id is not None else current.account_id
    with db.atomic():
        if (
            account_id is not None
            and not db.execute("SELECT 1 FROM accounts WHERE id = ?", [account_id]).fetchone()
        ):
            raise AccountNotFound.numbered(account_id)
        db.execute(
            "UPDATE groups SET mode = ?, footer = ?, account_id = ? WHERE id = ?",
            [new_mode.value, new_footer, new_account, group_id],
        )
        changes = [
            f"{label}: {old!r} → {new!r}"
            for label, old, new in (
                ("mode", current.mode.value, new_mode.value),
                ("footer", current.footer, new_footer),
                ("account", current.account_id, new_account),
            )
            if old != new
        ]
        if changes:
            activity.log(db, "group-sending", origin, "; ".join(changes), group_id=group_id)
    return get_group(db, group_id)


MAX_HOLD_DAYS = 365


_Choice = TypeVar("_Choice", PostingPolicy, NoticeLanguage)


def _checked_choice(kind: type[_Choice], value: _Choice | str, problem: str) -> _Choice:
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(f"“{choice.value}”" for choice in kind)
        raise InvalidGroup(problem.format(value=value, choices=choices)) from None


def _checked_hold_days(days: int) -> int:
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_HOLD_DAYS:
        raise InvalidGroup(
            translate(
                "Groups",
                "Held posts can wait between 1 and {most} days before they expire, not {days}.",
            ).format(most=MAX_HOLD_DAYS, days=days)
        )
    return days


def set_group_mail(
    db: Database,
    group_id: int,
    *,
    posting: PostingPolicy | str | None = None,
    hold_days: int | None = None,
    auto_leave: bool | None = None,
    language: NoticeLanguage | str | None = None,
    welcome: str | None = None,
    goodbye: str | None = None,
    origin: str = "window",
) -> Group:
    """Change how the group handles its own mail (who posts, held posts, leaving, notices);
    None leaves a setting as it is. A template of '' is Pont's own wording."""
    current = get_group(db, group_id)
    new_posting = (
        _checked_choice(
            PostingPolicy,
            posting,
            translate("Groups", "Who can post is one of {choices}, not “{value}”."),
        )
        if posting is not None
        else current.posting
    )
    new_hold_days = _checked_hold_days(hold_days) if hold_days is not None else current.hold_days
    new_auto_leave = bool(auto_leave) if auto_leave is not None else current.auto_leave
    new_language = (
        _checked_choice(
            NoticeLanguage,
            language,
            translate("Groups", "The notices' language is one of {choices}, not “{value}”."),
        )
        if language is not None
        else current.language
    )
    new_welcome = checked_template(welcome, "welcome") if welcome is not None else current.welcome
    new_goodbye = checked_template(goodbye, "goodbye") if goodbye is not None else current.goodbye
    with db.atomic():
        db.execute(
            "UPDATE groups SET posting = ?, hold_days = ?, auto_leave = ?, language = ?,"
            " welcome = ?, goodbye = ? WHERE id = ?",
            [
                new_posting.value,
                new_hold_days,
                int(new_auto_leave),
                new_language.value,
                new_welcome,
                new_goodbye,
                group_id,
            ],
        )
        changes = [
            f"{label}: {old!r} → {new!r}"
            for label, old, new in (
                ("posting", current.posting.value, new_posting.value),
                ("hold days", current.hold_days, new_hold_days),
                ("automatic leave", current.auto_leave, new_auto_leave),
                ("language", current.language.value, new_language.value),
            )
            if old != new
        ]
        # The templates' text can be long: the log says that they changed, not to what.
        for label, old_text, new_text in (
            ("welcome", current.welcome, new_welcome),
            ("goodbye", current.goodbye, new_goodbye),
        ):
            if old_text != new_text:
                changes.append(f"{label}: {'own wording' if new_text else 'Pont’s wording'}")
        if changes:
            activity.log(db, "group-mail", origin, "; ".join(changes), group_id=group_id)
    return get_group(db, group_id)


def delete_group(db: Database, group_id: int, origin: str = "window") -> None:
    """Delete the group and its members; the log keeps one line saying so."""
    group = get_group(db, group_id)
    with db.atomic():
        db.execute(
            "DELETE FROM activity WHERE member_id IN (SELECT id FROM members WHERE group_id = ?)",
            [group_id],
        )
        db.execute("DELETE FROM groups WHERE id = ?", [group_id])
        activity.log(db, "group-delete", origin, f"{group.name} ({group.member_count} members)")
