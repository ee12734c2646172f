"""The archive: group matching, storing, threads, search, post counts, showing HTML."""

from __future__ import annotations

import base64
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from pont.core.archive.filing import GroupMatcher, add_location, is_stored, store_message
from pont.core.archive.html_cleaning import clean_html
from pont.core.archive.message_headers import parse_headers
from pont.core.archive.messages import parse_message
from pont.core.archive.reading import (
    attachment_data,
    find_message,
    member_post_stats,
    thread_messages,
)
from pont.core.archive.search import SNIPPET_END, SNIPPET_START, match_expression, search
from pont.core.archive.threads import list_threads, rebuild_threads
from pont.core.errors import AttachmentNotFound
from pont.core.members.groups import Group, create_group
from pont.core.members.members import MemberStatus, NewMember, add_member
from pont.core.profile.migrations import migrations
from pont.core.profile.store import open_database


def raw_message(
    key: str,
    subject: str = "Hello",
    body: str = "Body text",
    sender: str = "Ann Jones <ann@example.org>",
    to: str = "someone@example.net",
    date: str = "Tue, 1 Apr 2025 10:00:00 +0000",
    extra: str = "",
) -> bytes:
    message_id = f"Message-ID: <{key}>\r\n" if key else ""
    return (
        f"{message_id}From: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\nDate: {date}\r\n"
        f"{extra}Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    ).encode()


def store(
    db: Database, raw: bytes, groups: dict[int, str], location: tuple[int, int] | None = None
) -> int:
    with db.atomic():
        return store_message(db, parse_message(raw), raw, groups, location)


@pytest.fixture
def members(db: Database, group: Group) -> list[str]:
    emails = [f"member{i}@example.org" for i in range(8)]
    for index, email in enumerate(emails):
        status = MemberStatus.LEFT if index >= 6 else MemberStatus.ACTIVE
        add_member(db, group.id, NewMember(email=email, name=f"Member {index}", status=status))
    return emails


@pytest.fixture
def folder(db: Database) -> int:
    db.execute(
        "INSERT INTO accounts (email, email_key, username, imap_host, imap_port, imap_security,"
        " smtp_host, smtp_port, smtp_security, created)"
        " VALUES ('c@example.org', 'c@example.org', 'c', 'h', 993, 'ssl', 'h', 465, 'ssl', 'now')"
    )
    cursor = db.execute("INSERT INTO folders (account_id, name, role) VALUES (1, 'INBOX', 'inbox')")
    db.conn.commit()
    return int(cursor.lastrowid or 0)


# --- matching ----------------------------------------------------------------------------


def test_list_id_matches(db: Database, group: Group) -> None:
    matcher = GroupMatcher.load(db)
    headers = parse_headers(f"List-Id: Wellbeing <{group.list_id.upper()}>\n\n".encode())
    assert matcher.groups_for(headers) == {group.id: "list-id"}
    assert matcher.groups_for(parse_headers(b"List-Id: <other.localhost>\n\n")) == {}


def test_subject_tag_matches_case_insensitively(db: Database, group: Group) -> None:
    matcher = GroupMatcher.load(db)
    assert matcher.groups_for(parse_headers(b"Subject: Re: [wellbeing] Walks\n\n")) == {
        group.id: "tag"
    }
    assert matcher.groups_for(parse_headers(b"Subject: Wellbeing walks []\n\n")) == {}


def test_an_empty_tag_matches_nothing(db: Database) -> None:
    create_group(db, "Untagged", tag="")
    assert GroupMatcher.load(db).groups_for(parse_headers(b"Subject: [] hi\n\n")) == {}


def test_reply_to_a_stored_or_remembered_message(db: Database, group: Group) -> None:
    store(db, raw_message("stored@x"), {group.id: "tag"})
    matcher = GroupMatcher.load(db)
    reply = parse_headers(b"In-Reply-To: <stored@x>\n\n")
    assert matcher.groups_for(reply) == {group.id: "reply"}
    later = parse_headers(b"References: <unknown@x> <new@x>\n\n")
    assert matcher.groups_for(later) == {}
    matcher.remember("new@x", [group.id])
    assert matcher.groups_for(later) == {group.id: "reply"}


def test_addressed_to_half_the_current_members_and_at_least_three(
    db: Database, group: Group, members: list[str]
) -> None:
    matcher = GroupMatcher.load(db)

    def reasons(recipients: list[str]) -> dict[int, str]:
        header = f"To: {', '.join(recipients)}\n\n".encode()
        return matcher.groups_for(parse_headers(header))

    # six current members (two have left): three is half
    assert reasons(members[:3]) == {group.id: "recipients"}
    assert reasons([m.upper() for m in members[:3]]) == {group.id: "recipients"}
    assert reasons(members[:2] + ["outsider@example.net"] * 3) == {}
    # the two who left do not count towards the half
    assert reasons(members[:2] + members[6:]) == {}


def test_small_group_needs_three_recipients(db: Database) -> None:
    small = create_group(db, "Pair", tag="Pair")
    for email in ("a@example.org", "b@example.org"):
        add_member(db, small.id, NewMember(email=email))
    matcher = GroupMatcher.load(db)
    assert matcher.groups_for(parse_headers(b"To: a@example.org, b@example.org\n\n")) == {}


def test_a_message_may_belong_to_several_groups(db: Database, group: Group) -> None:
    other = create_group(db, "Peer Support", tag="Peer")
    matcher = GroupMatcher.load(db)
    headers = parse_headers(f"List-Id: <{group.list_id}>\nSubject: [Peer] x\n\n".encode())
    assert matcher.groups_for(headers) == {group.id: "list-id", other.id: "tag"}


# --- storing -----------------------------------------------------------------------------


def test_store_is_idempotent_and_dedups_by_key(db: Database, group: Group, folder: int) -> None:
    raw = raw_message("once@x", body="Siân's note")
    first = store(db, raw, {group.id: "tag"}, (folder, 10))
    second = store(db, raw, {group.id: "tag"}, (folder, 10))
    sent_copy = store(db, raw, {group.id: "tag"}, (folder, 11))
    assert first == second == sent_copy
    assert db.execute("SELECT count(*) FROM messages").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM message_sources").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM message_groups").fetchone()[0] == 1
    assert db.execute("SELECT uid FROM message_locations ORDER BY uid").fetchall() == [(10,), (11,)]


