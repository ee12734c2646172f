"""Messages to one person on the group's behalf: welcome, goodbye, the confirmation a join
asks for, a request for consent, the answer to a rejected post. Each goes through the outbox
(a post of kind 'notice' or 'reply' with one recipient), so it has the outbox's pacing,
allowance and exactly-once guarantee.

The words follow the group's notice language (English, Welsh, or both, Welsh first), not the
window's: the person reading them is a member, not the coordinator.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from enum import StrEnum
from typing import TYPE_CHECKING

from pont.core.archive.message_headers import Address
from pont.core.errors import InvalidGroup
from pont.core.members.groups import (
    Group,
    GroupMode,
    PostingPolicy,
    group_address,
)
from pont.core.members.notice_templates import checked_template, fill_template
from pont.core.posting.headers import (
    HeaderWriter,
    check_serialised,
    header_text,
    name_text,
)
from pont.core.posting.outbox.outbox import queue_post
from pont.core.posting.posts import BuiltPost, PostKind

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.mail.accounts import Account


class NoticeKind(StrEnum):
    WELCOME = "welcome"
    GOODBYE = "goodbye"
    CONFIRM_JOIN = "confirm-join"  # asks the person to confirm, quoting a token
    CONSENT_REQUEST = "consent-request"  # asks a member imported without consent to agree
    REJECTED = "rejected"  # a post from someone not a member was not passed on
    DECLINED = "declined"  # a post held for review (moderated, announcement, too large) was not


@dataclass(frozen=True, slots=True)
class NoticeText:
    subject: str
    body: str


# Pont's own wording. {name} {group} {post} (how to write to the group, a sentence) {leave}
# (how to leave, a sentence) are what a coordinator's template may use too; {coordinator} and
# {token} are Pont's alone. The Welsh keeps the group's name out of reach of a mutation: after
# "i", "o", "at" or "â" comes "y grŵp" / "'r grŵp", then the name, which stays as it is
# (an English name such as "Book Club" must not become "Fook Club").
_WORDS: dict[NoticeKind, dict[str, tuple[str, str]]] = {
    NoticeKind.WELCOME: {
        "en": (
            "Welcome to {group}",
            "Hello {name},\n\nWelcome to {group}: you are now a member, and the group's "
            "messages will come to you by email.\n\n{post}\n{leave}\n\nMembers can see each "
            "other's names and email addresses, so everyone knows who they are writing to.\n",
        ),
        "cy": (
            "Croeso i'r grŵp {group}",
            "Helo {name},\n\nCroeso i'r grŵp {group}: rydych chi bellach yn aelod, a bydd "
            "negeseuon y grŵp yn dod atoch chi drwy e-bost.\n\n{post}\n{leave}\n\nGall yr "
            "aelodau weld enwau a chyfeiriadau e-bost ei gilydd, fel bod pawb yn gwybod at bwy "
            "maen nhw'n ysgrifennu.\n",
        ),
    },
    NoticeKind.GOODBYE: {
        "en": (
            "You have left {group}",
            "Hello {name},\n\nYou have left {group}, and its messages will no longer come to "
            "you. Thank you for taking part.\n\nTo join again, write to {coordinator} with "
            "“join” in the subject.\n",
        ),
        "cy": (
            "Rydych chi wedi gadael y grŵp {group}",
            "Helo {name},\n\nRydych chi wedi gadael y grŵp {group}, ac ni fydd ei negeseuon yn "
            "dod atoch chi mwyach. Diolch am gymryd rhan.\n\nI ymuno eto, ysgrifennwch at "
            "{coordinator} gydag “ymuno” yn y pwnc.\n",
        ),
    },
    NoticeKind.CONFIRM_JOIN: {
        "en": (
            "Confirm {token}",
            "Hello {name},\n\nYou asked to join {group}. Its members can see each other's "
            "names and email addresses, and will see yours.\n\nTo agree and join, reply to "
            "this message without changing its subject. If you did not ask to join, ignore "
            "this message and nothing will happen.\n",
        ),
        "cy": (
            "Cadarnhau {token}",
            "Helo {name},\n\nFe ofynnoch chi am ymuno â'r grŵp {group}. Gall ei aelodau weld "
            "enwau a chyfeiriadau e-bost ei gilydd, a byddan nhw'n gweld eich rhai chi.\n\nI "
            "gytuno ac ymuno, atebwch y neges hon heb newid ei phwnc. Os na ofynnoch chi am "
            "ymuno, anwybyddwch y neges hon ac ni fydd dim yn digwydd.\n",
        ),
    },
    NoticeKind.CONSENT_REQUEST: {
        "en": (
            "Confirm {token}",
            "Hello {name},\n\nYou are a member of {group}. Its members can see each other's "
            "names and email addresses. To agree to that, reply to this message without "
            "changing its subject.\n\n{leave}\n",
        ),
        "cy": (
            "Cadarnhau {token}",
            "Helo {name},\n\nRydych chi'n aelod o'r grŵp {group}. Gall ei aelodau weld enwau a "
            "chyfeiriadau e-bost ei gilydd. I gytuno i hynny, atebwch y neges hon heb newid ei "
            "phwnc.\n\n{leave}\n",
        ),
    },
    NoticeKind.REJECTED: {
        "en": (
            "Your message to {group}",
            "Hello {name},\n\nThank you for writing to {group}. Your message was not passed on "
            "to the group's members.\n\nTo ask to join the group, write to {coordinator} with "
            "“join” in the subject.\n",
        ),
        "cy": (
            "Eich neges at y grŵp {group}",
            "Helo {name},\n\nDiolch am ysgrifennu at y grŵp {group}. Ni chafodd eich neges ei "
            "hanfon ymlaen at aelodau'r grŵp.\n\nI ofyn am ymuno â'r grŵp, ysgrifennwch at "
            "{coordinator} gydag “ymuno” yn y pwnc.\n",
        ),
    },
    NoticeKind.DECLINED: {
        "en": (
            "Your message to {group}",
            "Hello {name},\n\nThank you for writing to {group}. Posts to this group are "
            "looked at before they go out, and this one was not passed on to the group's "
            "members.\n\nTo ask why, write to {coordinator}.\n",
        ),
        "cy": (
            "Eich neges at y grŵp {group}",
            "Helo {name},\n\nDiolch am ysgrifennu at y grŵp {group}. Caiff negeseuon i'r grŵp "
            "hwn eu gweld cyn iddyn nhw fynd allan, ac ni chafodd hon ei hanfon ymlaen at "
            "aelodau'r grŵp.\n\nI ofyn pam, ysgrifennwch at {coordinator}.\n",
        ),
    },
}

# Answers to a post the coordinator did not pass on: outbox kind 'reply', RFC 3834's
# "auto-replied".
_ANSWERS = (NoticeKind.REJECTED, NoticeKind.DECLINED)

# How to write to the group, by how it runs: {address} is the group's, {coordinator} theirs.
_POST_WORDS: dict[str, dict[str, str]] = {
    "copy-all": {
        "en": "To write to everyone in the group, use “Reply all” on any of its messages.",
        "cy": "I ysgrifennu at bawb yn y grŵp, defnyddiwch “Ateb pawb” ar unrhyw un o'i negeseuon.",
    },
    "members": {
        "en": "To write to everyone in the group, send your message to {address}.",
        "cy": "I ysgrifennu at bawb yn y grŵp, anfonwch eich neges at {address}.",
    },
    "moderated": {
        "en": "To write to the group, send your message to {address}; the coordinator reads "
        "each message before it goes to the members.",
        "cy": "I ysgrifennu at y grŵp, anfonwch eich neges at {address}; bydd y cydlynydd yn "
        "darllen pob neges cyn iddi fynd at yr aelodau.",
    },
    "announce": {
        "en": "Only the coordinator writes to this group. To suggest something, write to "
        "{coordinator}.",
        "cy": "Dim ond y cydlynydd sy'n ysgrifennu at y grŵp hwn. I awgrymu rhywbeth, "
        "ysgrifennwch at {coordinator}.",
    },
}
_LEAVE_WORDS = {
    "en": "To leave the group, write to {coordinator} with “leave” in the subject.",
    "cy": "I adael y grŵp, ysgrifennwch at {coordinator} gyda “gadael” yn y pwnc.",
}
_BREAK_LINE = "\n-----\n"
_LANGUAGE_BREAK = "\n-----\n\n"  # under the Welsh (which ends its last line), the English
_NOTICE_LANGUAGE = {"en": "en", "cy": "cy", "both": "cy, en"}


def _how_to_post(group: Group, coordinator: str, language: str) -> str:
    if group.mode is GroupMode.COPY_ALL:  # no group address: who posts is not Pont's to say
        way = "copy-all"
    elif group.posting is PostingPolicy.ANNOUNCE:
        way = "announce"
    else:
        way = group.posting.value
    address = header_text(group_address(coordinator, group)) if coordinator else ""
    return fill_template(
        _POST_WORDS[way][language], {"address": address, "coordinator": coordinator}
    )


def own_template(group: Group, kind: NoticeKind) -> str:
    """The coordinator's wording for this kind of notice, '' for Pont's own. A template that
    no longer passes the check (a restored profile) gives Pont's own: a notice still goes."""
    template = {NoticeKind.WELCOME: group.welcome, NoticeKind.GOODBYE: group.goodbye}.get(kind, "")
    if not template:
        return ""
    try:
        return checked_template(template, kind.value)
    except InvalidGroup:
        return ""


