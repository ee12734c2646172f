"""The sqlite-utils Database Pont opens: its transactions take the write lock when they
begin, so a busy profile makes them wait their turn instead of failing at once.

Loaded when a database is first opened, not with the window: sqlite-utils takes ~70 ms.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

from sqlite_utils import Database


class PontDatabase(Database):
    """A Database whose atomic() begins with BEGIN IMMEDIATE.

    A plain BEGIN starts as a reader. In WAL mode a reader that then writes while another
    connection holds the write lock fails with "database is locked" at once, whatever the
    busy timeout: SQLite will not wait, since the waiting reader might hold up the writer
    in turn. Taking the write lock at BEGIN waits, up to the busy timeout, like any write.
    On a read-only profile nothing can write, so atomic() is a plain BEGIN there.
    """

    def __init__(self, connection: sqlite3.Connection, read_only: bool = False) -> None:
        # No sqlite-utils plugins: they would run foreign code on Pont's data, and finding
        # them scans every installed package (~30 ms of each start-up).
        super().__init__(connection, execute_plugins=False)
        self.read_only = read_only

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.read_only or self.conn.in_transaction:  # nested: sqlite-utils' savepoint
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()  # nothing to do when the error already ended the transaction
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise

    def begin(self) -> None:
        self.execute("BEGIN" if self.read_only else "BEGIN IMMEDIATE")
