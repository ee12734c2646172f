"""App passwords explained before the first try: for providers that refuse a mail program the
usual password (Gmail and Google Workspace, Yahoo, AOL, iCloud, Fastmail), the steps to make
one for Pont, each with the provider's page for it (from resources/providers)."""

from __future__ import annotations

from dataclasses import dataclass

from pont.core.i18n import Sentence, translate
from pont.core.mail.providers import Provider, SignIn


@dataclass(frozen=True, slots=True)
class Step:
    """One thing to do; `url` is the page it happens on ('' for none), also in the text."""

    text: Sentence
    url: str = ""


@dataclass(frozen=True, slots=True)
class AppPasswordSteps:
    """What to say before the password field: why, then the steps in order."""

    provider: str  # the provider's short name
    why: Sentence
    steps: tuple[Step, ...]


def app_password_steps(provider: Provider | None) -> AppPasswordSteps | None:
    """The steps to make an app password for Pont at this provider; None for a provider that
    takes the usual password (or signs in with Microsoft), and for none at all."""
    if provider is None or provider.sign_in is not SignIn.APP_PASSWORD:
        return None
    account = provider.account_name or provider.short_name
    steps: list[Step] = []
    if provider.two_step_url:
        steps.append(
            Step(
                translate(
                    "AppPasswords",
                    "Turn on two-step verification for your {account} account: {url}",
                ).format(account=account, url=provider.two_step_url),
                provider.two_step_url,
            )
        )
    if provider.help_where:
        opening = translate("AppPasswords", "Open {url} and go to “{where}”.").format(
            url=provider.help_url, where=provider.help_where
        )
    else:
        opening = translate(
            "AppPasswords", "Open the app passwords page of your {account} account: {url}"
        ).format(account=account, url=provider.help_url)
    steps.append(Step(opening, provider.help_url))
    steps.append(
        Step(
            translate(
                "AppPasswords",
                "Make a new app password named “Pont”, and copy the password it shows.",
            )
        )
    )
    steps.append(
        Step(translate("AppPasswords", "Paste that password here, instead of your usual password."))
    )
    if provider.managed_by_organisation:
        steps.append(
            Step(
                translate(
                    "AppPasswords",
                    "If {account} says app passwords are not available, your organisation's "
                    "administrator has switched them off: ask them to allow one for your account.",
                ).format(account=account)
            )
        )
    why = translate(
        "AppPasswords",
        "{provider} does not let mail programs like Pont sign in with your usual password. "
        "Make an app password for Pont instead; it takes a few minutes, once:",
    ).format(provider=provider.short_name)
    return AppPasswordSteps(provider.short_name, why, tuple(steps))
