"""Join and leave requests, and answers to confirmations, told by their subject lines, in
English and Welsh: cheap enough for every INBOX message during sync."""

from __future__ import annotations

import re
from typing import Literal

# A subject that is only the request, give or take the group's name after it:
# "join", "Subscribe", "Ymuno", "Leave Wellbeing Network" (Pont's own List-Unsubscribe).
_JOIN = re.compile(rb"^\s*(?:join|subscribe|ymuno)\b", re.IGNORECASE)
_LEAVE = re.compile(rb"^\s*(?:leave|unsubscribe|gadael|dad-?danysgrifio)\b", re.IGNORECASE)
# "Re: Confirm 4f3a…" : the token Pont put in the confirmation's subject.
_CONFIRM = re.compile(rb"\b(?:confirm|cadarnhau)[ :]+([0-9a-f]{20,64})\b", re.IGNORECASE)


def request_kind(subject: bytes) -> Literal["join", "leave"] | None:
    if _JOIN.match(subject):
        return "join"
    if _LEAVE.match(subject):
        return "leave"
    return None


def confirmation_token(subject: bytes) -> str:
    """The token quoted in an answer to a confirmation; '' when none is."""
    found = _CONFIRM.search(subject)
    return found[1].decode("ascii").lower() if found else ""
