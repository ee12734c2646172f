"""A sync that signs in with access tokens (XOAUTH2) and outlives them: the connection it
makes again after a drop signs in with a fresh token, not the expired one."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from corpus import group_conversation, group_messages, make_account, make_group, seed
from imapclient import IMAPClient

from mailservers import HOST, DropProxy, Mailbox
from minted_tokens import MintedTokens
from pont.core.archive.sync import sync_account
from pont.core.mail.accounts import Security, ServerSettings
from pont.core.mail.connections import open_imap
from pont.core.mail.tokens import Permission
from pont.core.profile.store import open_database


def test_a_sync_over_xoauth2_connects_again_with_a_fresh_token_after_the_first_expired(
    tmp_path: Path, mailbox: Mailbox, drop_proxy: DropProxy
) -> None:
    db = open_database(tmp_path / "pont.sqlite3")
    group = make_group(db)
    account = make_account(db, mailbox)
    corpus = group_conversation(group, mailbox.email)
    seed(mailbox, corpus)
    tokens = MintedTokens(mailbox.email, mailbox.server.signing_key, lifetime=1.0)
    through_proxy = replace(account, imap=ServerSettings(HOST, drop_proxy.port, Security.PLAIN))
    drop_proxy.drop_after = 6_000  # the first connection is cut in the middle of the sync

    def connect() -> IMAPClient:
        if tokens.handed:
            drop_proxy.drop_after = None  # the next one is not
            # It comes once the token the first signed in with has expired: Dovecot refuses
            # a token in the second after its `exp`.
            time.sleep(max(0.0, tokens.handed[-1].expires + 1 - time.time()))
        return open_imap(through_proxy, tokens)

    report = sync_account(db, account.id, connect, chunk_size=2)

    assert drop_proxy.dropped == 1
    assert tokens.asked == [Permission.IMAP, Permission.IMAP]
    assert (report.skipped, report.group_messages) == (0, len(group_messages(corpus)))
    stored = db.execute("SELECT count(*) FROM messages").fetchone()[0]
    assert stored == len(group_messages(corpus))
    db.close()
