"""What an exporter needs of a member, so that exporters do not depend on the Member class."""

from __future__ import annotations

from datetime import date
from typing import Protocol


class ExportableMember(Protocol):
    """A group member as exporters see it; pont.core.members.members.Member is one."""

    # Read-only properties, so that a frozen dataclass, and a StrEnum status, match.
    @property
    def email(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def organisation(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def tags(self) -> tuple[str, ...]: ...
    @property
    def joined(self) -> date: ...
    @property
    def notes(self) -> str: ...
