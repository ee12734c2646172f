"""The group address check against the real test servers: Dovecot delivers coord+tag@ to
coord's INBOX (its recipient_delimiter is +), the test's own SMTP server refuses a plus
address or forgets what it takes, as providers without plus addresses do."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlite_utils import Database

from graph_server import GraphServer, MintedTokens
from mailservers import HOST, Mailbox, Smtp
from oauth_keys import SigningKey
from pont.core.group_mail.address_check import (
    CHECK_HEADER,
    AddressUnusable,
    CheckMessage,
    CheckOutcome,
    check_address,
    find_by_imap,
    imap_folders,
    missing_sentence,
    plus_address,
)
from pont.core.mail.accounts import (
    Account,
    AccountSettings,
    ReadRoute,
    Security,
    SendRoute,
    ServerSettings,
    SignInMethod,
    save_account,
)
from pont.core.mail.graph.client import GraphClient
from pont.core.members.groups import Group, create_group, get_group
from pont.core.profile.store import open_database


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = open_database(tmp_path / "pont.sqlite3")
    yield database
    database.close()


@pytest.fixture
def account(db: Database, mailbox: Mailbox, fault_smtp: Smtp) -> Account:
    return save_account(
        db,
        AccountSettings(
            email=mailbox.email,
            username=mailbox.email,
            display_name="Rhian Morgan",
            imap=ServerSettings(HOST, mailbox.server.imaps_port, Security.SSL),
            smtp=ServerSettings(HOST, fault_smtp.smtps_port, Security.SSL),
        ),
    )


@pytest.fixture
def group(db: Database) -> Group:
    return create_group(db, "Wellbeing Network", "Wellbeing", "Sharing what works")


def inbox_tokens(mailbox: Mailbox) -> list[bytes]:
    with mailbox.server.imap(mailbox.email) as client:
        client.select_folder("INBOX")
        uids = client.search(["HEADER", CHECK_HEADER, ""])
        fetched = client.fetch(uids, [f"BODY.PEEK[HEADER.FIELDS ({CHECK_HEADER})]"])
        return [list(data.values())[-1] for data in fetched.values()]


def test_the_plus_address_arrives_and_is_recorded_and_the_test_message_deleted(
    db: Database, account: Account, group: Group, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    result = check_address(db, account, mailbox.password, group.id, timeout=20, poll=0.2)

    assert result.outcome is CheckOutcome.ARRIVED
    local, _, domain = mailbox.email.partition("@")
    assert result.address == f"{local}+wellbeing@{domain}"
    assert result.folder == "INBOX" and result.removed
    stored = get_group(db, group.id)
    assert stored.address == ""  # the +tag sub-address is the group's own: nothing typed
    assert stored.address_checked == result.checked != ""
    sent = fault_smtp.received[-1]
    assert sent.rcpt_tos == [result.address]
    assert b"X-Pont-Batch: check" in sent.original_content  # sync never relays it
    assert inbox_tokens(mailbox) == []  # deleted again


def test_a_refused_plus_address_is_said_plainly_and_nothing_is_recorded(
    db: Database, account: Account, group: Group, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    plus = plus_address(account, group)
    fault_smtp.faults.refuse[plus.lower()] = "550 5.1.1 Recipient address rejected"

    result = check_address(db, account, mailbox.password, group.id, timeout=5, poll=0.2)

    assert result.outcome is CheckOutcome.MISSING
    assert result.refusal == "550 5.1.1 Recipient address rejected"
    assert get_group(db, group.id).address_checked == ""
    words = missing_sentence(result.address, typed=False, refusal=result.refusal)
    assert words.startswith(f"The mail server refused the test message to {plus} (550")
    assert "(DisablePlusAddressInRecipients)" in words


def test_a_test_message_that_never_arrives_times_out_with_the_sentence(
    db: Database, account: Account, group: Group, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    fault_smtp.faults.deliver = False  # taken, then lost: as a provider without plus addresses
    left: list[float] = []

    started = time.monotonic()
    result = check_address(
        db, account, mailbox.password, group.id, timeout=1.5, poll=0.2, waiting=left.append
    )

    assert result.outcome is CheckOutcome.MISSING and result.refusal == ""
    assert 1.5 <= time.monotonic() - started < 10
    assert left and left == sorted(left, reverse=True)
    assert get_group(db, group.id).address_checked == ""
    assert missing_sentence(result.address, typed=False) == (
        f"The test message to {result.address} did not arrive. Some Microsoft 365 "
        "organisations turn plus addresses off (DisablePlusAddressInRecipients) and some "
        "providers never had them."
    )


def test_an_address_typed_instead_is_checked_and_kept_as_the_groups(
    db: Database, account: Account, group: Group, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    fault_smtp.faults.refuse[plus_address(account, group).lower()] = "550 5.1.1 No such user"
    # The test Dovecot has no aliases; another sub-address of the mailbox stands for one.
    local, _, domain = mailbox.email.partition("@")
    alias = f"{local}+groups@{domain}"

    result = check_address(
        db, account, mailbox.password, group.id, typed=f"  {alias} ", timeout=20, poll=0.2
    )

    assert result.outcome is CheckOutcome.ARRIVED and result.address == alias
    stored = get_group(db, group.id)
    assert stored.address == alias and stored.address_checked == result.checked


def test_the_mailbox_itself_is_no_group_address(
    db: Database, account: Account, group: Group, mailbox: Mailbox
) -> None:
    with pytest.raises(AddressUnusable, match="is the mailbox itself"):
        check_address(db, account, mailbox.password, group.id, typed=mailbox.email.upper())


def test_stopping_the_wait_ends_the_check_at_once(
    db: Database, account: Account, group: Group, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    fault_smtp.faults.deliver = False
    stop = threading.Event()
    threading.Timer(0.5, stop.set).start()

    started = time.monotonic()
    result = check_address(db, account, mailbox.password, group.id, timeout=60, poll=5, stop=stop)

    assert result.outcome is CheckOutcome.STOPPED
    assert time.monotonic() - started < 5
    assert get_group(db, group.id).address_checked == ""


def test_a_folder_named_after_the_detail_is_searched_too(mailbox: Mailbox) -> None:
    # Fastmail files user+folder@ mail in that folder when it exists.
    local, _, domain = mailbox.email.partition("@")
    message = CheckMessage(f"{local}+wellbeing@{domain}", "k@example.org", "feedc0de", b"")
    with mailbox.server.imap(mailbox.email) as client:
        client.create_folder("Wellbeing")
    mailbox.server.append(
        mailbox.email,
        "Wellbeing",
        f"Subject: check\r\n{CHECK_HEADER}: feedc0de\r\n\r\nbody\r\n".encode(),
    )
    with mailbox.server.imap(mailbox.email) as client:
        folders = imap_folders(client, message.address)
        assert folders[0] == "INBOX" and "Wellbeing" in folders
        folder, uids = find_by_imap(client, folders, message)
    assert folder == "Wellbeing" and len(uids) == 1


def test_a_mailbox_that_sends_and_reads_through_graph_is_checked_through_graph(
    db: Database, mailbox: Mailbox, graph_server: GraphServer, signing_key: SigningKey
) -> None:
    account = save_account(
        db,
        AccountSettings(
            email=mailbox.email,
            username=mailbox.email,
            imap=ServerSettings("outlook.office365.com", 993, Security.SSL),
            smtp=ServerSettings("smtp.office365.com", 587, Security.STARTTLS),
            sign_in=SignInMethod.MICROSOFT,
            sending=SendRoute.GRAPH,
            reading=ReadRoute.GRAPH,
        ),
    )
    group = create_group(db, "Wellbeing Network", "Wellbeing", "")
    tokens = MintedTokens(signing_key, mailbox.email)

    result = check_address(
        db,
        account,
        tokens,
        group.id,
        timeout=20,
        poll=0.2,
        graph=lambda: GraphClient(graph_server.endpoint, tokens, timeout=10),
    )

    assert result.outcome is CheckOutcome.ARRIVED and result.folder == "inbox"
    assert not result.removed  # Graph reads with Mail.Read only: the message stays
    assert get_group(db, group.id).address_checked == result.checked != ""
    assert len(graph_server.sent) == 1
