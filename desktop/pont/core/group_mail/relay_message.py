"""The copy of a member's post that goes to the other members, made as Mailman 3 makes it
under DMARC mitigation (handlers/dmarc.py, cook_headers.py, decorate.py).

The author's domain may publish DMARC p=reject: a copy sent from the coordinator's mailbox
with the author in From would be refused by every receiver checking it. So From becomes
"Author via Group <group address>" (Mailman's munge_from), and the author goes in Reply-To,
so a private reply still reaches them, while To (and List-Post) hold the group's address, so
reply-all and list-reply reach the group. Message-ID, In-Reply-To and References are the
author's, so threads hold in everyone's mail program; Date too. The subject carries the
[Tag] once, the List-* headers are Pont's own, and the footer ends the text and HTML.

Nothing of the stranger's header block is copied through: each header is read, and the
values kept are written afresh by HeaderWriter and checked after serialisation. The body is
rebuilt the same way: the text, the HTML and each attachment's bytes are taken from the
author's MIME and put in a message Pont writes (so DKIM-Signature, Received, Return-Path,
Bcc and the rest are simply never there).
"""

from __future__ import annotations

import email.errors
import email.parser
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email import policy
from email.message import EmailMessage, Message
from email.utils import format_datetime
from typing import TYPE_CHECKING

from pont.core.archive.mail_decoding import decode_bytes
from pont.core.archive.message_headers import (
    Address,
    MessageHeaders,
    header_fields,
    parse_headers,
)
from pont.core.archive.messages import html_to_text
from pont.core.errors import PostHeadersUnsafe
from pont.core.members.addresses import address_key
from pont.core.members.groups import Group, GroupMode, group_address
from pont.core.members.members import Member, MemberStatus
from pont.core.posting.footer import leave_url, post_footer, with_html_footer
from pont.core.posting.headers import (
    HeaderWriter,
    addr_spec,
    attachment_disposition,
    check_serialised,
    header_text,
    name_text,
)
from pont.core.posting.posts import (
    MAX_REFERENCES,
    BuiltPost,
    PostKind,
    _list_headers,
    message_id_domain,
    tagged_subject,
    text_transfer_encoding,
    usable_message_ids,
)

if TYPE_CHECKING:
    from pont.core.mail.accounts import Account

_MIME_FIELDS = frozenset({b"content-type", b"content-transfer-encoding"})
_TOKEN = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]{0,62}")
_MAX_MIME_HEADER = 4_000  # a longer Content-Type is junk: the body is read as plain text
_MAX_COPIED = 50  # addresses kept from the author's To and Cc, for reply-all
_MAX_AUTHOR_NAME = 80  # of the "Author via Group" name, the author's part
_HEADER_END = re.compile(rb"\r?\n\r?\n")
# A Content-ID the HTML refers to (cid:...), kept only when plainly an id.
_CONTENT_ID = re.compile(r"[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.@]{1,200}")


@dataclass
class RelayBody:
    """What the author's MIME carries, read: the first text and HTML, and the rest as files."""

    text: str = ""
    html: str = ""
    files: list[tuple[str, str, str, bytes]] = field(default_factory=list)  # name, type, sub, data
    inline: list[tuple[str, str, str, bytes]] = field(default_factory=list)  # cid, type, sub, data


def _body_start(raw: bytes) -> int:
    end = _HEADER_END.search(raw)
    return end.end() if end else len(raw)


def _mime_top(raw: bytes) -> bytes:
    """A header block of the author's Content-Type and Content-Transfer-Encoding alone (each
    only if short and printable ASCII): the email package then never sees the rest of the
    author's header block, which may be 10,000 lines of anything."""
    fields = header_fields(raw, _MIME_FIELDS)
    lines = []
    for name, value in (
        (b"Content-Type", b"content-type"),
        (b"Content-Transfer-Encoding", b"content-transfer-encoding"),
    ):
        text = fields.get(value, b"")
        if text and len(text) < _MAX_MIME_HEADER and re.fullmatch(rb"[\x20-\x7e\t]*", text):
            lines.append(name + b": " + text)
    return b"\r\n".join(lines) + b"\r\n\r\n"


def _mime_type(part: Message) -> tuple[str, str]:
    maintype, _, subtype = part.get_content_type().partition("/")
    if _TOKEN.fullmatch(maintype) and _TOKEN.fullmatch(subtype):
        return maintype, subtype
    return "application", "octet-stream"


def _text_of(part: Message) -> str:
    data = part.get_payload(decode=True)
    if not isinstance(data, bytes):
        return ""
    return decode_bytes(data, part.get_content_charset(), guess=True)


