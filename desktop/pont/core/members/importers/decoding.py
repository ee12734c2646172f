"""Reading an import file's bytes safely and turning them into text, whatever wrote them."""

from __future__ import annotations

import codecs
import io
import re
from dataclasses import dataclass
from pathlib import Path

from pont.core.errors import ImportFileError
from pont.core.i18n import Sentence, translate

MAX_IMPORT_BYTES = 50 * 1024 * 1024

CHOOSE_EXPORT = translate(
    "Import", "choose a CSV or vCard file exported from your address book or spreadsheet"
)
SAVE_AS_CSV = translate(
    "Import", "open it, choose Save As › “CSV UTF-8”, and import the saved file"
)

# Magic numbers of files people pick by mistake, with what to call them in the message.
_PROGRAM = translate("Import", "a program")
_COMPRESSED = translate("Import", "a compressed file")
_SIGNATURES: tuple[tuple[bytes, Sentence], ...] = (
    (b"%PDF", translate("Import", "a PDF document")),
    (b"\x89PNG", translate("Import", "a PNG picture")),
    (b"\xff\xd8\xff", translate("Import", "a JPEG picture")),
    (b"GIF8", translate("Import", "a GIF picture")),
    (b"MZ", translate("Import", "a Windows program")),
    (b"\x7fELF", _PROGRAM),
    (b"\xcf\xfa\xed\xfe", _PROGRAM),
    (b"\x1f\x8b", _COMPRESSED),
    (b"Rar!", _COMPRESSED),
    (b"7z\xbc\xaf", _COMPRESSED),
    (b"SQLite format 3", translate("Import", "a database")),
)
_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .doc and Outlook .msg files
_UTF8 = "utf-8"


def read_import_file(path: Path) -> bytes:
    """The file's bytes, refusing before reading one that is too big to be a contacts list."""
    name = path.name or str(path)
    try:
        if path.is_dir():
            raise ImportFileError(
                translate(
                    "Import", "“{name}” is a folder, not a file; choose a file inside it."
                ).format(name=name)
            )
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise too_big()
        with path.open("rb") as file:
            data = file.read(MAX_IMPORT_BYTES + 1)
    except FileNotFoundError:
        raise ImportFileError(
            translate(
                "Import", "Pont cannot find “{name}”; it may have been moved, renamed or deleted."
            ).format(name=name)
        ) from None
    except PermissionError:
        raise ImportFileError(
            translate(
                "Import",
                "Pont is not allowed to read “{name}”; if it is open in Excel or another "
                "program, close it there and try again.",
            ).format(name=name)
        ) from None
    except OSError:
        raise ImportFileError(
            translate(
                "Import",
                "Pont could not read “{name}”; check that the file is still there and try again.",
            ).format(name=name)
        ) from None
    check_size(data)
    return data


def too_big() -> ImportFileError:
    return ImportFileError(
        translate(
            "Import",
            "This file is larger than 50 MB, far too big to be a list of contacts; "
            "check that you chose the right file.",
        )
    )


def check_size(data: bytes) -> None:
    if len(data) > MAX_IMPORT_BYTES:
        raise too_big()


def refuse_binary(data: bytes) -> None:
    """ImportFileError naming the kind of file, for bytes that are plainly not text."""
    if not data.strip():
        raise ImportFileError(
            translate(
                "Import",
                "This file is empty; check that you chose the right file, or export your "
                "contacts again.",
            )
        )
    head = data[:4096]
    if head.startswith((_ZIP, _OLE2)):
        if head.startswith(_OLE2) or b"xl/" in head or b"opendocument.spreadsheet" in head:
            raise ImportFileError(
                translate(
                    "Import", "This is a spreadsheet workbook, not a CSV file; {what_to_do}."
                ).format(what_to_do=SAVE_AS_CSV)
            )
        raise ImportFileError(
            translate(
                "Import", "This file is a ZIP archive, not a list of contacts; {what_to_do}."
            ).format(what_to_do=CHOOSE_EXPORT)
        )
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            raise ImportFileError(
                translate(
                    "Import", "This file is {kind}, not a list of contacts; {what_to_do}."
                ).format(kind=kind, what_to_do=CHOOSE_EXPORT)
            )


def not_text() -> ImportFileError:
    return ImportFileError(
        translate(
            "Import",
            "This file does not contain text, so it is not a list of contacts; {what_to_do}.",
        ).format(what_to_do=CHOOSE_EXPORT)
    )


def unreadable_letters() -> ImportFileError:
    return ImportFileError(
        translate(
            "Import", "Pont could not make out the letters in this file; {what_to_do}."
        ).format(what_to_do=SAVE_AS_CSV)
    )


