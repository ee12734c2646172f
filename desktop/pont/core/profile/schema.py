"""Whether a database's schema is exactly the one Pont's migrations make.

A database that comes from outside (an export, a backup someone put in the backups folder)
is checked before anything of it runs: a trigger Pont never made could add a hidden
recipient to every post, and a dropped table would break every later command.

An older Pont's database is compared with the schema Pont's migrations made at that
version's step, read from its _sqlite_migrations record, and only migrated afterwards, as
any old profile is when opened. Migrating it first (in a scratch copy) and comparing the
result would run its triggers, and whatever else it holds, before it had been checked; the
migrations' own DDL does not depend on the data, so checking at the step is as strict.
"""

from __future__ import annotations

import re
import sqlite3
from functools import cache

from pont.core.errors import BackupUnusable, ForeignSchema
from pont.core.i18n import Sentence, translate

MIGRATION_SET = "pont"
MIGRATIONS_TABLE = "_sqlite_migrations"
# Tables SQLite itself makes when someone runs ANALYZE: statistics for the query planner,
# never Pont's or anyone's code. Accepted only exactly as SQLite writes them.
_SQLITE_STATISTICS = {
    "sqlite_stat1": "CREATE TABLE sqlite_stat1(tbl,idx,stat)",
    "sqlite_stat4": "CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)",
}
_SHOWN_NAME_LIMIT = 60  # characters of a foreign name quoted in a sentence

# One token of SQL text. The alternatives cannot overlap, and a quote or comment left open
# runs to the end of the text instead of failing, so matching is linear however hostile
# the text (a trigger's SQL is anyone's to write).
_TOKEN = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<comment>--[^\n]*|/\*.*?(?:\*/|\Z))
    | (?P<string>'(?:[^']|'')*(?:'|\Z))
    | (?P<quoted>"(?:[^"]|"")*(?:"|\Z))
    | (?P<bracketed>\[[^\]]*(?:\]|\Z))
    | (?P<backticked>`(?:[^`]|``)*(?:`|\Z))
    | (?P<word>[\w$]+)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

# (type, tbl_name, normalised sql) of each schema object, by name
Schema = dict[str, tuple[str, str, str]]


def normalise_sql(sql: str | None) -> str:
    """sql as tokens with comments and layout left out, so that only a difference in
    meaning counts: a comment edited in an old migration, or another sqlite-utils quoting
    names differently, is not a foreign schema.

    Bare words (keywords and names) are case-folded, as SQLite reads them; [name] and
    `name` become "name". Strings keep their case and content.
    """
    if sql is None:  # an index SQLite makes for a UNIQUE or PRIMARY KEY constraint
        return ""
    tokens: list[str] = []
    for match in _TOKEN.finditer(sql):
        kind, text = match.lastgroup, match.group()
        if kind in ("space", "comment"):
            continue
        if kind == "word":
            text = text.lower()
        elif kind == "bracketed":
            text = _double_quoted(text[1:].removesuffix("]"))
        elif kind == "backticked":
            text = _double_quoted(text[1:].removesuffix("`").replace("``", "`"))
        tokens.append(text)
    return " ".join(tokens)


def _double_quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def read_schema(connection: sqlite3.Connection) -> Schema:
    rows = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return {
        str(name): (str(kind), str(table), normalise_sql(sql)) for kind, name, table, sql in rows
    }


def known_migrations() -> tuple[str, ...]:
    """Pont's migration steps, in the order they apply."""
    from sqlite_utils import Database

    from pont.core.profile.migrations import migrations

    # On an empty database every step is pending: that is the whole list, in order.
    empty = Database(memory=True, execute_plugins=False)
    try:
        return tuple(migration.name for migration in migrations.pending(empty))
    finally:
        empty.close()


@cache
def expected_schema(steps: int) -> Schema:
    """The schema Pont's first `steps` migrations make, read from a database they built."""
    from sqlite_utils import Database

    from pont.core.profile.migrations import migrations

    known = known_migrations()
    db = Database(memory=True, execute_plugins=False)
    try:
        if steps < len(known):
            migrations.apply(db, stop_before=known[steps])
        else:
            migrations.apply(db)
        return read_schema(db.conn)
    finally:
        db.close()


def applied_steps(connection: sqlite3.Connection, what: str) -> int:
    """How many of Pont's migrations the database records as applied: BackupUnusable when
    the record is missing, out of order or foreign, or names a step this Pont does not know
    (a newer version's)."""
    try:
        rows = connection.execute(
            f"SELECT migration_set, name FROM {MIGRATIONS_TABLE} ORDER BY rowid"
        ).fetchall()
    except sqlite3.DatabaseError as error:
        raise BackupUnusable(_not_ponts(what)) from error
    known = known_migrations()
    names = [str(name) for migration_set, name in rows if migration_set == MIGRATION_SET]
    if set(names) - set(known):
        raise BackupUnusable(
            translate(
                "Backups",
                "{what} was made by a newer version of Pont. Install that version to use it. "
                "Nothing was changed.",
            ).format(what=what)
        )
    if not names or len(names) != len(rows) or tuple(names) != known[: len(names)]:
        raise BackupUnusable(_not_ponts(what))
    return len(names)


def check_schema(connection: sqlite3.Connection, what: str) -> None:
    """Raise ForeignSchema unless the database holds exactly the tables, indexes, triggers
    and views (FTS shadow tables included) Pont's migrations made at its recorded step.

    what is the sentence's subject ("The backup from …"). Only reads.
    """
    expected = expected_schema(applied_steps(connection, what))
    try:
        found = read_schema(connection)
    except sqlite3.DatabaseError as error:
        raise BackupUnusable(_not_ponts(what)) from error
    for name, sql in _SQLITE_STATISTICS.items():
        if name in found and name not in expected and found[name][2] == normalise_sql(sql):
            del found[name]
    extra = sorted(found.keys() - expected.keys())
    if extra:
        raise ForeignSchema(
            translate(
                "Backups",
                "{what} holds something Pont never made (“{name}”), so Pont did not use it: "
                "a change made outside Pont could send posts where they should not go. "
                "Nothing was changed.",
            ).format(what=what, name=_shown(extra[0]))
        )
    changed = sorted(
        name for name in found.keys() & expected.keys() if found[name] != expected[name]
    )
    if changed:
        raise ForeignSchema(
            translate(
                "Backups",
                "{what} has part of Pont's data changed outside Pont (“{name}”), so Pont did "
                "not use it. Nothing was changed.",
            ).format(what=what, name=_shown(changed[0]))
        )
    missing = sorted(expected.keys() - found.keys())
    if missing:
        raise ForeignSchema(
            translate(
                "Backups",
                "{what} lacks part of Pont's data (“{name}”), so Pont did not use it. "
                "Nothing was changed.",
            ).format(what=what, name=_shown(missing[0]))
        )


def _not_ponts(what: str) -> Sentence:
    return translate("Backups", "{what} is not Pont's data. Nothing was changed.").format(what=what)


def _shown(name: str) -> str:
    """A name from a foreign file, safe to put in a sentence: no control characters, short."""
    head = name[: _SHOWN_NAME_LIMIT + 1]
    printable = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in head)
    if len(printable) > _SHOWN_NAME_LIMIT:
        return printable[: _SHOWN_NAME_LIMIT - 1] + "…"
    return printable
