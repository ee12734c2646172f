"""Messages from the coordinator to one person, outside the group: a private reply to a
post's sender, and a post forwarded to someone. Each goes through the outbox as a
one-recipient post of kind 'reply' (as the answer to a rejected post does), so it is paced,
sent exactly once and survives a crash like any post; no list headers, no footer."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import TYPE_CHECKING

from pont.core.archive.message_headers import Address
from pont.core.i18n import translate
from pont.core.members.addresses import checked_address
from pont.core.members.groups import GroupMode
from pont.core.posting.headers import (
    HeaderWriter,
    check_serialised,
    header_text,
    name_text,
)
from pont.core.posting.posts import (
    BuiltPost,
    PostKind,
    PostNotBuilt,
    attachment_limit_bytes,
    content_type_for,
    encoded_size,
    label_attachments,
    message_id_domain,
    tagged_subject,
    text_charset,
    text_transfer_encoding,
    write_reply_headers,
)
from pont.core.sizes import human_size

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.mail.accounts import Account

_FORWARDED = re.compile(r"(?:fwd?|wg|tr|i)\s*:", re.IGNORECASE)
_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}")


@dataclass(frozen=True, slots=True)
class CarriedFile:
    """A file the message carries from an archived one (a forward keeps its attachments)."""

    filename: str
    content_type: str  # as the original said; anything that is no MIME type is guessed again
    data: bytes


@dataclass(frozen=True, slots=True)
class DirectContent:
    to: str  # the address, as typed or as the original's sender; checked when built
    to_name: str
    subject: str
    body_text: str
    in_reply_to: str = ""  # message key (no <>) of the message answered
    references: tuple[str, ...] = ()  # message keys, oldest first
    files: tuple[CarriedFile, ...] = ()


def reply_subject(subject: str) -> str:
    """ "Re: Topic", with one "Re:" however many markers the subject had."""
    return tagged_subject(subject, "", reply=True)


def forward_subject(subject: str) -> str:
    """ "Fwd: Topic", not "Fwd: Fwd: Topic"."""
    text = header_text(subject)
    return text if _FORWARDED.match(text) else f"Fwd: {text}".rstrip()


def _file_type(file: CarriedFile) -> tuple[str, str]:
    """The part's type and charset: the original's type when it is one, else a guess from
    the name; text only with a charset it can be read in."""
    kind = file.content_type.strip().lower()
    if not _TYPE.fullmatch(kind) or kind.startswith(("multipart/", "message/")):
        maintype, subtype = content_type_for(file.filename)
        kind = f"{maintype}/{subtype}"
    if kind.startswith("text/"):
        charset = text_charset(file.data)
        if charset is None:
            return "application/octet-stream", ""
        return kind, charset
    return kind, ""


def build_direct(
    group_id: int,
    account: Account,
    content: DirectContent,
    now: datetime | None = None,
) -> BuiltPost:
    """The message to one person, ready for the outbox. PostNotBuilt says what to change
    (the address, an empty subject or text, files too large); every header is written by
    HeaderWriter and read back (check_serialised)."""
    moment = now or datetime.now(UTC)
    to = checked_address(content.to)  # InvalidAddress says why, in Pont's words
    subject = header_text(content.subject)
    if not subject:
        raise PostNotBuilt(translate("Direct", "The message needs a subject."))
    body = content.body_text.strip("\n")
    if not body.strip() and not content.files:
        raise PostNotBuilt(translate("Direct", "The message is empty: write something first."))
    limit = attachment_limit_bytes(account)
    if encoded_size(*(len(f.data) for f in content.files)) > limit:
        total = sum(len(f.data) for f in content.files)
        raise PostNotBuilt(
            translate(
                "Direct",
                "The attachments come to {total}, more than the {limit} a message can carry "
                "once email has made them about a third larger.",
            ).format(total=human_size(total), limit=human_size(limit))
        )
    coordinator = account.email.strip()
    recipient = Address(name_text(content.to_name), to)
    headers = HeaderWriter()
    headers.addresses("From", [(account.display_name, coordinator)])
    headers.addresses("To", [(recipient.name, recipient.email)])
    subject = headers.text("Subject", subject)
    headers.ascii("Date", format_datetime(moment))
    message_id = make_msgid(domain=message_id_domain(coordinator))
    headers.ascii("Message-ID", message_id)
    write_reply_headers(headers, content.in_reply_to, content.references)
    smtputf8 = not (coordinator.isascii() and to.isascii())
    base = policy.SMTPUTF8 if smtputf8 else policy.SMTP
    message = EmailMessage(policy=base.clone(refold_source="none"))
    headers.apply(message)
    text = f"{body.rstrip()}\n"
    message.set_content(text, cte=text_transfer_encoding(text))
    names = [header_text(f.filename) or "attachment" for f in content.files]
    kinds = [_file_type(f) for f in content.files]
    for file in content.files:
        message.add_attachment(file.data, "application", "octet-stream", disposition="attachment")
    label_attachments(message, names, kinds)
    mime = message.as_bytes()
    check_serialised(mime, message, headers.meant, names)
    return BuiltPost(
        message_key=message_id.strip("<>"),
        subject=subject,
        mime=mime,
        sender=coordinator,
        recipients=(recipient,),
        mode=GroupMode.GROUP_ADDRESS,  # one recipient: one batch of one, never copy-all
        group_id=group_id,
        kind=PostKind.REPLY,
    )


def queue_direct(
    db: Database,
    group_id: int,
    account: Account,
    content: DirectContent,
    now: datetime | None = None,
) -> int:
    """Build the message and put it in the outbox; its post id."""
    from pont.core.posting.outbox.outbox import queue_post

    return queue_post(db, build_direct(group_id, account, content, now), account, now)


def carried_files(db: Database, attachment_ids: Sequence[int]) -> tuple[CarriedFile, ...]:
    """Archived attachments as files to carry (a forward's), in the order given."""
    from pont.core.archive.reading import attachment_data

    files = []
    for attachment_id in attachment_ids:
        row = db.execute(
            "SELECT content_type FROM attachments WHERE id = ?", [attachment_id]
        ).fetchone()
        filename, data = attachment_data(db, attachment_id)
        files.append(CarriedFile(filename, row[0] if row else "", data))
    return tuple(files)