@dataclass(frozen=True, slots=True)
class DecodedText:
    """A file's text, and how its bytes were read."""

    text: str
    encoding: str  # of the file as a whole: "utf-8", "utf-8-sig", "cp1252", "utf-16", ...
    # Lines (numbered from 0, split at CR, LF or CRLF as the CSV reader splits them) that were
    # not in that encoding, and were read in other_encoding: a UTF-8 file into which a few
    # rows were pasted from an older Windows one.
    other_lines: tuple[int, ...] = ()
    other_encoding: str = ""


def decode_text(data: bytes) -> tuple[str, str]:
    """The text and the name of the encoding it was in: BOM, then UTF-8, then a careful guess."""
    decoded = decode_lines(data)
    return decoded.text, decoded.encoding


def decode_lines(data: bytes) -> DecodedText:
    """As decode_text, line by line: the lines of a UTF-8 file that are not UTF-8 are read in
    the encoding the rest of the file would have been guessed in, and listed."""
    encoding = bom_encoding(data) or bomless_utf16(data)
    if encoding is not None and encoding != "utf-8-sig":
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise unreadable_letters() from None
        refuse_nul(text)
        return DecodedText(text, encoding)
    encoding = encoding or _UTF8
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        pass
    else:
        # Valid Unicode is text, whatever control characters it holds (Pont's own export may
        # hold a member's); only NUL, which no contacts file has, marks it as binary.
        refuse_nul(text)
        return DecodedText(text, encoding)
    # Control bytes mean the same in every 8-bit encoding: binary is refused before guessing.
    refuse_control_characters(data.decode("latin-1"))
    if encoding == "utf-8-sig":
        data = data[len(codecs.BOM_UTF8) :]
    return _mixed_utf8(data, encoding) or DecodedText(*_decode_legacy(data))


_ENCODING_NAMES = {
    "cp1250": "Windows-1250",
    "cp1251": "Windows-1251",
    "cp1252": "Windows-1252",
    "cp1253": "Windows-1253",
    "mac_roman": "Mac OS Roman",
    "latin_1": "Latin-1",
    "iso8859_1": "Latin-1",
}


def encoding_name(encoding: str) -> str:
    """What people call an encoding Python calls "cp1252", "mac_roman", …"""
    return _ENCODING_NAMES.get(encoding.lower().replace("-", "_"), encoding)


def _mixed_utf8(data: bytes, encoding: str) -> DecodedText | None:
    """The text of a UTF-8 file in which some lines are in an older encoding, or None when no
    line with letters beyond ASCII is UTF-8 (then the whole file is in that older encoding)."""
    lines = list(io.StringIO(data.decode(_UTF8, errors="surrogateescape"), newline=""))
    other: list[int] = []
    has_utf8_letters = False
    for index, line in enumerate(lines):
        if _SURROGATE.search(line):
            other.append(index)
        elif not line.isascii():
            has_utf8_letters = True
    if not has_utf8_letters:
        return None
    raw = b"".join(lines[index].encode(_UTF8, errors="surrogateescape") for index in other)
    other_encoding = _decode_legacy(raw)[1]

    def decoded_run(run: re.Match[str]) -> str:
        return decode_in(run.group().encode(_UTF8, errors="surrogateescape"), other_encoding)

    for index in other:
        lines[index] = _SURROGATE_RUN.sub(decoded_run, lines[index])
    return DecodedText("".join(lines), encoding, tuple(other), other_encoding)


