"""Exceptions the core raises; each carries one plain sentence a person can act on."""

from __future__ import annotations


class PontError(Exception):
    """Base for errors meant to be shown to the coordinator as they are."""


class InvalidAddress(PontError):
    def __init__(self, address: str, reason: str) -> None:
        self.address = address
        self.reason = reason
        shown = address if address.strip() else "(empty)"
        super().__init__(f"“{shown}” is not a usable email address: {reason}")


class DuplicateMember(PontError):
    def __init__(self, address: str, group_name: str) -> None:
        self.address = address
        super().__init__(f"{address} is already a member of {group_name}.")


class MemberNotFound(PontError):
    def __init__(self, address: str, group_name: str) -> None:
        super().__init__(f"{address} is not a member of {group_name}.")


class GroupNotFound(PontError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"There is no group called “{name}”. `pont group list` shows the groups there are."
        )


class DuplicateGroup(PontError):
    def __init__(self, name: str) -> None:
        super().__init__(f"There is already a group called “{name}”. Choose another name.")


class InvalidGroup(PontError):
    """A group's name or tag cannot be used as given."""


class ImportFileError(PontError):
    """A file or pasted text that cannot be read as a list of contacts; nothing was changed."""


class ProfileLocked(PontError):
    """The profile's database is busy in another program."""
