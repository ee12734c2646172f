"""Hostile answers in Graph's place: wrong types, huge values, missing keys, links elsewhere.
Each becomes GraphAnswerUnreadable (or is left out), never a crash, and a bearer token never
leaves the endpoint Pont was given."""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph_server import GraphServer, MintedTokens
from mailservers import Mailbox
from oauth_keys import SigningKey
from pont.core.errors import GraphAnswerUnreadable, GraphRefused
from pont.core.mail.graph.answers import (
    DEFAULT_RETRY_AFTER,
    LONGEST_RETRY_AFTER,
    Endpoint,
    delta_page,
    error_words,
    retry_after,
)
from pont.core.mail.graph.client import GraphClient

ENDPOINT = Endpoint.checked("https://graph.example/v1.0")
LINK = "https://graph.example/v1.0/me/mailFolders/inbox/messages/delta?%24skiptoken=1"

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=15), inner, max_size=5)
    ),
    max_leaves=30,
)


@pytest.fixture
def graph(graph_server: GraphServer, signing_key: SigningKey, mailbox: Mailbox) -> GraphClient:
    client = GraphClient(graph_server.endpoint, MintedTokens(signing_key, mailbox.email))
    yield client
    client.close()


@pytest.mark.parametrize(
    "body",
    [
        b"<html>Service down</html>",
        b"\xff\xfe\x00garbage",
        b"[1, 2, 3]",
        b'{"value": "not a list", "@odata.deltaLink": "x"}',
        b'{"value": []}',
        b'{"value": [], "@odata.nextLink": 42}',
        b'{"value": [], "@odata.nextLink": "https://attacker.example/steal"}',
        b'{"value": [], "@odata.nextLink": "http://127.0.0.1/v1.0/me"}',
        b'{"value": [], "@odata.nextLink": "a", "@odata.deltaLink": "b"}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"value": [], "n": ' + b"9" * 100_000 + b"}",
    ],
    ids=[
        "html", "binary", "a-list", "value-not-a-list", "no-link", "link-not-text",
        "link-elsewhere", "link-not-https", "both-links", "deep-nesting", "huge-number",
    ],
)  # fmt: skip
def test_an_unreadable_delta_page_is_said_so(
    graph: GraphClient, graph_server: GraphServer, body: bytes
) -> None:
    graph_server.faults.inject(200, "", body=body, path="delta")
    with pytest.raises(GraphAnswerUnreadable):
        list(graph.delta("inbox"))
    assert graph_server.count("delta") == 1  # nothing followed


def test_items_pont_cannot_read_are_left_out(graph: GraphClient, graph_server: GraphServer) -> None:
    items = [
        {"id": "AAMkAGgood"},
        {"id": 7},
        {"id": "../../me/sendMail"},
        {"id": "x" * 5000},
        "not an item",
        {"nothing": True},
        {"id": "AAMkAGgone", "@removed": {"reason": "deleted"}},
    ]
    link = f"{graph_server.endpoint}/me/mailFolders/inbox/messages/delta?%24deltatoken=abc"
    body = json.dumps({"value": items, "@odata.deltaLink": link}).encode()
    graph_server.faults.inject(200, "", body=body, path="delta")
    (page,) = list(graph.delta("inbox"))
    assert page.added == ["AAMkAGgood"] and page.removed == ["AAMkAGgone"]
    assert page.delta_link == link


def test_pages_that_go_round_in_circles_are_stopped(
    graph: GraphClient, graph_server: GraphServer
) -> None:
    link = f"{graph_server.endpoint}/me/mailFolders/inbox/messages/delta?%24skiptoken=loop"
    body = json.dumps({"value": [], "@odata.nextLink": link}).encode()
    graph_server.faults.inject(200, "", body=body, path="delta", times=5)
    with pytest.raises(GraphAnswerUnreadable):
        list(graph.delta("inbox"))
    assert graph_server.count("delta") == 2


def test_an_error_body_of_any_shape_gives_a_sentence(
    graph: GraphClient, graph_server: GraphServer, mailbox: Mailbox
) -> None:
    for body in (b"", b"{}", b'{"error": "x"}', b'{"error": {"code": 5, "message": [1]}}'):
        graph_server.faults.inject(400, "", body=body, path="sendMail")
        with pytest.raises(GraphRefused) as raised:
            graph.send_mime(b"From: " + mailbox.email.encode() + b"\r\nTo: a@example.org\r\n\r\nx")
        assert raised.value.status == 400 and "400" in str(raised.value)


def test_an_endless_answer_is_not_read_to_its_end(
    graph: GraphClient, graph_server: GraphServer
) -> None:
    graph_server.faults.inject(
        200, "", body=b'{"value": ["' + b"x" * 40_000_000 + b'"]}', path="delta"
    )
    with pytest.raises(GraphAnswerUnreadable):
        list(graph.delta("inbox"))


@given(json_values)
def test_delta_page_never_fails_otherwise(data: object) -> None:
    page = {"value": data, "@odata.deltaLink": LINK} if not isinstance(data, dict) else data
    with contextlib.suppress(GraphAnswerUnreadable):
        delta_page(page, ENDPOINT)  # type: ignore[arg-type]


@given(json_values)
def test_error_words_never_fail(data: object) -> None:
    code, message = error_words(json.dumps({"error": data}).encode())
    assert isinstance(code, str) and isinstance(message, str) and len(message) <= 200


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("7", 7.0),
        ("0", 1.0),
        ("99999999999", DEFAULT_RETRY_AFTER),  # too many digits to be meant
        ("86400", LONGEST_RETRY_AFTER),
        ("-5", DEFAULT_RETRY_AFTER),
        ("soon", DEFAULT_RETRY_AFTER),
        ("", DEFAULT_RETRY_AFTER),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 1.0),  # long past
        ("x" * 10_000, DEFAULT_RETRY_AFTER),
    ],
)
def test_retry_after_is_read_within_reason(value: str, seconds: float) -> None:
    assert retry_after({"retry-after": value}) == seconds


def test_retry_after_as_a_date() -> None:
    now = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
    later = format_datetime(now + timedelta(seconds=90), usegmt=True)
    assert retry_after({"retry-after": later}, now=now.timestamp()) == 90.0
