"""Finding a conversation anywhere in a real Dovecot mailbox (and through the Graph-shaped test
server over the same Dovecot), and the people in it."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from corpus import connector, make_account
from hypothesis import given
from hypothesis import strategies as st
from sqlite_utils import Database

from graph_server import GraphServer, MintedTokens
from mailservers import Mailbox
from oauth_keys import SigningKey
from pont.core.archive.found_conversations import (
    Conversation,
    group_conversations,
    people_in,
)
from pont.core.archive.mailbox_search import (
    MailboxSearch,
    NoSearchWords,
    SearchStopped,
    fair_shares,
    found_from_graph,
    found_from_header_block,
    graph_query,
    search_graph,
    search_imap,
    search_mailbox,
    search_words,
    searched_folders,
)
from pont.core.mail.graph.client import GraphClient
from pont.core.profile.store import open_database
from thread_world import (
    ANN,
    BRYN,
    CERI,
    DAI,
    DRAFTED,
    EVE,
    FFLUR,
    MALLORY,
    OTHER_SUBJECT,
    RHYS,
    SUBJECT,
    TRASHED,
    WORDS,
    expected_writers,
    seed_thread,
)


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = open_database(tmp_path / "pont.sqlite3")
    yield database
    database.close()


@pytest.fixture
def seeded(mailbox: Mailbox) -> Mailbox:
    seed_thread(mailbox)
    return mailbox


def imap_search(mailbox: Mailbox, words: str = WORDS, **options: object) -> MailboxSearch:
    client = connector(mailbox)()
    try:
        return search_imap(client, search_words(words), **options)  # type: ignore[arg-type]
    finally:
        client.logout()


def the_chain(found: MailboxSearch) -> Conversation:
    return next(c for c in found.conversations if c.subject == SUBJECT)


def check_people(conversation: Conversation, coordinator: str) -> None:
    people = people_in(conversation, [coordinator])
    by_email = {p.email.casefold(): p for p in people}
    assert len(by_email) == len(people)  # BRYN@Example.ORG and bryn@example.org are one
    writers = {p.email.casefold(): p.wrote for p in people if p.wrote}
    assert writers == expected_writers(coordinator.casefold())
    assert set(by_email) == {
        ANN[1],
        BRYN[1],
        CERI[1],
        DAI[1],
        EVE,
        MALLORY,
        RHYS,
        coordinator.casefold(),
    }
    assert TRASHED not in by_email and DRAFTED not in by_email
    assert by_email[ANN[1]].name == "Ann Jones"
    assert by_email[BRYN[1]].name == "Bryn Evans"
    assert by_email[BRYN[1]].seen_in == 4
    assert by_email[DAI[1]].wrote == 0 and by_email[DAI[1]].seen_in == 2
    # The hostile names: no line break survives, a name that is an address is dropped, the
    # right-to-left override is gone.
    assert by_email[EVE].name == "Eve Bcc: all"
    assert by_email[MALLORY].name == ""
    assert by_email[RHYS].name == "Rhys evil"
    assert [p.is_you for p in people].count(True) == 1
    assert by_email[coordinator.casefold()].is_you
    assert people[0].wrote == 1  # writers first


def test_imap_search_finds_the_chain_across_folders_but_not_in_trash_or_drafts(
    seeded: Mailbox,
) -> None:
    found = imap_search(seeded)
    assert [c.subject for c in found.conversations] == [OTHER_SUBJECT, SUBJECT]
    chain = the_chain(found)
    assert chain.count == 5  # INBOX ×3, Sent, Projects; the Trash copy and draft left out
    assert {m.key for m in chain.messages} == {f"m{n}@example.org" for n in range(1, 6)}
    assert chain.first == datetime(2026, 11, 1, 10, tzinfo=UTC)
    assert chain.last == datetime(2026, 11, 5, 10, tzinfo=UTC)
    assert found.read == found.matched == 6 and not found.capped
    assert found.folders == 3  # INBOX, Sent, Projects
    check_people(chain, seeded.email)
    other = found.conversations[0]
    assert [p.email for p in people_in(other, [seeded.email]) if p.wrote] == [FFLUR[1]]


def test_ascii_words_and_words_in_any_case_find_it_too(seeded: Mailbox) -> None:
    found = imap_search(seeded, "FESTIVAL planning")
    assert [c.subject for c in found.conversations] == [SUBJECT]
    assert found.conversations[0].count == 5


def test_nothing_found_is_an_empty_answer(seeded: Mailbox) -> None:
    found = imap_search(seeded, "eisteddfod")
    assert found.conversations == () and found.matched == 0


def test_the_cap_reads_the_newest_of_each_folder_and_says_so(seeded: Mailbox) -> None:
    found = imap_search(seeded, limit=3)
    assert found.matched == 6 and found.read == 3 and found.capped
    keys = {m.key for c in found.conversations for m in c.messages}
    # INBOX's four hits do not crowd out Sent and Projects: one each, INBOX's newest.
    assert keys == {"o1@example.org", "m2@example.org", "m3@example.org"}


def test_fair_shares() -> None:
    assert fair_shares([4, 1, 1], 3) == [1, 1, 1]
    assert fair_shares([10, 1, 2], 9) == [6, 1, 2]
    assert fair_shares([10, 10], 5) == [2, 3]
    assert sum(fair_shares([7, 7, 7], 20)) == 20
    assert fair_shares([3, 2], 100) == [3, 2]
    assert fair_shares([], 5) == [] and fair_shares([5], 0) == [0]


def test_a_stop_ends_the_search(seeded: Mailbox) -> None:
    stop = threading.Event()
    stop.set()
    with pytest.raises(SearchStopped):
        imap_search(seeded, stop=stop)


def test_search_mailbox_opens_and_closes_its_own_connection(db: Database, seeded: Mailbox) -> None:
    account = make_account(db, seeded)
    steps: list[tuple[int, int]] = []
    found = search_mailbox(
        account,
        search_words(WORDS),
        connect=connector(seeded),
        progress=lambda done, total: steps.append((done, total)),
    )
    assert the_chain(found).count == 5
    assert steps[0] == (0, 6) and steps[-1] == (6, 6)


@pytest.fixture
def graph(graph_server: GraphServer, signing_key: SigningKey, seeded: Mailbox) -> GraphClient:
    tokens = MintedTokens(signing_key, seeded.email, granted=("Mail.Read",))
    client = GraphClient(graph_server.endpoint, tokens, timeout=10)
    yield client
    client.close()


def test_graph_search_finds_the_same_chain_and_people(
    graph: GraphClient, graph_server: GraphServer, seeded: Mailbox
) -> None:
    found = search_graph(graph, search_words(WORDS))
    assert [c.subject for c in found.conversations] == [OTHER_SUBJECT, SUBJECT]
    chain = the_chain(found)
    assert (chain.first, chain.last) == (
        datetime(2026, 11, 1, 10, tzinfo=UTC),
        datetime(2026, 11, 5, 10, tzinfo=UTC),
    )
    assert {m.key for m in chain.messages} == {f"m{n}@example.org" for n in range(1, 6)}
    check_people(chain, seeded.email)
    assert graph_server.count("/v1.0/me/messages", "GET") == 1


def test_graph_search_follows_pages_and_stops_at_the_cap(
    graph: GraphClient, graph_server: GraphServer, seeded: Mailbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pont.core.archive.mailbox_search.GRAPH_PAGE_SIZE", 2)
    found = search_graph(graph, search_words(WORDS))
    assert the_chain(found).count == 5
    assert graph_server.count("/v1.0/me/messages", "GET") == 5  # 9 found (Trash, Drafts too)
    capped = search_graph(graph, search_words(WORDS), limit=3)
    assert capped.capped and capped.read == 3 and capped.matched is None  # Graph gives no total


def test_search_mailbox_reads_a_graph_account_through_graph(
    db: Database, graph: GraphClient, graph_server: GraphServer, seeded: Mailbox
) -> None:
    from graph_archive_world import graph_account

    account = graph_account(db, seeded)
    found = search_mailbox(account, search_words(WORDS), graph=lambda: graph)
    assert the_chain(found).count == 5
    assert graph_server.count("/v1.0/me/messages", "GET") == 1


def test_the_graph_query_keeps_every_word_inside_its_quotes() -> None:
    assert (
        graph_query(["ŵyl", 'ha"f', "a\\b"])
        == '"subject:ŵyl AND subject:ha AND subject:f AND subject:a AND subject:b"'
    )


def test_search_words_drop_line_breaks_and_refuse_nothing() -> None:
    assert search_words("  ŵyl\r\nBcc: x  ŵyl ") == ("ŵyl", "Bcc:", "x")
    with pytest.raises(NoSearchWords):
        search_words(" \r\n\t ")
    assert len(search_words("w " * 50)) == 1
    assert len(search_words(" ".join(f"w{n}" for n in range(50)))) == 10


class ListingServer:
    """What searched_folders asks of a server: its capabilities and its folder list."""

    def __init__(self, listing: list[tuple[tuple[bytes, ...], bytes, str]]) -> None:
        self.listing = listing

    def has_capability(self, name: str) -> bool:
        return False

    def list_folders(self) -> list[tuple[tuple[bytes, ...], bytes, str]]:
        return self.listing


def test_folders_by_flag_and_name_and_gmail_all_mail_alone() -> None:
    plain = ListingServer(
        [
            ((b"\\HasNoChildren",), b"/", "Projects"),
            ((b"\\HasNoChildren", b"\\Trash"), b"/", "Bin"),
            ((b"\\HasNoChildren",), b"/", "INBOX"),
            ((), b".", "INBOX.Deleted Items"),
            ((), b"/", "Junk E-mail"),
            ((), b"/", "Sent Items"),
            ((b"\\Noselect",), b"/", "[Gmail]"),
            ((), b"/", "Drafftiau"),
        ]
    )
    assert searched_folders(plain) == ["INBOX", "Sent Items", "Projects"]  # type: ignore[arg-type]
    gmail = ListingServer(
        [
            ((b"\\HasNoChildren",), b"/", "INBOX"),
            ((b"\\Noselect",), b"/", "[Gmail]"),
            ((b"\\All",), b"/", "[Gmail]/All Mail"),
            ((b"\\Sent",), b"/", "[Gmail]/Sent Mail"),
        ]
    )
    assert searched_folders(gmail) == ["[Gmail]/All Mail"]  # type: ignore[arg-type]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(
    st.dictionaries(
        st.sampled_from(
            [
                "id",
                "internetMessageId",
                "subject",
                "from",
                "toRecipients",
                "ccRecipients",
                "sentDateTime",
                "conversationId",
                "isDraft",
                "parentFolderId",
            ]
        ),
        json_values,
    )
)
def test_any_graph_item_gives_a_message_or_none(item: dict[str, object]) -> None:
    found = found_from_graph(item)
    if found is not None:
        conversations = group_conversations([found])
        people_in(conversations[0])


def test_a_hostile_references_header_costs_a_bounded_number_of_links() -> None:
    ids = " ".join(f"<r{n}@x>" for n in range(100_000))
    block = (
        "Subject: Re: Plans\r\nMessage-ID: <me@x>\r\nIn-Reply-To: <r99999@x>\r\n"
        f"References: {ids}\r\n\r\n"
    )
    found = found_from_header_block(block.encode())
    assert len(found.links) == 51
    assert found.links[:3] == ("r99999@x", "r0@x", "r99951@x")
