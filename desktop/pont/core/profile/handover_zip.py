"""Reading a hand-over zip without trusting it: only Pont's own entries, each unpacked within
sizes that are checked before a byte is unpacked and counted while it is.

A zip says how large each entry is, packed and unpacked; a zip bomb says the truth (a few
megabytes that unpack to gigabytes) or lies. So, before unpacking:
- the central directory must be small (an export's has three entries), since Python's
  zipfile reads it whole to open the zip;
- an entry's packed size cannot be more than the file holds;
- its unpacked size must fit the space on the disk, and, past a few megabytes, be within
  MAX_RATIO of its packed size: a SQLite database packs to about a third, an empty one
  to 1/40; a run of zeros packs to 1/1000;
and while unpacking, the bytes are counted: never more than the entry said it holds.
"""

from __future__ import annotations

import shutil
import struct
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

from pont.core.errors import BackupFailed, NotAPontExport
from pont.core.i18n import Sentence, translate
from pont.core.sizes import human_size

MAX_RATIO = 100  # unpacked : packed, for an entry past RATIO_FLOOR
RATIO_FLOOR = 10 * 1024 * 1024  # bytes: smaller entries may pack as well as they like
# An export's central directory lists three entries in a few hundred bytes.
_DIRECTORY_LIMIT = 64 * 1024
_ROOM_TO_SPARE = 16 * 1024 * 1024  # bytes left free on the disk after unpacking
_CHUNK = 1024 * 1024

# The end of central directory record, and the zip64 one it may point to (APPNOTE 4.3.14-16).
_END = b"PK\x05\x06"
_END_SIZE = 22
_END64_LOCATOR = b"PK\x06\x07"
_END64_LOCATOR_SIZE = 20
_END64 = b"PK\x06\x06"
_END64_SIZE = 56
_COMMENT_LIMIT = 0xFFFF


def open_export(source: Path) -> zipfile.ZipFile:
    """source as a zip, once its central directory is known to be small; NotAPontExport in
    a sentence when it is missing, not a zip, or not one Pont could have written."""
    try:
        with source.open("rb") as file:
            directory = _directory_size(file)
        if directory is None:
            raise zipfile.BadZipFile("no end of central directory")
        if directory > _DIRECTORY_LIMIT:
            raise not_an_export(source, translate("Handover", "it lists far too many files"))
        return zipfile.ZipFile(source)
    except FileNotFoundError as error:
        raise NotAPontExport(
            translate("Handover", "There is no file {path}. Nothing was imported.").format(
                path=source
            )
        ) from error
    except (OSError, zipfile.BadZipFile, zlib.error, EOFError, ValueError, struct.error) as error:
        raise not_an_export(source, translate("Handover", "it is not a zip file")) from error


def _directory_size(file: BinaryIO) -> int | None:
    """The size the zip's end record gives its central directory (the zip64 record's when
    there is one), found the way Python's zipfile finds it; None when there is none."""
    file.seek(0, 2)
    length = file.tell()
    file.seek(max(0, length - _END_SIZE - _COMMENT_LIMIT))
    tail = file.read()
    if len(tail) >= _END_SIZE and tail[-_END_SIZE:][:4] == _END and tail[-2:] == b"\0\0":
        at = len(tail) - _END_SIZE  # no comment: the record ends the file
    else:
        at = tail.rfind(_END)
        if at < 0 or at + _END_SIZE > len(tail):
            return None
    size: int = struct.unpack_from("<I", tail, at + 12)[0]
    # A zip64 end record, when there is one, comes just before its locator, which comes
    # just before the end record; zipfile then takes the directory's size from it.
    locator = at - _END64_LOCATOR_SIZE
    record = locator - _END64_SIZE
    if locator >= 0 and tail[locator : locator + 4] == _END64_LOCATOR:
        if record < 0 or tail[record : record + 4] != _END64:
            return None
        (size,) = struct.unpack_from("<Q", tail, record + 40)
    return size


def check_sizes(archive: zipfile.ZipFile, source: Path, names: tuple[str, ...]) -> None:
    """NotAPontExport when an entry named in names claims more than its file can hold, or
    would unpack to far more than a Pont export's entry ever does (a zip bomb)."""
    length = source.stat().st_size
    for name in names:
        try:
            info = archive.getinfo(name)
        except KeyError:
            continue
        if info.compress_size > length:
            raise damaged(source, name)
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * info.compress_size:
            raise not_an_export(
                source,
                translate(
                    "Handover", "its {file} would unpack to {size}, far more than it holds"
                ).format(file=name, size=human_size(info.file_size)),
            )


def read_small(archive: zipfile.ZipFile, name: str, limit: int, source: Path) -> bytes:
    """The whole of a small entry (at most limit bytes, however large it says it is)."""
    if archive.getinfo(name).file_size > limit:
        raise not_an_export(
            source, translate("Handover", "its {file} is far too large").format(file=name)
        )
    try:
        with archive.open(name) as entry:
            data = entry.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as error:
        raise damaged(source, name) from error
    if len(data) > limit:
        raise damaged(source, name)
    return data


def unpack(archive: zipfile.ZipFile, name: str, out: BinaryIO, source: Path, room: Path) -> None:
    """Copy the entry name into out, within the size it declares and the space free on
    room's disk (checked first); NotAPontExport or BackupFailed in a sentence."""
    declared = archive.getinfo(name).file_size
    try:
        free = shutil.disk_usage(room).free
    except OSError:
        free = None
    if free is not None and declared + _ROOM_TO_SPARE > free:
        raise BackupFailed(
            translate(
                "Handover",
                "{file} needs {size} of space to open, and the disk holding Pont's data has "
                "{free} free. Free some space, then try again. Nothing was imported.",
            ).format(file=source.name, size=human_size(declared), free=human_size(free))
        )
    written = 0
    try:
        with archive.open(name) as entry:
            while chunk := entry.read(_CHUNK):
                written += len(chunk)
                if written > declared:  # the zip lied about the entry's size
                    raise damaged(source, name)
                out.write(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as error:
        raise damaged(source, name) from error
    except OSError as error:
        raise BackupFailed(
            translate(
                "Handover",
                "Pont could not unpack {file}: {reason}. Check there is space on the disk. "
                "Nothing was imported.",
            ).format(file=source.name, reason=error.strerror or str(error))
        ) from error


def not_an_export(source: Path, why: Sentence) -> NotAPontExport:
    return NotAPontExport(
        translate(
            "Handover",
            "{file} is not a file Pont’s “Export everything” made ({why}). Nothing was imported.",
        ).format(file=source.name, why=why)
    )


def damaged(source: Path, name: str) -> NotAPontExport:
    return not_an_export(source, translate("Handover", "its {file} is damaged").format(file=name))
