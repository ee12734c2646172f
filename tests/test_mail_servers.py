"""The test servers themselves work, so a failing mail test points at Pont, not the fixture."""

from __future__ import annotations

import email
import smtplib
import ssl
import time
from collections.abc import Callable

import pytest
from flufl.bounce import all_failures
from imapclient import IMAPClient
from imapclient.exceptions import LoginError

from mailservers import DEAD_PREFIX, DOMAIN, HOST, DropProxy, Mailbox, Smtp, wait_for_deliveries
from oauth_keys import GRAPH_AUDIENCE, SigningKey
from token_checks import IMAP_SCOPE, SMTP_SCOPE

MESSAGE = b"From: a@example.org\r\nTo: b@example.org\r\nSubject: Hello\r\n\r\nHi.\r\n"


def test_lmtp_delivery_lands_in_the_inbox(mailbox: Mailbox) -> None:
    mailbox.server.deliver(mailbox.email, MESSAGE)
    with mailbox.server.imap(mailbox.email) as client:
        assert client.select_folder("INBOX", readonly=True)[b"EXISTS"] == 1
        folders = {name: flags for flags, _, name in client.list_folders()}
        assert b"\\Sent" in folders["Sent"]


def test_smtp_needs_auth_and_delivers_into_dovecot(mailbox: Mailbox) -> None:
    context = ssl.create_default_context(cafile=str(mailbox.server.ca_file))
    with smtplib.SMTP(HOST, mailbox.server.smtp_port) as smtp:
        smtp.starttls(context=context)
        with pytest.raises(smtplib.SMTPAuthenticationError):
            smtp.login(mailbox.email, "wrong")
        smtp.login(mailbox.email, mailbox.password)
        smtp.sendmail(mailbox.email, [mailbox.email], MESSAGE)
    with smtplib.SMTP_SSL(HOST, mailbox.server.smtps_port, context=context) as smtp:
        smtp.login(mailbox.email, mailbox.password)
        smtp.sendmail(mailbox.email, [mailbox.email], MESSAGE)
    wait_for_deliveries()  # the server delivers a moment after its 250
    with mailbox.server.imap(mailbox.email) as client:
        assert client.select_folder("INBOX", readonly=True)[b"EXISTS"] == 2


def test_the_smtp_server_returns_mail_for_a_dead_address_to_its_sender(mailbox: Mailbox) -> None:
    context = ssl.create_default_context(cafile=str(mailbox.server.ca_file))
    dead, live = f"{DEAD_PREFIX}x@{DOMAIN}", mailbox.server.new_user("live")
    with smtplib.SMTP_SSL(HOST, mailbox.server.smtps_port, context=context) as smtp:
        smtp.login(mailbox.email, mailbox.password)
        assert smtp.sendmail(mailbox.email, [live, dead], MESSAGE) == {}  # 250 for both
    wait_for_deliveries()
    with mailbox.server.imap(live) as client:
        assert client.select_folder("INBOX", readonly=True)[b"EXISTS"] == 1
    with mailbox.server.imap(mailbox.email) as client:
        client.select_folder("INBOX", readonly=True)
        (uid,) = client.search("ALL")
        raw = client.fetch([uid], ["RFC822"])[uid][b"RFC822"]
    report = email.message_from_bytes(raw)
    assert report.get_content_type() == "multipart/report"
    assert report.get_param("report-type") == "delivery-status"
    assert report["Return-Path"] == "<>"  # sent with the null sender, as bounces are
    assert all_failures(report) == (frozenset(), frozenset({dead.encode()}))
    assert b"\r\nSubject: Hello\r\n" in raw.split(b"text/rfc822-headers")[1]  # returned


def test_uidvalidity_can_be_changed(mailbox: Mailbox) -> None:
    mailbox.server.deliver(mailbox.email, MESSAGE)
    mailbox.server.set_uidvalidity(mailbox.email, "INBOX", 4242)
    with mailbox.server.imap(mailbox.email) as client:
        assert client.select_folder("INBOX", readonly=True)[b"UIDVALIDITY"] == 4242


def test_drop_proxy_cuts_the_connection(mailbox: Mailbox, drop_proxy: DropProxy) -> None:
    drop_proxy.drop_after = 40
    with pytest.raises(IMAPClient.AbortError):
        IMAPClient(HOST, port=drop_proxy.port, ssl=False, timeout=5)
    assert drop_proxy.dropped == 1
    drop_proxy.drop_after = None
    client = IMAPClient(HOST, port=drop_proxy.port, ssl=False, timeout=5)
    client.login(mailbox.email, mailbox.password)
    client.logout()


# --- access tokens (XOAUTH2, OAUTHBEARER), checked as Exchange Online checks them -----------


def refused_tokens(mailbox: Mailbox, scope: str) -> dict[str, str]:
    """Tokens each wrong in one way only, for the mailbox and `scope`."""
    key = mailbox.server.signing_key
    impostor = SigningKey(kid=key.kid)  # the same key id, another key: a forged signature
    an_hour_ago = time.time() - 3600
    return {
        "bad signature": impostor.mint(mailbox.email, [scope]),
        "expired": key.mint(mailbox.email, [scope], now=an_hour_ago - 60, lifetime=3600),
        "another user": key.mint(mailbox.server.new_user(), [scope]),
        "another resource": key.mint(mailbox.email, [scope], audience=GRAPH_AUDIENCE),
        "another permission": key.mint(mailbox.email, ["Mail.Read"]),
        "not a token": "not-a-jwt",
    }


