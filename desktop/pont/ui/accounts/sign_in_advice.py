"""How an address signs in, said before the first try: Microsoft's sign-in instead of a
password, or the steps to make an app password."""

from __future__ import annotations

import contextlib
import html
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Signal

from pont.core.mail.app_passwords import AppPasswordSteps, app_password_steps
from pont.core.mail.providers import Provider, SignIn, find_provider
from pont.ui.language import shown

# Sentences here are the set-up dialog's own: translated in its context, "AccountDialog".
translate = QCoreApplication.translate
_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)]")


@dataclass(frozen=True, slots=True)
class SignInAdvice:
    kind: SignIn
    provider: str = ""  # "Microsoft 365", "Gmail"; '' when unknown
    steps: AppPasswordSteps | None = None


def _advice(kind: SignIn, provider: Provider | None) -> SignInAdvice:
    name = provider.short_name if provider is not None else ""
    return SignInAdvice(kind, name, app_password_steps(provider))


def table_advice(email: str) -> SignInAdvice | None:
    """What Pont's provider table says, instantly and offline; None for a domain it lacks."""
    provider = find_provider(email)
    return _advice(provider.sign_in, provider) if provider is not None else None


def looked_up_advice(email: str, **detect_options: object) -> SignInAdvice:
    """The domain's MX records and Microsoft's records, for a domain the table lacks (network:
    call it off the GUI thread). `detect_options` go to detect_mailbox (a resolver...)."""
    from pont.core.mail.detection import detect_mailbox

    detection = detect_mailbox(email, **detect_options)  # type: ignore[arg-type]
    return _advice(detection.sign_in, detection.provider)


class LookUps(QObject):
    """Where background look-ups report, on the GUI thread.

    Signals:
        found(str, object): the address looked up, and its SignInAdvice.
    """

    found = Signal(str, object)


def look_up_in_background(
    reports: LookUps, look_up: Callable[[str], SignInAdvice], email: str
) -> None:
    """Look the address's domain up on a thread of its own, which the dialog need not wait
    for: a slow name server may outlive the dialog, and then its answer goes nowhere. A
    failed look-up (offline, no such domain) says nothing here: Connect says why."""

    def run() -> None:
        try:
            advice = look_up(email)
        except Exception:  # noqa: BLE001 (the password form stays; Connect explains)
            return
        with contextlib.suppress(RuntimeError):  # the dialog, and its LookUps, are gone
            reports.found.emit(email, advice)

    threading.Thread(target=run, name="pont-look-up", daemon=True).start()


def linked(text: str) -> str:
    """Plain text as rich text, its web addresses made links."""
    return _WEB_ADDRESS.sub(
        lambda match: f'<a href="{match.group(0)}">{match.group(0)}</a>',
        html.escape(text, quote=False),
    )


def advice_markup(advice: SignInAdvice | None) -> str:
    """Rich text for the dialog, '' when there is nothing to say before the first try."""
    if advice is None:
        return ""
    if advice.kind is SignIn.MICROSOFT:
        who = advice.provider or translate("AccountDialog", "Microsoft 365")
        return "<p>{}</p>".format(
            html.escape(
                translate(
                    "AccountDialog",
                    "{provider} mailboxes sign in with Microsoft. Pont opens Microsoft’s "
                    "sign-in page in your web browser: sign in there and allow Pont. "
                    "You type no password here, and Pont keeps none.",
                ).format(provider=who)
            )
        )
    if advice.steps is not None:
        steps = "".join(f"<li>{linked(shown(step.text))}</li>" for step in advice.steps.steps)
        return f"<p>{linked(shown(advice.steps.why))}</p><ol>{steps}</ol>"
    return ""
