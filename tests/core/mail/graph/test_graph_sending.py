"""GraphClient against the Graph-shaped test server: sending a message's own MIME, and every
way the answer can go wrong (tests/graph_server.py plays Microsoft Graph)."""

from __future__ import annotations

import threading
import time

import pytest

from graph_server import GraphServer, MintedTokens
from mailservers import Mailbox, free_port
from oauth_keys import SigningKey
from pont.core.errors import (
    AuthenticationFailed,
    GraphAccessDenied,
    GraphAddressUnusable,
    GraphAnswerLost,
    GraphBusy,
    GraphRefused,
    GraphSignInRefused,
    GraphUnreachable,
)
from pont.core.mail.graph.client import GraphClient
from pont.core.mail.tokens import Permission


def message(sender: str, *members: str, tag: str = "1") -> bytes:
    return (
        f"From: Rhian <{sender}>\r\nTo: Wellbeing <{sender}>\r\nBcc: {', '.join(members)}\r\n"
        f"Subject: Pilot\r\nMessage-ID: <pilot.{tag}@example.org>\r\n\r\nIt starts on Monday.\r\n"
    ).encode()


def inbox_count(mailbox: Mailbox, user: str, folder: str = "INBOX") -> int:
    with mailbox.server.imap(user) as imap:
        imap.select_folder(folder, readonly=True)
        return len(imap.search(["ALL"]))


@pytest.fixture
def tokens(signing_key: SigningKey, mailbox: Mailbox) -> MintedTokens:
    return MintedTokens(signing_key, mailbox.email)


@pytest.fixture
def graph(graph_server: GraphServer, tokens: MintedTokens) -> GraphClient:
    client = GraphClient(graph_server.endpoint, tokens, timeout=10)
    yield client
    client.close()


def test_send_mime_delivers_to_each_recipient_once(
    graph: GraphClient, graph_server: GraphServer, mailbox: Mailbox, tokens: MintedTokens
) -> None:
    members = [mailbox.server.new_user("member") for _ in range(3)]
    calls: list[float] = []
    graph.send_mime(message(mailbox.email, *members), lambda: calls.append(time.monotonic()))
    assert len(calls) == 1
    assert tokens.asked == [Permission.GRAPH_SEND]
    assert [inbox_count(mailbox, m) for m in members] == [1, 1, 1]
    assert inbox_count(mailbox, mailbox.email, "Sent") == 1
    assert graph.me() == mailbox.email


def test_a_429_is_waited_out_then_the_message_goes(
    graph: GraphClient, graph_server: GraphServer, mailbox: Mailbox
) -> None:
    member = mailbox.server.new_user("member")
    graph_server.faults.inject(429, "ApplicationThrottled", retry_after="1", path="sendMail")
    graph_server.faults.inject(503, "ServiceUnavailable", retry_after="1", path="sendMail")
    started = time.monotonic()
    graph.send_mime(message(mailbox.email, member))
    assert time.monotonic() - started >= 2.0
    assert graph_server.count("sendMail") == 3
    assert inbox_count(mailbox, member) == 1


def test_a_long_retry_after_is_left_to_the_caller(
    graph: GraphClient, graph_server: GraphServer, mailbox: Mailbox
) -> None:
    graph_server.faults.inject(429, "ApplicationThrottled", retry_after="120", path="sendMail")
    with pytest.raises(GraphBusy) as raised:
        graph.send_mime(message(mailbox.email, mailbox.server.new_user("member")))
    assert raised.value.retry_after == 120
    assert graph_server.sent == []


def test_a_stopped_client_does_not_wait_out_retry_after(
    graph_server: GraphServer, mailbox: Mailbox, tokens: MintedTokens
) -> None:
    stop = threading.Event()
    graph_server.faults.inject(503, "ServiceUnavailable", retry_after="20", path="sendMail")
    with GraphClient(graph_server.endpoint, tokens, patience=60, stop=stop) as graph:
        threading.Timer(0.3, stop.set).start()
        started = time.monotonic()
        with pytest.raises(GraphBusy):
            graph.send_mime(message(mailbox.email, mailbox.server.new_user("member")))
    assert time.monotonic() - started < 5


def test_a_refused_token_is_asked_for_again_once(
    graph: GraphClient, graph_server: GraphServer, mailbox: Mailbox, tokens: MintedTokens
) -> None:
    member = mailbox.server.new_user("member")
    graph_server.faults.inject(401, "InvalidAuthenticationToken", path="sendMail")
    graph.send_mime(message(mailbox.email, member))
    assert len(tokens.asked) == 2 and inbox_count(mailbox, member) == 1
    tokens.expired = True
    with pytest.raises(GraphSignInRefused) as raised:
        graph.send_mime(message(mailbox.email, member, tag="2"))
    assert mailbox.email in str(raised.value)
    assert len(tokens.asked) == 4 and len(graph_server.sent) == 1


