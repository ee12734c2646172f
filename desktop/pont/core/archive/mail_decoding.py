"""Text from mail's bytes and RFC 2047 encoded words, whatever charset their labels claim.

Nothing here raises on what a message contains. Where a label cannot be honoured (unknown,
or the bytes are not in it) the text is guessed or decoded with replacement characters, and
the caller may pass a `problems` list to learn that the message was not read exactly.
"""

from __future__ import annotations

import binascii
import codecs
import functools
import re

# What a message may be marked with (messages.problems), one word each.
CHARSET_PROBLEM = "charset"  # a label Pont could not honour: the text is a guess
ENCODED_WORD_PROBLEM = "encoded-word"  # an RFC 2047 word left as written
LONG_HEADER_PROBLEM = "long-header"  # a header's text cut at MAX_HEADER_TEXT characters

# Codecs Python has that are not a mail charset: they raise on any input ("undefined"),
# read escape sequences as text ("unicode-escape" would turn "\r\n" into a line break), or
# are for host names (punycode, idna).
_NOT_MAIL_CHARSETS = frozenset(
    {
        "undefined",
        "punycode",
        "idna",
        "unicode-escape",
        "raw-unicode-escape",
        "charmap",
        "mbcs",
        "oem",
    }
)


def note_problem(problems: list[str] | None, problem: str) -> None:
    """Add problem to the caller's list (when it keeps one), once."""
    if problems is not None and problem not in problems:
        problems.append(problem)


@functools.lru_cache(maxsize=512)
def _known_codec(charset: str | None) -> str | None:
    # Cached: looking up a name Python does not know tries to import a module of that name.
    if not charset:
        return None
    try:
        info = codecs.lookup(charset.strip().strip('"'))
    except (LookupError, ValueError, TypeError):
        return None
    # bytes-to-bytes codecs (base64, zlib, rot13...) are not text encodings at all
    if not info._is_text_encoding or info.name in _NOT_MAIL_CHARSETS:
        return None
    return info.name


