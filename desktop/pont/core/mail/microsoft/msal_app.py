"""MSAL's application object, built only when someone signs in or needs a token, and what
the sign-in service's answers mean for Pont.

Building a PublicClientApplication fetches the authority's discovery document, so it never
happens at import, at start-up, or to recognise a provider. Microsoft's own hosts are given
as `authority=` (MSAL then asks for Microsoft's `/v2.0/.well-known/openid-configuration`);
any other OpenID Connect service as `oidc_authority=` (the standard
`/.well-known/openid-configuration`). MSAL talks HTTP through an httpx client verified
against the system's trust store (and SSL_CERT_FILE), as Pont's IMAP and SMTP are: MSAL
calls it as it would a requests session (`get`/`post` with params, data and headers, and
`.status_code`, `.text`, `.headers`, `.raise_for_status()` on the answer), which httpx
answers alike.
"""

from __future__ import annotations

import contextlib
import logging
import re
import ssl
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import httpx

from pont import __version__
from pont.core.errors import (
    AdminApprovalRequired,
    MailError,
    MicrosoftAuthorityUnusable,
    MicrosoftConsentNeeded,
    MicrosoftConsentRefused,
    MicrosoftSignInExpired,
    MicrosoftSignInFailed,
    MicrosoftUnreachable,
)
from pont.core.i18n import translate
from pont.core.mail.tokens import Permission

if TYPE_CHECKING:
    import msal

    from pont.core.mail.microsoft.setup import MicrosoftSetup

HTTP_TIMEOUT = 30.0  # seconds for one request to the sign-in service

# MSAL's DEBUG lines carry authorization codes and PKCE verifiers (its token-cache event
# log masks only some fields): nothing of MSAL's below a warning reaches Pont's logs.
logging.getLogger("msal").setLevel(logging.WARNING)

# What Microsoft's answers say, by their AADSTS numbers and OAuth error codes.
_EXPIRED_CODES = frozenset(
    {
        "50173",  # the grant was revoked (password changed or reset, sessions revoked)
        "70008",  # the refresh token expired or was revoked
        "700082",  # the refresh token expired through inactivity
        "70000",  # the grant is not valid
        "50076",  # multi-factor authentication is now required
        "50079",  # the user must enrol in multi-factor authentication
        "50078",  # the multi-factor claim expired
        "53003",  # Conditional Access blocked it
        "50133",  # the session is no longer valid after a password change
    }
)
_CONSENT_CODES = frozenset({"65001"})  # no consent yet for (one of) the scopes asked
_ADMIN_CODES = frozenset(
    {
        "90094",  # the grant requires an administrator's permission
        "90095",  # the user asked an administrator for approval
        "90093",  # the user may not consent
    }
)
_DECLINED_CODES = frozenset({"65004"})  # the user declined to consent
_AADSTS = re.compile(r"AADSTS(\d{4,7})")
_ERROR_CODE = re.compile(r"^[a-z_]{1,40}$")


def permission_purpose(permission: Permission) -> str:
    """What a permission lets Pont do, for a sentence: "read your mailbox over IMAP"."""
    purposes = {
        Permission.IMAP: translate("MicrosoftSignIn", "read your mailbox over IMAP"),
        Permission.SMTP: translate("MicrosoftSignIn", "send mail over SMTP"),
        Permission.GRAPH_SEND: translate("MicrosoftSignIn", "send mail through Microsoft Graph"),
        Permission.GRAPH_READ: translate(
            "MicrosoftSignIn", "read your mail through Microsoft Graph"
        ),
    }
    return purposes[permission]


def build_app(
    setup: MicrosoftSetup, email: str, cache: msal.SerializableTokenCache
) -> msal.PublicClientApplication:
    """MSAL's application for this address, fetching the authority's discovery document."""
    import msal

    setup.require_set_up()
    authority = setup.authority_for(email)
    http = httpx.Client(verify=ssl.create_default_context(), timeout=HTTP_TIMEOUT)
    where: dict[str, Any] = (
        {"authority": authority, "instance_discovery": False}
        if setup.uses_microsoft_host
        else {"oidc_authority": authority}
    )
    try:
        with translated_network_errors(setup.authority_host):
            return msal.PublicClientApplication(
                setup.client_id,
                token_cache=cache,
                http_client=http,
                app_name="Pont",
                app_version=__version__,
                **where,
            )
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        http.close()
        # A discovery document that is missing, not JSON, or for another issuer.
        raise MicrosoftAuthorityUnusable(authority) from error
    except BaseException:
        http.close()
        raise