def notice_text(
    group: Group,
    coordinator: str,
    kind: NoticeKind,
    to: Address,
    token: str = "",
    template: str | None = None,
) -> NoticeText:
    """The notice's subject and body, in the group's notice language, exactly as `to` gets
    it. `template` stands in for the group's own (a preview of unsaved wording); None uses
    the group's."""
    coordinator = header_text(coordinator)
    # A stranger's name: one line, cut short, put in as it is (never read as a placeholder).
    name = name_text(to.name) or header_text(to.email)
    languages = group.language.languages
    values_by_language = {
        language: {
            "group": group.name,
            "name": name,
            "post": _how_to_post(group, coordinator, language),
            "leave": fill_template(_LEAVE_WORDS[language], {"coordinator": coordinator}),
            "coordinator": coordinator,
            "token": token,
        }
        for language in languages
    }
    subjects = [
        fill_template(_WORDS[kind][language][0], values_by_language[language])
        for language in languages
    ]
    subject = subjects[0] if len(set(subjects)) == 1 else " / ".join(subjects)
    if kind in (NoticeKind.CONFIRM_JOIN, NoticeKind.CONSENT_REQUEST) and len(subjects) > 1:
        subject = subjects[-1]  # one token, once: the English form is what both languages read
    own = own_template(group, kind) if template is None else template
    if own and kind in (NoticeKind.WELCOME, NoticeKind.GOODBYE):
        body = _own_body(own, languages, values_by_language) + "\n"
    else:
        body = _LANGUAGE_BREAK.join(
            fill_template(_WORDS[kind][language][1], values_by_language[language])
            for language in languages
        )
    return NoticeText(subject, body)


