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
from pont.core.members.groups import Group, GroupMode, NoticeLanguage, group_address
from pont.core.posting.headers import HeaderWriter, check_serialised, header_text
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
    REJECTED = "rejected"  # a post to the group was not passed on


@dataclass(frozen=True, slots=True)
class NoticeText:
    subject: str
    body: str


# {group} {name} {post} (the group's address) {leave} (how to leave) {token}
_WORDS: dict[NoticeKind, dict[str, tuple[str, str]]] = {
    NoticeKind.WELCOME: {
        "en": (
            "Welcome to {group}",
            "Hello {name},\n\nYou are now a member of {group}. Members can see each other's "
            "names and addresses.\n\nTo write to the group: {post}\nTo leave: {leave}\n",
        ),
        "cy": (
            "Croeso i {group}",
            "Helo {name},\n\nRydych chi bellach yn aelod o {group}. Gall aelodau weld enwau a "
            "chyfeiriadau ei gilydd.\n\nI ysgrifennu at y grŵp: {post}\nI adael: {leave}\n",
        ),
    },
    NoticeKind.GOODBYE: {
        "en": (
            "You have left {group}",
            "Hello {name},\n\nYou are no longer a member of {group} and will get no more of "
            "its mail. To join again, write to {post} with “join” in the subject.\n",
        ),
        "cy": (
            "Rydych chi wedi gadael {group}",
            "Helo {name},\n\nNid ydych chi bellach yn aelod o {group} ac ni chewch ragor o'i "
            "negeseuon. I ymuno eto, ysgrifennwch at {post} gydag “ymuno” yn y pwnc.\n",
        ),
    },
    NoticeKind.CONFIRM_JOIN: {
        "en": (
            "Confirm {token}",
            "Hello {name},\n\nYou asked to join {group}. Its members can see each other's names "
            "and addresses, and yours will be shown to them.\n\nTo agree and join, reply to "
            "this message without changing its subject. If you did not ask, ignore it.\n",
        ),
        "cy": (
            "Cadarnhau {token}",
            "Helo {name},\n\nFe ofynnoch chi am ymuno â {group}. Gall ei aelodau weld enwau a "
            "chyfeiriadau ei gilydd, a bydd eich rhai chi i'w gweld.\n\nI gytuno ac ymuno, "
            "atebwch y neges hon heb newid ei phwnc. Os na ofynnoch chi, anwybyddwch hi.\n",
        ),
    },
    NoticeKind.CONSENT_REQUEST: {
        "en": (
            "Confirm {token}",
            "Hello {name},\n\nYou are a member of {group}. Its members can see each other's "
            "names and addresses. To agree to that, reply to this message without changing "
            "its subject. To leave instead: {leave}\n",
        ),
        "cy": (
            "Cadarnhau {token}",
            "Helo {name},\n\nRydych chi'n aelod o {group}. Gall ei aelodau weld enwau a "
            "chyfeiriadau ei gilydd. I gytuno i hynny, atebwch y neges hon heb newid ei "
            "phwnc. I adael yn lle hynny: {leave}\n",
        ),
    },
    NoticeKind.REJECTED: {
        "en": (
            "Your message to {group}",
            "Hello {name},\n\nThank you for writing to {group}. Your message was not passed on "
            "to the group's members: only members can post to it. To ask to join, write to "
            "{post} with “join” in the subject.\n",
        ),
        "cy": (
            "Eich neges at {group}",
            "Helo {name},\n\nDiolch am ysgrifennu at {group}. Ni chafodd eich neges ei hanfon "
            "ymlaen at aelodau'r grŵp: dim ond aelodau all anfon ato. I ofyn am ymuno, "
            "ysgrifennwch at {post} gydag “ymuno” yn y pwnc.\n",
        ),
    },
}


def _languages(language: NoticeLanguage) -> tuple[str, ...]:
    return {"en": ("en",), "cy": ("cy",), "both": ("cy", "en")}[language.value]


def notice_text(
    group: Group, coordinator: str, kind: NoticeKind, name: str, token: str = ""
) -> NoticeText:
    """The notice's subject and body, in the group's notice language."""
    post = group_address(coordinator, group) if group.mode is GroupMode.GROUP_ADDRESS else ""
    values = {
        "group": group.name,
        "name": name or "",
        "post": post or coordinator,
        "leave": f"write to {coordinator} with “leave” in the subject",
        "token": token,
    }
    subjects, bodies = [], []
    for language in _languages(group.language):
        subject, body = _WORDS[kind][language]
        if language == "cy":
            values["leave"] = f"ysgrifennwch at {coordinator} gydag “gadael” yn y pwnc"
        subjects.append(subject.format(**values))
        bodies.append(body.format(**values).replace("Hello ,", "Hello,").replace("Helo ,", "Helo,"))
    subject = subjects[0] if len(set(subjects)) == 1 else " / ".join(subjects)
    if token and len(subjects) > 1:
        subject = subjects[-1]  # one token, once: the English form is what both languages read
    return NoticeText(subject, "\n\n".join(bodies))


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
    text = notice_text(group, coordinator, kind, header_text(to.name), token)
    headers = HeaderWriter()
    headers.addresses("From", [(account.display_name or group.name, coordinator)])
    headers.addresses("To", [(header_text(to.name), to.email)])
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
    answered = kind in (NoticeKind.REJECTED,)
    headers.ascii("Auto-Submitted", "auto-replied" if answered else "auto-generated")
    headers.ascii("Precedence", "list")
    smtputf8 = not (coordinator.isascii() and to.email.isascii())
    base = policy.SMTPUTF8 if smtputf8 else policy.SMTP
    message = EmailMessage(policy=base.clone(refold_source="none"))
    headers.apply(message)
    message.set_content(text.body, cte="quoted-printable")
    # After set_content, which clears the Content-* fields; a fixed ASCII value.
    message["Content-Language"] = {"en": "en", "cy": "cy", "both": "cy, en"}[group.language]
    mime = message.as_bytes()
    check_serialised(mime, message, headers.meant)
    return BuiltPost(
        message_key=message_id.strip("<>"),
        subject=subject,
        mime=mime,
        sender=coordinator,
        recipients=(Address(header_text(to.name), to.email),),
        mode=GroupMode.GROUP_ADDRESS,
        group_id=group.id,
        kind=PostKind.REPLY if kind is NoticeKind.REJECTED else PostKind.NOTICE,
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
