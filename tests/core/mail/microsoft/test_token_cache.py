"""The token cache in the keyring: split into parts a Windows-sized keyring takes, and never
read back wrong, whatever stops a write half-way."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterator

import keyring
import pytest
from keyring.errors import PasswordSetError
from sqlite_utils import Database

from memory_keyring import MemoryKeyring
from pont.core.errors import KeyringUnavailable
from pont.core.mail.accounts import (
    AccountSettings,
    Security,
    ServerSettings,
    SignInMethod,
    delete_account,
    save_account,
)
from pont.core.mail.microsoft.token_cache import (
    PART_SIZE,
    StoredTokens,
    forget_tokens,
    has_tokens,
    read_tokens,
    tokens_version,
    write_tokens,
)

EMAIL = "coordinator@example.org"


class WindowsSizedKeyring(MemoryKeyring):
    """Refuses a secret over 2,500 bytes as Windows stores it (UTF-16), as Credential
    Manager refuses one over its 2,560."""

    def set_password(self, service: str, username: str, password: str) -> None:
        if len(password.encode("utf-16-le")) > 2_500:
            raise PasswordSetError("the secret is too large for the credential store")
        super().set_password(service, username, password)


class FailingKeyring(MemoryKeyring):
    """Takes `writes_left` more entries, then fails: Pont stopped (or the keyring broke)
    half-way through a write."""

    def __init__(self, writes_left: int) -> None:
        super().__init__()
        self.writes_left = writes_left

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.writes_left <= 0:
            raise PasswordSetError("the keyring went away")
        self.writes_left -= 1
        super().set_password(service, username, password)


def a_cache(size: int) -> str:
    """Text shaped like MSAL's cache: JSON holding long base64url tokens."""
    tokens = {f"token-{n}": secrets.token_urlsafe(1_500) for n in range(size // 2_000 + 1)}
    return json.dumps({"AccessToken": tokens}, separators=(",", ":"))[:size]


@pytest.fixture
def windows_keyring() -> Iterator[WindowsSizedKeyring]:
    previous = keyring.get_keyring()
    backend = WindowsSizedKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_a_large_cache_round_trips_through_a_keyring_with_small_entries(
    windows_keyring: WindowsSizedKeyring,
) -> None:
    cache = a_cache(9_500)
    tokens = StoredTokens(cache=cache, granted=frozenset({"SMTP.Send"}), tenant="tenant-id")
    write_tokens(EMAIL, tokens)
    assert read_tokens(EMAIL) == tokens
    assert has_tokens(EMAIL)
    assert len(windows_keyring.passwords) == 1 + -(-len(cache) // PART_SIZE)
    assert all(len(secret) <= PART_SIZE for secret in windows_keyring.passwords.values())
    # the same address in another case is the same account
    assert read_tokens("Coordinator@Example.org") == tokens


def test_one_entry_that_big_is_refused_by_that_keyring(
    windows_keyring: WindowsSizedKeyring,
) -> None:
    with pytest.raises(PasswordSetError):
        keyring.set_password("Pont", "whole", a_cache(9_500))


def test_a_smaller_cache_replaces_a_larger_one_and_leaves_no_part_behind(
    memory_keyring: MemoryKeyring,
) -> None:
    write_tokens(EMAIL, StoredTokens(cache=a_cache(7_300)))
    write_tokens(EMAIL, StoredTokens(cache=a_cache(2_100)))
    write_tokens(EMAIL, StoredTokens(cache=a_cache(1_200)))
    assert read_tokens(EMAIL) is not None
    assert len(memory_keyring.passwords) == 1 + 2


@pytest.mark.parametrize("writes_before_failing", range(0, 9))
def test_a_write_stopped_half_way_leaves_the_old_cache_readable(
    writes_before_failing: int,
) -> None:
    previous = keyring.get_keyring()
    backend = FailingKeyring(writes_left=100)
    keyring.set_keyring(backend)
    try:
        old = StoredTokens(cache=a_cache(4_400), granted=frozenset({"SMTP.Send"}))
        write_tokens(EMAIL, old)
        backend.writes_left = writes_before_failing
        new = StoredTokens(cache=a_cache(6_600), granted=frozenset({"Mail.Send"}))
        if writes_before_failing < 8:  # 7 parts, then the index
            with pytest.raises(KeyringUnavailable):
                write_tokens(EMAIL, new)
            assert read_tokens(EMAIL) == old
        else:
            write_tokens(EMAIL, new)
            assert read_tokens(EMAIL) == new
        # the next write succeeds, and what the stopped one left is gone
        backend.writes_left = 100
        newest = StoredTokens(cache=a_cache(1_500))
        write_tokens(EMAIL, newest)
        assert read_tokens(EMAIL) == newest
        assert len(backend.passwords) == 1 + 2
    finally:
        keyring.set_keyring(previous)


def test_a_part_missing_or_changed_reads_as_no_cache(memory_keyring: MemoryKeyring) -> None:
    write_tokens(EMAIL, StoredTokens(cache=a_cache(3_500)))
    index = json.loads(memory_keyring.passwords[("Pont", f"{EMAIL}#microsoft")])
    part = ("Pont", f"{EMAIL}#microsoft.{index['generation']}.1")
    original = memory_keyring.passwords[part]
    memory_keyring.passwords[part] = original[:-1] + ("A" if original[-1] != "A" else "B")
    assert read_tokens(EMAIL) is None
    del memory_keyring.passwords[part]
    assert read_tokens(EMAIL) is None
    assert not has_tokens(EMAIL)
    memory_keyring.passwords[("Pont", f"{EMAIL}#microsoft")] = "not json"
    assert read_tokens(EMAIL) is None


def test_the_index_holds_no_secret(memory_keyring: MemoryKeyring) -> None:
    cache = a_cache(2_500)
    write_tokens(EMAIL, StoredTokens(cache=cache, granted=frozenset({"SMTP.Send"}), tenant="t"))
    index = tokens_version(EMAIL)
    assert index is not None
    assert json.loads(index) == {
        "generation": "a",
        "parts": 3,
        "sha256": hashlib.sha256(cache.encode()).hexdigest(),
        "granted": ["SMTP.Send"],
        "tenant": "t",
    }


def test_forgetting_removes_every_entry(memory_keyring: MemoryKeyring) -> None:
    write_tokens(EMAIL, StoredTokens(cache=a_cache(5_000)))
    write_tokens(EMAIL, StoredTokens(cache=a_cache(3_000)))
    memory_keyring.passwords[("Pont", "someone-else@example.org")] = "their password"
    forget_tokens(EMAIL)
    assert not has_tokens(EMAIL)
    assert list(memory_keyring.passwords) == [("Pont", "someone-else@example.org")]
    forget_tokens(EMAIL)  # nothing left: no error either


def test_deleting_an_account_forgets_its_tokens(
    db: Database, memory_keyring: MemoryKeyring
) -> None:
    account = save_account(
        db,
        AccountSettings(
            email=EMAIL,
            username=EMAIL,
            imap=ServerSettings("outlook.office365.com", 993, Security.SSL),
            smtp=ServerSettings("smtp.office365.com", 587, Security.STARTTLS),
            sign_in=SignInMethod.MICROSOFT,
        ),
    )
    write_tokens(EMAIL, StoredTokens(cache=a_cache(4_000)))
    delete_account(db, account.id)
    assert not has_tokens(EMAIL)
    assert memory_keyring.passwords == {}


def test_no_keyring_raises_keyring_unavailable(no_keyring: None) -> None:
    with pytest.raises(KeyringUnavailable) as refused:
        write_tokens(EMAIL, StoredTokens(cache=a_cache(100)))
    assert "no password store (keyring)" in str(refused.value)
    assert read_tokens(EMAIL) is None
