"""The server's own words out of an imaplib or imapclient NO/BAD error, short and on one line."""

from __future__ import annotations

import ast
import re
from typing import Any

from pont.core.i18n import translate

# Dovecot ends each reply with its timing, "(0.001 + 0.000 secs)."
_TIMING = re.compile(r"\s*\(\d+\.\d+ \+ \d+\.\d+(?: \+ \d+\.\d+)? secs\)")
_RESPONSE_CODE = re.compile(r"^\[[^\]]*\]\s*")  # RFC 3501 "[TRYCREATE]", "[SERVERBUG]"...
ANSWER_LENGTH = 160


def server_answer(error: Exception) -> str:
    """The server's own words from an imaplib or imapclient NO/BAD error, short and on one line.

    imaplib says "UID command error: BAD [b'...']", imapclient "select failed: ...", and its
    search() "b'...'" followed by advice of its own.
    """
    text = str(error)
    name, marker, rest = text.partition(" command error: ")
    if marker and " " not in name.strip():
        text = reply_text(_literal(rest.partition(" ")[2]))
    else:
        command, marker, rest = text.partition(" failed: ")
        if marker and " " not in command.strip():
            text = rest
        elif text.startswith(("b'", 'b"')):
            text = reply_text(_literal(text.split("\n")[0]))
    text = _RESPONSE_CODE.sub("", _TIMING.sub("", " ".join(text.split()))).strip(" .")
    if len(text) > ANSWER_LENGTH:
        text = text[: ANSWER_LENGTH - 1].rstrip() + "…"
    return text or translate("Sync", "no reason given")


def _literal(text: str) -> Any:
    """A Python literal as imaplib writes replies into its messages (b'...', [b'...']), or the
    text itself when it is none."""
    if text[:2] in ("b'", 'b"', "[b"):
        try:
            return ast.literal_eval(text)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            pass
    return text


def reply_text(data: Any) -> str:
    """imaplib's reply data (bytes, a list of them, or text) as one line of text."""
    if isinstance(data, list | tuple):
        return " ".join(reply_text(item) for item in data)
    if isinstance(data, bytes):
        return data.decode("utf-8", "replace")
    return str(data)