def test_store_adds_new_group_links(db: Database, group: Group) -> None:
    other = create_group(db, "Peer Support", tag="Peer")
    raw = raw_message("shared@x")
    store(db, raw, {group.id: "tag"})
    store(db, raw, {other.id: "recipients"})
    assert db.execute(
        "SELECT group_id, reason FROM message_groups ORDER BY group_id"
    ).fetchall() == [
        (group.id, "tag"),
        (other.id, "recipients"),
    ]


def test_store_does_not_commit(db: Database, group: Group) -> None:
    store_message(db, parse_message(raw_message("a@x")), raw_message("a@x"), {group.id: "tag"})
    db.conn.rollback()
    assert not is_stored(db, "a@x")


def test_messages_without_message_id_dedup_by_synthetic_key(db: Database, group: Group) -> None:
    inbox = raw_message("", extra="Received: by mx\r\n")
    sent = raw_message("")
    store(db, inbox, {group.id: "tag"})
    store(db, sent, {group.id: "tag"})
    assert db.execute("SELECT count(*) FROM messages").fetchone()[0] == 1
    assert is_stored(db, parse_headers(sent).message_key)


def test_add_location(db: Database, group: Group, folder: int) -> None:
    assert not add_location(db, "missing@x", folder, 1)
    store(db, raw_message("here@x"), {group.id: "tag"})
    assert add_location(db, "here@x", folder, 7)
    assert db.execute("SELECT uid FROM message_locations").fetchall() == [(7,)]


def test_attachment_round_trip(db: Database, group: Group) -> None:
    csv = b"venue,town\nCanolfan,Aberystwyth\n"
    raw = (
        b"Message-ID: <att@x>\nSubject: venues\nContent-Type: multipart/mixed; boundary=b\n\n"
        b"--b\nContent-Type: text/plain\n\nList attached\n--b\n"
        b'Content-Type: text/csv; name="venues.csv"\nContent-Disposition: attachment;'
        b' filename="venues.csv"\nContent-Transfer-Encoding: base64\n\n'
        + base64.encodebytes(csv)
        + b"--b--\n"
    )
    store(db, raw, {group.id: "tag"})
    rebuild_threads(db, [group.id])
    [thread] = list_threads(db, group.id)
    [message] = thread_messages(db, thread.id)
    [attachment] = message.attachments
    assert (attachment.filename, attachment.content_type, attachment.size) == (
        "venues.csv",
        "text/csv",
        len(csv),
    )
    assert attachment_data(db, attachment.id) == ("venues.csv", csv)
    with pytest.raises(AttachmentNotFound):
        attachment_data(db, 999)


# --- threads -----------------------------------------------------------------------------


