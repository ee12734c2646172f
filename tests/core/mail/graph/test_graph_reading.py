"""GraphClient reading a mailbox through the Graph-shaped test server: delta pages over a
real Dovecot folder, each message's MIME, and the copies Exchange files in Sent Items."""

from __future__ import annotations

import pytest

from graph_server import GraphServer, MintedTokens
from mailservers import Mailbox
from oauth_keys import SigningKey
from pont.core.errors import GraphAccessDenied, GraphItemGone, GraphSyncStateLost
from pont.core.mail.graph.client import GraphClient
from pont.core.mail.tokens import Permission


def note(number: int) -> bytes:
    return (
        f"From: someone@example.org\r\nSubject: Note {number}\r\n"
        f"Message-ID: <note.{number}@example.org>\r\n\r\nNumber {number}.\r\n"
    ).encode()


@pytest.fixture
def tokens(signing_key: SigningKey, mailbox: Mailbox) -> MintedTokens:
    return MintedTokens(signing_key, mailbox.email)


@pytest.fixture
def graph(graph_server: GraphServer, tokens: MintedTokens) -> GraphClient:
    client = GraphClient(graph_server.endpoint, tokens, timeout=10)
    yield client
    client.close()


def test_delta_pages_through_the_folder_then_only_the_changes(
    graph: GraphClient, graph_server: GraphServer, mailbox: Mailbox, tokens: MintedTokens
) -> None:
    for number in range(25):
        mailbox.server.deliver(mailbox.email, note(number))
    pages = list(graph.delta("inbox", page_size=10))
    assert [len(p.added) for p in pages] == [10, 10, 5]
    assert [p.delta_link is not None for p in pages] == [False, False, True]
    ids = [i for p in pages for i in p.added]
    assert len(set(ids)) == 25
    assert b"Subject: Note 0\r\n" in graph.message_mime(ids[0])
    assert set(tokens.asked) == {Permission.GRAPH_READ}

    with mailbox.server.imap(mailbox.email) as imap:
        imap.select_folder("INBOX")
        imap.delete_messages(sorted(imap.search(["ALL"]))[:2])
        imap.expunge()
    mailbox.server.deliver(mailbox.email, note(99))
    link = pages[-1].delta_link
    assert link is not None
    (change,) = list(graph.delta("inbox", link, page_size=10))
    assert change.removed == ids[:2]
    assert len(change.added) == 1 and b"Note 99" in graph.message_mime(change.added[0])
    assert change.delta_link not in (None, link)
    with pytest.raises(GraphItemGone):
        graph.message_mime(ids[0])


def test_a_forgotten_or_foreign_delta_link_means_reading_afresh(
    graph: GraphClient, graph_server: GraphServer, mailbox: Mailbox
) -> None:
    mailbox.server.deliver(mailbox.email, note(1))
    (page,) = list(graph.delta("sentitems"))
    assert page.added == [] and page.delta_link is not None
    graph_server.forget_delta_states()
    with pytest.raises(GraphSyncStateLost):
        list(graph.delta("sentitems", page.delta_link))
    requests = len(graph_server.requests)
    with pytest.raises(GraphSyncStateLost):
        list(graph.delta("inbox", "https://elsewhere.example/v1.0/me/mailFolders/inbox/x"))
    assert len(graph_server.requests) == requests  # the token went nowhere


def test_sent_copies_are_found_and_their_headers_read_alone(
    graph: GraphClient, graph_server: GraphServer, mailbox: Mailbox
) -> None:
    member = mailbox.server.new_user("member")
    attachment = b"A" * 3_000_000
    for batch in (1, 2):
        graph.send_mime(
            f"X-Pont-Batch: {batch} abc\r\nFrom: {mailbox.email}\r\nTo: {mailbox.email}\r\n"
            f"Bcc: {member}\r\nSubject: Pilot\r\nMessage-ID: <pilot.7@example.org>\r\n\r\n".encode()
            + attachment[: 1_000_000 * batch]
        )
    found = graph.find_messages("sentitems", "<pilot.7@example.org>")
    assert len(found) == 2
    assert graph.find_messages("sentitems", "<pilot.8@example.org>") == []
    assert graph.find_messages("sentitems", "<it's@example.org>") == []
    headers = sorted(graph.message_headers(i) for i in found)
    assert [h.split(b"\r\n")[0] for h in headers] == [
        b"X-Pont-Batch: 1 abc",
        b"X-Pont-Batch: 2 abc",
    ]
    assert all(h.endswith(b"\r\n\r\n") and len(h) < 1000 for h in headers)


def test_reading_needs_mail_read(
    graph_server: GraphServer, mailbox: Mailbox, signing_key: SigningKey
) -> None:
    sender_only = MintedTokens(signing_key, mailbox.email, granted=("Mail.Send",))
    with (
        GraphClient(graph_server.endpoint, sender_only) as graph,
        pytest.raises(GraphAccessDenied) as raised,
    ):
        list(graph.delta("inbox"))
    assert not raised.value.sending
