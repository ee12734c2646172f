"""Creating, changing and deleting groups, as actions for the menus and the sidebar."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from pont.core.errors import PontError
from pont.core.members.groups import (
    Group,
    create_group,
    delete_group,
    get_group,
    set_group_mail,
    set_group_sending,
    update_group,
)
from pont.ui.widgets import prompts

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.ui.members.group_dialog import GroupDetails, GroupDialog


class GroupActions(QObject):
    """New group, Edit group and Delete group, for the group on show.

    Signals:
        status_message(str): a sentence for the status bar about what just happened.
        groups_changed(int): groups were added, renamed or deleted; show the group with
            this id (0: any).
        group_deleted(int): the id of a group that no longer exists.
    """

    status_message = Signal(str)
    groups_changed = Signal(int)
    group_deleted = Signal(int)

    def __init__(self, window: QWidget, database: Callable[[], Database]) -> None:
        super().__init__(window)
        self._window = window
        self._database = database
        self._group: Group | None = None
        self.new = QAction(self.tr("&New group…"), self)
        self.new.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.new.triggered.connect(self.new_group)
        self.edit = QAction(self.tr("&Rename or edit group…"), self)
        self.edit.triggered.connect(self.edit_group)
        self.delete = QAction(self.tr("&Delete group…"), self)
        self.delete.triggered.connect(self.delete_group)
        self.set_group(None)

    def set_group(self, group: Group | None) -> None:
        self._group = group
        self.edit.setEnabled(group is not None)
        self.delete.setEnabled(group is not None)

    def new_group(self) -> GroupDialog:
        """Open the new-group dialog (window-modal, not blocking)."""
        from pont.ui.members.group_dialog import (
            GroupDialog,  # loaded when first needed, not at start
        )

        dialog = GroupDialog(self._window, self._create, sender=self._sender(None))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _sender(self, account_id: int | None) -> str | None:
        """The address the group's posts go from: its own mailbox, else the profile's first."""
        from pont.core.mail.accounts import get_account, list_accounts

        db = self._database()
        if account_id is not None:
            try:
                return get_account(db, account_id).email
            except PontError:
                pass  # removed since; posts fall back to the first account too
        accounts = list_accounts(db)
        return accounts[0].email if accounts else None

    def _create(self, details: GroupDetails) -> Group:
        db = self._database()
        with db.atomic():  # a refused footer leaves no half-made group behind
            group = create_group(db, details.name, details.tag, details.description)
            group = set_group_sending(db, group.id, mode=details.mode, footer=details.footer)
            group = _set_mail(db, group.id, details)
        self.groups_changed.emit(group.id)
        self.status_message.emit(
            self.tr("Created {group}. Add its members, or import a list.").format(group=group.name)
        )
        return group

    def edit_group(self) -> GroupDialog | None:
        if self._group is None:
            return None
        from pont.ui.members.group_dialog import GroupDialog

        group_id = self._group.id

        def save(details: GroupDetails) -> Group:
            db = self._database()
            with db.atomic():  # all of the changes, or none
                update_group(
                    db,
                    group_id,
                    name=details.name,
                    tag=details.tag,
                    description=details.description,
                )
                set_group_sending(db, group_id, mode=details.mode, footer=details.footer)
                group = _set_mail(db, group_id, details)
            self.groups_changed.emit(group.id)
            self.status_message.emit(self.tr("Saved {group}.").format(group=group.name))
            return group

        current = get_group(self._database(), group_id)
        dialog = GroupDialog(self._window, save, current, sender=self._sender(current.account_id))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def delete_group(self) -> bool:
        """Ask, naming the group and how many members go with it; True when deleted."""
        if self._group is None:
            return False
        group = get_group(self._database(), self._group.id)  # a fresh member count
        if group.member_count == 1:
            question = self.tr("Delete the group “{group}” and its 1 member?")
        elif group.member_count:
            question = self.tr("Delete the group “{group}” and its {count} members?")
        else:
            question = self.tr("Delete the group “{group}”?")
        details = self.tr(
            "The members’ details and their history in Pont are deleted. This cannot be undone."
        )
        if group.member_count:
            details += "\n\n" + self.tr(
                "To keep a copy of the list, cancel and use File ▸ Export members… first."
            )
        if not prompts.confirm(
            self._window,
            self.tr("Delete group"),
            question.format(group=group.name, count=group.member_count),
            details,
            self.tr("Delete group"),
        ):
            return False
        delete_group(self._database(), group.id)
        self.group_deleted.emit(group.id)
        self.groups_changed.emit(0)
        self.status_message.emit(self.tr("Deleted {group}.").format(group=group.name))
        return True


def _set_mail(db: Database, group_id: int, details: GroupDetails) -> Group:
    return set_group_mail(
        db,
        group_id,
        posting=details.posting,
        hold_days=details.hold_days,
        auto_leave=details.auto_leave,
        language=details.language,
        welcome=details.welcome,
        goodbye=details.goodbye,
    )