def _file_name(part: Message, number: int, maintype: str, subtype: str) -> str:
    try:
        name = part.get_filename() or ""
    except Exception:  # a stranger's RFC 2231 parameters
        name = ""
    name = header_text(str(name))[:200].strip()
    if name:
        return name
    if maintype == "message":
        return f"message-{number}.eml"
    return f"attachment-{number}"


def _parts(top: Message) -> Iterator[Message]:
    """The leaf parts in document order, a forwarded message (message/*) as one part: never
    recursing, however deep a stranger nests them."""
    waiting = [top]
    while waiting:
        part = waiting.pop()
        payload = part.get_payload()
        if part.get_content_maintype() == "multipart" and isinstance(payload, list):
            waiting.extend(reversed([p for p in payload if isinstance(p, Message)]))
        else:
            yield part


def _message_bytes(part: Message) -> bytes:
    payload = part.get_payload()
    if isinstance(payload, list):
        inner = payload[0] if payload and isinstance(payload[0], Message) else None
        return inner.as_bytes() if inner is not None else b""
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""


def _content_id(part: Message) -> str:
    value = str(part.get("Content-ID", "")).strip()
    cid = value[1:-1] if value.startswith("<") and value.endswith(">") else value
    return cid if _CONTENT_ID.fullmatch(cid) and "=?" not in cid else ""


def read_body(raw: bytes) -> RelayBody:
    """The author's text, HTML, the HTML's inline images and the files. Never raises: MIME
    that cannot be read whole is relayed as far as it was read, or as plain text."""
    body = RelayBody()
    start = _body_start(raw)
    try:
        parsed = email.parser.BytesParser(policy=policy.compat32).parsebytes(
            _mime_top(raw) + raw[start:]
        )
        number = 0
        for part in _parts(parsed):
            maintype, subtype = _mime_type(part)
            disposition = str(part.get("Content-Disposition", "")).strip().lower()
            attached = disposition.startswith("attachment")
            if maintype == "text" and subtype == "plain" and not attached and not body.text:
                body.text = _text_of(part)
                continue
            if maintype == "text" and subtype == "html" and not attached and not body.html:
                body.html = _text_of(part)
                continue
            name = _file_name(part, number + 1, maintype, subtype)
            if maintype in ("message", "multipart"):
                # A forwarded message (or a part claiming to be multipart that is not):
                # passed on as a file, an .eml a mail program opens.
                data = _message_bytes(part)
                maintype, subtype = "application", "octet-stream"
            else:
                decoded = part.get_payload(decode=True)
                data = decoded if isinstance(decoded, bytes) else b""
            cid = _content_id(part)
            if cid and not attached and maintype == "image":
                body.inline.append((cid, maintype, subtype, data))
                continue
            number += 1
            body.files.append((name, maintype, subtype, data))
    except Exception:  # the email package meeting something nobody foresaw
        return RelayBody(text=decode_bytes(raw[start:], None, guess=True))
    if not body.html:  # images shown inside text only an HTML part can show: files then
        body.files += [
            (f"image-{n}.{sub}", main, sub, data)
            for n, (_, main, sub, data) in enumerate(body.inline, start=1)
        ]
        body.inline = []
    return body


def _via_name(author: Address, members: list[Member]) -> str:
    """The author's name as the group knows it (the coordinator's own list first, then the
    author's header, then the address's local part), for "Name via Group"."""
    key = address_key(author.email)
    member = next((m for m in members if address_key(m.email) == key), None)
    name = name_text(member.name if member and member.name else author.name)
    return name[:_MAX_AUTHOR_NAME].rstrip() or name_text(author.email.partition("@")[0])[:40]


def _writable(address: Address) -> bool:
    try:
        addr_spec(address.email, "To")
    except PostHeadersUnsafe:
        return False
    return "@" in address.email


def relay_key(headers: MessageHeaders, coordinator: str) -> str:
    """The relay's Message-ID (no <>): the author's, or, when theirs is missing or unusable,
    one made from what identifies the message, the same at every try."""
    kept = usable_message_ids((headers.message_key,)) if headers.has_message_id else []
    if kept:
        return kept[0]
    digest = hashlib.sha256(headers.message_key.encode("utf-8", "replace")).hexdigest()[:32]
    return f"relay-{digest}@{message_id_domain(coordinator)}"


