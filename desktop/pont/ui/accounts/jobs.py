"""The background work behind mail account set-up, and how such jobs report what they do."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

from pont.core.errors import MailError, PontError
from pont.core.i18n import translate

if TYPE_CHECKING:
    from pont.core.mail.accounts import AccountSettings
    from pont.core.mail.microsoft.connect import Connected
    from pont.core.mail.microsoft.setup import MicrosoftSetup
    from pont.core.mail.tokens import Permission, TokenSource

# How long the window waits for the browser to come back from Microsoft's sign-in page.
SIGN_IN_TIMEOUT = 600.0

Item = TypeVar("Item")


class Stopped(PontError):
    """Raised inside a job when the person no longer wants its result (Cancel, closing).

    A PontError, so the worker ends quietly; nobody is listening for its sentence."""

    def __init__(self) -> None:
        super().__init__(translate("Jobs", "Stopped before it finished."))


class JobReports(Generic[Item]):
    """Carries what a job reports (a line of text, a SyncProgress) to the GUI thread.

    workers.start_worker's progress signal carries two numbers only: the job puts its item
    here, then emits; each signal on the GUI thread takes the next item, so they stay paired.
    The job also checks here whether it should stop.
    """

    def __init__(self) -> None:
        self._items: queue.SimpleQueue[Item] = queue.SimpleQueue()
        self._stop = threading.Event()

    def sender(self, progress: Callable[[int, int], None]) -> Callable[[Item], None]:
        """For the job: a callback that reports one item (and raises Stopped once asked to)."""

        def send(item: Item) -> None:
            self.check()
            self._items.put(item)
            progress(0, 0)

        return send

    def check(self) -> None:
        if self._stop.is_set():
            raise Stopped()

    def take(self) -> Item | None:
        """For the GUI thread, once per progress signal."""
        try:
            return self._items.get_nowait()
        except queue.Empty:
            return None

    def stop(self) -> None:
        self._stop.set()

    @property
    def stop_event(self) -> threading.Event:
        """Set once the job is to stop: for waits (a browser sign-in) that watch it."""
        return self._stop

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()


@dataclass(frozen=True, slots=True)
class ConnectRequest:
    """What the set-up dialog hands to its background job: plain data only."""

    email: str
    password: str = field(repr=False)  # kept out of tracebacks and logs
    manual: AccountSettings | None  # None: find the settings
    trusted: frozenset[str]  # certificate fingerprints the person chose to trust


def connect(
    request: ConnectRequest,
    find: Callable[[str, str, Callable[[str], None], Collection[str]], AccountSettings],
    report: Callable[[str], None],
) -> AccountSettings | MailError:
    """Sign in to IMAP and SMTP with the request's settings (or the ones `find` finds).

    A MailError comes back as the result, not raised, so the dialog can tell which one it is
    (a certificate to trust, a provider's help page, settings to type by hand).
    """
    from pont.core.mail.connections import test_logins

    try:
        if request.manual is not None:
            return test_logins(request.manual, request.password, report, request.trusted)
        return find(request.email, request.password, report, request.trusted)
    except MailError as error:
        return error


def discover(
    email: str, password: str, report: Callable[[str], None], trusted: Collection[str]
) -> AccountSettings:
    """The servers the address's provider uses (its table entry, or its domain's MX records),
    else the usual guesses, as `connect` takes them."""
    from pont.core.mail.detection import detect_mailbox
    from pont.core.mail.discovery import discover_settings
    from pont.core.mail.providers import email_domain

    report(translate("Connections", "Looking up {domain}…").format(domain=email_domain(email)))
    candidates = detect_mailbox(email).candidates
    return discover_settings(email, password, report, candidates, trusted=trusted)


@dataclass(frozen=True, slots=True)
class MicrosoftRequest:
    """Signing in with Microsoft, from the set-up dialog: plain data only."""

    email: str
    setup: MicrosoftSetup
    device_code: bool  # the fallback, for when no browser can be opened
    settings: AccountSettings  # the servers to try (Exchange Online's unless typed)


def sign_in_and_connect(
    request: MicrosoftRequest,
    open_browser: Callable[[str], object],
    report: Callable[[str], None],
    stop: threading.Event,
) -> Connected | MailError:
    """Sign in with Microsoft in the browser (or with a code), then try each way into the
    mailbox: what works, or the MailError that stopped it."""
    from pont.core.mail.microsoft.connect import connect_microsoft
    from pont.core.mail.microsoft.sign_in import sign_in_with_browser, sign_in_with_device_code

    def sign_in(permissions: Sequence[Permission]) -> TokenSource:
        if request.device_code:
            return sign_in_with_device_code(
                request.email,
                permissions,
                request.setup,
                show_code=lambda prompt: report(prompt.sentence),
                timeout=SIGN_IN_TIMEOUT,
                cancelled=stop,
            )
        report(translate("Jobs", "Opening Microsoft’s sign-in page in your web browser…"))
        tokens = sign_in_with_browser(
            request.email,
            permissions,
            request.setup,
            open_browser=open_browser,
            show_address=lambda address: report(
                translate("Jobs", "If no browser opened, open this address: {address}").format(
                    address=address
                )
            ),
            timeout=SIGN_IN_TIMEOUT,
            cancelled=stop,
        )
        report(translate("Jobs", "Signed in. Trying each way into your mailbox…"))
        return tokens

    try:
        return connect_microsoft(request.settings, sign_in, request.setup.graph_endpoint, report)
    except MailError as error:
        return error