def _own_body(template: str, languages: tuple[str, ...], values: dict[str, dict[str, str]]) -> str:
    """The coordinator's text filled in. With both languages, a line of five dashes parts
    the Welsh (above) from the English (below), each filled in its own language; without
    that line, the sentences Pont fills in come in Welsh, then English."""
    welsh, line, english = template.partition(_BREAK_LINE)
    if len(languages) == 2 and line:
        return (
            fill_template(welsh, values["cy"])
            + _LANGUAGE_BREAK
            + fill_template(english.lstrip("\n"), values["en"])
        )
    mixed = {
        key: "\n".join(values[language][key] for language in languages) for key in ("post", "leave")
    }
    first = values[languages[0]]
    return fill_template(template, {"group": first["group"], "name": first["name"], **mixed})


def pont_wording(group: Group, coordinator: str, kind: NoticeKind) -> str:
    """Pont's own wording of a welcome or goodbye as a template, to start one's own from."""
    coordinator = header_text(coordinator).replace("{", "{{").replace("}", "}}")
    return _LANGUAGE_BREAK.join(
        fill_template(_WORDS[kind][language][1], {"coordinator": coordinator})
        for language in group.language.languages
    ).rstrip("\n")


def preview_notice(
    group: Group, coordinator: str, kind: NoticeKind, to: Address, template: str | None = None
) -> NoticeText:
    """What `to` would get: the subject and body build_notice puts in the message. `template`
    is wording not yet saved (checked first: InvalidGroup says what is wrong)."""
    checked = checked_template(template, kind.value) if template is not None else None
    return notice_text(group, coordinator, kind, to, template=checked)


