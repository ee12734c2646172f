"""Restore and Import everything accept only a database whose schema is the one Pont's
migrations make: hostile databases are built for real and refused, and nothing changes."""

from __future__ import annotations

import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlite_utils import Database

from core.profile.hostile_databases import HOSTILE, REFUSAL, SPY
from pont.core.errors import BackupUnusable, ForeignSchema
from pont.core.members.groups import Group, create_group, list_groups
from pont.core.members.members import NewMember, add_member, list_members
from pont.core.profile import schema
from pont.core.profile.backups import (
    Backup,
    copy_database,
    list_backups,
    restore_backup,
    take_backup,
)
from pont.core.profile.handover import export_everything
from pont.core.profile.handover_import import import_everything
from pont.core.profile.migrations import migrations
from pont.core.profile.schema import expected_schema, known_migrations, normalise_sql
from pont.core.profile.store import DATABASE_NAME, open_database

MORNING = datetime(2026, 11, 24, 9, 0)


@pytest.fixture
def data_dir(db: Database, group: Group, tmp_path: Path) -> Path:
    """A profile (the core conftest's db) with a group of two."""
    for email in ("ann@example.org", "bob@example.org"):
        add_member(db, group.id, NewMember(email), origin="test")
    return tmp_path


def files_in(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def export_with(db: Database, data_dir: Path, target: Path, change: Callable[[Path], None]) -> Path:
    """An export of db whose database has been changed by change."""
    genuine = target.with_name("genuine.zip")
    export_everything(db, data_dir, genuine)
    changed = target.with_name("changed.sqlite3")
    copy_database(db.conn, changed)
    change(changed)
    with zipfile.ZipFile(genuine) as good, zipfile.ZipFile(target, "w") as bad:
        bad.writestr("manifest.json", good.read("manifest.json"))
        bad.write(changed, DATABASE_NAME)
    genuine.unlink()
    changed.unlink()
    return target


# -- the hostile databases are really hostile --------------------------------------------


def test_the_hidden_recipient_trigger_really_adds_a_recipient(tmp_path: Path) -> None:
    """Opened as Pont opens it, the trigger puts a fourth address in the batch."""
    path = tmp_path / "hostile.sqlite3"
    open_database(path).close()
    HOSTILE["extra-trigger"](path)
    db = open_database(path)
    db.execute(
        "INSERT INTO posts (id, message_key, subject, mime, mode, created)"
        " VALUES (1, 'k', 'Hello', x'00', 'copy-all', '2026-11-24')"
    )
    db.execute("INSERT INTO batches (id, post_id, number) VALUES (1, 1, 1)")
    for email in ("ann@example.org", "bob@example.org", "cai@example.org"):
        db.execute("INSERT INTO batch_recipients (batch_id, email) VALUES (1, ?)", [email])
    envelope = {row[0] for row in db.execute("SELECT email FROM batch_recipients")}
    db.close()
    assert envelope == {"ann@example.org", "bob@example.org", "cai@example.org", SPY}


# -- restore ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_restoring_a_hostile_backup_is_refused_and_nothing_changes(
    db: Database, data_dir: Path, kind: str
) -> None:
    backup = take_backup(db, data_dir, MORNING)
    HOSTILE[kind](backup.path)
    db.close()
    before = files_in(data_dir)

    with pytest.raises(ForeignSchema) as refused:
        restore_backup(data_dir, list_backups(data_dir)[0])

    says, name = REFUSAL[kind]
    assert str(refused.value).startswith(f"The backup from 24 November 2026 {says} (“{name}”)")
    assert str(refused.value).endswith("Nothing was changed.")
    assert files_in(data_dir) == before  # no before-restore copy, the live data as it was
    reopened = open_database(data_dir / DATABASE_NAME)
    (group,) = list_groups(reopened)
    assert len(list_members(reopened, group.id)) == 2
    reopened.close()


def test_a_genuine_backup_is_still_restored(db: Database, data_dir: Path) -> None:
    backup = take_backup(db, data_dir, MORNING)
    create_group(db, "Later Group")
    db.close()
    restore_backup(data_dir, backup)
    reopened = open_database(data_dir / DATABASE_NAME)
    assert [g.name for g in list_groups(reopened)] == ["Wellbeing Network"]
    reopened.close()


