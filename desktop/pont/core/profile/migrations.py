"""The database schema, as numbered steps that sqlite-utils records once applied."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

from pont.core.members.groups import new_list_id

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


@migrations(name="0002_accounts_archive")
def create_accounts_and_archive(db: Database) -> None:
    db.executescript(
        """
        -- RFC 2919 List-Id label, unique to the group: "<label.localhost>" needs no domain.
        ALTER TABLE groups ADD COLUMN list_id TEXT NOT NULL DEFAULT '';

        -- Settings the coordinator chooses (sync interval, language, ...): key → JSON value.
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );

        -- No password here, ever: it lives in the OS keyring under the account's email.
        CREATE TABLE accounts (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL,
            email_key TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL DEFAULT '',
            username TEXT NOT NULL,
            -- the provider table's id ("gmail.com"), '' when the settings were guessed or typed
            provider TEXT NOT NULL DEFAULT '',
            imap_host TEXT NOT NULL,
            imap_port INTEGER NOT NULL,
            imap_security TEXT NOT NULL CHECK (imap_security IN ('ssl', 'starttls', 'plain')),
            smtp_host TEXT NOT NULL,
            smtp_port INTEGER NOT NULL,
            smtp_security TEXT NOT NULL CHECK (smtp_security IN ('ssl', 'starttls', 'plain')),
            -- SHA-256 of a certificate the coordinator chose to trust (hex), '' for none
            imap_pinned_sha256 TEXT NOT NULL DEFAULT '',
            smtp_pinned_sha256 TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL
        );

        -- Where incremental sync stands in each mailbox folder Pont reads.
        CREATE TABLE folders (
            id INTEGER PRIMARY KEY,
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('inbox', 'sent')),
            uidvalidity INTEGER,
            last_uid INTEGER NOT NULL DEFAULT 0,
            highest_modseq INTEGER,
            synced TEXT,
            UNIQUE (account_id, name)
        );

        -- Only a group's traffic is stored. One row per message, whichever folders hold it.
        CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            -- the Message-ID without <>, or "synthetic-" + a hash of stable headers
            message_key TEXT NOT NULL UNIQUE,
            subject TEXT NOT NULL DEFAULT '',
            sender_name TEXT NOT NULL DEFAULT '',
            sender_email TEXT NOT NULL DEFAULT '',
            sender_key TEXT NOT NULL DEFAULT '',
            -- JSON [[name, email], ...] of To and Cc
            recipients TEXT NOT NULL DEFAULT '[]',
            -- ISO 8601 UTC from the Date header; NULL when missing or absurd
            sent TEXT,
            in_reply_to TEXT NOT NULL DEFAULT '',
            -- JSON list of message keys from References, oldest first
            refs TEXT NOT NULL DEFAULT '[]',
            list_id TEXT NOT NULL DEFAULT '',
            body_text TEXT NOT NULL DEFAULT '',
            -- HTML as received (decoded); cleaned with nh3 before it is ever shown
            body_html TEXT NOT NULL DEFAULT '',
            size INTEGER NOT NULL DEFAULT 0,
            stored TEXT NOT NULL
        );
        CREATE INDEX messages_sender ON messages(sender_key);

        -- The message as received, for attachments and "show source"; kept apart so scans
        -- of the messages table stay small.
        CREATE TABLE message_sources (
            message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
            raw BLOB NOT NULL
        );

        CREATE TABLE attachments (
            id INTEGER PRIMARY KEY,
            message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
            -- position of the part in email's walk() order, to find it again in the source
            part_index INTEGER NOT NULL,
            filename TEXT NOT NULL,
            content_type TEXT NOT NULL,
            size INTEGER NOT NULL
        );
        CREATE INDEX attachments_message ON attachments(message_id);

        CREATE TABLE message_locations (
            folder_id INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
            uid INTEGER NOT NULL,
            message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
            PRIMARY KEY (folder_id, uid)
        );
        CREATE INDEX message_locations_message ON message_locations(message_id);

        CREATE TABLE threads (
            id INTEGER PRIMARY KEY,
            group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
            subject TEXT NOT NULL DEFAULT '',
            -- JSON [[name, email], ...] in order of first message
            participants TEXT NOT NULL DEFAULT '[]',
            message_count INTEGER NOT NULL DEFAULT 0,
            first_activity TEXT,
            last_activity TEXT
        );
        CREATE INDEX threads_group ON threads(group_id, last_activity);

        -- Why a message belongs to a group, and which of the group's threads holds it.
        CREATE TABLE message_groups (
            message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
            group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
            reason TEXT NOT NULL
                CHECK (reason IN ('list-id', 'reply', 'tag', 'recipients', 'posted')),
            thread_id INTEGER REFERENCES threads(id) ON DELETE SET NULL,
            PRIMARY KEY (message_id, group_id)
        );
        CREATE INDEX message_groups_group ON message_groups(group_id, thread_id);
        -- Reading a thread, and ON DELETE SET NULL when threads are rebuilt, look up by thread.
        CREATE INDEX message_groups_thread ON message_groups(thread_id);

        CREATE VIRTUAL TABLE messages_fts USING fts5(
            subject, body_text, sender_name, sender_email,
            content='messages', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
            INSERT INTO messages_fts(rowid, subject, body_text, sender_name, sender_email)
            VALUES (new.id, new.subject, new.body_text, new.sender_name, new.sender_email);
        END;
        CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
            INSERT INTO messages_fts(messages_fts, rowid, subject, body_text, sender_name,
                                     sender_email)
            VALUES ('delete', old.id, old.subject, old.body_text, old.sender_name,
                    old.sender_email);
        END;
        CREATE TRIGGER messages_fts_update AFTER UPDATE ON messages BEGIN
            INSERT INTO messages_fts(messages_fts, rowid, subject, body_text, sender_name,
                                     sender_email)
            VALUES ('delete', old.id, old.subject, old.body_text, old.sender_name,
                    old.sender_email);
            INSERT INTO messages_fts(rowid, subject, body_text, sender_name, sender_email)
            VALUES (new.id, new.subject, new.body_text, new.sender_name, new.sender_email);
        END;
        """
    )
    for group_id, name in db.execute("SELECT id, name FROM groups").fetchall():
        db.execute("UPDATE groups SET list_id = ? WHERE id = ?", [new_list_id(name), group_id])


@migrations(name="0003_posts_outbox_drafts")
def create_posts_outbox_drafts(db: Database) -> None:
    db.executescript(
        """
        -- How a group's posts go out (PRODUCT.md, "Two ways a group can run").
        ALTER TABLE groups ADD COLUMN mode TEXT NOT NULL DEFAULT 'copy-all'
            CHECK (mode IN ('copy-all', 'group-address'));
        -- One line under each post saying what the group is; '' = the group's description.
        ALTER TABLE groups ADD COLUMN footer TEXT NOT NULL DEFAULT '';
        -- The mailbox the group's posts go from; NULL = the profile's first account.
        ALTER TABLE groups ADD COLUMN account_id INTEGER
            REFERENCES accounts(id) ON DELETE SET NULL;
        -- Recipients one message may carry, for a provider Pont does not know (or a smaller
        -- limit the coordinator's provider told them); NULL = the provider table's figure.
        ALTER TABLE accounts ADD COLUMN recipients_per_message INTEGER
            CHECK (recipients_per_message IS NULL OR recipients_per_message > 0);

        -- A post being written; saved as the coordinator types.
        CREATE TABLE drafts (
            id INTEGER PRIMARY KEY,
            group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
            subject TEXT NOT NULL DEFAULT '',
            body_text TEXT NOT NULL DEFAULT '',
            -- the editor's HTML when formatted, '' for plain text
            body_html TEXT NOT NULL DEFAULT '',
            -- JSON [{"path": ..., "name": ..., "size": ...}]
            attachments TEXT NOT NULL DEFAULT '[]',
            -- for "Reply to group": the message key replied to, and References (JSON list)
            in_reply_to TEXT NOT NULL DEFAULT '',
            refs TEXT NOT NULL DEFAULT '[]',
            updated TEXT NOT NULL
        );

        -- A post is stored whole before anything is sent; its batches record each step.
        CREATE TABLE posts (
            id INTEGER PRIMARY KEY,
            group_id INTEGER REFERENCES groups(id) ON DELETE SET NULL,
            account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
            message_key TEXT NOT NULL UNIQUE,
            subject TEXT NOT NULL,
            -- the message exactly as sent, without Bcc
            mime BLOB NOT NULL,
            mode TEXT NOT NULL CHECK (mode IN ('copy-all', 'group-address')),
            state TEXT NOT NULL DEFAULT 'queued'
                CHECK (state IN ('queued', 'sending', 'paused', 'sent', 'failed', 'cancelled')),
            -- a plain sentence for the coordinator when paused or failed
            problem TEXT NOT NULL DEFAULT '',
            sent_copy_saved INTEGER NOT NULL DEFAULT 0,
            created TEXT NOT NULL,
            finished TEXT
        );

        CREATE TABLE batches (
            id INTEGER PRIMARY KEY,
            post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            -- 'sending' is written before the message goes; found after a crash it means
            -- the server may or may not have taken it (see the outbox's recovery)
            state TEXT NOT NULL DEFAULT 'waiting'
                CHECK (state IN ('waiting', 'sending', 'sent', 'failed', 'cancelled')),
            not_before TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            problem TEXT NOT NULL DEFAULT '',
            started TEXT,
            -- when the message data began to go (after DATA's 354): NULL means the server
            -- cannot have the message, whatever happened next
            data_started TEXT,
            accepted TEXT,
            UNIQUE (post_id, number)
        );

        CREATE TABLE batch_recipients (
            batch_id INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
            email TEXT NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            result TEXT NOT NULL DEFAULT 'pending'
                CHECK (result IN ('pending', 'accepted', 'refused')),
            reason TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (batch_id, email)
        );
        CREATE INDEX batches_sending ON batches(state, accepted);
        CREATE INDEX posts_account ON posts(account_id, state);
        """
    )


@migrations(name="0004_archive_problems_and_skipped")
def mark_partly_read_and_skipped_mail(db: Database) -> None:
    db.executescript(
        """
        -- Why a message could not be read exactly, JSON ["charset", "structure", ...]:
        -- it is stored as far as it could be read (its source whole), and marked.
        ALTER TABLE messages ADD COLUMN problems TEXT NOT NULL DEFAULT '[]';

        -- Mail sync passed over: the server dropped the connection each time it was fetched
        -- (or sent nothing). The UID is remembered so it is not fetched again and again.
        CREATE TABLE skipped_messages (
            folder_id INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
            uid INTEGER NOT NULL,
            -- from its headers, when they could be read: for saying which message it was
            subject TEXT NOT NULL DEFAULT '',
            sender TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL CHECK (reason IN ('connection-dropped', 'no-content')),
            skipped TEXT NOT NULL,
            PRIMARY KEY (folder_id, uid)
        );
        """
    )


@migrations(name="0005_microsoft_sign_in_and_graph")
def add_sign_in_and_graph_routes(db: Database) -> None:
    db.executescript(
        """
        -- How the account signs in: a password in the keyring, or Microsoft's sign-in (OAuth
        -- 2.0), whose token cache lives in the keyring too.
        ALTER TABLE accounts ADD COLUMN sign_in TEXT NOT NULL DEFAULT 'password'
            CHECK (sign_in IN ('password', 'microsoft'));
        -- Which way posts go (SMTP, or Microsoft Graph's sendMail where the tenant turned
        -- SMTP AUTH off) and mail is read (IMAP, Graph, or not at all).
        ALTER TABLE accounts ADD COLUMN sending TEXT NOT NULL DEFAULT 'smtp'
            CHECK (sending IN ('smtp', 'graph'));
        ALTER TABLE accounts ADD COLUMN reading TEXT NOT NULL DEFAULT 'imap'
            CHECK (reading IN ('imap', 'graph', 'none'));

        -- A folder read through Graph: its delta link is where the next sync carries on.
        ALTER TABLE folders ADD COLUMN delta_link TEXT NOT NULL DEFAULT '';
        -- Graph names messages by opaque ids; each gets the folder's next number, so the
        -- archive keeps one kind of location (folder, uid) whichever way it was read.
        CREATE TABLE graph_messages (
            folder_id INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
            graph_id TEXT NOT NULL,
            uid INTEGER NOT NULL,
            PRIMARY KEY (folder_id, graph_id),
            UNIQUE (folder_id, uid)
        );
        """
    )


@migrations(name="0006_group_mail")
def add_group_mail(db: Database) -> None:
    """A group that runs itself: members' posts relayed, held posts, join and leave requests,
    consent records, bounces, welcome and goodbye notices (issue 14)."""
    db.executescript(
        """
        -- Who may post to the group address: 'members' post freely, 'moderated' holds every
        -- post, 'announce' lets only the coordinator post.
        ALTER TABLE groups ADD COLUMN posting TEXT NOT NULL DEFAULT 'members'
            CHECK (posting IN ('members', 'moderated', 'announce'));
        -- Held posts not decided within this many days expire.
        ALTER TABLE groups ADD COLUMN hold_days INTEGER NOT NULL DEFAULT 14
            CHECK (hold_days BETWEEN 1 AND 365);
        -- 1: a leave request takes effect without the coordinator (and a goodbye goes).
        ALTER TABLE groups ADD COLUMN auto_leave INTEGER NOT NULL DEFAULT 0;
        -- The language of the group's notices, footers and replies.
        ALTER TABLE groups ADD COLUMN language TEXT NOT NULL DEFAULT 'en'
            CHECK (language IN ('en', 'cy', 'both'));
        -- Notice templates ('' = Pont's own wording), with {name} {group} {post} {leave}.
        ALTER TABLE groups ADD COLUMN welcome TEXT NOT NULL DEFAULT '';
        ALTER TABLE groups ADD COLUMN goodbye TEXT NOT NULL DEFAULT '';
        -- An address the coordinator already has for the group (an alias, a shared mailbox),
        -- used instead of the coordinator's +tag sub-address; '' = the sub-address.
        ALTER TABLE groups ADD COLUMN address TEXT NOT NULL DEFAULT '';
        -- When a test message to the group's address was seen to arrive ('' = not yet).
        ALTER TABLE groups ADD COLUMN address_checked TEXT NOT NULL DEFAULT '';

        -- 'bouncing': delivery suspended after the address bounced too often.
        CREATE TABLE members_new (
            id INTEGER PRIMARY KEY,
            group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
            email TEXT NOT NULL,
            email_key TEXT NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            organisation TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'active'
                CHECK (status IN ('active', 'paused', 'left', 'bouncing')),
            tags TEXT NOT NULL DEFAULT '[]',
            notes TEXT NOT NULL DEFAULT '',
            joined TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            UNIQUE (group_id, email_key)
        );
        INSERT INTO members_new SELECT id, group_id, email, email_key, name, organisation,
            status, tags, notes, joined, source FROM members;
        DROP TABLE members;
        ALTER TABLE members_new RENAME TO members;

        -- What the outbox holds: a coordinator's 'post', a member's post 'relay'ed, a
        -- 'notice' (welcome, goodbye, confirmation, consent request) or a 'reply' to a
        -- rejected sender.
        ALTER TABLE posts ADD COLUMN kind TEXT NOT NULL DEFAULT 'post'
            CHECK (kind IN ('post', 'relay', 'notice', 'reply'));

        -- Mail sync set aside for the group's own handling: a message to a group's address,
        -- a bounce, a join or leave request, a confirmation. Kept whole until handled, so a
        -- held post can still be relayed days later. state: 'new' until handled, once.
        CREATE TABLE inbound (
            id INTEGER PRIMARY KEY,
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            folder_id INTEGER REFERENCES folders(id) ON DELETE SET NULL,
            uid INTEGER,
            message_key TEXT NOT NULL,
            kind TEXT NOT NULL
                CHECK (kind IN ('group-address', 'bounce', 'request', 'confirmation')),
            group_id INTEGER REFERENCES groups(id) ON DELETE CASCADE,
            sender_email TEXT NOT NULL DEFAULT '',
            sender_name TEXT NOT NULL DEFAULT '',
            subject TEXT NOT NULL DEFAULT '',
            received TEXT NOT NULL,
            size INTEGER NOT NULL DEFAULT 0,
            raw BLOB NOT NULL,
            state TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'done')),
            -- what handling did, in a word ('relayed', 'held', 'ignored', 'auto-reply', ...)
            outcome TEXT NOT NULL DEFAULT '',
            UNIQUE (account_id, message_key, kind)
        );
        CREATE INDEX inbound_new ON inbound(state, id);

        CREATE TABLE held_posts (
            id INTEGER PRIMARY KEY,
            inbound_id INTEGER NOT NULL UNIQUE REFERENCES inbound(id) ON DELETE CASCADE,
            group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
            reason TEXT NOT NULL
                CHECK (reason IN ('not-a-member', 'moderated', 'announce', 'too-large')),
            detail TEXT NOT NULL DEFAULT '',
            held TEXT NOT NULL,
            expires TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'held'
                CHECK (state IN ('held', 'approved', 'rejected', 'expired')),
            decided TEXT
        );
        CREATE INDEX held_posts_group ON held_posts(group_id, state);

        CREATE TABLE requests (
            id INTEGER PRIMARY KEY,
            group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('join', 'leave')),
            email TEXT NOT NULL,
            email_key TEXT NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            inbound_id INTEGER REFERENCES inbound(id) ON DELETE SET NULL,
            received TEXT NOT NULL,
            -- 'confirming': approved, waiting for the person's own confirmation
            state TEXT NOT NULL DEFAULT 'open'
                CHECK (state IN ('open', 'confirming', 'done', 'rejected', 'expired')),
            -- the secret a confirmation must quote ('' when none is asked)
            token TEXT NOT NULL DEFAULT '',
            decided TEXT
        );
        CREATE INDEX requests_group ON requests(group_id, state);

        -- Each member's agreement to a roster every member can see: when, how, the message
        -- that said so, and the wording they agreed to.
        CREATE TABLE consents (
            id INTEGER PRIMARY KEY,
            member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
            given TEXT NOT NULL,
            how TEXT NOT NULL,
            message_key TEXT NOT NULL DEFAULT '',
            wording TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX consents_member ON consents(member_id);

        -- One row per member and bounced post: a hard bounce scores 1, a soft one 0.5.
        CREATE TABLE bounces (
            id INTEGER PRIMARY KEY,
            member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
            post_key TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('hard', 'soft')),
            score REAL NOT NULL,
            received TEXT NOT NULL,
            inbound_id INTEGER REFERENCES inbound(id) ON DELETE SET NULL,
            UNIQUE (member_id, post_key)
        );
        """
    )


@migrations(name="0007_requests_consent")
def add_consent_asks(db: Database) -> None:
    """Consent asked of members who have not given it, and the coordinator's note on consent
    given by other means (issue 14)."""
    db.executescript(
        """
        -- A consent request sent to a member: the token their answer must quote, and when it
        -- was answered ('' until then).
        CREATE TABLE consent_asks (
            id INTEGER PRIMARY KEY,
            member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
            token TEXT NOT NULL UNIQUE,
            asked TEXT NOT NULL,
            answered TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX consent_asks_member ON consent_asks(member_id);
        -- how: 'joined' (answered a join confirmation), 'answered' (a consent request),
        -- 'recorded' (the coordinator recorded consent given another way; note says how).
        ALTER TABLE consents ADD COLUMN note TEXT NOT NULL DEFAULT '';
        """
    )
