"""Whole messages sync has fetched, kept until their chunk is stored: large ones on disk.

A chunk may hold hundreds of messages fetched in several batches; holding them all until the
chunk's transaction would cost their total size in memory. Small messages stay in memory (a
disk write each would slow sync down); a large one goes to a temporary file at once, and is
written into the database from there, a slice at a time.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

# Messages at least this large go to disk; so do all once those in memory reach KEPT_BYTES.
SPOOL_FROM = 1_000_000
KEPT_BYTES = 8_000_000
SLICE = 1 << 20


@dataclass(frozen=True, slots=True)
class SpooledRaw:
    """A message's source in a spool file."""

    file: IO[bytes]
    offset: int
    size: int

    def slices(self) -> Iterator[bytes]:
        """The source from start to end, a megabyte at a time."""
        self.file.seek(self.offset)
        left = self.size
        while left > 0:
            piece = self.file.read(min(SLICE, left))
            if not piece:
                raise OSError("the spool file ended early")
            left -= len(piece)
            yield piece


class Spool:
    """Where one chunk's fetched messages wait to be stored. Close it when done."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None
        self._kept = 0

    def keep(self, raw: bytes) -> bytes | SpooledRaw:
        if len(raw) < SPOOL_FROM and self._kept + len(raw) <= KEPT_BYTES:
            self._kept += len(raw)
            return raw
        if self._file is None:
            # Open for the chunk's life, closed by close(): not a with block's.
            self._file = tempfile.TemporaryFile(prefix="pont-sync-")  # noqa: SIM115
        offset = self._file.seek(0, 2)
        self._file.write(raw)
        return SpooledRaw(self._file, offset, len(raw))

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