def imap_client(mailbox: Mailbox) -> IMAPClient:
    context = mailbox.server.certificates.client_context()
    return IMAPClient(HOST, port=mailbox.server.imaps_port, ssl_context=context, timeout=10)


def test_dovecot_takes_a_good_token_by_xoauth2_and_oauthbearer(mailbox: Mailbox) -> None:
    token = mailbox.server.signing_key.mint(mailbox.email, [IMAP_SCOPE, SMTP_SCOPE])
    for login in (
        lambda c: c.oauth2_login(mailbox.email, token),
        lambda c: c.oauthbearer_login(mailbox.email, token),
    ):
        client = imap_client(mailbox)
        login(client)
        assert client.select_folder("INBOX", readonly=True)[b"EXISTS"] == 0
        client.logout()
    # The same checks hold for OAUTHBEARER (the passdb is shared).
    client = imap_client(mailbox)
    with pytest.raises(LoginError):
        client.oauthbearer_login(mailbox.email, refused_tokens(mailbox, IMAP_SCOPE)["expired"])
    client.shutdown()
    # Passwords still work, and a token is no password (nor a password a token).
    client = imap_client(mailbox)
    with pytest.raises(LoginError):
        client.login(mailbox.email, token)
    with pytest.raises(LoginError):
        client.oauth2_login(mailbox.email, mailbox.password)
    client.login(mailbox.email, mailbox.password)
    client.logout()


@pytest.mark.parametrize(
    "why",
    ["bad signature", "expired", "another user", "another resource", "another permission",
     "not a token"],
)  # fmt: skip
def test_dovecot_refuses_a_wrong_token(mailbox: Mailbox, why: str) -> None:
    client = imap_client(mailbox)
    with pytest.raises(LoginError):
        client.oauth2_login(mailbox.email, refused_tokens(mailbox, IMAP_SCOPE)[why])
    client.shutdown()


def xoauth2(user: str, token: str) -> Callable[[bytes | None], str]:
    """smtplib's authobject for XOAUTH2: the response first, then an empty line to a 334
    carrying the server's error."""

    def respond(challenge: bytes | None = None) -> str:
        return f"user={user}\x01auth=Bearer {token}\x01\x01" if challenge is None else ""

    return respond


def test_the_smtp_server_takes_a_good_token_and_delivers(mailbox: Mailbox) -> None:
    token = mailbox.server.signing_key.mint(mailbox.email, [SMTP_SCOPE])
    context = ssl.create_default_context(cafile=str(mailbox.server.ca_file))
    with smtplib.SMTP_SSL(HOST, mailbox.server.smtps_port, context=context) as smtp:
        smtp.ehlo()
        assert "XOAUTH2" in smtp.esmtp_features["auth"].split()
        assert smtp.auth("XOAUTH2", xoauth2(mailbox.email, token))[0] == 235
        smtp.sendmail(mailbox.email, [mailbox.email], MESSAGE)
    wait_for_deliveries()  # the server delivers a moment after its 250
    with mailbox.server.imap(mailbox.email) as client:
        assert client.select_folder("INBOX", readonly=True)[b"EXISTS"] == 1


@pytest.mark.parametrize(
    "why",
    ["bad signature", "expired", "another user", "another resource", "another permission",
     "not a token"],
)  # fmt: skip
def test_the_smtp_server_refuses_a_wrong_token_with_the_error_challenge(
    mailbox: Mailbox, fault_smtp: Smtp, why: str
) -> None:
    token = refused_tokens(mailbox, SMTP_SCOPE)[why]
    context = ssl.create_default_context(cafile=str(mailbox.server.ca_file))
    with smtplib.SMTP_SSL(HOST, fault_smtp.smtps_port, context=context) as smtp:
        smtp.ehlo()
        with pytest.raises(smtplib.SMTPAuthenticationError) as refused:
            smtp.auth("XOAUTH2", xoauth2(mailbox.email, token))
    assert refused.value.smtp_code == 535
    # The client was sent the error as a 334 and answered it with an empty line.
    assert fault_smtp.tokens.error_acknowledgements == [b""]
    assert len(fault_smtp.tokens.refusals) == 1


def test_the_smtp_server_says_smtp_auth_is_off_for_the_tenant(
    mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    fault_smtp.faults.smtp_auth_disabled = True
    token = mailbox.server.signing_key.mint(mailbox.email, [SMTP_SCOPE])
    context = ssl.create_default_context(cafile=str(mailbox.server.ca_file))
    with smtplib.SMTP_SSL(HOST, fault_smtp.smtps_port, context=context) as smtp:
        smtp.ehlo()
        with pytest.raises(smtplib.SMTPAuthenticationError) as refused:
            smtp.auth("XOAUTH2", xoauth2(mailbox.email, token))
    assert refused.value.smtp_code == 535
    assert refused.value.smtp_error.startswith(b"5.7.139 Authentication unsuccessful")
