"""The test servers themselves work, so a failing mail test points at Pont, not the fixture."""

from __future__ import annotations

import smtplib
import ssl

import pytest
from imapclient import IMAPClient

from mailservers import HOST, DropProxy, Mailbox

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
    with mailbox.server.imap(mailbox.email) as client:
        assert client.select_folder("INBOX", readonly=True)[b"EXISTS"] == 2


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
