"""Group posts: the tagged subject, the group address, the list headers, and the message
itself (its header lines written by headers, its footer by footer)."""

from __future__ import annotations

import codecs
import email.errors
import mimetypes
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from pont.core.archive.message_headers import Address
from pont.core.archive.messages import html_to_text
from pont.core.errors import ImportFileError, PontError, PostHeadersUnsafe
from pont.core.i18n import translate
from pont.core.members.groups import Group, GroupMode, get_group, group_address
from pont.core.members.importers.decoding import decode_lines, refuse_control_characters
from pont.core.members.members import MemberStatus, list_members
from pont.core.posting.footer import leave_url, mailto, post_footer, with_html_footer
from pont.core.posting.headers import (
    HeaderWriter,
    attachment_content_type,
    attachment_disposition,
    check_serialised,
    header_text,
)
from pont.core.sizes import human_size

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlite_utils import Database

    from pont.core.mail.accounts import Account

__all__ = [
    "BuiltPost",
    "GroupMode",
    "PostContent",
    "attachment_limit_bytes",
    "build_post",
    "content_language",
    "encoded_size",
    "text_charset",
    "PostKind",
    "recipients_limit",
    "tagged_subject",
]

# What providers accept in one message when the provider table says nothing (Gmail's and
# Yahoo's published limit; Microsoft's are larger).
DEFAULT_ATTACHMENT_LIMIT = 25_000_000  # providers say "25 MB" and mean decimal megabytes
# A subject is cut at this many characters (mail programs show far fewer).
MAX_SUBJECT = 1_000
# References keeps the thread's first message and the latest ones (as mail programs do), so a
# long conversation does not grow the header without bound.
MAX_REFERENCES = 20
_MAX_ID_LENGTH = 250  # RFC 5322 lines stop at 998 octets; an id longer than this is junk

# Reply and forward markers mail programs put before a subject, in several languages:
# Re, AW (German), SV (Scandinavian), Antw (Dutch), VS (Finnish), Fwd/Fw, WG (German).
_REPLY_WORDS = ("re", "aw", "sv", "antw", "vs")
_PREFIX = re.compile(
    r"(?P<word>re|aw|sv|antw|vs|fwd|fw|wg)\s*(?:\[\d+\]|\(\d+\))?\s*:\s*", re.IGNORECASE
)
_HOST_NAME = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*")
_COMPRESSED = {"gzip": "application/gzip", "bzip2": "application/x-bzip2", "xz": "application/x-xz"}


# What the email package raises for a header with a line break in it, where it does (Python
# 3.11.10, 3.12.5 and later, and distributions' patched builds), and the header so smuggled.
_REFUSED_BY_EMAIL: tuple[type[Exception], ...] = tuple(
    error for error in [getattr(email.errors, "HeaderWriteError", None)] if error is not None
)
_SMUGGLED = re.compile(r"\\r\\n([!-9;-~]+):")


class PostNotBuilt(PontError):
    """The post cannot be made as it stands; the sentence says what to change."""


@dataclass(frozen=True, slots=True)
class PostContent:
    subject: str
    body_text: str  # the plain-text part, readable alone; '' = made from body_html
    body_html: str = ""  # '' = plain text only; else the text and HTML as alternatives
    attachments: tuple[Path, ...] = ()
    in_reply_to: str = ""  # message key (no <>) of the message replied to
    references: tuple[str, ...] = ()  # message keys, oldest first
    # Content-Language (RFC 3282): "en", "cy", "cy, en" (content_language(group.language));
    # '' = not known, and no header. Anything that is not a list of language tags is left out.
    language: str = ""


class PostKind(StrEnum):
    """What the outbox holds (posts.kind)."""

    POST = "post"  # the coordinator's post to the group
    RELAY = "relay"  # a member's post to the group address, passed on to the others
    NOTICE = "notice"  # welcome, goodbye, a confirmation or consent request: to one person
    REPLY = "reply"  # the answer to a sender whose post was rejected


@dataclass(frozen=True, slots=True)
class BuiltPost:
    message_key: str  # Message-ID without <>, on the coordinator's domain
    subject: str  # tagged once
    mime: bytes  # the whole message, CRLF line ends, no Bcc header
    sender: str  # envelope sender: the coordinator's address
    recipients: tuple[Address, ...]  # who must receive it: active members only
    mode: GroupMode
    group_id: int
    kind: PostKind = PostKind.POST

    @property
    def needs_smtputf8(self) -> bool:
        """An address that cannot be written in ASCII: the server must offer SMTPUTF8."""
        return not self.sender.isascii() or any(not r.email.isascii() for r in self.recipients)