def _decoded(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except Exception:  # UnicodeError and whatever else an odd codec raises
        return None


def decode_bytes(
    data: bytes, charset: str | None, guess: bool = True, problems: list[str] | None = None
) -> str:
    """Text from bytes labelled with charset, whatever the label's truth.

    Valid UTF-8 wins over an 8-bit label: multi-byte UTF-8 sequences almost never occur by
    chance in Latin-1 or cp1252 text, while UTF-8 labelled "iso-8859-1" is common. Then the
    label, then a guess (charset_normalizer, for bodies), then cp1252 with replacement marks.
    When a label was given but could not be honoured, CHARSET_PROBLEM goes into problems.
    """
    if data.isascii():
        return data.decode("ascii")
    codec = _known_codec(charset)
    if codec is None or not codec.startswith("utf-16") and not codec.startswith("utf-32"):
        text = _decoded(data, "utf-8")
        if text is not None:
            return text
    if codec is not None:
        text = _decoded(data, codec)
        if text is not None:
            return text
    if charset:
        note_problem(problems, CHARSET_PROBLEM)
    if guess:
        from charset_normalizer import from_bytes

        try:
            guesses = from_bytes(data)
            best = guesses.best()
        except Exception:  # a guess is a courtesy: the fallback below always works
            best = None
        # A few bytes "fit" UTF-16 as well as anything ("Caf\xe9\r\n" read as three CJK
        # characters); UTF-16 mail in a Latin script is full of NULs.
        if best is not None and not (best.encoding.startswith("utf_") and b"\x00" not in data):
            # Short texts fit several 8-bit charsets equally well; cp1252 is by far the
            # likeliest sender of undeclared or mislabelled 8-bit mail.
            for candidate in guesses:
                if candidate.encoding == "cp1252" and candidate.chaos <= best.chaos:
                    return str(candidate)
            return str(best)
    return data.decode("cp1252", errors="replace")


_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
# Of a header's text, this many characters are read: no real subject or name comes near it,
# and a 7 MB subject then costs a millisecond, not seconds.
MAX_HEADER_TEXT = 100_000
_QP_ESCAPE = re.compile(rb"=([0-9A-Fa-f]{2})")
_QP_BYTE = {f"={byte:02X}".encode(): bytes([byte]) for byte in range(256)} | {
    f"={byte:02x}".encode(): bytes([byte]) for byte in range(256)
}
# Control characters left once whitespace is normalised (NUL, ESC, DEL, C1): in a subject or
# a name they can only do harm, on a terminal or in a header Pont writes.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# White space as str.split() knows it (str.isspace), without a list of every word.
_WHITESPACE = re.compile(r"\s+")


def _qp_byte(escape: re.Match[bytes]) -> bytes:
    # "=e9", "=E9" and "=e9"'s mixed-case forms: the dictionary knows the first two
    return _QP_BYTE.get(escape.group(0)) or bytes.fromhex(escape.group(1).decode())


def _encoded_word_bytes(encoding: str, payload: str) -> bytes | None:
    try:
        if encoding in "bB":
            padded = payload + "=" * (-len(payload) % 4)
            return binascii.a2b_base64(padded.encode("ascii"), strict_mode=True)
        data = payload.encode("utf-8", "surrogateescape")
        if b"_" in data:
            data = data.replace(b"_", b" ")
        if b"=" in data:
            data = _QP_ESCAPE.sub(_qp_byte, data)
        return data
    except (binascii.Error, ValueError):  # UnicodeEncodeError is a ValueError
        return None


def decode_words(text: str, problems: list[str] | None = None) -> str:
    """RFC 2047 encoded words decoded, whitespace normalised, control characters replaced by
    U+FFFD; a word that cannot be decoded is left as written, and unknown charsets are
    guessed. Only the first MAX_HEADER_TEXT characters of text are read."""
    if len(text) > MAX_HEADER_TEXT:
        text = text[:MAX_HEADER_TEXT]
        note_problem(problems, LONG_HEADER_PROBLEM)
    if "=?" in text:
        pieces: list[str] = []
        # Adjacent words in one charset are decoded together (a character's bytes may be
        # split across two words): their bytes gather in run, joined once.
        run: list[bytes] = []
        run_charset: str | None = None  # None: the last piece is not an encoded word
        position = 0
        for match in _ENCODED_WORD.finditer(text):
            between = text[position : match.start()]
            position = match.end()
            charset, encoding, payload = match.groups()
            if between and not (run_charset is not None and between.isspace()):
                if run_charset is not None:
                    pieces.append(_decoded_run(run, run_charset, problems))
                    run, run_charset = [], None
                pieces.append(between)
            if "*" in charset:
                charset = charset.partition("*")[0]  # RFC 2231 "utf-8*cy": drop the language
            data = _encoded_word_bytes(encoding, payload)
            if data is not None and charset == run_charset:
                run.append(data)
                continue
            if run_charset is not None:
                pieces.append(_decoded_run(run, run_charset, problems))
                run, run_charset = [], None
            if data is None:
                pieces.append(match.group(0))
                note_problem(problems, ENCODED_WORD_PROBLEM)
            else:
                run, run_charset = [data], charset
        if run_charset is not None:
            pieces.append(_decoded_run(run, run_charset, problems))
        pieces.append(text[position:])
        text = "".join(pieces)
    return _CONTROL.sub("\ufffd", _WHITESPACE.sub(" ", text).strip())


def _decoded_run(run: list[bytes], charset: str, problems: list[str] | None) -> str:
    data = run[0] if len(run) == 1 else b"".join(run)
    if data.isascii():
        return data.decode("ascii")
    if len(data) > 64:
        return decode_bytes(data, charset, guess=False, problems=problems)
    text, problem = _decoded_word(data, charset)
    if problem:
        note_problem(problems, problem)
    return text


@functools.lru_cache(maxsize=4096)
def _decoded_word(data: bytes, charset: str) -> tuple[str, str]:
    """A short word's text and its problem ('' for none), remembered: a subject of the same
    word a million times over is decoded once."""
    problems: list[str] = []
    return decode_bytes(data, charset, guess=False, problems=problems), "".join(problems)
