"""The Graph-shaped test server itself works as Microsoft documents Graph, so a failing Graph
test points at Pont, not the fixture. These talk to it with plain httpx."""

from __future__ import annotations

import base64
import ssl
import threading

import httpx

from graph_server import GraphServer
from mailservers import Mailbox

MIME = (
    b"From: {sender}\r\nTo: Group <{sender}>\r\nBcc: {bcc}\r\nSubject: Hello\r\n"
    b"Message-ID: <hello.{tag}@example.org>\r\n\r\nHi.\r\n"
)


def client() -> httpx.Client:
    return httpx.Client(verify=ssl.create_default_context(), timeout=30)


def send(graph: GraphServer, token: str, mime: bytes) -> httpx.Response:
    with client() as http:
        return http.post(
            f"{graph.endpoint}/me/sendMail",
            content=base64.b64encode(mime),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "text/plain"},
        )


def test_send_mail_delivers_without_bcc_and_files_it_in_sent(
    graph_server: GraphServer, mailbox: Mailbox
) -> None:
    member = mailbox.server.new_user("member")
    token = graph_server.token(mailbox.email, "Mail.Send")
    mime = MIME.replace(b"{sender}", mailbox.email.encode()).replace(b"{bcc}", member.encode())
    answer = send(graph_server, token, mime.replace(b"{tag}", b"1"))
    assert answer.status_code == 202
    with mailbox.server.imap(member) as imap:
        imap.select_folder("INBOX", readonly=True)
        (raw,) = [d[b"BODY[]"] for d in imap.fetch(imap.search(["ALL"]), ["BODY.PEEK[]"]).values()]
        assert b"Bcc:" not in raw and b"Subject: Hello" in raw
    with mailbox.server.imap(mailbox.email) as imap:
        imap.select_folder("Sent", readonly=True)
        (raw,) = [d[b"BODY[]"] for d in imap.fetch(imap.search(["ALL"]), ["BODY.PEEK[]"]).values()]
        assert b"Bcc: " + member.encode() in raw
        imap.select_folder("INBOX", readonly=True)
        assert len(imap.search(["ALL"])) == 1  # the To: copy


def test_errors_are_shaped_as_graph_writes_them(
    graph_server: GraphServer, mailbox: Mailbox
) -> None:
    mime = MIME.replace(b"{sender}", mailbox.email.encode()).replace(b"{bcc}", b"x@example.org")
    read_only = graph_server.token(mailbox.email, "Mail.Read")
    answer = send(graph_server, read_only, mime)
    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == "ErrorAccessDenied"
    answer = send(graph_server, "not-a-token", mime)
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "InvalidAuthenticationToken"
    assert "WWW-Authenticate" in answer.headers
    expired = graph_server.token(mailbox.email, "Mail.Send", lifetime=-60)
    assert send(graph_server, expired, mime).status_code == 401
    graph_server.faults.inject(429, "ApplicationThrottled", retry_after="7", path="sendMail")
    answer = send(graph_server, graph_server.token(mailbox.email, "Mail.Send"), mime)
    assert answer.status_code == 429 and answer.headers["Retry-After"] == "7"
    assert graph_server.sent == []


def test_delta_pages_and_removals(graph_server: GraphServer, mailbox: Mailbox) -> None:
    for number in range(5):
        mailbox.server.deliver(mailbox.email, f"Subject: {number}\r\n\r\nx\r\n".encode())
    headers = {
        "Authorization": f"Bearer {graph_server.token(mailbox.email, 'Mail.Read')}",
        "Prefer": "odata.maxpagesize=2",
    }
    link = f"{graph_server.endpoint}/me/mailFolders/inbox/messages/delta"
    ids: list[str] = []
    pages = 0
    with client() as http:
        while True:
            page = http.get(link, headers=headers).json()
            pages += 1
            ids += [item["id"] for item in page["value"]]
            if "@odata.deltaLink" in page:
                delta_link = page["@odata.deltaLink"]
                break
            link = page["@odata.nextLink"]
        assert pages == 3 and len(set(ids)) == 5
        with mailbox.server.imap(mailbox.email) as imap:
            imap.select_folder("INBOX")
            imap.delete_messages([min(imap.search(["ALL"]))])
            imap.expunge()
        mailbox.server.deliver(mailbox.email, b"Subject: new\r\n\r\nx\r\n")
        page = http.get(delta_link, headers=headers).json()
        removed = [item["id"] for item in page["value"] if "@removed" in item]
        added = [item["id"] for item in page["value"] if "@removed" not in item]
        assert removed == [ids[0]] and len(added) == 1 and added[0] not in ids
        value = http.get(f"{graph_server.endpoint}/me/messages/{added[0]}/$value", headers=headers)
        assert value.content.startswith(b"Return-Path") or b"Subject: new" in value.content


def test_more_than_four_requests_at_once_are_throttled(
    graph_server: GraphServer, mailbox: Mailbox
) -> None:
    graph_server.faults.delay = 0.5
    token = graph_server.token(mailbox.email, "User.Read")
    statuses: list[int] = []

    def ask() -> None:
        with client() as http:
            answer = http.get(
                f"{graph_server.endpoint}/me", headers={"Authorization": f"Bearer {token}"}
            )
            statuses.append(answer.status_code)

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] * 4 + [429] * 2
