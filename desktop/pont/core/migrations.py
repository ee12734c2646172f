"""The database schema, as numbered steps that sqlite-utils records once applied."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("pont")


@migrations(name="0001_groups_members_activity")
def create_groups_members_activity(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE groups (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            tag TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL
        );
        CREATE TABLE members (
            id INTEGER PRIMARY KEY,
            group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
            email TEXT NOT NULL,
            -- the address folded for comparison; the email column keeps it as typed
            email_key TEXT NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            organisation TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'active'
                CHECK (status IN ('active', 'paused', 'left')),
            tags TEXT NOT NULL DEFAULT '[]',
            notes TEXT NOT NULL DEFAULT '',
            joined TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            UNIQUE (group_id, email_key)
        );
        -- member_id is deliberately not a foreign key: undoing a removal puts the member
        -- back under the same id, and their history must still point at them.
        CREATE TABLE activity (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            group_id INTEGER REFERENCES groups(id) ON DELETE SET NULL,
            member_id INTEGER,
            action TEXT NOT NULL,
            origin TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX activity_member ON activity(member_id);
        CREATE INDEX activity_group ON activity(group_id, at);
        """
    )
