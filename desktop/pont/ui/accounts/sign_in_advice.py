"""How an address signs in, said before the first try: Microsoft's sign-in instead of a
password, or the steps to make an app password."""

from __future__ import annotations

import contextlib
import html
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

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


# How an address signs in, found off the GUI thread (MX records, Microsoft's own records).
SignInFinder = Callable[[str], SignInAdvice]


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


def look_up_in_background(reports: LookUps, look_up: SignInFinder, email: str) -> None:
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


# A pause in typing before Pont looks the domain up (for a domain its table does not know).
LOOK_UP_AFTER_MS = 700


class SignInChoice(QObject):
    """How the address being typed signs in: the provider table's word at once, else the
    domain looked up (MX, Microsoft's records) on a thread once typing pauses.

    Signals:
        changed(): `advice` changed.
    """

    changed = Signal()

    def __init__(self, parent: QObject, look_up: SignInFinder) -> None:
        super().__init__(parent)
        self.advice: SignInAdvice | None = None
        self._look_up = look_up
        self._email = ""
        self._looked_up_for = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(LOOK_UP_AFTER_MS)
        self._timer.timeout.connect(self._look_up_now)
        self._reports = LookUps(self)
        self._reports.found.connect(self._found)

    @property
    def microsoft(self) -> bool:
        return self.advice is not None and self.advice.kind is SignIn.MICROSOFT

    def follow(self, email: str) -> None:
        """The address as typed now."""
        self._email = email
        known = table_advice(email) if "@" in email else None
        if known is not None:
            self._timer.stop()
            self._set(known)
            return
        if self._looked_up_for != email:
            self._set(None)
            if "." in email.rpartition("@")[2]:
                self._timer.start()

    def _set(self, advice: SignInAdvice | None) -> None:
        if advice != self.advice:
            self.advice = advice
            self.changed.emit()

    def _look_up_now(self) -> None:
        from pont.core.errors import PontError
        from pont.core.members.addresses import checked_address

        try:
            checked_address(self._email)
        except PontError:
            return
        look_up_in_background(self._reports, self._look_up, self._email)

    def _found(self, email: str, advice: SignInAdvice) -> None:
        if email != self._email:
            return  # typed on since
        self._looked_up_for = email
        self._set(advice)
