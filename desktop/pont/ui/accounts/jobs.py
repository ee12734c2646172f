"""The background work behind mail account set-up, and how such jobs report what they do."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

from pont.core.errors import MailError, PontError
from pont.core.i18n import translate

if TYPE_CHECKING:
    from pont.core.mail.accounts import AccountSettings

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
    """The provider table and the usual guesses, as `connect` takes them."""
    from pont.core.mail.discovery import discover_settings

    return discover_settings(email, password, report, trusted=trusted)
