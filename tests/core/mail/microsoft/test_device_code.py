"""The device-code fallback, end to end against the tests' OpenID Connect server: the test
plays the coordinator's phone."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from oauth_browser import SignInWorld, enter_device_code
from oauth_keys import MAILBOX_AUDIENCE
from pont.core.errors import (
    MicrosoftConsentRefused,
    MicrosoftSignInCancelled,
    MicrosoftSignInTimedOut,
)
from pont.core.mail.microsoft.sign_in import DeviceCodePrompt, sign_in_with_device_code
from pont.core.mail.microsoft.token_cache import has_tokens
from pont.core.mail.tokens import Permission


def on_the_phone(
    email: str, accept: bool = True
) -> tuple[list[DeviceCodePrompt], Callable[[DeviceCodePrompt], None]]:
    prompts: list[DeviceCodePrompt] = []

    def show_code(prompt: DeviceCodePrompt) -> None:
        prompts.append(prompt)
        threading.Timer(
            0.2, enter_device_code, args=(prompt.address, prompt.code, email, accept)
        ).start()

    return prompts, show_code


def test_signing_in_with_a_device_code(microsoft: SignInWorld) -> None:
    prompts, show_code = on_the_phone(microsoft.email)
    tokens = sign_in_with_device_code(
        microsoft.email,
        [Permission.SMTP, Permission.GRAPH_SEND],
        microsoft.setup,
        show_code=show_code,
        timeout=30,
    )
    (prompt,) = prompts
    assert prompt.address == f"{microsoft.server.base}/device"
    assert prompt.sentence == (
        "Signing in without a browser on this computer (a fallback your organisation may not "
        f"allow): on a phone or another computer, open {prompt.address} and enter the code "
        f"{prompt.code}."
    )
    # One resource a device sign-in: the first permission's; Graph needs another sign-in.
    assert tokens.granted() == {Permission.SMTP}
    claims = microsoft.server.signing_key.claims(tokens.access_token(Permission.SMTP))
    assert (claims["aud"], claims["scp"]) == (MAILBOX_AUDIENCE, "SMTP.Send")
    assert "urn:ietf:params:oauth:grant-type:device_code" in microsoft.server.grants
    assert has_tokens(microsoft.email)


def test_refusing_on_the_device_says_so(microsoft: SignInWorld) -> None:
    _, show_code = on_the_phone(microsoft.email, accept=False)
    with pytest.raises(MicrosoftConsentRefused) as refused:
        sign_in_with_device_code(
            microsoft.email,
            [Permission.SMTP],
            microsoft.setup,
            show_code=show_code,
            timeout=30,
        )
    assert str(refused.value).startswith(f"Pont was not given permission to use {microsoft.email}")
    assert not has_tokens(microsoft.email)


def test_a_code_never_entered_ends_at_the_time_limit(microsoft: SignInWorld) -> None:
    started = time.monotonic()
    with pytest.raises(MicrosoftSignInTimedOut) as timed_out:
        sign_in_with_device_code(
            microsoft.email,
            [Permission.SMTP],
            microsoft.setup,
            show_code=lambda prompt: None,
            timeout=2,
        )
    assert time.monotonic() - started < 8
    assert str(timed_out.value).startswith("The Microsoft sign-in did not finish within a minute.")


def test_a_device_sign_in_can_be_cancelled(microsoft: SignInWorld) -> None:
    cancelled = threading.Event()
    with pytest.raises(MicrosoftSignInCancelled):
        sign_in_with_device_code(
            microsoft.email,
            [Permission.SMTP],
            microsoft.setup,
            show_code=lambda prompt: threading.Timer(0.5, cancelled.set).start(),
            timeout=60,
            cancelled=cancelled,
        )