# --- subject -------------------------------------------------------------------------------


def tagged_subject(subject: str, tag: str, *, reply: bool = False) -> str:
    """ "[Tag] Topic", or "Re: [Tag] Topic" for a reply: the tag exactly once, one "Re:".

    Every [Tag] already in the subject goes (in any case, anywhere), and so does the stack of
    Re:/AW:/SV:/Fwd: markers in front; "Re: " comes back once, before the tag, if any of them
    meant a reply. Before the tag, as members' own mail programs write it when they reply to
    "[Tag] Topic": Gmail and Outlook group a conversation by its subject less a leading "Re:",
    so "[Tag] Re: Topic" (Mailman 3's order) split off from "[Tag] Topic" and the members'
    replies. Filing finds the tag anywhere in a subject (archive/filing).
    """
    tag = header_text(tag[:MAX_SUBJECT])
    # A stranger's subject can be megabytes: past MAX_SUBJECT it is cut, which also keeps
    # the tag and prefix loops below (and the header's check) short.
    text = header_text(subject[:MAX_SUBJECT])
    if tag:
        marker = re.compile(re.escape(f"[{tag}]"), re.IGNORECASE)
        # Removing one tag can join the pieces of another ("[We[Wellbeing]llbeing]").
        while True:
            cleaned = header_text(marker.sub(" ", text))
            if cleaned == text:
                break
            text = cleaned
    while match := _PREFIX.match(text):
        reply = reply or match["word"].casefold() in _REPLY_WORDS
        text = text[match.end() :].lstrip()
    parts = ["Re:" if reply else "", f"[{tag}]" if tag else "", text]
    return " ".join(part for part in parts if part)


# --- language ------------------------------------------------------------------------------

# RFC 5646 language tags as Content-Language lists them (RFC 3282): "en", "cy", "en-GB".
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,4}")
_MAX_LANGUAGES = 8


def content_language(group_language: str) -> str:
    """What Content-Language says of a post in a group whose notices are in this language
    (Group.language): "en", "cy", or for a bilingual group "cy, en" (Welsh first, as its
    notices are written); '' for anything else."""
    return {"en": "en", "cy": "cy", "both": "cy, en"}.get(str(group_language), "")


def _language_header(language: str) -> str:
    """The Content-Language value for PostContent.language: the tags, ", "-separated, or ''
    when it is not a short list of language tags (the header is then left out)."""
    tags = [tag.strip() for tag in language.split(",", _MAX_LANGUAGES)]
    if not language.strip() or len(tags) > _MAX_LANGUAGES:
        return ""
    if not all(_LANGUAGE_TAG.fullmatch(tag) for tag in tags):
        return ""
    return ", ".join(tags)


# --- addresses -----------------------------------------------------------------------------


def message_id_domain(email: str) -> str:
    """The host name in Message-IDs for mail from email: its domain in ASCII (IDNA), or
    pont.invalid when that is no usable host name."""
    domain = email.rpartition("@")[2].strip().rstrip(".")
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return "pont.invalid"
    return ascii_domain if _HOST_NAME.fullmatch(ascii_domain) else "pont.invalid"


# --- limits --------------------------------------------------------------------------------


def recipients_limit(account: Account) -> int:
    """Recipients the account's provider takes in one message: the provider table's figure,
    else 100, the least every server must accept (RFC 5321)."""
    from pont.core.mail.providers import DEFAULT_RECIPIENTS_PER_MESSAGE, provider_for_settings

    provider = provider_for_settings(account)
    return provider.recipients_per_message if provider else DEFAULT_RECIPIENTS_PER_MESSAGE


def attachment_limit_bytes(account: Account) -> int:
    """The largest total of attachments to send through this account, measured as sent
    (base64: see encoded_size).

    The provider table publishes no size limits, and 25 MB is the smallest of the common
    providers' (Gmail, Yahoo), so it holds for every account until the table says more.
    """
    return DEFAULT_ATTACHMENT_LIMIT


# The email package writes an attachment in base64 lines of 76 characters, 57 bytes of the
# file each (its max_line_length of 78, rounded down to whole groups of 4), ended by CRLF.
_BASE64_LINE_BYTES = 57


