"""No token, authorization code, device code or token cache reaches a log, an error or
the terminal, along every path of signing in."""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable

import pytest

from oauth_browser import Browser, SignInWorld, enter_device_code, fingerprint
from pont.core.errors import PontError
from pont.core.mail.microsoft.sign_in import (
    DeviceCodePrompt,
    MicrosoftTokens,
    sign_in_with_browser,
    sign_in_with_device_code,
)
from pont.core.mail.microsoft.token_cache import read_tokens
from pont.core.mail.tokens import Permission


def test_no_secret_reaches_a_log_an_error_or_the_terminal(
    microsoft: SignInWorld, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)
    server, email, setup = microsoft.server, microsoft.email, microsoft.setup
    errors: list[str] = []

    def expect_error(action: Callable[[], object]) -> None:
        try:
            action()
        except PontError as error:
            errors.append("".join(traceback.format_exception(error)))
            errors.append(repr(error))
        else:
            raise AssertionError("the sign-in went through where it should have failed")

    def browser_sign_in(permissions: list[Permission], browser: Browser) -> MicrosoftTokens:
        return sign_in_with_browser(
            email, permissions, setup, show_address=lambda url: None, open_browser=browser.open
        )

    def on_the_phone(prompt: DeviceCodePrompt) -> None:
        threading.Timer(0.2, enter_device_code, (prompt.address, prompt.code, email)).start()

    server.token_lifetime = 120  # every token request after the first refreshes
    expect_error(lambda: browser_sign_in([Permission.SMTP], Browser(decision="refuse")))
    tokens = browser_sign_in([Permission.IMAP, Permission.SMTP], Browser())
    tokens.access_token(Permission.SMTP)
    tokens.access_token(Permission.IMAP)
    expect_error(lambda: tokens.access_token(Permission.GRAPH_SEND))
    server.admin_only = {"Mail.Read"}
    expect_error(lambda: browser_sign_in([Permission.GRAPH_READ], Browser()))
    device = sign_in_with_device_code(
        email, [Permission.GRAPH_SEND], setup, show_code=on_the_phone, timeout=30
    )
    device.access_token(Permission.GRAPH_SEND)
    stored = read_tokens(email)
    assert stored is not None
    server.revoke(email)
    expect_error(lambda: device.access_token(Permission.SMTP))

    secrets = [*server.issued, stored.cache]
    assert len(server.issued) >= 12  # codes, device codes, access, refresh and id tokens
    assert caplog.records  # the logs were there to be read (httpx's requests, at least)
    terminal = capfd.readouterr()
    seen = "\n".join([caplog.text, terminal.out, terminal.err, *errors])
    leaked = [fingerprint(secret) for secret in secrets if secret in seen]
    assert leaked == []