def build_notice(
    group: Group,
    account: Account,
    kind: NoticeKind,
    to: Address,
    now: datetime,
    *,
    token: str = "",
    in_reply_to: str = "",
) -> BuiltPost:
    """The notice as a one-recipient post for the outbox."""
    coordinator = account.email.strip()
    text = notice_text(group, coordinator, kind, to, token)
    headers = HeaderWriter()
    headers.addresses("From", [(account.display_name or group.name, coordinator)])
    headers.addresses("To", [(name_text(to.name), to.email)])
    subject = headers.text("Subject", text.subject)
    headers.ascii("Date", format_datetime(now))
    domain = coordinator.rpartition("@")[2] or "pont.invalid"
    message_id = make_msgid(domain=domain if domain.isascii() else "pont.invalid")
    headers.ascii("Message-ID", message_id)
    key = in_reply_to.strip().strip("<>")
    if key and key.isascii() and key.isprintable() and " " not in key and len(key) < 250:
        headers.ascii("In-Reply-To", f"<{key}>")
        headers.ascii("References", f"<{key}>")
    headers.named_id("List-Id", group.name, group.list_id)
    # RFC 3834: a notice is machine-made; auto-responders must not answer it.
    answered = kind in _ANSWERS
    headers.ascii("Auto-Submitted", "auto-replied" if answered else "auto-generated")
    headers.ascii("Precedence", "list")
    smtputf8 = not (coordinator.isascii() and to.email.isascii())
    base = policy.SMTPUTF8 if smtputf8 else policy.SMTP
    message = EmailMessage(policy=base.clone(refold_source="none"))
    headers.apply(message)
    message.set_content(text.body, cte="quoted-printable")
    # After set_content, which clears the Content-* fields; a fixed ASCII value.
    message["Content-Language"] = _NOTICE_LANGUAGE[group.language.value]
    mime = message.as_bytes()
    check_serialised(mime, message, headers.meant)
    return BuiltPost(
        message_key=message_id.strip("<>"),
        subject=subject,
        mime=mime,
        sender=coordinator,
        recipients=(Address(name_text(to.name), to.email),),
        mode=GroupMode.GROUP_ADDRESS,
        group_id=group.id,
        kind=PostKind.REPLY if kind in _ANSWERS else PostKind.NOTICE,
    )


def queue_notice(
    db: Database,
    account: Account,
    group: Group,
    kind: NoticeKind,
    to: Address,
    now: datetime,
    *,
    token: str = "",
    in_reply_to: str = "",
) -> int:
    """Put the notice in the outbox (in the caller's transaction, if any); its post id."""
    built = build_notice(group, account, kind, to, now, token=token, in_reply_to=in_reply_to)
    return queue_post(db, built, account, now)
