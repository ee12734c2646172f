"""Text from mail's bytes and RFC 2047 encoded words, whatever charset their labels claim."""

from __future__ import annotations

import base64
import binascii
import codecs
import re


def _known_codec(charset: str | None) -> str | None:
    if not charset:
        return None
    try:
        return codecs.lookup(charset.strip().strip('"')).name
    except (LookupError, ValueError):
        return None


def decode_bytes(data: bytes, charset: str | None, guess: bool = True) -> str:
    """Text from bytes labelled with charset, whatever the label's truth.

    Valid UTF-8 wins over an 8-bit label: multi-byte UTF-8 sequences almost never occur by
    chance in Latin-1 or cp1252 text, while UTF-8 labelled "iso-8859-1" is common. Then the
    label, then a guess (charset_normalizer, for bodies), then cp1252 with replacement marks.
    """
    if data.isascii():
        return data.decode("ascii")
    codec = _known_codec(charset)
    if codec is None or not codec.startswith("utf-16") and not codec.startswith("utf-32"):
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    if codec is not None:
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            pass
    if guess:
        from charset_normalizer import from_bytes

        guesses = from_bytes(data)
        best = guesses.best()
        if best is not None:
            # Short texts fit several 8-bit charsets equally well; cp1252 is by far the
            # likeliest sender of undeclared or mislabelled 8-bit mail.
            for candidate in guesses:
                if candidate.encoding == "cp1252" and candidate.chaos <= best.chaos:
                    return str(candidate)
            return str(best)
    return data.decode("cp1252", errors="replace")


_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
_QP_ESCAPE = re.compile(rb"=([0-9A-Fa-f]{2})")


def _encoded_word_bytes(encoding: str, payload: str) -> bytes | None:
    try:
        if encoding in "bB":
            padded = payload + "=" * (-len(payload) % 4)
            return base64.b64decode(padded, validate=True)
        data = payload.replace("_", " ").encode("utf-8", "surrogateescape")
        return _QP_ESCAPE.sub(lambda match: bytes.fromhex(match.group(1).decode()), data)
    except (binascii.Error, ValueError):
        return None


def decode_words(text: str) -> str:
    """RFC 2047 encoded words decoded, whitespace normalised; a word that cannot be decoded
    is left as written, and unknown charsets are guessed."""
    if "=?" in text:
        pieces: list[str | tuple[bytes, str]] = []
        position = 0
        for match in _ENCODED_WORD.finditer(text):
            between = text[position : match.start()]
            follows_word = bool(pieces) and isinstance(pieces[-1], tuple)
            if between and not (follows_word and between.isspace()):
                pieces.append(between)
            position = match.end()
            charset = match.group(1).partition("*")[0]  # RFC 2231 "utf-8*cy": drop the language
            data = _encoded_word_bytes(match.group(2), match.group(3))
            previous = pieces[-1] if pieces else None
            if data is None:
                pieces.append(match.group(0))
            elif isinstance(previous, tuple) and previous[1] == charset:
                # a character's bytes may be split across two words
                pieces[-1] = (previous[0] + data, charset)
            else:
                pieces.append((data, charset))
        pieces.append(text[position:])
        text = "".join(
            piece if isinstance(piece, str) else decode_bytes(piece[0], piece[1], guess=False)
            for piece in pieces
        )
    return " ".join(text.split())