def test_threads_have_subject_participants_counts_and_activity(db: Database, group: Group) -> None:
    store(db, raw_message("a@x", "[Wellbeing] Peer support", date="Mon, 3 Mar 2025 09:00 +0000"),
          {group.id: "tag"})  # fmt: skip
    store(
        db,
        raw_message(
            "b@x",
            "Re: [Wellbeing] Peer support",
            sender="Dafydd <dafydd@example.org>",
            date="Tue, 4 Mar 2025 09:00 +0000",
            extra="In-Reply-To: <a@x>\r\n",
        ),
        {group.id: "reply"},
    )
    store(
        db,
        raw_message(
            "c@x",
            "RE: Peer support",
            sender="ANN@example.org",
            date="Wed, 5 Mar 2025 09:00 +0000",
        ),
        {group.id: "recipients"},
    )
    store(db, raw_message("z@x", "[Wellbeing] Events", date="Sat, 1 Mar 2025 09:00 +0000"),
          {group.id: "tag"})  # fmt: skip
    rebuild_threads(db, [group.id])
    support, events = list_threads(db, group.id)
    assert support.subject == "Peer support"
    assert support.message_keys == ("a@x", "b@x", "c@x")
    assert support.message_count == 3
    assert [p.email for p in support.participants] == ["ann@example.org", "dafydd@example.org"]
    assert support.first_activity is not None and support.first_activity.day == 3
    assert support.last_activity is not None and support.last_activity.day == 5
    assert events.message_keys == ("z@x",)
    assert [m.message_key for m in thread_messages(db, support.id)] == ["a@x", "b@x", "c@x"]


def test_rebuild_keeps_thread_ids_and_drops_empty_threads(db: Database, group: Group) -> None:
    store(db, raw_message("a@x", "[Wellbeing] One"), {group.id: "tag"})
    rebuild_threads(db, [group.id])
    [before] = list_threads(db, group.id)
    store(db, raw_message("b@x", "Re: One", extra="References: <a@x>\r\n"), {group.id: "reply"})
    rebuild_threads(db, [group.id])
    [after] = list_threads(db, group.id)
    assert after.id == before.id and after.message_count == 2
    db.execute("DELETE FROM messages")
    rebuild_threads(db, [group.id])
    assert list_threads(db, group.id) == []
    assert db.execute("SELECT count(*) FROM threads").fetchone()[0] == 0


# --- search ------------------------------------------------------------------------------


@pytest.fixture
def searchable(db: Database, group: Group) -> Group:
    posts = [
        ("s1@x", "[Wellbeing] Social prescribing", "Siân ran a pilot of social prescribing."),
        ("s2@x", "[Wellbeing] Mental health first aid", "Mental health training in Cardiff."),
        ("s3@x", "[Wellbeing] O'Brien's report", "The O'Brien report on loneliness."),
        ("s4@x", "[Wellbeing] Funding", "A long message. " * 40 + "The lottery fund closes soon."),
    ]
    for key, subject, body in posts:
        store(db, raw_message(key, subject, body), {group.id: "tag"})
    other = create_group(db, "Other", tag="Other")
    store(db, raw_message("o1@x", "[Other] Social prescribing too", "social"), {other.id: "tag"})
    rebuild_threads(db, [group.id, other.id])
    return group


def test_search_marks_matches_in_snippets(db: Database, searchable: Group) -> None:
    [hit] = search(db, searchable.id, "prescribing")
    assert hit.subject == "[Wellbeing] Social prescribing"
    assert f"{SNIPPET_START}prescribing{SNIPPET_END}" in hit.snippet
    assert hit.thread_id is not None
    assert hit.sender is not None and hit.sender.email == "ann@example.org"


def test_long_bodies_are_cut_with_an_ellipsis(db: Database, searchable: Group) -> None:
    [hit] = search(db, searchable.id, "lottery")
    assert hit.snippet.startswith("…") and f"{SNIPPET_START}lottery{SNIPPET_END}" in hit.snippet


def test_search_falls_back_to_the_subject_snippet(db: Database, searchable: Group) -> None:
    [hit] = search(db, searchable.id, "first aid")
    assert hit.snippet == f"[Wellbeing] Mental health {SNIPPET_START}first{SNIPPET_END} " + (
        f"{SNIPPET_START}aid{SNIPPET_END}"
    )


def test_search_ignores_accents_both_ways(db: Database, searchable: Group) -> None:
    assert len(search(db, searchable.id, "sian")) == 1
    assert len(search(db, searchable.id, "SIÂN")) == 1


def test_last_word_is_a_prefix(db: Database, searchable: Group) -> None:
    assert [h.subject for h in search(db, searchable.id, "social presc")] == [
        "[Wellbeing] Social prescribing"
    ]


