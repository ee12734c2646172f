"""Name order: "Evans, Dai" (as Outlook, HR systems and many spreadsheets write names) put
the way members are greeted and listed, "Dai Evans".

A name is turned round only when it is plainly "Surname, Given": exactly one comma, words
on both sides, and what follows the comma is not a suffix or letters after a name ("Jones,
Jr.", "Rees, PhD", "Davies, MBE" stay as they are). Names with more commas than one are
left alone: there is no telling which part is which. Each name is read once, left to
right, so a hostile name of any length costs time in proportion to it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from pont.core.members.contacts import ParsedContacts

# What may follow a name after a comma without being a first name, folded and without dots.
_SUFFIXES = frozenset(
    {
        "jr",
        "jnr",
        "junior",
        "sr",
        "snr",
        "senior",
        "ii",
        "iii",
        "iv",
        "phd",
        "dphil",
        "md",
        "frcp",
        "mbe",
        "obe",
        "cbe",
        "kbe",
        "dbe",
        "bem",
        "frs",
        "kc",
        "qc",
        "esq",
        "bsc",
        "ba",
        "ma",
        "msc",
        "rn",
        "as",  # Aelod o'r Senedd
        "ms",  # Member of the Senedd (a title, "Ms", goes before a name, not after a comma)
        "mp",
    }
)


def _is_suffix(text: str) -> bool:
    words = text.replace(".", " ").replace("&", " ").split()
    return bool(words) and all(word.casefold() in _SUFFIXES for word in words)


def first_name_first(name: str) -> str:
    """ "Evans, Dai" → "Dai Evans"; any other name as it is."""
    if name.count(",") != 1 or "@" in name:
        return name
    surname, _, given = name.partition(",")
    surname, given = " ".join(surname.split()), " ".join(given.split())
    if not surname or not given or _is_suffix(given):
        return name
    return f"{given} {surname}"


def looks_surname_first(names: Iterable[str]) -> bool:
    """Whether the names (those not blank) are written "Surname, Given": most have exactly
    one comma ("Jones, Jr." counts: a list that writes it so writes surnames first), and at
    least one of them would be turned round."""
    named = one_comma = turned = 0
    for name in names:
        if not name.strip():
            continue
        named += 1
        if name.count(",") == 1:
            one_comma += 1
            turned += first_name_first(name) != name
    return turned > 0 and one_comma * 2 > named


def first_surname_first(names: Iterable[str]) -> str:
    """The first name that would be turned round, for an example; '' when none would."""
    return next((name for name in names if first_name_first(name) != name), "")


def with_first_names_first(parsed: ParsedContacts) -> ParsedContacts:
    """The contacts with each "Surname, Given" name turned round."""
    contacts = [
        dataclasses.replace(contact, name=turned)
        if (turned := first_name_first(contact.name)) != contact.name
        else contact
        for contact in parsed.contacts
    ]
    return dataclasses.replace(parsed, contacts=contacts)
