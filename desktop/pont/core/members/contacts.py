"""What importers produce: people read from a file or pasted text, not yet checked."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Contact:
    """One person as found in the source; email may be empty or invalid until checked."""

    email: str
    name: str = ""
    organisation: str = ""
    tags: tuple[str, ...] = ()
    notes: str = ""
    where: str = ""  # where in the source, for the report: "row 12", "line 3", "card 4"


@dataclass(frozen=True, slots=True)
class SkippedContact:
    where: str
    address: str
    reason: str


@dataclass(frozen=True, slots=True)
class OtherEncoding:
    """Rows of a CSV file whose letters were not in the encoding of the rest of it, and were
    read in another: right most of the time, but worth a look."""

    encoding: str  # Python's name for it: "cp1252", "mac_roman", ...
    rows: tuple[int, ...]  # as a spreadsheet numbers them: the header is row 1


@dataclass(slots=True)
class ParsedContacts:
    """Everything a source yielded: people to consider, and entries that were not people."""

    contacts: list[Contact] = field(default_factory=list)
    skipped: list[SkippedContact] = field(default_factory=list)
    other_encoding: OtherEncoding | None = None
