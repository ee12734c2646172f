"""Zip files written byte by byte, so that they can say what a zip bomb says: an entry of a
gigabyte of zeros packed into a megabyte, and sizes that lie."""

from __future__ import annotations

import json
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

GIB = 1 << 30
_MIB = 1 << 20
_DEFLATED = 8
_STORED = 0


@dataclass(frozen=True)
class Entry:
    name: str
    data: bytes  # as stored in the zip: a raw deflate stream, or the bytes themselves
    crc: int
    size: int  # the unpacked size the central directory declares
    deflated: bool = True
    packed_size: int | None = None  # the packed size declared, when it should lie


def stored(name: str, data: bytes) -> Entry:
    return Entry(name, data, zlib.crc32(data), len(data), deflated=False)


def deflated_zeros(name: str, size: int, declared: int | None = None) -> Entry:
    """size zero bytes (a whole number of MiB), deflated in a few milliseconds: with a
    full flush after each MiB every later MiB packs to the same bytes."""
    block = bytes(_MIB)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    stream = first + again * (size // _MIB - 1) + packer.flush()
    crc = 0
    for _ in range(size // _MIB):
        crc = zlib.crc32(block, crc)
    return Entry(name, stream, crc, size if declared is None else declared)


def write_zip(path: Path, entries: list[Entry]) -> Path:
    """The zip, with local headers and a central directory declaring each entry's sizes."""
    body = bytearray()
    directory = bytearray()
    for entry in entries:
        name = entry.name.encode()
        method = _DEFLATED if entry.deflated else _STORED
        packed = len(entry.data) if entry.packed_size is None else entry.packed_size
        offset = len(body)
        body += struct.pack(
            "<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 0x21, entry.crc, packed, entry.size,
            len(name), 0,
        )  # fmt: skip
        body += name + entry.data
        directory += struct.pack(
            "<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, method, 0, 0x21, entry.crc, packed,
            entry.size, len(name), 0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        directory += name
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory), len(body), 0
    )
    path.write_bytes(bytes(body + directory + end))
    return path


def manifest() -> Entry:
    return stored(
        "manifest.json",
        json.dumps(
            {
                "format": "pont-export",
                "format_version": 1,
                "pont_version": "0.1.0",
                "created": "2026-11-24T09:30:00+00:00",
                "groups": [{"name": "Wellbeing Network", "members": 2}],
            }
        ).encode(),
    )


def zip_bomb(path: Path) -> Path:
    """An export whose database is a gigabyte of zeros, packed into a megabyte."""
    return write_zip(path, [manifest(), deflated_zeros("pont.sqlite3", GIB)])


def lying_zip_bomb(path: Path, declared: int = 5 * _MIB) -> Path:
    """An export whose database says it unpacks to a few megabytes, and unpacks to a
    gigabyte."""
    return write_zip(path, [manifest(), deflated_zeros("pont.sqlite3", GIB, declared=declared)])
