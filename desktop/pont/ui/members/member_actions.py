"""What a coordinator does to members, as actions the menus, toolbar and row menu share."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QUndoStack
from PySide6.QtWidgets import QWidget

from pont.core.errors import PontError
from pont.core.group_mail.bounces import clear_bounce_scores
from pont.core.members.members import Member, MemberStatus, NewMember, erase_member
from pont.core.members.names import first_name_first
from pont.ui.language import describe
from pont.ui.members.address_list import format_address_list
from pont.ui.members.commands import (
    CommandTarget,
    add_member_undoably,
    edit_members,
    remove_members_undoably,
)
from pont.ui.members.view import MembersView
from pont.ui.widgets import prompts

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.ui.members.member_dialog import MemberDialog


def _who(member: Member | NewMember) -> str:
    return member.name or member.email


class MemberActions(QObject):
    """Add, edit, remove, copy, change status and erase, for the group on show.

    Changes go through the core and onto the window's undo stack, except erasing, which
    is final and so empties the stack (an undo must never bring erased data back).

    Signals:
        status_message(str): a sentence for the status bar about what just happened.
    """

    status_message = Signal(str)
    mail_queued = Signal()  # consent requests wait in the outbox: the window sends them
    consent_changed = Signal()  # the Consent column should be read again

    def __init__(
        self,
        window: QWidget,
        database: Callable[[], Database],
        stack: QUndoStack,
        view: MembersView,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._database = database
        self._stack = stack
        self._view = view
        self.target = CommandTarget(database, view.model, self._report_failure)
        view.model.set_saver(self._save_inline_edit)

        self.add = self._action(
            self.tr("&Add member…"), self.add_member, QKeySequence.StandardKey.New
        )
        self.add.setToolTip(self.tr("Add one person to the group"))
        self.edit = self._action(self.tr("&Edit member…"), self.edit_member)
        self.edit.setToolTip(self.tr("Change all of a member’s details; F2 changes one cell"))
        self.remove = self._action(
            self.tr("Remo&ve"), self.remove_selected, QKeySequence.StandardKey.Delete
        )
        self.remove.setToolTip(self.tr("Remove the selected members (you can undo this)"))
        self.copy = self._action(
            self.tr("&Copy addresses"), self.copy_addresses, QKeySequence.StandardKey.Copy
        )
        self.copy.setToolTip(
            self.tr("Copy the selected (or all active) members’ addresses to paste into an email")
        )
        self.mark_active = self._action(
            self.tr("Mark as &active"), lambda: self.mark(MemberStatus.ACTIVE)
        )
        self.mark_paused = self._action(
            self.tr("Mark as &paused"), lambda: self.mark(MemberStatus.PAUSED)
        )
        self.mark_left = self._action(
            self.tr("Mark as &left"), lambda: self.mark(MemberStatus.LEFT)
        )
        self.deliver_again = self._action(
            self.tr("Deliver to t&hem again"), self.deliver_again_to_selected
        )
        self.deliver_again.setToolTip(
            self.tr("Send the group’s mail again to the selected members whose mail kept bouncing")
        )
        self.erase = self._action(self.tr("Erase personal &data…"), self.erase_selected)
        self.first_names_first = self._action(
            self.tr("Pu&t first name first"), self.put_first_names_first
        )
        self.first_names_first.setToolTip(
            self.tr("Turn names written surname first round: Evans, Dai becomes Dai Evans")
        )
        self._create_consent_actions()
        # Delete and Ctrl+C mean "these members" only while the table has the focus; in the
        # filter box they keep deleting and copying text.
        for action in (self.remove, self.copy):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            view.table.addAction(action)

        view.set_context_actions(
            [
                self.edit,
                self.copy,
                self.first_names_first,
                None,
                self.mark_active,
                self.mark_paused,
                self.mark_left,
                self.deliver_again,
                None,
                self.remove,
                self.erase,
                None,
                self.ask_consent,
                self.record_consent,
                self.export_data,
            ]
        )
        view.selection_changed.connect(self.update_enabled)
        view.model.counts_changed.connect(self.update_enabled)
        view.add_member_requested.connect(self.add.trigger)
        view.open_member_requested.connect(self.edit_member)
        self.update_enabled()

    def _action(
        self, text: str, slot: Callable[[], object], key: QKeySequence.StandardKey | None = None
    ) -> QAction:
        action = QAction(text, self)
        if key is not None:
            action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def update_enabled(self) -> None:
        has_group = self._view.model.group is not None
        selected = self._view.table.selectionModel().hasSelection()
        self.add.setEnabled(has_group)
        self.edit.setEnabled(self._view.current_member() is not None)
        self.copy.setEnabled(self._view.model.member_count() > 0)
        for action in (self.remove, self.mark_active, self.mark_paused, self.mark_left, self.erase):
            action.setEnabled(selected)
        bouncing = selected and any(
            m.status is MemberStatus.BOUNCING for m in self._view.selected_members()
        )
        self.deliver_again.setEnabled(bouncing)
        self.deliver_again.setVisible(bouncing)
        self.first_names_first.setEnabled(selected and bool(self._name_order_changes()))
        self._update_consent_actions(selected)

    def _report_failure(self, message: str) -> None:
        self._view.hint_bar.show_message(message)
        self.status_message.emit(message)

    # -- adding and editing ---------------------------------------------------------------

    def add_member(self) -> MemberDialog | None:
        """Open the add-member dialog (window-modal, not blocking); None without a group."""
        from pont.ui.members.member_dialog import (
            MemberDialog,  # loaded when first needed, not at start
        )

        group = self._view.model.group
        if group is None:
            return None
        dialog = MemberDialog(self._window, group, self._view.model.address_problem, self._add_new)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _add_new(self, new: NewMember) -> Member:
        group = self._view.model.group
        assert group is not None
        new = dataclasses.replace(new, source="typed")
        text = self.tr("Add {who}").format(who=_who(new))
        added = add_member_undoably(self.target, self._stack, group.id, new, text)
        if not self._view.is_shown(added.id):
            self._view.clear_filter()  # show the person just added, not a search that hides them
        self._view.select_member(added.id)
        self.status_message.emit(
            self.tr("Added {who} to {group}.").format(who=added.display, group=group.name)
        )
        return added

    def edit_member(self, member_id: int | None = None) -> MemberDialog | None:
        """Open the member dialog on member_id (or the current row), window-modal."""
        model = self._view.model
        if member_id is None:
            current = self._view.current_member()
            member_id = current.id if current else None
        row = model.row_of(member_id) if member_id is not None else None
        if row is None or model.group is None:
            return None
        from pont.ui.members.member_dialog import MemberDialog

        member = model.member(row)
        dialog = MemberDialog(
            self._window,
            model.group,
            lambda text: model.address_problem(text, member.id),
            lambda values: self._save_dialog_edit(member, values),
            member=member,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _save_dialog_edit(self, member: Member, values: NewMember) -> Member:
        edited = dataclasses.replace(
            member,
            email=values.email,
            name=values.name,
            organisation=values.organisation,
            status=values.status,
            tags=values.tags,
            notes=values.notes,
        )
        if edited == member:
            return member
        self._clear_scores_of_reenabled([(member, edited)])
        (saved,) = edit_members(
            self.target,
            self._stack,
            [(member, edited)],
            self.tr("Edit {who}").format(who=_who(member)),
        )
        self.status_message.emit(self.tr("Saved {who}.").format(who=saved.display))
        return saved

    def _save_inline_edit(self, before: Member, after: Member) -> None:
        """The model's saver: raises PontError (nothing saved) or records an undoable edit."""
        self._clear_scores_of_reenabled([(before, after)])
        edit_members(
            self.target,
            self._stack,
            [(before, after)],
            self.tr("Edit {who}").format(who=_who(before)),
        )
        self._view.hint_bar.dismiss()
        self.status_message.emit(self.tr("Saved {who}.").format(who=_who(after)))

    # -- acting on the selection ----------------------------------------------------------

    def remove_selected(self) -> list[Member]:
        members = self._view.selected_members()
        group = self._view.model.group
        if not members or group is None:
            return []
        if len(members) == 1:
            text = self.tr("Remove {who}").format(who=_who(members[0]))
            done = self.tr("Removed {who} from {group}. Undo with {keys}.")
        else:
            text = self.tr("Remove {count} members").format(count=len(members))
            done = self.tr("Removed {count} members from {group}. Undo with {keys}.")
        try:
            removed = remove_members_undoably(
                self.target, self._stack, [m.id for m in members], text
            )
        except PontError as error:
            self._report_failure(describe(error))
            return []
        keys = QKeySequence(QKeySequence.StandardKey.Undo).toString(
            QKeySequence.SequenceFormat.NativeText
        )
        self.status_message.emit(
            done.format(who=_who(members[0]), count=len(members), group=group.name, keys=keys)
        )
        return removed

    def mark(self, status: MemberStatus) -> None:
        changes = [
            (m, dataclasses.replace(m, status=status))
            for m in self._view.selected_members()
            if m.status is not status
        ]
        if not changes:
            return
        # A whole sentence for each status: the word for it may change after "as".
        one, many = {
            MemberStatus.ACTIVE: (
                self.tr("Mark {who} as active"),
                self.tr("Mark {count} members as active"),
            ),
            MemberStatus.PAUSED: (
                self.tr("Mark {who} as paused"),
                self.tr("Mark {count} members as paused"),
            ),
            MemberStatus.LEFT: (
                self.tr("Mark {who} as left"),
                self.tr("Mark {count} members as left"),
            ),
        }[status]
        text = (one if len(changes) == 1 else many).format(
            who=_who(changes[0][0]), count=len(changes)
        )
        try:
            self._clear_scores_of_reenabled(changes)
            edit_members(self.target, self._stack, changes, text)
        except PontError as error:
            self._report_failure(describe(error))
            return
        self.status_message.emit(text + ".")

    def _name_order_changes(self) -> list[tuple[Member, Member]]:
        return [
            (member, dataclasses.replace(member, name=turned))
            for member in self._view.selected_members()
            if (turned := first_name_first(member.name)) != member.name
        ]

    def put_first_names_first(self) -> None:
        """Turn the selected members' "Evans, Dai" names into "Dai Evans"; Undo turns them back.
        Names not written surname first ("Dai Evans", "Jones, Jr.") are left as they are."""
        changes = self._name_order_changes()
        if not changes:
            return
        if len(changes) == 1:
            text = self.tr("Put {who}’s first name first").format(who=changes[0][1].name)
        else:
            text = self.tr("Put first names first for {count} members").format(count=len(changes))
        try:
            edit_members(self.target, self._stack, changes, text)
        except PontError as error:
            self._report_failure(describe(error))
            return
        self.update_enabled()
        self.status_message.emit(text + ".")

    def _clear_scores_of_reenabled(self, changes: list[tuple[Member, Member]]) -> None:
        """A bouncing member given another status starts a fresh bounce score: otherwise the
        next bounce would pause them again at once."""
        reenabled = [
            before.id
            for before, after in changes
            if before.status is MemberStatus.BOUNCING and after.status is not MemberStatus.BOUNCING
        ]
        if reenabled:
            clear_bounce_scores(self._database(), reenabled)

    def deliver_again_to_selected(self) -> None:
        """Deliver to the selected bouncing members again: their bounce scores cleared (as
        Mailman's re-enable does, so one more bounce does not pause them at once), then
        marked active, which Undo takes back."""
        bouncing = [m for m in self._view.selected_members() if m.status is MemberStatus.BOUNCING]
        if not bouncing:
            return
        changes = [(m, dataclasses.replace(m, status=MemberStatus.ACTIVE)) for m in bouncing]
        if len(changes) == 1:
            text = self.tr("Deliver to {who} again").format(who=_who(bouncing[0]))
        else:
            text = self.tr("Deliver to {count} members again").format(count=len(changes))
        try:
            self._clear_scores_of_reenabled(changes)
            edit_members(self.target, self._stack, changes, text)
        except PontError as error:
            self._report_failure(describe(error))
            return
        self.update_enabled()
        self.status_message.emit(text + ".")

    def copy_addresses(self) -> str:
        """Copy the selection's addresses, or every active member shown, to the clipboard."""
        members = self._view.selected_members()
        if members:
            if len(members) == 1:
                message = self.tr("Copied 1 address, ready to paste into an email.")
            else:
                message = self.tr("Copied {count} addresses, ready to paste into an email.")
        else:
            # "Everyone" means the people who get the group's mail, not those paused or gone.
            members = [m for m in self._view.shown_members() if m.status is MemberStatus.ACTIVE]
            if not members:
                self.status_message.emit(self.tr("There are no active members to copy."))
                return ""
            if len(members) == 1:
                message = self.tr(
                    "Copied the address of the one active member shown. "
                    "Select rows to copy particular people."
                )
            else:
                message = self.tr(
                    "Copied the addresses of the {count} active members shown. "
                    "Select rows to copy particular people."
                )
        text = format_address_list(members)
        QGuiApplication.clipboard().setText(text)
        self.status_message.emit(message.format(count=len(members)))
        return text

    def erase_selected(self) -> bool:
        members = self._view.selected_members()
        if not members:
            return False
        if len(members) == 1:
            question = self.tr("Erase everything Pont holds about {who}?").format(
                who=members[0].display
            )
        else:
            question = self.tr("Erase everything Pont holds about these {count} members?").format(
                count=len(members)
            )
        details = self.tr(
            "Their address, name, organisation, tags, notes, the history of changes to them, "
            "their consents, bounces and join or leave requests are deleted from this computer "
            "for good. This cannot be undone.\n\n"
            "Messages they wrote to the group stay in your mailbox and in Pont’s archive of "
            "it; delete those in your mail program if they ask.\n\n"
            "If they only want to stop receiving the group’s mail, use “Mark as left” instead."
        )
        if not prompts.confirm(
            self._window, self.tr("Erase personal data"), question, details, self.tr("Erase")
        ):
            return False
        for member in members:
            erase_member(self._database(), member.id)
        self._view.model.remove_member_ids(m.id for m in members)
        # Older undo steps may hold copies of these people; they must not come back.
        self._stack.clear()
        self.status_message.emit(
            self.tr("Erased the personal data of {count} members.").format(count=len(members))
            if len(members) > 1
            else self.tr("Erased the personal data of one member.")
        )
        return True

    # -- consent and a member's data (issue 14) --------------------------------------------

    def _create_consent_actions(self) -> None:
        self.ask_consent = self._action(self.tr("Ask for co&nsent…"), self.ask_consent_selected)
        self.ask_consent.setToolTip(
            self.tr("Email the selected members asking them to agree to a roster members can see")
        )
        self.record_consent = self._action(
            self.tr("Record consent given another &way…"), self.record_consent_current
        )
        self.record_consent.setToolTip(
            self.tr("They agreed on paper, by phone or in person: note how")
        )
        self.export_data = self._action(
            self.tr("E&xport what Pont holds about them…"), self.export_data_current
        )
        self.export_data.setToolTip(
            self.tr("Write everything Pont keeps about this member to a file, for them")
        )

    def _update_consent_actions(self, selected: bool) -> None:
        single = self._view.current_member() is not None
        self.ask_consent.setEnabled(selected)
        self.record_consent.setEnabled(single)
        self.export_data.setEnabled(single)

    def ask_consent_selected(self) -> int:
        """Send the selected members a consent request; how many were asked."""
        from pont.core import activity
        from pont.core.group_mail.consent import ask_for_consent

        members = self._view.selected_members()
        if not members:
            return 0
        if len(members) == 1:
            question = self.tr("Ask {who} to agree to a roster members can see?").format(
                who=members[0].display
            )
        else:
            question = self.tr(
                "Ask these {count} members to agree to a roster members can see?"
            ).format(count=len(members))
        details = self.tr(
            "Pont emails each a message saying that the group’s members can see each other’s "
            "names and addresses. They agree by answering it, and the Consent column then "
            "says so. Members who have agreed already, and those paused or gone, are not asked."
        )
        if not prompts.confirm(
            self._window, self.tr("Ask for consent"), question, details, self.tr("Ask")
        ):
            return 0
        try:
            report = ask_for_consent(self._database(), [m.id for m in members], activity.now())
        except PontError as error:
            self._report_failure(describe(error))
            return 0
        if report.asked:
            self.mail_queued.emit()
        self.consent_changed.emit()
        if report.asked == 1:
            text = self.tr("Asked one member for consent.")
        else:
            text = self.tr("Asked {count} members for consent.").format(count=report.asked)
        if report.already_given:
            text += " " + self.tr("{count} had agreed already.").format(count=report.already_given)
        self.status_message.emit(text)
        return report.asked

    def record_consent_current(self) -> bool:
        """Record consent the member shown gave another way, with a note of how."""
        from PySide6.QtWidgets import QInputDialog

        from pont.core import activity
        from pont.core.group_mail.consent import record_given_consent

        member = self._view.current_member()
        if member is None:
            return False
        note, accepted = QInputDialog.getText(
            self._window,
            self.tr("Record consent"),
            self.tr(
                "How did {who} agree to a roster members can see? (For example: signed the "
                "form at the March meeting.)"
            ).format(who=member.display),
        )
        if not accepted or not note.strip():
            return False
        try:
            record_given_consent(self._database(), member.id, note, activity.now())
        except PontError as error:
            self._report_failure(describe(error))
            return False
        self.consent_changed.emit()
        self.status_message.emit(self.tr("Recorded {who}’s consent.").format(who=member.display))
        return True

    def export_data_current(self, path: str | None = None) -> str:
        """Write what Pont holds about the member shown to a JSON file they can have; the
        file's path, or '' when none was written. path skips the file dialog (tests)."""
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        from pont.core.group_mail.member_data import write_member_data

        member = self._view.current_member()
        if member is None:
            return ""
        if path is None:
            suggested = str(Path.home() / f"{member.email.replace('@', ' at ')}.json")
            path, _filter = QFileDialog.getSaveFileName(
                self._window,
                self.tr("Export what Pont holds about {who}").format(who=member.display),
                suggested,
                self.tr("JSON files (*.json)"),
            )
            if not path:
                return ""
        try:
            write_member_data(self._database(), member.id, Path(path))
        except PontError as error:
            self._report_failure(describe(error))
            return ""
        self.status_message.emit(
            self.tr(
                "Wrote what Pont holds about {who} to {file}. Messages they wrote stay in "
                "your mailbox and the archive; the file lists them."
            ).format(who=member.display, file=Path(path).name)
        )
        return path