def test_the_token_sources_own_refusal_reaches_the_caller(
    graph: GraphClient, graph_server: GraphServer, mailbox: Mailbox, tokens: MintedTokens
) -> None:
    tokens.refusal = AuthenticationFailed(mailbox.email, "login.test")
    with pytest.raises(AuthenticationFailed):
        graph.send_mime(message(mailbox.email, mailbox.server.new_user("member")))
    assert graph_server.requests == []


def test_without_mail_send_graph_says_access_denied(
    graph_server: GraphServer, mailbox: Mailbox, signing_key: SigningKey
) -> None:
    reader = MintedTokens(signing_key, mailbox.email, granted=("Mail.Read",))
    with GraphClient(graph_server.endpoint, reader) as graph:
        with pytest.raises(GraphAccessDenied) as raised:
            graph.send_mime(message(mailbox.email, mailbox.server.new_user("member")))
        assert raised.value.sending
        with pytest.raises(GraphAccessDenied):
            graph.me()


def test_an_answer_lost_after_the_request_went_is_not_a_refusal(
    graph: GraphClient, graph_server: GraphServer, mailbox: Mailbox
) -> None:
    member = mailbox.server.new_user("member")
    graph_server.faults.drop_after_sending = 1
    with pytest.raises(GraphAnswerLost):
        graph.send_mime(message(mailbox.email, member))
    assert inbox_count(mailbox, member) == 1  # it went: the caller must not send it blind
    assert graph_server.count("sendMail") == 1  # and the client did not


def test_an_answer_that_never_comes_times_out_as_lost(
    graph_server: GraphServer, mailbox: Mailbox, tokens: MintedTokens
) -> None:
    graph_server.faults.pause_at = "taken"
    with (
        GraphClient(graph_server.endpoint, tokens, timeout=1) as graph,
        pytest.raises(GraphAnswerLost),
    ):
        graph.send_mime(message(mailbox.email, mailbox.server.new_user("member")))
    assert graph_server.faults.paused.is_set()


def test_nothing_listening_is_unreachable_and_nothing_went(
    mailbox: Mailbox, tokens: MintedTokens
) -> None:
    with (
        GraphClient(f"https://127.0.0.1:{free_port()}/v1.0", tokens) as graph,
        pytest.raises(GraphUnreachable) as raised,
    ):
        graph.send_mime(message(mailbox.email, "m@example.org"))
    assert not isinstance(raised.value, GraphAnswerLost)


def test_an_untrusted_certificate_is_refused(
    graph_server: GraphServer,
    mailbox: Mailbox,
    tokens: MintedTokens,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE")
    with (
        GraphClient(graph_server.endpoint, tokens) as graph,
        pytest.raises(GraphUnreachable, match="certificate"),
    ):
        graph.send_mime(message(mailbox.email, "m@example.org"))
    assert graph_server.requests == []


def test_only_https_addresses_are_used(tokens: MintedTokens) -> None:
    for address in ("http://graph.example/v1.0", "graph.microsoft.com", "https://", "ftp://x"):
        with pytest.raises(GraphAddressUnusable):
            GraphClient(address, tokens)


def test_too_large_is_said_before_and_by_the_server(
    graph: GraphClient, graph_server: GraphServer, mailbox: Mailbox
) -> None:
    big = message(mailbox.email, "m@example.org") + b"x" * (3 * 1024 * 1024 + 10)
    with pytest.raises(GraphRefused) as raised:
        graph.send_mime(big)
    assert raised.value.status == 413 and graph_server.requests == []
    graph_server.faults.max_request_bytes = 1000
    with pytest.raises(GraphRefused) as raised:
        graph.send_mime(message(mailbox.email, "m@example.org") + b"y" * 2000)
    assert raised.value.status == 413 and raised.value.code == "ErrorMessageSizeExceeded"


def test_no_more_than_four_requests_at_once_per_mailbox(
    graph_server: GraphServer, mailbox: Mailbox, tokens: MintedTokens
) -> None:
    graph_server.faults.delay = 0.3
    clients = [GraphClient(graph_server.endpoint, tokens) for _ in range(2)]
    addresses: list[str] = []

    def ask(client: GraphClient) -> None:
        addresses.append(client.me())

    threads = [threading.Thread(target=ask, args=(clients[n % 2],)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for client in clients:
        client.close()
    assert addresses == [mailbox.email] * 10
    assert graph_server.concurrent_peak == 4
    assert graph_server.refused_concurrency == 0
