"""What a way of sending other than SMTP gives the outbox: Microsoft Graph's sendMail
(graph_route.GraphRoute) and the demo's rehearsal (pont.core.demo.rehearsal). The run keeps
the states, stamps, pacing, allowance and settling (the top of run.py) whatever the route;
a route only carries each batch, says whether an unsettled batch went, and files the Sent copy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from datetime import datetime

    from pont.core.posting.outbox.batches import BatchToSend
    from pont.core.posting.outbox.sending import Answer


class Route(Protocol):
    """One outbox run's sending by a route other than SMTP."""

    # Named when a batch is too large for it ("Microsoft 365"), and the largest it takes.
    name: str
    size_limit: int
    # How many messages it takes a minute (the run paces batches to it); None: no limit.
    messages_per_minute: int | None

    def ready(self) -> None:
        """Raise SendingPaused (nothing went) when the route cannot send at all."""

    def copy(self, batch: BatchToSend, date: datetime | None = None) -> bytes:
        """The batch's message as the route sends it; PontError when it cannot go so."""
        ...

    def transact(self, data: bytes, before_sending: Callable[[], None]) -> Answer:
        """Send one batch, calling before_sending just before its data starts to go."""
        ...

    def evidence(self, batch: BatchToSend, data_started: datetime) -> str:
        """'sent' when the route shows this batch went, else ''; a MailError when it cannot
        be asked."""
        ...

    def not_found(self) -> str:
        """The sentence for a batch whose evidence did not come: it goes again."""
        ...

    def keep_sent_copy(self, message_key: str, mime: bytes) -> None:
        """File the finished post's copy in Sent (or nothing, where the route files it)."""
