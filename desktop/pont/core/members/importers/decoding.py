"""Reading an import file's bytes safely and turning them into text, whatever wrote them."""

from __future__ import annotations

import codecs
import re
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


def decode_text(data: bytes) -> tuple[str, str]:
    """The text and the name of the encoding it was in: BOM, then UTF-8, then a careful guess."""
    encoding = bom_encoding(data) or bomless_utf16(data)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise unreadable_letters() from None
    else:
        # Control bytes mean the same in every 8-bit encoding: binary is refused before guessing.
        refuse_control_characters(data[:65536].decode("latin-1"))
        try:
            text, encoding = data.decode(_UTF8), _UTF8
        except UnicodeDecodeError:
            text, encoding = _decode_legacy(data)
    refuse_control_characters(text)
    return text, encoding


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
    text = _SURROGATE.sub(_latin_1, data.decode("cp1252", errors="surrogateescape"))
    if not _looks_like_another_script(text):
        return text, "cp1252"
    guess = _charset_normalizer_guess(data)
    if guess:
        try:
            return data.decode(guess), guess
        except (UnicodeDecodeError, LookupError):
            pass
    return text, "cp1252"


_SURROGATE = re.compile("[\udc80-\udcff]")


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


def refuse_control_characters(text: str) -> None:
    """Binary data that happened to decode: NULs, or more than a few control characters."""
    sample = text[:65536]
    if "\x00" in sample or len(_CONTROL.findall(sample)) * 100 > len(sample):
        raise not_text()