@contextlib.contextmanager
def translated_network_errors(host: str) -> Iterator[None]:
    """httpx's failures as MicrosoftUnreachable or MicrosoftSignInFailed."""
    try:
        yield
    except httpx.HTTPStatusError as error:  # MSAL raises for a 5xx answer to a token request
        raise MicrosoftSignInFailed(host, f"HTTP {error.response.status_code}") from error
    except httpx.TimeoutException as error:
        reason = translate("MicrosoftSignIn", "it did not answer in time")
        raise MicrosoftUnreachable(host, reason) from error
    except httpx.HTTPError as error:
        raise MicrosoftUnreachable(host, _connection_reason(error)) from error


def _connection_reason(error: BaseException) -> str:
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return translate("MicrosoftSignIn", "its certificate could not be verified")
        cause = cause.__cause__ or cause.__context__
    return translate("MicrosoftSignIn", "no connection")


def answer_codes(answer: Mapping[str, Any]) -> tuple[str, frozenset[str]]:
    """The OAuth error code and the AADSTS numbers of an error answer; nothing else of it
    (its description is the server's free text)."""
    error = answer.get("error")
    code = error if isinstance(error, str) and _ERROR_CODE.match(error) else "error"
    numbers = set(_AADSTS.findall(str(answer.get("error_description", ""))[:2000]))
    listed = answer.get("error_codes")
    if isinstance(listed, list):
        numbers.update(str(n) for n in listed if isinstance(n, int) and 0 < n < 10**7)
    return code, frozenset(numbers)


def _suberror(answer: Mapping[str, Any]) -> str:
    value = answer.get("suberror")
    return value if isinstance(value, str) else ""


def _short_answer(code: str, numbers: frozenset[str]) -> str:
    return ", ".join([code, *(f"AADSTS{n}" for n in sorted(numbers))])


def _admin_text(answer: Mapping[str, Any]) -> bool:
    text = str(answer.get("error_description", ""))[:2000].casefold()
    return "need admin approval" in text or "admin consent" in text


def sign_in_error(
    answer: Mapping[str, Any],
    *,
    email: str,
    host: str,
    asked: Iterable[Permission],
    tenant: str,
) -> MailError:
    """What an error answer to an interactive sign-in (the browser's or the device's) means:
    the coordinator was asked, so a consent still missing is one only an admin can give."""
    code, numbers = answer_codes(answer)
    if numbers & _ADMIN_CODES or numbers & _CONSENT_CODES or _admin_text(answer):
        return AdminApprovalRequired(email, tenant, tuple(asked))
    if code in ("access_denied", "authorization_declined") or numbers & _DECLINED_CODES:
        return MicrosoftConsentRefused(email)
    if code == "consent_required":
        return AdminApprovalRequired(email, tenant, tuple(asked))
    return MicrosoftSignInFailed(host, _short_answer(code, numbers))


def silent_error(
    answer: Mapping[str, Any], *, email: str, host: str, permission: Permission, tenant: str
) -> MailError:
    """What an error answer to a silent refresh means for the coordinator."""
    code, numbers = answer_codes(answer)
    if numbers & _ADMIN_CODES or _admin_text(answer):
        return AdminApprovalRequired(email, tenant, (permission,))
    if numbers & _CONSENT_CODES or _suberror(answer) == "consent_required":
        return MicrosoftConsentNeeded(email, permission.value, permission_purpose(permission))
    if code in ("invalid_grant", "interaction_required", "login_required") or (
        numbers & _EXPIRED_CODES
    ):
        return MicrosoftSignInExpired(email)
    return MicrosoftSignInFailed(host, _short_answer(code, numbers))
