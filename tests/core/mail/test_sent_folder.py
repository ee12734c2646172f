"""Finding the Sent folder on a server that flags it \\Sent only when asked (RFC 6154 §2):
sync and the outbox find the same folder."""

from __future__ import annotations

from typing import Any, cast

import pytest

from pont.core.mail import sent_folder
from pont.core.mail.sent_folder import FolderListing, locate_sent_folder
from pont.core.posting.outbox import connections as outbox_connections
from pont.core.posting.outbox.connections import RunConnections

PLAIN = [((b"\\HasNoChildren",), b"/", "INBOX"), ((b"\\HasNoChildren",), b"/", "Outgoing")]
ASKED = [
    ((b"\\HasNoChildren",), b"/", "INBOX"),
    ((b"\\HasNoChildren", b"\\Sent"), b"/", "Outgoing"),
]


class Server:
    """The part of an IMAPClient the Sent-folder lookup uses."""

    def __init__(self, capabilities: set[str]) -> None:
        self.capabilities = capabilities
        self.asked = 0

    def list_folders(self) -> FolderListing:
        return PLAIN

    def has_capability(self, name: str) -> bool:
        return name in self.capabilities


@pytest.fixture
def asked_listing(monkeypatch: pytest.MonkeyPatch) -> None:
    def special_use_listing(client: Server) -> FolderListing:
        client.asked += 1
        return ASKED

    monkeypatch.setattr(sent_folder, "special_use_listing", special_use_listing)


@pytest.mark.usefixtures("asked_listing")
def test_the_sent_folder_flagged_only_when_asked_is_found() -> None:
    server = Server({"SPECIAL-USE"})
    assert locate_sent_folder(cast(Any, server)) == "Outgoing"
    assert server.asked == 1


@pytest.mark.usefixtures("asked_listing")
def test_a_server_without_special_use_is_not_asked() -> None:
    server = Server(set())
    assert locate_sent_folder(cast(Any, server)) is None
    assert server.asked == 0


@pytest.mark.usefixtures("asked_listing")
def test_the_outbox_checks_the_sent_folder_flagged_only_when_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = Server({"SPECIAL-USE"})
    monkeypatch.setattr(outbox_connections, "open_imap", lambda account, password: server)
    connections = RunConnections(cast(Any, None), "secret")
    assert connections.imap() == (server, "Outgoing")
    assert connections.imap() == (server, "Outgoing")
    assert server.asked == 1  # once per run
