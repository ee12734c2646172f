"""Join and leave requests, and answers to confirmations, told by their subject lines, in
English and Welsh: cheap enough for every INBOX message during sync.

A request is a subject that is only the request, give or take a "please", a "me" and the
group's name: "join", "Subscribe", "Ymuno", "i adael", "Unsubscribe me", "Leave Wellbeing
Network", "Gadael y grŵp Wellbeing Network" (what Pont's own List-Unsubscribe link writes, in
the group's language; in both, the two parted by " / "). A reply ("Re: join us on Friday")
is a conversation, not a request; "Leaver's party" and "Joining instructions" are neither.
What follows the word is handed on (`Request.rest`) for group_mail.requests to check against
the account's group names: this module knows no groups.

The subject arrives as raw header bytes; only its first few hundred bytes are read, so a
hostile subject costs no more than a short one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pont.core.archive.mail_decoding import decode_words

RequestKind = Literal["join", "leave"]

# A request or a confirmation's answer is short; what lies beyond this is never read.
_READ_BYTES = 1024
# What may follow the request word (a group's name, "me from the list"): longer is a sentence.
_MOST_REST = 160

# Welsh words mutate after a preposition: "i adael" (soft), "fy ngadael" (nasal). Both the
# root and the mutated forms count; English ones are listed in their common spellings.
_JOIN_WORDS = (
    "join",
    "subscribe",
    "ymuno",
    "tanysgrifio",
    "danysgrifio",  # soft mutation
    "nhanysgrifio",  # nasal
    "thanysgrifio",  # aspirate
)
_LEAVE_WORDS = (
    "leave",
    "unsubscribe",
    "un-subscribe",
    "gadael",
    "adael",  # soft mutation
    "ngadael",  # nasal
    "dad-danysgrifio",
    "daddanysgrifio",
    "dad-tanysgrifio",
    "ddad-danysgrifio",  # soft
    "nad-danysgrifio",  # nasal
)
_PREFIX = r"(?:(?:please|plis|plîs|os\s+gwelwch\s+yn\s+dda)[\s,]+)?(?:(?:i|to)\s+)?"
_ANY_WORD = "|".join(sorted(map(re.escape, _JOIN_WORDS + _LEAVE_WORDS), key=len, reverse=True))
_REQUEST = re.compile(
    rf"{_PREFIX}(?P<word>{_ANY_WORD})"
    r"(?![\w'’-])[\s:,.!-]*(?P<rest>.*)",
    re.IGNORECASE | re.DOTALL,
)
_JOINING = frozenset(_JOIN_WORDS)
# "Re: Confirm 4f3a…": the token Pont put in the confirmation's subject.
_CONFIRM = re.compile(r"\b(?:confirm|cadarnhau)[\s:]+([0-9a-f]{20,64})\b", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Request:
    kind: RequestKind
    rest: str  # what followed the word, trimmed: "" or, perhaps, a group's name


def subject_text(subject: bytes) -> str:
    """The start of a raw subject as text: RFC 2047 words decoded, spaces folded to one."""
    head = subject[:_READ_BYTES]
    text = head.decode("utf-8", "replace")
    if "=?" in text:
        text = decode_words(text)
    return _SPACES.sub(" ", text).strip()


def parse_request(text: str) -> Request | None:
    """The request a decoded subject makes; None for any other subject."""
    # Anchored at the start: "Re: join" or "Fwd: leave" is a conversation, not a request.
    text = text[:_READ_BYTES].strip()
    found = _REQUEST.fullmatch(text)
    if found is None:
        return None
    word = found["word"].casefold()
    kind: RequestKind = "join" if word in _JOINING else "leave"
    rest = found["rest"].strip().rstrip(".!").strip()
    # A group in both languages writes its Leave link's subject in each, Welsh first:
    # "Gadael y grŵp Book Club / Leave Book Club". The English half names the group.
    _, slash, after = rest.rpartition("/")
    if slash:
        second = _REQUEST.fullmatch(after.strip())
        if second is not None and (second["word"].casefold() in _JOINING) == (kind == "join"):
            rest = second["rest"].strip().rstrip(".!").strip()
    if len(rest) > _MOST_REST or "\n" in rest:
        return None
    return Request(kind, rest)


def request_kind(subject: bytes) -> RequestKind | None:
    """ "join" or "leave" for a raw subject that asks to; None for any other."""
    request = parse_request(subject_text(subject))
    return request.kind if request else None


def confirmation_token(subject: bytes) -> str:
    """The token quoted in an answer to a confirmation; '' when none is."""
    return token_in(subject_text(subject))


def token_in(text: str) -> str:
    found = _CONFIRM.search(text[:_READ_BYTES])
    return found[1].lower() if found else ""
