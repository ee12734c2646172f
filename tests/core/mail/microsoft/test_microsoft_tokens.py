"""The token source after signing in: silent refresh before expiry, permissions added when a
feature needs them, and the plain sentences when only the coordinator (or an admin) can help."""

from __future__ import annotations

import base64
import json
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from oauth_browser import Browser, SignInWorld, fingerprint
from oauth_keys import GRAPH_AUDIENCE, MAILBOX_AUDIENCE, TENANT_ID
from pont.core.errors import (
    AdminApprovalRequired,
    MicrosoftConsentNeeded,
    MicrosoftSignInExpired,
)
from pont.core.mail.microsoft.sign_in import MicrosoftTokens, sign_in_with_browser
from pont.core.mail.microsoft.token_cache import forget_tokens
from pont.core.mail.tokens import Permission

MAILBOX = [Permission.IMAP, Permission.SMTP]


def signed_in(
    microsoft: SignInWorld, permissions: list[Permission] = MAILBOX, shown: list[str] | None = None
) -> MicrosoftTokens:
    return sign_in_with_browser(
        microsoft.email,
        permissions,
        microsoft.setup,
        show_address=(shown if shown is not None else []).append,
        open_browser=Browser().open,
        timeout=30,
    )


def expired_sentence(email: str) -> str:
    return (
        f"Pont needs you to sign in with Microsoft again for {email}: the sign-in it had has "
        "expired or was withdrawn. Nothing is lost: the outbox waits until you do."
    )


def test_a_token_near_its_end_is_refreshed_before_it_is_used(microsoft: SignInWorld) -> None:
    microsoft.server.token_lifetime = 240  # under the 5 minutes Pont keeps in hand
    tokens = signed_in(microsoft)
    first = tokens.access_token(Permission.IMAP)
    second = tokens.access_token(Permission.IMAP)
    assert fingerprint(first) != fingerprint(second)
    assert microsoft.server.grants == ["authorization_code", "refresh_token", "refresh_token"]
    for token in (first, second):  # each was fresh when handed out
        assert microsoft.server.signing_key.claims(token)["exp"] > time.time() + 200


def test_a_token_with_time_in_hand_is_used_again(microsoft: SignInWorld) -> None:
    microsoft.server.token_lifetime = 1200
    tokens = signed_in(microsoft)
    held = fingerprint(tokens.access_token(Permission.SMTP))
    assert fingerprint(tokens.access_token(Permission.SMTP)) == held
    assert microsoft.server.grants == ["authorization_code"]
    # With a wider margin the same token counts as near its end, and is refreshed.
    wary = MicrosoftTokens(microsoft.email, microsoft.setup, refresh_margin=1800)
    assert fingerprint(wary.access_token(Permission.SMTP)) != held
    assert microsoft.server.grants == ["authorization_code", "refresh_token"]


@pytest.mark.parametrize("offset", [-600, 600])
def test_a_server_clock_minutes_off_changes_nothing(microsoft: SignInWorld, offset: int) -> None:
    # The token's own dates are the server's (exp ten minutes off ours); Pont goes by how
    # long the server says the token lasts, so a 700-second token is kept, not refreshed.
    microsoft.server.clock_offset = offset
    microsoft.server.token_lifetime = 700
    tokens = signed_in(microsoft)
    token = tokens.access_token(Permission.IMAP)
    assert fingerprint(tokens.access_token(Permission.IMAP)) == fingerprint(token)
    assert microsoft.server.grants == ["authorization_code"]
    issued = _unverified_claims(token)["iat"]
    assert abs(issued - (time.time() + offset)) < 30


