"""Finding a conversation anywhere in the coordinator's mailbox by words of its subject, for
starting a group from it (issue 15, item 14): every folder but Trash, Junk and Drafts over
IMAP (SEARCH SUBJECT, then only the address and threading headers), or Microsoft Graph's
$search. Nothing is stored and nothing is marked as read. The hits are grouped into
conversations by References, In-Reply-To (or Graph's conversation id) and the subject without
its Re:/[Tag] prefixes, in found_conversations, which also names each one's people. At most
MAX_MESSAGES messages are read, the newest, and the result says so."""

from __future__ import annotations

import imaplib
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from typing import TYPE_CHECKING, Any

from pont.core.archive.found_conversations import (
    UNSAFE_CHARACTERS,
    Conversation,
    FoundMessage,
    group_conversations,
    subject_matches,
)
from pont.core.archive.message_headers import Address, parse_date, parse_headers
from pont.core.archive.sync_connection import CONNECTION_ERRORS, asking
from pont.core.errors import ConnectionLost, PontError
from pont.core.i18n import translate
from pont.core.mail.accounts import ReadRoute
from pont.core.mail.sent_folder import special_use_listing

if TYPE_CHECKING:
    from imapclient import IMAPClient  # type: ignore[import-untyped]

    from pont.core.mail.accounts import Account
    from pont.core.mail.graph.client import GraphClient

MAX_MESSAGES = 5_000  # messages whose headers one search reads at most (the newest)
MAX_WORDS = 10
MAX_WORD_LENGTH = 100
FETCH_CHUNK = 500  # UIDs per FETCH: well under Dovecot's 64 KB command line
MAX_LINKS = 50  # reply keys kept from one message's References

SEARCH_FIELDS = ("From", "To", "Cc", "Subject", "Date", "Message-ID", "In-Reply-To", "References")
_HEADER_ITEM = "BODY.PEEK[HEADER.FIELDS (" + " ".join(SEARCH_FIELDS).upper() + ")]"
_HEADER_KEY_PREFIX = b"BODY[HEADER.FIELDS"

# Folders that hold mail nobody means any more, drafts, or copies of every other folder.
_SKIPPED_USES = frozenset(
    {b"\\trash", b"\\junk", b"\\drafts", b"\\all", b"\\flagged", b"\\noselect", b"\\nonexistent"}
)
# The same, by the names servers without SPECIAL-USE give them (the last part of the path).
_SKIPPED_NAMES = frozenset(
    {
        "trash",
        "deleted items",
        "deleted messages",
        "bin",
        "junk",
        "junk e-mail",
        "junk email",
        "spam",
        "bulk mail",
        "drafts",
        "all mail",
        "starred",
        "sbwriel",  # Welsh clients' Trash
        "drafftiau",
    }
)
# Graph's well-known names of the folders left out.
GRAPH_SKIPPED_FOLDERS = ("deleteditems", "junkemail", "drafts")
GRAPH_PAGE_SIZE = 100


class NoSearchWords(PontError):
    def __init__(self) -> None:
        super().__init__(
            translate("MailboxSearch", "Type a word or two from the conversation’s subject.")
        )


class SearchStopped(PontError):
    def __init__(self) -> None:
        super().__init__(translate("MailboxSearch", "The search was stopped."))


@dataclass(frozen=True, slots=True)
class MailboxSearch:
    words: tuple[str, ...]
    conversations: tuple[Conversation, ...]  # the most recently active first
    matched: int | None  # messages the server found; None when it does not say (Graph)
    read: int  # messages whose headers were read (at most MAX_MESSAGES)
    folders: int  # folders searched
    capped: bool  # more matched than were read


Progress = Callable[[int, int], None]


def _nothing(_done: int, _total: int) -> None:
    pass


def search_words(text: str) -> tuple[str, ...]:
    """The words to look for: control characters (a pasted CR/LF included) dropped, each
    word capped, duplicates once. NoSearchWords when none is left."""
    words = UNSAFE_CHARACTERS.sub(" ", text).split()
    unique = dict.fromkeys(word[:MAX_WORD_LENGTH] for word in words)
    if not unique:
        raise NoSearchWords()
    return tuple(unique)[:MAX_WORDS]


# -- IMAP ----------------------------------------------------------------------------------


def searched_folders(client: IMAPClient) -> list[str]:
    """Every selectable folder but Trash, Junk and Drafts (by their special-use flags where
    the server gives them, else by name), INBOX and Sent first; or the \\All folder alone
    where there is one."""
    listing = (
        special_use_listing(client)
        if client.has_capability("SPECIAL-USE")
        else client.list_folders()
    )
    folders: list[str] = []
    for flags, _delimiter, name in listing:
        if not isinstance(name, str) or name in folders:
            continue
        uses = {bytes(flag).lower() for flag in flags}
        if b"\\all" in uses and not uses & {b"\\noselect", b"\\nonexistent"}:
            # Gmail's All Mail holds every message but Trash and Spam once, archived ones
            # too (found in no other folder): searching it alone reads each message once.
            return [name]
        if uses & _SKIPPED_USES:
            continue
        last = re.split(r"[/.]", name)[-1].casefold()
        if last in _SKIPPED_NAMES or name.casefold().endswith("[gmail]/all mail"):
            continue
        folders.append(name)
    return sorted(
        folders, key=lambda name: (name.upper() != "INBOX", "sent" not in name.casefold())
    )