def encoded_size(*sizes: int) -> int:
    """How many bytes files of these sizes take in the message, exactly: base64 writes 4
    characters for every 3 bytes (the last group padded), and each line of 76 has a CRLF. A
    22 MB file passed a check of the file sizes against 25 MB and was about 30 MB sent."""
    return sum(4 * -(-size // 3) + 2 * -(-size // _BASE64_LINE_BYTES) for size in sizes)


# --- the message ---------------------------------------------------------------------------


def usable_message_ids(keys: Sequence[str]) -> list[str]:
    """Message keys fit to write in In-Reply-To/References, each once, order kept."""
    seen: set[str] = set()
    ids = []
    for key in keys:
        key = key.strip().strip("<>").strip()
        usable = key and key.isascii() and key.isprintable() and len(key) <= _MAX_ID_LENGTH
        # "=?" could be read as an encoded word by a lax reader: such an id is left out.
        if usable and not re.search(r"[\s<>]|=\?", key) and key not in seen:
            seen.add(key)
            ids.append(key)
    return ids


def text_transfer_encoding(text: str) -> str | None:
    """Quoted-printable for text that is not short-lined ASCII: it passes every server,
    unlike 8bit, and keeps lines short; None lets plain ASCII go as 7bit."""
    if text.isascii() and all(len(line) <= 78 for line in text.splitlines()):
        return None
    return "quoted-printable"


def _attachment_name(path: Path) -> str:
    return header_text(path.name) or "attachment"


def content_type_for(name: str) -> tuple[str, str]:
    """The MIME type (main type, subtype) a file's name suggests; octet-stream if none."""
    guessed, encoding = mimetypes.guess_type(name, strict=False)
    if encoding is not None:  # "report.csv.gz" is gzip data, not CSV
        guessed = _COMPRESSED.get(encoding)
    maintype, _, subtype = (guessed or "application/octet-stream").partition("/")
    return maintype, subtype


# Python's names for the encodings decoding.decode_lines finds, as MIME names them (IANA).
_MIME_CHARSETS = {
    "utf-8": "utf-8",
    "utf-8-sig": "utf-8",  # the BOM stays in the file; readers skip it
    "utf-16": "utf-16",  # with its BOM (RFC 2781)
    "utf-16-le": "utf-16le",
    "utf-16-be": "utf-16be",
    "utf-32": "utf-32",
    "mac-roman": "macintosh",
    "koi8-r": "koi8-r",
    "koi8-u": "koi8-u",
    "cp866": "ibm866",
    "cp874": "windows-874",
    "big5": "big5",
    "gb2312": "gb2312",
    "gbk": "gbk",
    "gb18030": "gb18030",
    "shift_jis": "shift_jis",
    "euc_jp": "euc-jp",
    "euc_kr": "euc-kr",
    "iso2022_jp": "iso-2022-jp",
}
_WINDOWS = re.compile(r"cp(125[0-8])")
_ISO_8859 = re.compile(r"iso8859-([0-9]{1,2})")


def _mime_charset(encoding: str) -> str | None:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return None
    if match := _WINDOWS.fullmatch(name):
        return f"windows-{match[1]}"
    if match := _ISO_8859.fullmatch(name):
        return f"iso-8859-{match[1]}"
    return _MIME_CHARSETS.get(name)


def text_charset(data: bytes) -> str | None:
    """The charset a text file is in, by its MIME name: RFC 2046 4.1.2 reads a text part
    without one as US-ASCII, so a UTF-8 CSV arrived with its accented letters garbled. None
    when the bytes are not text (NUL, control characters) or in a charset MIME has no name for.

    US-ASCII when every byte is (the RFC's "lowest common denominator"); else, as the
    members import reads a file: a BOM, UTF-16 without one, UTF-8 (also for a UTF-8 file with
    a few lines pasted in from an older one: most of it is UTF-8), else a careful guess,
    Windows-1252 unless the letters say otherwise. The guess is labelled rather than the file
    sent as application/octet-stream: a wrong guess garbles only the preview of a file Pont
    could not have labelled better, while octet-stream would show no text at all."""
    try:
        decoded = decode_lines(data)
        # A few bytes of binary can read as UTF-16 (a zero in every other byte): the text
        # must hold no more control characters than text does.
        refuse_control_characters(decoded.text)
    except ImportFileError:
        return None
    encoding = decoded.encoding
    if not encoding.startswith(("utf-16", "utf-32")) and data.isascii():
        return "us-ascii"
    return _mime_charset(encoding)


def _read_attachments(paths: tuple[Path, ...], limit: int) -> list[tuple[str, bytes]]:
    files = []
    for path in paths:
        try:
            files.append((_attachment_name(path), path.read_bytes()))
        except OSError as error:
            raise PostNotBuilt(
                translate("Posts", "Could not read the attachment {path}: {reason}.").format(
                    path=str(path), reason=error.strerror or str(error)
                )
            ) from error
    if encoded_size(*(len(data) for _, data in files)) > limit:
        total = sum(len(data) for _, data in files)
        raise PostNotBuilt(
            translate(
                "Posts",
                "The attachments come to {total}. Email makes files about a third larger, so "
                "they would be more than the {limit} a message can carry. Share large files "
                "by a link instead.",
            ).format(total=human_size(total), limit=human_size(limit))
        )
    return files


def _list_headers(
    headers: HeaderWriter, group: Group, coordinator: str, sub_address: str, leave_url: str
) -> None:
    """RFC 2919 and 2369 headers, and what keeps auto-replies away from the group."""
    headers.named_id("List-Id", group.name, group.list_id)
    if group.mode is GroupMode.GROUP_ADDRESS:
        headers.ascii("List-Post", f"<mailto:{quote(sub_address, safe='@+')}>")
    else:
        # Copy-everyone-in has no address that reaches the group: members reply to all.
        # RFC 2369's NO says so, and keeps "Reply to list" from going to the coordinator alone.
        headers.ascii("List-Post", "NO (reply to all to write to the group)")
    headers.ascii("List-Help", f"<{mailto(coordinator, 'Help')}>")
    headers.ascii("List-Unsubscribe", f"<{leave_url}>")
    headers.ascii("Precedence", "list")
    # Exchange and Outlook ignore Precedence; this keeps their out-of-office replies away.
    headers.ascii("X-Auto-Response-Suppress", "OOF, AutoReply")


def label_attachments(
    message: EmailMessage, names: Sequence[str], kinds: Sequence[tuple[str, str]]
) -> None:
    """Write each attachment's headers afresh, in order: its type (with charset) and name
    the safe way (headers.attachment_content_type/_disposition, name= beside filename*),
    keeping the encoding the email package chose; and MIME-Version on the message alone
    (the email package adds one to some parts; it belongs on top)."""
    for name, (kind, charset), part in zip(names, kinds, message.iter_attachments(), strict=True):
        encoding = str(part["Content-Transfer-Encoding"])
        for field in ("Content-Type", "Content-Transfer-Encoding", "Content-Disposition"):
            del part[field]
        part.set_raw("Content-Type", attachment_content_type(kind, name, charset))
        part.set_raw("Content-Transfer-Encoding", encoding)
        part.set_raw("Content-Disposition", attachment_disposition(name))
    for part in message.walk():
        if part is not message:
            del part["MIME-Version"]


def write_reply_headers(headers: HeaderWriter, in_reply_to: str, references: Sequence[str]) -> None:
    """In-Reply-To and References for a reply (nothing when in_reply_to holds no message
    key): the message replied to comes last, whatever order the keys came in, and a long
    chain keeps its first and latest keys (MAX_REFERENCES)."""
    reply_ids = usable_message_ids((in_reply_to,))
    if not reply_ids:
        return
    earlier = usable_message_ids(references)
    refs = [key for key in earlier if key != reply_ids[0]] + reply_ids
    if len(refs) > MAX_REFERENCES:
        refs = [refs[0], *refs[-(MAX_REFERENCES - 1) :]]
    headers.ascii("In-Reply-To", f"<{reply_ids[0]}>")
    headers.ascii("References", " ".join(f"<{key}>" for key in refs))


def build_post(
    db: Database,
    group_id: int,
    account: Account,
    content: PostContent,
    now: datetime | None = None,
) -> BuiltPost:
    """The post as it will go to the group's active members, ready for the outbox.

    Every header is written by HeaderWriter (core/posting/headers), so no name, subject or
    file name can start a header of its own or read as another; the serialised message is
    read back and must hold exactly those headers, else PostHeadersUnsafe.
    """
    group = get_group(db, group_id)
    moment = now or datetime.now(UTC)
    if moment.tzinfo is None:
        raise ValueError("build_post needs an aware datetime")
    topic = header_text(content.subject)
    if not topic:
        raise PostNotBuilt(
            translate("Posts", "A post needs a subject, so people can find it again.")
        )
    body_text = content.body_text.strip("\n") or html_to_text(content.body_html)
    if not body_text.strip() and not content.attachments:
        raise PostNotBuilt(
            translate("Posts", "The post is empty: write something or attach a file.")
        )
    members = sorted(
        (m for m in list_members(db, group_id) if m.status is MemberStatus.ACTIVE),
        key=lambda m: (m.name or m.email).casefold(),
    )
    if not members:
        raise PostNotBuilt(
            translate("Posts", "{group} has no active members to send the post to.").format(
                group=group.name
            )
        )
    attachments = _read_attachments(content.attachments, attachment_limit_bytes(account))

    coordinator = account.email.strip()
    reply_ids = usable_message_ids((content.in_reply_to,))
    subject = tagged_subject(topic, group.tag, reply=bool(reply_ids))
    recipients = tuple(Address(header_text(m.name), m.email) for m in members)
    sub_address = group_address(coordinator, group)
    to = (
        [(r.name, r.email) for r in recipients]
        if group.mode is GroupMode.COPY_ALL
        else [(group.name, sub_address)]
    )
    headers = HeaderWriter()
    headers.addresses("From", [(account.display_name, coordinator)])
    headers.addresses("To", to)
    if group.mode is GroupMode.GROUP_ADDRESS:
        headers.addresses("Reply-To", [(group.name, sub_address)])
    subject = headers.text("Subject", subject)
    headers.ascii("Date", format_datetime(moment))
    message_id = make_msgid(domain=message_id_domain(coordinator))
    headers.ascii("Message-ID", message_id)
    write_reply_headers(headers, content.in_reply_to, content.references)
    leave = leave_url(group, coordinator)
    _list_headers(headers, group, coordinator, sub_address, leave)

    header_emails = [coordinator, *(email for _, email in to)]
    # RFC 6532 headers only when an address needs them: everything else stays 7-bit ASCII.
    base = policy.SMTPUTF8 if not all(e.isascii() for e in header_emails) else policy.SMTP
    # Every header is written finished by HeaderWriter; "none" keeps the email package from
    # folding or re-encoding them (it would decode encoded words in them first).
    message = EmailMessage(policy=base.clone(refold_source="none"))
    headers.apply(message)
    footer = post_footer(group, members, coordinator, leave)
    text = f"{body_text.rstrip()}\n\n-- \n{footer.text()}\n".lstrip("\n")
    message.set_content(text, cte=text_transfer_encoding(text))
    if content.body_html.strip():
        markup = with_html_footer(content.body_html, footer.html())
        message.add_alternative(markup, subtype="html", cte=text_transfer_encoding(markup))
    kinds = []
    for name, data in attachments:
        maintype, subtype = content_type_for(name)
        charset = text_charset(data) if maintype == "text" else None
        if maintype == "text" and charset is None:  # not text after all: no reader renders it
            maintype, subtype = "application", "octet-stream"
        kinds.append((f"{maintype}/{subtype}", charset or ""))
        message.add_attachment(data, maintype, subtype, disposition="attachment")
    label_attachments(message, [name for name, _ in attachments], kinds)
    meant = list(headers.meant)
    if language := _language_header(content.language):
        # Last, on the message as a whole: set_content and the parts added after it move or
        # clear the Content-* fields of what was the top.
        late = HeaderWriter()
        late.ascii("Content-Language", language)
        late.apply(message)
        meant += late.meant
    try:
        mime = message.as_bytes()
    except _REFUSED_BY_EMAIL as error:
        # Pythons with the CVE-2024-6923 fix refuse a header holding a line break themselves.
        smuggled = _SMUGGLED.search(str(error))
        raise PostHeadersUnsafe(smuggled[1] if smuggled else "") from None
    check_serialised(mime, message, meant, [name for name, _ in attachments])
    return BuiltPost(
        message_key=message_id.strip("<>"),
        subject=subject,
        mime=mime,
        sender=coordinator,
        recipients=recipients,
        mode=group.mode,
        group_id=group.id,
    )
