"""Long runs of body lines set aside before parsing, so a large message costs little memory.

email's parser holds a part's lines as a list of str, then joins them: about three times the
part's size on top of the message's bytes, and as much again to decode an attachment only to
learn its size. Before a large message is parsed, each long run of lines that can only be a
part's content is replaced by one marker line naming the run. The parser sees the same
structure; a part that needs its content (the text shown, an attachment saved) gets its
runs back, and an attachment's size is counted from its runs.

What only content can be, read on the safe side: email's parser gives meaning to boundary
lines (they start with "-") and header blocks (at the start, after a boundary, and at the
start of an attached message/* part's body, up to a blank line). So after every line that
starts with "-", a header block is assumed up to the next blank line (and one more after a
header block naming message/*); from there to the next line starting with "-" is content.
A digest, whose parts are messages without saying so, is parsed as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Below this a message is parsed as it is: setting aside pays only for large messages.
SET_ASIDE_ABOVE = 1_000_000
_MIN_LINES = 16

_BLANK_LINE = re.compile(rb"\n\r?\n")
_NESTED_MESSAGE = re.compile(rb"content-type:\s*message/", re.IGNORECASE)
_DIGEST = re.compile(rb"multipart/digest", re.IGNORECASE)
_MARKER = "\x00pont-run-{}\x00\n"
# The parser drops the line break before a boundary: a marker may have lost its own.
_MARKER_TEXT = re.compile(r"\x00pont-run-(\d+)\x00(\n?)")
_MARKER_BYTES = re.compile(rb"\x00pont-run-(\d+)\x00(\n?)")
_BASE64_NOISE = re.compile(r"[^A-Za-z0-9+/]")


@dataclass(frozen=True, slots=True)
class Run:
    start: int
    end: int
    base64_digits: int  # characters of the base64 alphabet in it, '=' not counted


class SetAside:
    """A large message with its long runs of content lines replaced by markers."""

    def __init__(self, raw: bytes) -> None:
        self.raw = raw
        self.runs: list[Run] = []
        pieces: list[bytes] = []
        position = 0
        if len(raw) > SET_ASIDE_ABOVE and b"\x00pont-run-" not in raw and not _DIGEST.search(raw):
            for start, end in _content_regions(raw):
                pieces.append(raw[position:start])
                pieces.append(_MARKER.format(len(self.runs)).encode("ascii"))
                self.runs.append(Run(start, end, _count_base64_digits(raw, start, end)))
                position = end
        self.shortened = b"".join(pieces) + raw[position:] if self.runs else raw

    def has_runs(self, text: str) -> bool:
        return bool(self.runs) and "\x00pont-run-" in text

    def restore_text(self, text: str) -> str:
        """text (a payload of the shortened message) with its runs back, as the parser
        would have read them (ASCII, or surrogate escapes for other bytes)."""
        if not self.has_runs(text):
            return text
        return _MARKER_TEXT.sub(
            lambda match: self._run_bytes(match).decode("ascii", "surrogateescape"), text
        )

    def restore_bytes(self, data: bytes) -> bytes:
        if not self.runs or b"\x00pont-run-" not in data:
            return data
        return _MARKER_BYTES.sub(self._run_bytes, data)

    def restore_prefix(self, data: bytes, limit: int) -> bytes:
        """About the first limit bytes of restore_bytes(data), cut after a line break when
        there is one: a large part's beginning, without restoring the rest."""
        if not self.runs or b"\x00pont-run-" not in data:
            return data[:limit]
        pieces: list[bytes] = []
        left = limit
        position = 0
        for match in _MARKER_BYTES.finditer(data):
            pieces.append(data[position : match.start()][:left])
            left -= len(pieces[-1])
            start, end = self._run_span(match)
            pieces.append(self.raw[start : min(end, start + max(left, 0))])
            left -= len(pieces[-1])
            position = match.end()
            if left <= 0:
                break
        else:
            pieces.append(data[position:][: max(left, 0)])
        prefix = b"".join(pieces)
        if len(prefix) < limit:
            return prefix
        cut = prefix.rfind(b"\n")
        return prefix[: cut + 1] if cut > 0 else prefix

    def restored_size(self, data: bytes) -> int:
        """len(restore_bytes(data)), without restoring."""
        if not self.runs or b"\x00pont-run-" not in data:
            return len(data)
        size = len(data)
        for match in _MARKER_BYTES.finditer(data):
            start, end = self._run_span(match)
            size += end - start - len(match.group(0))
        return size

    def base64_size(self, payload: str) -> int:
        """The decoded size of a base64 payload of the shortened message, its runs counted
        without decoding them (invalid characters skipped, as a lenient decoder does)."""
        digits = 0
        position = 0
        for match in _MARKER_TEXT.finditer(payload):
            digits += _digits_in(payload[position : match.start()])
            digits += self.runs[int(match.group(1))].base64_digits
            position = match.end()
        digits += _digits_in(payload[position:])
        return digits * 3 // 4

    def _run_span(self, marker: re.Match[str] | re.Match[bytes]) -> tuple[int, int]:
        """Where in raw the marker's run is, as the parser would have read it: where it
        dropped the marker's line break (before a boundary), the run loses its last one."""
        run = self.runs[int(marker.group(1))]
        if marker.group(2):
            return run.start, run.end
        return run.start, run.end - (2 if self.raw[run.end - 2 : run.end] == b"\r\n" else 1)

    def _run_bytes(self, marker: re.Match[str] | re.Match[bytes]) -> bytes:
        start, end = self._run_span(marker)
        return self.raw[start:end]


def _content_regions(raw: bytes) -> list[tuple[int, int]]:
    """(start, end) of each stretch of whole lines of raw that can only be content, and of at
    least _MIN_LINES lines. Linear: each search starts where the last one ended."""
    regions: list[tuple[int, int]] = []
    position = 0  # where a header block may start
    while position < len(raw):
        blank = _BLANK_LINE.search(raw, position)
        if blank is None:
            break
        nested = _NESTED_MESSAGE.search(raw, position, blank.start())
        position = blank.end()
        if nested is not None:
            continue  # the attached message's own header block comes next
        boundary = raw.find(b"\n-", position - 1)
        end = len(raw) if boundary < 0 else boundary + 1
        end = raw.rfind(b"\n", position - 1, end) + 1  # whole lines only
        if end > position and raw.count(b"\n", position, end) >= _MIN_LINES:
            regions.append((position, end))
        if boundary < 0:
            break
        after = raw.find(b"\n", boundary + 1)
        if after < 0:
            break
        position = after + 1
    return regions


def _digits_in(text: str) -> int:
    return len(_BASE64_NOISE.sub("", text))


def _count_base64_digits(raw: bytes, start: int, end: int) -> int:
    # In slices of a megabyte, so a run of 50 MB is never copied whole.
    digits = 0
    step = 1 << 20
    for offset in range(start, end, step):
        piece = raw[offset : min(end, offset + step)]
        digits += len(piece) - len(piece.translate(None, _BASE64_ALPHABET))
    return digits


_BASE64_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
