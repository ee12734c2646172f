"""Finding the Sent folder among the folders an IMAP server lists."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from imapclient import IMAPClient  # type: ignore[import-untyped]

# Where providers keep sent mail when the server does not flag it \Sent (RFC 6154).
SENT_FOLDER_NAMES = (
    "Sent",
    "Sent Items",
    "Sent Messages",
    "[Gmail]/Sent Mail",
    "INBOX.Sent",
    "INBOX/Sent",
)

# A (flags, delimiter, name) row of imapclient's list_folders().
FolderListing = Sequence[tuple[Sequence[bytes], Any, str]]


def find_sent_folder(listing: FolderListing) -> str | None:
    """The Sent folder: the one flagged \\Sent, else the first of the usual names found."""
    usable = [
        (flags, name)
        for flags, _, name in listing
        if not {flag.lower() for flag in flags} & {b"\\noselect", b"\\nonexistent"}
    ]
    for flags, name in usable:
        if any(flag.lower() == b"\\sent" for flag in flags):
            return name
    by_name = {name.casefold(): name for _, name in usable}
    for candidate in SENT_FOLDER_NAMES:
        if candidate.casefold() in by_name:
            return by_name[candidate.casefold()]
    return None


def locate_sent_folder(client: IMAPClient) -> str | None:
    """The Sent folder on the server: from the plain LIST, else from a LIST that asks for
    the special-use flags, for servers that flag \\Sent only then."""
    sent = find_sent_folder(client.list_folders())
    if sent is None and client.has_capability("SPECIAL-USE"):
        sent = find_sent_folder(special_use_listing(client))
    return sent


def special_use_listing(client: IMAPClient) -> FolderListing:
    """LIST "" "*" RETURN (SPECIAL-USE): for servers that flag special folders only when
    asked (RFC 6154 §2). imapclient has no call for the extended LIST, hence its internals."""
    typ, data = client._imap._simple_command("LIST", '""', '"*"', "RETURN", "(SPECIAL-USE)")
    client._checkok("list", typ, data)
    typ, data = client._imap._untagged_response(typ, data, "LIST")
    listing: FolderListing = client._proc_folder_list(data)
    return listing
