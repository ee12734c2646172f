"""Undoable member changes: each is done once through the core, then pushed already done."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand, QUndoStack

from pont.core.errors import PontError
from pont.core.members.members import (
    Member,
    NewMember,
    add_member,
    remove_members,
    restore_members,
    save_member,
)
from pont.ui.language import describe
from pont.ui.members.model import MembersTableModel

if TYPE_CHECKING:
    from sqlite_utils import Database


translate = QCoreApplication.translate


@dataclass(frozen=True, slots=True)
class CommandTarget:
    """What member commands work on: the store, the table showing it, and where to say
    that an undo or redo could not be done (someone took the address back meanwhile)."""

    database: Callable[[], Database]
    model: MembersTableModel
    report_failure: Callable[[str], None]


class _MemberCommand(QUndoCommand):
    """The first redo() is skipped: the caller already did the change, so that an error
    (a duplicate address) reaches the person before anything goes on the stack."""

    def __init__(self, target: CommandTarget, group_id: int, text: str) -> None:
        super().__init__(text)
        self._target = target
        self.group_id = group_id  # the window shows this group before undoing
        self._done_by_caller = True

    def redo(self) -> None:
        if self._done_by_caller:
            self._done_by_caller = False
            return
        self._attempt(self._apply, translate("MemberCommands", "Could not redo “{what}”: {reason}"))

    def undo(self) -> None:
        self._attempt(
            self._revert, translate("MemberCommands", "Could not undo “{what}”: {reason}")
        )

    def _attempt(self, step: Callable[[], None], failure: str) -> None:
        try:
            step()
        except (PontError, sqlite3.DatabaseError) as error:
            reason = (
                describe(error)
                if isinstance(error, PontError)
                else translate("MemberCommands", "the members changed in the meantime.")
            )
            # Qt drops an obsolete command from the stack instead of leaving it half done.
            self.setObsolete(True)
            self._target.report_failure(failure.format(what=self.text(), reason=reason))

    def _apply(self) -> None:
        raise NotImplementedError

    def _revert(self) -> None:
        raise NotImplementedError


class EditMembersCommand(_MemberCommand):
    def __init__(
        self, target: CommandTarget, before: Sequence[Member], after: Sequence[Member], text: str
    ) -> None:
        super().__init__(target, before[0].group_id, text)
        self._before = list(before)
        self._after = list(after)

    def _save_all(self, versions: list[Member]) -> None:
        for member in versions:
            self._target.model.replace_member(save_member(self._target.database(), member))

    def _apply(self) -> None:
        self._save_all(self._after)

    def _revert(self) -> None:
        self._save_all(self._before)


class AddMemberCommand(_MemberCommand):
    def __init__(self, target: CommandTarget, added: Member, text: str) -> None:
        super().__init__(target, added.group_id, text)
        self._added = added

    def _apply(self) -> None:
        restore_members(self._target.database(), [self._added])
        self._target.model.insert_members([self._added])

    def _revert(self) -> None:
        remove_members(self._target.database(), [self._added.id])
        self._target.model.remove_member_ids([self._added.id])


class RemoveMembersCommand(_MemberCommand):
    def __init__(self, target: CommandTarget, removed: Sequence[Member], text: str) -> None:
        super().__init__(target, removed[0].group_id, text)
        self._removed = list(removed)  # exactly as they were: same ids, joined dates, notes

    def _apply(self) -> None:
        remove_members(self._target.database(), [member.id for member in self._removed])
        self._target.model.remove_member_ids(member.id for member in self._removed)

    def _revert(self) -> None:
        restore_members(self._target.database(), self._removed)
        self._target.model.insert_members(self._removed)


# The operations the window calls: each does the change (raising PontError, with nothing
# changed, when it cannot) and then records it on the undo stack.


def edit_members(
    target: CommandTarget,
    stack: QUndoStack,
    changes: Sequence[tuple[Member, Member]],
    text: str,
) -> list[Member]:
    """Save each (before, after) pair; returns the members as stored."""
    before: list[Member] = []
    saved: list[Member] = []
    try:
        for old, new in changes:
            stored = save_member(target.database(), new)
            before.append(old)
            saved.append(stored)
            target.model.replace_member(stored)
    finally:
        # If a later one failed, the ones already saved can still be undone.
        if saved:
            stack.push(EditMembersCommand(target, before, saved, text))
    return saved


def add_member_undoably(
    target: CommandTarget, stack: QUndoStack, group_id: int, new: NewMember, text: str
) -> Member:
    added = add_member(target.database(), group_id, new)
    target.model.insert_members([added])
    stack.push(AddMemberCommand(target, added, text))
    return added


def remove_members_undoably(
    target: CommandTarget, stack: QUndoStack, member_ids: Sequence[int], text: str
) -> list[Member]:
    removed = remove_members(target.database(), member_ids)
    target.model.remove_member_ids(member_ids)
    stack.push(RemoveMembersCommand(target, removed, text))
    return removed