def bom_encoding(data: bytes) -> str | None:
    # UTF-32's little-endian BOM begins with UTF-16's, so it is looked for first.
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def bomless_utf16(data: bytes) -> str | None:
    """UTF-16 written without a BOM: mostly-ASCII text has a zero in every other byte."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 2:
        return None
    even_zeros = sample[0 : half * 2 : 2].count(0) / half
    odd_zeros = sample[1 : half * 2 : 2].count(0) / half
    if odd_zeros > 0.3 and even_zeros < 0.05:
        return "utf-16-le"
    if even_zeros > 0.3 and odd_zeros < 0.05:
        return "utf-16-be"
    return None


_WORDS = re.compile(r"[^\W\d_]{2,}")


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """Text from a file that is not UTF-8: Windows-1252 unless the letters say otherwise.

    Windows-1252 is what Excel and Outlook write on English and Welsh Windows (Mac Roman is
    recognised by where its accented letters fall); its five unused
    bytes are read as Latin-1, as web browsers do. charset-normalizer alone guesses badly on
    the few accented names a contacts file has (it calls French Windows-1252 "cp775"), so it
    is asked only when the result has words made wholly of accented letters, which is how
    Cyrillic or Greek look through the wrong code page; and only about the lines with such
    bytes, which keeps it fast.
    """
    if _looks_like_mac_roman(data[:200_000]):
        return data.decode("mac_roman"), "mac_roman"
    text = decode_in(data, "cp1252")
    if not _looks_like_another_script(text):
        return text, "cp1252"
    guess = _charset_normalizer_guess(data)
    if guess:
        try:
            return data.decode(guess), guess
        except (UnicodeError, LookupError):
            pass
    return text, "cp1252"


def decode_in(data: bytes, encoding: str) -> str:
    """The bytes in an encoding Pont chose, never failing: Windows-1252's five unused bytes
    are read as Latin-1, as web browsers do, and anything else unreadable is replaced."""
    if encoding == "cp1252":
        return _SURROGATE.sub(_latin_1, data.decode("cp1252", errors="surrogateescape"))
    return decode_declared(data, encoding) or data.decode("cp1252", errors="replace")


# Codecs Python has that no text is written in. "undefined" and "idna" raise a plain
# UnicodeError whatever the error handler, the escape codecs read backslashes as escapes,
# and punycode takes time growing with the square of the input.
_NOT_CHARSETS = frozenset(
    {"undefined", "punycode", "idna", "unicode_escape", "raw_unicode_escape", "unicode_internal"}
)


def decode_declared(data: bytes, charset: str, errors: str = "replace") -> str | None:
    """The bytes in the charset a file or a vCard property names (bad bytes replaced, unless
    errors says otherwise); None when the name is no charset Pont can read (unknown, or a
    codec that is no text encoding) or, with errors="strict", the bytes are not in it.

    A stranger writes the name, so this never raises.
    """
    try:
        codec = codecs.lookup(charset.strip())
    except (LookupError, ValueError, TypeError):
        return None
    if not codec._is_text_encoding or codec.name.replace("-", "_") in _NOT_CHARSETS:
        return None
    try:
        return data.decode(codec.name, errors=errors)
    except (UnicodeError, LookupError, ValueError):
        return None


_SURROGATE = re.compile("[\udc80-\udcff]")
_SURROGATE_RUN = re.compile("[\udc80-\udcff]+")


def _latin_1(match: re.Match[str]) -> str:
    return chr(ord(match.group()) - 0xDC00)


# A non-ASCII byte touching an ASCII letter: part of an accented word.
_BYTE_IN_WORD = re.compile(rb"(?<=[A-Za-z])[\x80-\xff]|[\x80-\xff](?=[A-Za-z])")
# Bytes that are common letters in Mac Roman (Å É ä å ç é è ê ö ú ù û ü) and in Windows-1252
# are unused or rare letters (Š Œ Ž š œ ž Ÿ ƒ); the rest of 0x80-0x9F is punctuation there.
_MAC_LETTERS = {0x81, 0x83, 0x8A, 0x8C, 0x8D, 0x8E, 0x8F, 0x90, 0x9A, 0x9C, 0x9D, 0x9E, 0x9F}


def _looks_like_mac_roman(sample: bytes) -> bool:
    """Whether accented words use Mac Roman's letters (Excel for Mac's plain "CSV")."""
    mac = windows = 0
    for byte in _BYTE_IN_WORD.findall(sample):
        if byte[0] in _MAC_LETTERS:
            mac += 1
        elif byte[0] >= 0xC0:
            windows += 1
    return mac > 2 * windows


def _looks_like_another_script(text: str) -> bool:
    accented_words = 0
    foreign_words = 0
    for word in _WORDS.findall(text, 0, 200_000):
        if word.isascii():
            continue
        accented_words += 1
        if not any(letter.isascii() for letter in word):
            foreign_words += 1
    return accented_words > 0 and foreign_words * 2 > accented_words


def _charset_normalizer_guess(data: bytes) -> str | None:
    lines_with_letters = [line for line in data[:4_000_000].splitlines() if not line.isascii()]
    sample = b"\n".join(lines_with_letters)[:65536]
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(sample).best()
    except Exception:  # a third-party guesser must never turn a bad file into a crash
        return None
    return None if best is None else str(best.encoding)


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")
_CHUNK = 65536


def refuse_nul(text: str) -> None:
    """Binary data: a NUL anywhere in the file (no contacts file has one)."""
    if "\x00" in text:
        raise not_text()


def refuse_control_characters(text: str) -> None:
    """Binary data that happened to decode: NULs, or more than 1 in 100 control characters.

    The whole text is checked, a piece at a time so that no list as long as it is built.
    """
    refuse_nul(text)
    controls = sum(
        len(_CONTROL.findall(text, start, start + _CHUNK)) for start in range(0, len(text), _CHUNK)
    )
    if controls * 100 > len(text):
        raise not_text()
