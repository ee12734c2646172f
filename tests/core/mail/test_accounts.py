"""Saving accounts (never a password) and keeping passwords in the keyring only."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlite_utils import Database

from memory_keyring import MemoryKeyring
from pont.core import activity
from pont.core.errors import (
    AccountNotFound,
    InvalidAddress,
    KeyringUnavailable,
    NoMailAccount,
    PontError,
)
from pont.core.mail import credentials
from pont.core.mail.accounts import (
    AccountSettings,
    Security,
    ServerSettings,
    delete_account,
    find_account,
    get_account,
    list_accounts,
    save_account,
)
from pont.core.profile.store import open_database

SETTINGS = AccountSettings(
    email="Coordinator@Example.org",
    username="coordinator@example.org",
    imap=ServerSettings("imap.example.org", 993, Security.SSL),
    smtp=ServerSettings("smtp.example.org", 587, Security.STARTTLS, "ab" * 32),
    provider="",
    display_name="Wellbeing coordinator",
)


@pytest.fixture
def db() -> Database:
    return open_database(":memory:")


def test_save_list_find_and_update(db: Database) -> None:
    account = save_account(db, SETTINGS, origin="cli")
    assert account.id > 0
    assert AccountSettings(**{f: getattr(account, f) for f in SETTINGS.__dataclass_fields__}) == (
        SETTINGS
    )
    assert list_accounts(db) == [account]
    assert get_account(db, account.id) == account
    assert find_account(db, " coordinator@EXAMPLE.org ") == account

    moved = replace(SETTINGS, imap=ServerSettings("mail.example.org", 143, Security.STARTTLS))
    updated = save_account(db, moved)
    assert updated.id == account.id
    assert updated.imap.host == "mail.example.org"
    assert len(list_accounts(db)) == 1
    actions = [(e.action, e.origin, e.detail) for e in activity.entries(db)]
    assert actions[0][:2] == ("account-add", "cli")
    assert "imap.example.org:993 SSL/TLS" in actions[0][2]
    assert actions[1][:2] == ("account-update", "window")


def test_unknown_accounts(db: Database) -> None:
    with pytest.raises(AccountNotFound, match="nobody@example.org"):
        find_account(db, "nobody@example.org")
    with pytest.raises(AccountNotFound):
        get_account(db, 42)


def test_unusable_settings_are_refused(db: Database) -> None:
    with pytest.raises(InvalidAddress):
        save_account(db, replace(SETTINGS, email="not an address"))
    with pytest.raises(PontError, match="port"):
        save_account(
            db, replace(SETTINGS, imap=ServerSettings("imap.example.org", 0, Security.SSL))
        )
    with pytest.raises(PontError, match="needs a name"):
        save_account(db, replace(SETTINGS, smtp=ServerSettings(" ", 465, Security.SSL)))
    assert list_accounts(db) == []


def test_delete_forgets_the_password(db: Database, memory_keyring: MemoryKeyring) -> None:
    account = save_account(db, SETTINGS)
    credentials.store_password(account.email, "pw")
    delete_account(db, account.id)
    assert list_accounts(db) == []
    assert memory_keyring.passwords == {}
    assert activity.entries(db)[-1].action == "account-remove"


def test_passwords_live_in_the_keyring_only(memory_keyring: MemoryKeyring) -> None:
    assert credentials.keyring_usable()
    credentials.store_password("Ann@Example.org", "secret-1")
    assert memory_keyring.passwords == {("Pont", "ann@example.org"): "secret-1"}
    assert credentials.load_password("ann@example.org") == "secret-1"
    credentials.forget_password("ANN@example.org")
    assert credentials.load_password("ann@example.org") is None
    credentials.forget_password("ann@example.org")  # nothing left: no error


@pytest.mark.usefixtures("no_keyring")
def test_no_keyring_is_said_plainly() -> None:
    assert not credentials.keyring_usable()
    with pytest.raises(KeyringUnavailable, match="ask for it each time"):
        credentials.store_password("ann@example.org", "secret-1")
    assert credentials.load_password("ann@example.org") is None
    credentials.forget_password("ann@example.org")


def test_settings_hold_no_password() -> None:
    fields = {*AccountSettings.__dataclass_fields__, *ServerSettings.__dataclass_fields__}
    assert not any("password" in name for name in fields)


def test_a_groups_mail_goes_from_its_own_account_else_the_first(db: Database) -> None:
    from pont.core.mail.accounts import group_account
    from pont.core.members.groups import account_groups, create_group, set_group_sending

    group = create_group(db, "Practice Circle")
    with pytest.raises(NoMailAccount) as raised:
        group_account(db, group)
    assert "Pont has no mail account yet" in str(raised.value)

    first = save_account(db, SETTINGS)
    second = save_account(db, replace(SETTINGS, email="second@example.org"))
    assert group_account(db, group) == first
    own = set_group_sending(db, group.id, account_id=second.id)
    assert group_account(db, own) == second
    # The same rule the set-aside, relay and requests count groups by.
    assert [g.id for g in account_groups(db, group_account(db, own).id)] == [group.id]