def _subject_criteria(words: Sequence[str]) -> list[str]:
    criteria: list[str] = ["UNDRAFT"]  # drafts kept outside a Drafts folder (Gmail's All Mail)
    for word in words:
        criteria += ["SUBJECT", word]
    return criteria


def _search_folder(client: IMAPClient, words: Sequence[str]) -> list[int]:
    """UIDs of the selected folder's messages whose subject has every word. A server that
    refuses UTF-8 (BADCHARSET) is asked for the plain-ASCII words alone; the subjects are
    checked again once read."""
    charset = None if all(word.isascii() for word in words) else "UTF-8"
    try:
        return [int(uid) for uid in client.search(_subject_criteria(words), charset)]
    except imaplib.IMAP4.abort:
        raise
    except imaplib.IMAP4.error:
        ascii_words = [word for word in words if word.isascii()]
        if charset is None or not ascii_words:
            raise
        return [int(uid) for uid in client.search(_subject_criteria(ascii_words))]


def _fetch_headers(client: IMAPClient, uids: list[int]) -> list[bytes]:
    fetched = client.fetch(uids, [_HEADER_ITEM])
    blocks = []
    for uid in uids:
        item = fetched.get(uid) or {}
        block = next((v for k, v in item.items() if bytes(k).startswith(_HEADER_KEY_PREFIX)), None)
        if isinstance(block, bytes):
            blocks.append(block)
    return blocks


def _kept_links(in_reply_to: str, references: tuple[str, ...]) -> tuple[str, ...]:
    """The reply keys a conversation is joined by: the parent, the root and the nearest
    ancestors. A hostile References of 100,000 ids would otherwise cost that much per message."""
    if len(references) > MAX_LINKS:
        references = references[:1] + references[1 - MAX_LINKS :]
    return ((in_reply_to,) if in_reply_to else ()) + references


def found_from_header_block(block: bytes) -> FoundMessage:
    headers = parse_headers(block)
    links = _kept_links(headers.in_reply_to, headers.references)
    return FoundMessage(
        headers.message_key,
        headers.subject,
        headers.sender,
        headers.recipients,
        headers.sent,
        links,
    )


def search_imap(
    client: IMAPClient,
    words: Sequence[str],
    progress: Progress = _nothing,
    stop: threading.Event | None = None,
    limit: int = MAX_MESSAGES,
) -> MailboxSearch:
    """Search every folder worth searching; read the headers of at most `limit` of the
    messages found (a fair share of each folder's newest: fair_shares)."""
    host = str(getattr(client, "host", ""))
    with asking(host, translate("MailboxSearch", "list the mail folders")):
        folders = searched_folders(client)
    hits: list[tuple[str, list[int]]] = []
    for folder in folders:
        _check(stop)
        try:
            client.select_folder(folder, readonly=True)
        except imaplib.IMAP4.abort:
            raise
        except imaplib.IMAP4.error:
            continue  # gone since it was listed, or not selectable after all
        with asking(host, translate("MailboxSearch", "search {folder}").format(folder=folder)):
            hits.append((folder, sorted(_search_folder(client, words))))
    matched = sum(len(uids) for _, uids in hits)
    shares = fair_shares([len(uids) for _, uids in hits], limit)
    chosen = [
        (folder, uids[len(uids) - share :])
        for (folder, uids), share in zip(hits, shares, strict=True)
        if share
    ]
    total = sum(len(uids) for _, uids in chosen)
    progress(0, total)
    done = 0
    messages: list[FoundMessage] = []
    for folder, uids in chosen:
        with asking(host, translate("MailboxSearch", "open {folder}").format(folder=folder)):
            client.select_folder(folder, readonly=True)
        for start in range(0, len(uids), FETCH_CHUNK):
            _check(stop)
            chunk = uids[start : start + FETCH_CHUNK]
            with asking(
                host,
                translate("MailboxSearch", "send the headers in {folder}").format(folder=folder),
            ):
                blocks = _fetch_headers(client, chunk)
            messages += map(found_from_header_block, blocks)
            done += len(chunk)
            progress(done, total)
    return MailboxSearch(
        tuple(words),
        group_conversations(messages, words),
        matched,
        total,
        len(folders),
        capped=total < matched,
    )