# -- import everything -----------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_importing_a_hostile_export_is_refused_and_nothing_changes(
    db: Database, data_dir: Path, tmp_path: Path, kind: str
) -> None:
    source = export_with(
        db, data_dir, tmp_path.parent / f"{tmp_path.name}-{kind}.zip", HOSTILE[kind]
    )
    db.close()
    before = files_in(data_dir)

    with pytest.raises(ForeignSchema) as refused:
        import_everything(data_dir, source, replace=True)

    says, name = REFUSAL[kind]
    assert str(refused.value).startswith(f"The data in {source.name} {says} (“{name}”)")
    assert files_in(data_dir) == before


def test_a_hostile_export_is_refused_in_an_empty_profile_too(
    db: Database, data_dir: Path, tmp_path: Path
) -> None:
    source = export_with(db, data_dir, tmp_path / "handover.zip", HOSTILE["extra-trigger"])
    new_profile = tmp_path / "new"
    with pytest.raises(ForeignSchema):
        import_everything(new_profile, source)
    assert list(new_profile.iterdir()) == []


# -- older versions ----------------------------------------------------------------------


def older_database(path: Path, before: str) -> Path:
    """A database as a Pont that stopped before migration `before` left it, with a group."""
    old = Database(sqlite3.connect(path), execute_plugins=False)
    migrations.apply(old, stop_before=before)
    old.execute(
        "INSERT INTO groups (name, name_key, tag, created)"
        " VALUES ('Peer Support', 'peer support', 'Peers', '2026-01-01')"
    )
    old.conn.commit()
    old.close()
    return path


@pytest.mark.parametrize("before", known_migrations()[1:])
def test_a_backup_from_an_older_pont_is_restored_and_brought_up_to_date(
    db: Database, data_dir: Path, before: str
) -> None:
    backup = take_backup(db, data_dir, MORNING)
    backup.path.unlink()
    older_database(backup.path, before)
    db.close()

    restore_backup(data_dir, list_backups(data_dir)[0])

    reopened = open_database(data_dir / DATABASE_NAME)
    assert [g.name for g in list_groups(reopened)] == ["Peer Support"]
    assert [m.name for m in migrations.applied(reopened)] == list(known_migrations())
    reopened.close()


def test_an_older_ponts_database_with_a_trigger_is_refused(db: Database, data_dir: Path) -> None:
    backup = take_backup(db, data_dir, MORNING)
    backup.path.unlink()
    older_database(backup.path, "0003_posts_outbox_drafts")
    sqlite3.connect(backup.path).executescript(
        "CREATE TRIGGER quiet AFTER INSERT ON members BEGIN DELETE FROM groups; END"
    )
    db.close()
    with pytest.raises(ForeignSchema, match="holds something Pont never made"):
        restore_backup(data_dir, list_backups(data_dir)[0])


def test_a_database_that_claims_an_older_step_than_its_tables_is_refused(
    db: Database, data_dir: Path
) -> None:
    """The migration record is the file's own word: it is held to the schema of that step."""
    backup = take_backup(db, data_dir, MORNING)
    with sqlite3.connect(backup.path) as changed:
        changed.execute(  # the newest step's record goes; its tables stay
            "DELETE FROM _sqlite_migrations"
            " WHERE rowid = (SELECT max(rowid) FROM _sqlite_migrations)"
        )
    db.close()
    with pytest.raises(ForeignSchema, match="holds something Pont never made"):
        restore_backup(data_dir, list_backups(data_dir)[0])


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM _sqlite_migrations WHERE name = '0002_accounts_archive'",
        "UPDATE _sqlite_migrations SET migration_set = 'other'"
        " WHERE name = '0001_groups_members_activity'",
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('plugin', 'x', '2026-01-01')",
    ],
    ids=["gap", "moved", "foreign-set"],
)
def test_a_migration_record_pont_could_not_have_written_is_refused(
    db: Database, data_dir: Path, statement: str
) -> None:
    backup = take_backup(db, data_dir, MORNING)
    with sqlite3.connect(backup.path) as changed:
        changed.execute(statement)
    db.close()
    with pytest.raises(BackupUnusable, match="is not Pont's data. Nothing was changed."):
        restore_backup(data_dir, list_backups(data_dir)[0])