def test_search_is_scoped_to_the_group(db: Database, searchable: Group) -> None:
    assert all("Other" not in hit.subject for hit in search(db, searchable.id, "social"))


@pytest.mark.parametrize(
    "query",
    ["o'brien \"mental health", "AND OR NOT *", '"', "NEAR(a b)", "-x", "^", "a:b", "(", "*"],
)
def test_hostile_queries_do_not_raise(db: Database, searchable: Group, query: str) -> None:
    search(db, searchable.id, query)


def test_quoted_phrases_and_apostrophes(db: Database, searchable: Group) -> None:
    assert len(search(db, searchable.id, "o'brien")) == 1
    assert len(search(db, searchable.id, '"mental health"')) == 1
    assert search(db, searchable.id, '"health mental"') == []
    assert search(db, searchable.id, "   ") == []


def test_match_expression_quotes_everything() -> None:
    assert match_expression("AND o'brien \"mental health") == '"AND" "o\'brien" "mental health"*'
    assert match_expression('"closed phrase"') == '"closed phrase"'
    assert match_expression("* - ()") == ""


# --- post counts -------------------------------------------------------------------------


def test_member_post_stats(db: Database, group: Group) -> None:
    store(db, raw_message("1@x", date="Mon, 3 Mar 2025 09:00 +0000"), {group.id: "tag"})
    store(db, raw_message("2@x", sender="ANN@example.org", date="Tue, 4 Mar 2025 09:00 +0000"),
          {group.id: "tag"})  # fmt: skip
    store(db, raw_message("3@x", sender="bob@example.org", date="garbage"), {group.id: "tag"})
    store(db, raw_message("4@x", sender="carol@example.org"), {})
    stats = member_post_stats(db, group.id)
    assert set(stats) == {"ann@example.org", "bob@example.org"}
    assert stats["ann@example.org"].posts == 2
    last = stats["ann@example.org"].last_post
    assert last is not None and last.day == 4
    assert stats["bob@example.org"].last_post is None


# --- HTML --------------------------------------------------------------------------------


def test_clean_html_removes_scripts_and_handlers() -> None:
    cleaned, blocked = clean_html(
        '<p onclick="steal()">Hi <script>alert(1)</script><a href="https://example.org">link</a>'
        '<a href="javascript:alert(1)">bad</a></p><style>p{}</style>'
    )
    assert "script" not in cleaned and "onclick" not in cleaned and "javascript" not in cleaned
    assert "p{}" not in cleaned
    assert 'href="https://example.org"' in cleaned and "noopener" in cleaned
    assert not blocked


def test_clean_html_blocks_remote_images() -> None:
    cleaned, blocked = clean_html(
        '<img src="https://tracker.example.com/p.gif" alt="Logo"><img src="//cdn.example.com/x">'
        '<img src="cid:logo@x" alt="inline">'
    )
    assert blocked
    assert "tracker" not in cleaned and "cdn.example.com" not in cleaned
    assert 'alt="Logo"' in cleaned and 'src="cid:logo@x"' in cleaned


def test_clean_html_reports_remote_css() -> None:
    cleaned, blocked = clean_html('<div style="background: url(https://x.example/b.png)">x</div>')
    assert blocked and "url(" not in cleaned


def test_find_message_gives_the_message_with_its_references(db: Database, group: Group) -> None:
    raw = (
        b"Message-ID: <reply@example.org>\r\nFrom: Ann <ann@example.org>\r\n"
        b"Subject: Re: [Wellbeing] Venues\r\nIn-Reply-To: <root@example.org>\r\n"
        b"References: <first@example.org> <root@example.org>\r\n\r\nAgreed.\r\n"
    )
    with db.atomic():
        store_message(db, parse_message(raw), raw, {group.id: "tag"})
    found = find_message(db, "reply@example.org")
    assert found is not None
    assert found.references == ("first@example.org", "root@example.org")
    assert found.body_text.strip() == "Agreed."
    assert find_message(db, "nothing@example.org") is None


def test_messages_stored_before_problems_were_kept_read_as_read_in_full(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    old = Database(sqlite3.connect(path))
    migrations.apply(old, stop_before="0004_archive_problems_and_skipped")
    old.execute(
        "INSERT INTO messages (message_key, subject, stored) VALUES ('old@x', 'Old', '2025')"
    )
    old.conn.commit()
    old.conn.close()

    db = open_database(path)
    found = find_message(db, "old@x")
    assert found is not None and found.problems == ()
    assert db.execute("SELECT count(*) FROM skipped_messages").fetchone()[0] == 0
    db.close()