def relay_recipients(
    members: list[Member], author: str, coordinator: str, addressed: tuple[Address, ...]
) -> tuple[Address, ...]:
    """Every active member but the author and the coordinator (whose mailbox holds the
    original), and but those the author wrote to directly (they have it: Mailman's
    avoid-duplicates), in the order the members are listed."""
    skipped = {address_key(author), address_key(coordinator)}
    skipped |= {address_key(a.email) for a in addressed}
    return tuple(
        Address(name_text(m.name), m.email)
        for m in members
        if m.status is MemberStatus.ACTIVE and address_key(m.email) not in skipped
    )


def build_relay(
    group: Group, members: list[Member], account: Account, raw: bytes, now: datetime
) -> BuiltPost:
    """The relayed copy of the author's message (raw), for the group's other active members.

    Raises PostHeadersUnsafe only if the message Pont wrote does not read back as meant."""
    coordinator = account.email.strip()
    sub_address = group_address(coordinator, group)
    headers = parse_headers(raw)
    author = headers.sender or Address("", "")
    group_key = address_key(sub_address)
    elsewhere = tuple(
        a
        for a in headers.recipients
        if address_key(a.email) not in (group_key, address_key(author.email))
    )
    copied = [a for a in elsewhere if _writable(a)][:_MAX_COPIED]

    writer = HeaderWriter()
    via = f"{_via_name(author, members)} via {name_text(group.name)}".strip()
    writer.addresses("From", [(via, sub_address)])
    if _writable(author):
        writer.addresses("Reply-To", [(name_text(author.name), author.email)])
    writer.addresses("To", [(group.name, sub_address)])
    if copied:
        writer.addresses("Cc", [(name_text(a.name), a.email) for a in copied])
    subject = writer.text("Subject", tagged_subject(headers.subject, group.tag))
    writer.ascii("Date", format_datetime(headers.sent or now))
    key = relay_key(headers, coordinator)
    writer.ascii("Message-ID", f"<{key}>")
    reply_ids = usable_message_ids((headers.in_reply_to,))
    if reply_ids:
        earlier = usable_message_ids(headers.references)
        refs = [k for k in earlier if k != reply_ids[0]] + reply_ids
        if len(refs) > MAX_REFERENCES:
            refs = [refs[0], *refs[-(MAX_REFERENCES - 1) :]]
        writer.ascii("In-Reply-To", f"<{reply_ids[0]}>")
        writer.ascii("References", " ".join(f"<{k}>" for k in refs))
    leave = leave_url(group, coordinator)
    _list_headers(writer, group, coordinator, sub_address, leave)

    emails = [sub_address, coordinator, author.email, *(a.email for a in copied)]
    base = policy.SMTP if all(e.isascii() for e in emails) else policy.SMTPUTF8
    message = EmailMessage(policy=base.clone(refold_source="none"))
    writer.apply(message)

    body = read_body(raw)
    active = [m for m in members if m.status is MemberStatus.ACTIVE]
    footer = post_footer(group, active, coordinator, leave)
    text = body.text.rstrip() if body.text.strip() else ""
    if not text and body.html:
        text = html_to_text(body.html).rstrip()
    text = f"{text}\n\n-- \n{footer.text()}\n".lstrip("\n")
    message.set_content(text, cte=text_transfer_encoding(text))
    if body.html.strip():
        markup = with_html_footer(body.html, footer.html())
        message.add_alternative(markup, subtype="html", cte=text_transfer_encoding(markup))
        html_part = message.get_body(("html",))
        if html_part is not None:
            for cid, maintype, subtype, data in body.inline:
                html_part.add_related(data, maintype, subtype, cid=f"<{cid}>", disposition="inline")
    for _, maintype, subtype, data in body.files:
        message.add_attachment(data, maintype, subtype, disposition="attachment")
    names = [name for name, *_ in body.files]
    for name, part in zip(names, message.iter_attachments(), strict=True):
        del part["Content-Disposition"]
        part.set_raw("Content-Disposition", attachment_disposition(name))
    for part in message.walk():
        if part is not message:
            del part["MIME-Version"]
    try:
        mime = message.as_bytes()
    except getattr(email.errors, "HeaderWriteError", PostHeadersUnsafe) as error:
        raise PostHeadersUnsafe() from error
    check_serialised(mime, message, writer.meant, names)
    return BuiltPost(
        message_key=key,
        subject=subject,
        mime=mime,
        sender=coordinator,
        recipients=relay_recipients(members, author.email, coordinator, headers.recipients),
        mode=GroupMode.GROUP_ADDRESS,
        group_id=group.id,
        kind=PostKind.RELAY,
    )