# -- the expected schema comes from the migrations ---------------------------------------


@pytest.fixture
def one_more_migration() -> Iterator[str]:
    """A migration added after the others (as a later Pont adds one): a column on messages."""
    name = "9000_messages_flagged"

    @migrations(name=name)
    def add_flag(db: Database) -> None:
        db.execute("ALTER TABLE messages ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0")

    expected_schema.cache_clear()
    yield name
    # sqlite-utils has no way to forget a migration: take it off its list again.
    migrations._migrations[:] = [m for m in migrations._migrations if m.name != name]
    expected_schema.cache_clear()


def test_the_expected_schema_follows_a_new_migration(
    one_more_migration: str, tmp_path: Path
) -> None:
    data_dir = tmp_path / "profile"
    current = open_database(data_dir / DATABASE_NAME)
    create_group(current, "Peer Support")
    assert "flagged" in current["messages"].columns_dict
    made_today = take_backup(current, data_dir, MORNING)
    current.close()
    restore_backup(data_dir, made_today)  # made with the new migration: accepted

    # From before it: accepted, and given the column when opened.
    older = older_database(tmp_path / "older.sqlite3", one_more_migration)
    restore_backup(data_dir, Backup(older, made_today.taken, 0))
    reopened = open_database(data_dir / DATABASE_NAME)
    assert "flagged" in reopened["messages"].columns_dict
    reopened.close()

    # The column without the migration's record: not what that step of Pont made.
    sneaked = older_database(tmp_path / "sneaked.sqlite3", one_more_migration)
    with sqlite3.connect(sneaked) as changed:
        changed.execute("ALTER TABLE messages ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0")
    with pytest.raises(ForeignSchema, match="changed outside Pont .“messages”."):
        restore_backup(data_dir, Backup(sneaked, made_today.taken, 0))


# -- comparing SQL ---------------------------------------------------------------------


def test_layout_comments_case_and_quoting_of_names_do_not_count() -> None:
    pont = """CREATE TABLE "members" (
        id INTEGER PRIMARY KEY,  -- the member
        status TEXT NOT NULL DEFAULT 'active' /* a status */
    )"""
    same = "create table [members] (id integer primary key, status text not null default 'active')"
    assert normalise_sql(pont) == normalise_sql(same)
    assert normalise_sql(pont) == normalise_sql(same.replace("[members]", "`members`"))
    assert normalise_sql(pont) == normalise_sql(same.replace("[members]", '"members"'))


@pytest.mark.parametrize(
    "changed",
    [
        "CREATE TABLE members (id INTEGER PRIMARY KEY, status TEXT NOT NULL DEFAULT 'Active')",
        "CREATE TABLE members (id INTEGER PRIMARY KEY, status TEXT NOT NULL DEFAULT 'active ')",
        "CREATE TABLE members (id INTEGER PRIMARY KEY, status TEXT NOT NULL)",
        "CREATE TABLE members (id INTEGER PRIMARY KEY, status TEXT NOT NULL DEFAULT 'active',"
        " spy TEXT)",
        "CREATE TABLE members (id INTEGER PRIMARY KEY, status TEXT DEFAULT 'active')",
    ],
)
def test_a_difference_in_meaning_counts(changed: str) -> None:
    pont = "CREATE TABLE members (id INTEGER PRIMARY KEY, status TEXT NOT NULL DEFAULT 'active')"
    assert normalise_sql(pont) != normalise_sql(changed)


def test_normalising_hostile_sql_takes_linear_time() -> None:
    import time

    for text in ("'" * 200_001, "/*" + "x" * 400_000, '"' * 200_001, "[" * 200_000):
        started = time.perf_counter()
        normalise_sql(text)
        assert time.perf_counter() - started < 1.0


def test_the_names_quoted_in_a_refusal_are_safe_to_show() -> None:
    assert schema._shown("evil\x1b]0;owned\x07" + "x" * 500) == (
        "evil\\x1b]0;owned\\x07" + "x" * 39 + "…"
    )
