"""App passwords explained before the first try, from the provider table."""

from __future__ import annotations

import pytest

from pont.core.mail.app_passwords import app_password_steps
from pont.core.mail.providers import SignIn, all_providers, provider_by_id

APP_PASSWORD_PROVIDERS = [
    "gmail.com",
    "workspace.google.com",
    "yahoo.com",
    "aol.com",
    "icloud.com",
    "fastmail.com",
]


def test_every_app_password_provider_has_steps_and_no_other() -> None:
    with_steps = sorted(p.id for p in all_providers() if app_password_steps(p) is not None)
    assert with_steps == sorted(APP_PASSWORD_PROVIDERS)
    for provider in all_providers():
        assert (app_password_steps(provider) is None) is (
            provider.sign_in is not SignIn.APP_PASSWORD
        )
    assert app_password_steps(None) is None


@pytest.mark.parametrize("provider_id", APP_PASSWORD_PROVIDERS)
def test_the_steps_lead_to_the_provider_s_pages(provider_id: str) -> None:
    provider = provider_by_id(provider_id)
    assert provider is not None
    steps = app_password_steps(provider)
    assert steps is not None
    texts = [step.text for step in steps.steps]
    urls = [step.url for step in steps.steps if step.url]
    assert all(s.url.startswith("https://") and s.url in s.text for s in steps.steps if s.url)
    assert provider.help_url in urls
    assert any("“Pont”" in text for text in texts)
    assert texts[-1 if not provider.managed_by_organisation else -2] == (
        "Paste that password here, instead of your usual password."
    )
    assert steps.why.startswith(f"{provider.short_name} does not let mail programs like Pont")
    # Two-step verification first where the provider asks for it (Google, Apple), not else.
    two_step = [text for text in texts if "two-step verification" in text]
    assert bool(two_step) is (provider_id in {"gmail.com", "workspace.google.com", "icloud.com"})


def test_google_s_steps_in_order() -> None:
    steps = app_password_steps(provider_by_id("gmail.com"))
    assert steps is not None
    assert [step.text for step in steps.steps] == [
        "Turn on two-step verification for your Google account: "
        "https://myaccount.google.com/signinoptions/twosv",
        "Open the app passwords page of your Google account: "
        "https://myaccount.google.com/apppasswords",
        "Make a new app password named “Pont”, and copy the password it shows.",
        "Paste that password here, instead of your usual password.",
    ]
    assert [step.url for step in steps.steps][:2] == [
        "https://myaccount.google.com/signinoptions/twosv",
        "https://myaccount.google.com/apppasswords",
    ]
    workspace = app_password_steps(provider_by_id("workspace.google.com"))
    assert workspace is not None and workspace.provider == "Google Workspace"
    assert workspace.steps[-1].text.startswith(
        "If Google says app passwords are not available, your organisation's administrator"
    )


def test_a_page_with_a_place_on_it_says_where() -> None:
    steps = app_password_steps(provider_by_id("icloud.com"))
    assert steps is not None
    assert steps.steps[1].text == (
        "Open https://account.apple.com and go to “Sign-In and Security → App-Specific Passwords”."
    )
    # A sentence the window can show in Welsh: it remembers its template and values.
    assert steps.steps[1].text.template == "Open {url} and go to “{where}”."