def test_a_permission_needed_later_is_asked_for_then(microsoft: SignInWorld) -> None:
    tokens = signed_in(microsoft)
    with pytest.raises(MicrosoftConsentNeeded) as needed:
        tokens.access_token(Permission.GRAPH_READ)
    assert str(needed.value) == (
        "Pont needs your permission to read your mail through Microsoft Graph with "
        f"{microsoft.email}. Sign in with Microsoft again to allow it."
    )
    assert needed.value.permission == "Mail.Read"
    # Signing in for it asks for that one permission only (incremental consent) ...
    shown: list[str] = []
    more = signed_in(microsoft, [Permission.GRAPH_READ], shown)
    scope = parse_qs(urlsplit(shown[0]).query)["scope"][0].split()
    assert set(scope) - {"openid", "profile", "offline_access"} == {
        "https://graph.microsoft.com/Mail.Read"
    }
    # ... and afterwards both resources' tokens come silently.
    graph = microsoft.server.signing_key.claims(more.access_token(Permission.GRAPH_READ))
    assert (graph["aud"], graph["scp"]) == (GRAPH_AUDIENCE, "Mail.Read")
    mailbox = microsoft.server.signing_key.claims(more.access_token(Permission.IMAP))
    assert mailbox["aud"] == MAILBOX_AUDIENCE
    assert more.granted() == {Permission.IMAP, Permission.SMTP, Permission.GRAPH_READ}
    assert tokens.granted() == more.granted()


def test_consent_for_two_resources_at_once_gives_tokens_for_both(
    microsoft: SignInWorld,
) -> None:
    tokens = signed_in(microsoft, [Permission.SMTP, Permission.GRAPH_SEND])
    assert tokens.granted() == {Permission.SMTP, Permission.GRAPH_SEND}
    smtp = microsoft.server.signing_key.claims(tokens.access_token(Permission.SMTP))
    graph = microsoft.server.signing_key.claims(tokens.access_token(Permission.GRAPH_SEND))
    assert (smtp["aud"], smtp["scp"]) == (MAILBOX_AUDIENCE, "SMTP.Send")
    assert (graph["aud"], graph["scp"]) == (GRAPH_AUDIENCE, "Mail.Send")
    # the code was redeemed for the first resource; the second came from the refresh token
    assert microsoft.server.grants == ["authorization_code", "refresh_token"]


def test_a_permission_only_an_admin_may_grant_is_said_so_and_the_rest_keeps_working(
    microsoft: SignInWorld,
) -> None:
    tokens = signed_in(microsoft)
    microsoft.server.admin_only = {"Mail.Read"}
    with pytest.raises(AdminApprovalRequired) as needs_admin:
        signed_in(microsoft, [Permission.GRAPH_READ])
    assert needs_admin.value.tenant == TENANT_ID  # from the first sign-in's id token
    assert needs_admin.value.permissions == (Permission.GRAPH_READ,)
    assert str(needs_admin.value) == (
        "Microsoft says an administrator must approve Pont before it may use Mail.Read for "
        f"{microsoft.email}. Ask your IT team to approve Pont; everything that does not need "
        "this keeps working meanwhile."
    )
    assert tokens.access_token(Permission.SMTP)
    assert tokens.granted() == {Permission.IMAP, Permission.SMTP}


@pytest.mark.parametrize("number", [50173, 70008, 700082])
def test_a_revoked_or_expired_refresh_token_asks_for_a_new_sign_in(
    microsoft: SignInWorld, number: int
) -> None:
    microsoft.server.token_lifetime = 120  # so the next token needs the refresh token
    tokens = signed_in(microsoft)
    microsoft.server.revoke(microsoft.email, number)
    with pytest.raises(MicrosoftSignInExpired) as expired:
        tokens.access_token(Permission.SMTP)
    assert str(expired.value) == expired_sentence(microsoft.email)
    # Signing in again puts it right, for the token source already in use too (it reads
    # the new sign-in's tokens from the keyring).
    signed_in(microsoft)
    assert tokens.access_token(Permission.SMTP)


def test_with_no_tokens_stored_a_new_sign_in_is_asked_for_without_the_network(
    microsoft: SignInWorld,
) -> None:
    with pytest.raises(MicrosoftSignInExpired) as none_stored:
        MicrosoftTokens(microsoft.email, microsoft.setup).access_token(Permission.IMAP)
    assert str(none_stored.value) == expired_sentence(microsoft.email)
    assert microsoft.server.requests == []


def test_forgetting_the_tokens_reaches_a_token_source_in_use(microsoft: SignInWorld) -> None:
    tokens = signed_in(microsoft)
    assert tokens.access_token(Permission.IMAP)
    forget_tokens(microsoft.email)
    with pytest.raises(MicrosoftSignInExpired):
        tokens.access_token(Permission.IMAP)
    assert tokens.granted() == frozenset()


def _unverified_claims(token: str) -> dict[str, int]:
    payload = token.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))
