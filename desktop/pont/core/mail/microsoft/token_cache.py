"""The Microsoft sign-in's tokens (MSAL's token cache) in the OS keyring, nowhere else.

A keyring entry may be small: Windows Credential Manager keeps about 2.5 KB a secret, and a
cache holding a refresh token, an id token and an access token or two is several times that.
So the cache is split into parts of at most PART_SIZE characters, and an index entry says
which parts make it up:

    <email>#microsoft              {"generation": "a", "parts": 7, "sha256": "…", …}
    <email>#microsoft.a.0 … .a.6   the cache's text, in order

A write puts the new parts under the other generation ("a" or "b"), then replaces the index
(one entry, written whole or not at all), then deletes the old generation's parts. A crash
at any point leaves either the old cache or the new one readable; a reader that finds a part
missing or a checksum wrong reads no cache (the coordinator signs in again), never a wrong one.
The index also keeps what is no secret: the permissions granted so far and the tenant.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass, field

import keyring
from keyring.errors import KeyringError

from pont.core.errors import KeyringNeededForMicrosoft
from pont.core.mail.credentials import SERVICE, keyring_usable
from pont.core.members.addresses import address_key

# Characters a part holds. The cache is ASCII (json.dumps escapes the rest), and Windows
# stores a secret as UTF-16: 1,000 characters are 2,000 bytes, within its 2,560.
PART_SIZE = 1_000
_GENERATIONS = ("a", "b")
# A reader stops looking for leftover parts here: no cache comes near it (about 1 MB).
_MAX_PARTS = 1_000


@dataclass(frozen=True, slots=True)
class StoredTokens:
    """One account's token cache (a secret) and what is known about it (not secret)."""

    cache: str  # MSAL's SerializableTokenCache, serialised
    granted: frozenset[str] = field(default_factory=frozenset)  # scope names, "SMTP.Send"
    tenant: str = ""  # the tenant id from the id token, for an admin-consent address


def _index_name(email: str) -> str:
    return f"{address_key(email.strip())}#microsoft"


def _part_name(email: str, generation: str, number: int) -> str:
    return f"{_index_name(email)}.{generation}.{number}"


def _read_index(email: str) -> dict[str, object] | None:
    try:
        text = keyring.get_password(SERVICE, _index_name(email))
    except KeyringError:
        return None
    if not text:
        return None
    try:
        index = json.loads(text)
    except ValueError:
        return None
    valid = (
        isinstance(index, dict)
        and index.get("generation") in _GENERATIONS
        and isinstance(index.get("parts"), int)
        and 0 < index["parts"] <= _MAX_PARTS
        and isinstance(index.get("sha256"), str)
    )
    return index if valid else None


def read_tokens(email: str) -> StoredTokens | None:
    """The stored tokens, or None when there are none, the keyring cannot be read, or what it
    holds does not add up (a part missing, a checksum wrong)."""
    index = _read_index(email)
    if index is None:
        return None
    generation, count = str(index["generation"]), int(str(index["parts"]))
    pieces = []
    try:
        for number in range(count):
            piece = keyring.get_password(SERVICE, _part_name(email, generation, number))
            if piece is None:
                return None
            pieces.append(piece)
    except KeyringError:
        return None
    cache = "".join(pieces)
    if hashlib.sha256(cache.encode("utf-8")).hexdigest() != index["sha256"]:
        return None
    granted = index.get("granted")
    tenant = index.get("tenant")
    return StoredTokens(
        cache=cache,
        granted=frozenset(
            name for name in (granted if isinstance(granted, list) else []) if isinstance(name, str)
        ),
        tenant=tenant if isinstance(tenant, str) else "",
    )


def write_tokens(email: str, tokens: StoredTokens) -> None:
    """Store the tokens in place of any before; raises KeyringNeededForMicrosoft when the keyring
    cannot take them (what was stored before is then still there, whole)."""
    if not keyring_usable():
        raise KeyringNeededForMicrosoft()
    old = _read_index(email)
    old_generation = str(old["generation"]) if old else None
    generation = "b" if old_generation == "a" else "a"
    parts = [tokens.cache[i : i + PART_SIZE] for i in range(0, len(tokens.cache), PART_SIZE)]
    parts = parts or [""]
    index = {
        "generation": generation,
        "parts": len(parts),
        "sha256": hashlib.sha256(tokens.cache.encode("utf-8")).hexdigest(),
        "granted": sorted(tokens.granted),
        "tenant": tokens.tenant,
    }
    try:
        for number, part in enumerate(parts):
            keyring.set_password(SERVICE, _part_name(email, generation, number), part)
        keyring.set_password(SERVICE, _index_name(email), json.dumps(index))
    except KeyringError as error:  # locked, refused by the user, or an entry too large
        raise KeyringNeededForMicrosoft() from error
    # The new cache is in place: what is left of the other generation, and of this one
    # beyond its new end (a write that crashed before its index), goes.
    if old_generation is not None:
        _delete_parts(email, old_generation)
    _delete_parts(email, generation, first=len(parts))


def _delete_parts(email: str, generation: str, first: int = 0) -> None:
    for number in range(first, _MAX_PARTS):
        try:
            keyring.delete_password(SERVICE, _part_name(email, generation, number))
        except KeyringError:  # no such part (the end), or no keyring: nothing more to do
            return


def has_tokens(email: str) -> bool:
    """Whether Pont holds a readable Microsoft sign-in for this address."""
    return read_tokens(email) is not None


def forget_tokens(email: str) -> None:
    """Delete the account's tokens from the keyring, every part of every generation."""
    with contextlib.suppress(KeyringError):
        keyring.delete_password(SERVICE, _index_name(email))
    for generation in _GENERATIONS:
        _delete_parts(email, generation)


def tokens_version(email: str) -> str | None:
    """The index entry as stored (no secret in it): it changes with every write, so a reader
    holding the cache can tell whether another has written since. None: no tokens."""
    try:
        return keyring.get_password(SERVICE, _index_name(email)) or None
    except KeyringError:
        return None