def fair_shares(counts: Sequence[int], limit: int) -> list[int]:
    """How many of each folder's hits to read so that at most limit are read in all, each
    folder its fair part: a folder with fewer hits than its part leaves the rest to others
    (so INBOX cannot crowd out Sent)."""
    shares = [0] * len(counts)
    left = max(0, limit)
    order = sorted(range(len(counts)), key=lambda index: counts[index])
    for position, index in enumerate(order):
        share = min(counts[index], left // (len(order) - position))
        shares[index] = share
        left -= share
    return shares


def _check(stop: threading.Event | None) -> None:
    if stop is not None and stop.is_set():
        raise SearchStopped()


# -- Microsoft Graph -----------------------------------------------------------------------


def graph_query(words: Sequence[str]) -> str:
    """Graph's $search for subjects with every word (KQL inside double quotes: the quote
    and backslash cannot be part of a word there)."""
    terms = []
    for word in words:
        cleaned = word.replace('"', " ").replace("\\", " ").split()
        terms += [f"subject:{part}" for part in cleaned]
    return '"' + " AND ".join(terms) + '"'


def _graph_text(value: object, limit: int = 2000) -> str:
    return value[:limit] if isinstance(value, str) else ""


def _graph_address(value: object) -> Address | None:
    if not isinstance(value, dict):
        return None
    inner = value.get("emailAddress")
    if not isinstance(inner, dict):
        return None
    email = _graph_text(inner.get("address"), 320).strip()
    if not email:
        return None
    return Address(_graph_text(inner.get("name"), 500), email)


def _graph_addresses(value: object) -> tuple[Address, ...]:
    if not isinstance(value, list):
        return ()
    found = (_graph_address(item) for item in value[:2000])
    return tuple(address for address in found if address is not None)


def found_from_graph(item: dict[str, Any]) -> FoundMessage | None:
    """One message of Graph's answer, read as hostile: None when it has no usable id."""
    message_id = _graph_text(item.get("internetMessageId"), 1000).strip().strip("<>").strip()
    graph_id = _graph_text(item.get("id"), 1000)
    key = message_id or (f"graph-{graph_id}" if graph_id else "")
    if not key:
        return None
    conversation = _graph_text(item.get("conversationId"), 1000)
    return FoundMessage(
        key,
        " ".join(_graph_text(item.get("subject")).split()),
        _graph_address(item.get("from")),
        _graph_addresses(item.get("toRecipients")) + _graph_addresses(item.get("ccRecipients")),
        parse_date_iso(_graph_text(item.get("sentDateTime"), 100)),
        (f"graph-conversation:{conversation}",) if conversation else (),
    )


def parse_date_iso(value: str) -> datetime | None:
    """Graph's ISO 8601 time as aware UTC (through parse_date's sanity checks)."""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return parse_date(format_datetime(moment))


def search_graph(
    graph: GraphClient,
    words: Sequence[str],
    progress: Progress = _nothing,
    stop: threading.Event | None = None,
    limit: int = MAX_MESSAGES,
) -> MailboxSearch:
    """Graph's $search over the whole mailbox, without Deleted Items, Junk Email and drafts;
    at most `limit` messages are read (Graph gives the most relevant first)."""
    from pont.core.errors import GraphItemGone

    skipped: set[str] = set()
    for name in GRAPH_SKIPPED_FOLDERS:
        try:
            skipped.add(graph.folder_id(name))
        except GraphItemGone:
            continue  # a mailbox without that folder
    messages: list[FoundMessage] = []
    listed = 0
    capped = False
    for page in graph.search_messages(graph_query(words), page_size=GRAPH_PAGE_SIZE):
        _check(stop)
        for item in page:
            if listed >= limit:
                capped = True
                break
            listed += 1
            if item.get("isDraft") is True or item.get("parentFolderId") in skipped:
                continue
            found = found_from_graph(item)
            if found is not None and subject_matches(found.subject, words):
                messages.append(found)
        progress(listed, listed)
        if capped:
            break
    return MailboxSearch(
        tuple(words),
        group_conversations(messages, words),
        None if capped else listed,
        listed,
        1,
        capped=capped,
    )


def search_mailbox(
    account: Account,
    words: Sequence[str],
    connect: Callable[[], IMAPClient] | None = None,
    graph: Callable[[], GraphClient] | None = None,
    progress: Progress = _nothing,
    stop: threading.Event | None = None,
    limit: int = MAX_MESSAGES,
) -> MailboxSearch:
    """The account's mailbox searched the way it is read: Graph, else IMAP."""
    if account.reading is ReadRoute.GRAPH:
        if graph is None:
            raise TypeError("an account read through Microsoft Graph needs graph=")
        with graph() as client:
            return search_graph(client, words, progress, stop, limit)
    if connect is None:
        raise TypeError("an account read over IMAP needs connect")
    imap = connect()
    try:
        return search_imap(imap, words, progress, stop, limit)
    except CONNECTION_ERRORS as error:
        raise ConnectionLost(account.imap.host) from error
    finally:
        from pont.core.archive.sync_connection import close_client

        close_client(imap)
