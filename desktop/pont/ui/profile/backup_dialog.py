"""Restore from backup: the profile's backups with their dates in words, to choose one."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pont.core.profile.backups import BEFORE_IMPORT, BEFORE_RESTORE, KEEP_DAILY, Backup
from pont.ui.conversations.formatting import human_size
from pont.ui.help.guide import Section, add_help_button
from pont.ui.widgets.look import WrappedLabel


def when_in_words(taken: datetime, now: datetime, locale: QLocale | None = None) -> str:
    """ "Today 09:00", "Yesterday 18:30", else "Tue 24 Nov 2026"."""
    locale = locale or QLocale()
    clock = locale.toString(taken.time(), "HH:mm")
    days = (now.date() - taken.date()).days
    if days == 0:
        return QCoreApplication.translate("BackupDialog", "Today {time}").format(time=clock)
    if days == 1:
        return QCoreApplication.translate("BackupDialog", "Yesterday {time}").format(time=clock)
    return locale.toString(taken.date(), "ddd d MMM yyyy")


class BackupDialog(QDialog):
    """Lists the backups, newest first, and lets the coordinator choose one to restore.

    exec() returns Accepted with chosen() set to the backup picked; restoring itself (after
    asking for confirmation) is for the caller.
    """

    def __init__(
        self,
        parent: QWidget | None,
        backups: list[Backup],
        now: datetime | None = None,
        locale: QLocale | None = None,
    ) -> None:
        super().__init__(parent)
        self._backups = backups
        now = now or datetime.now().astimezone()
        self.setWindowTitle(self.tr("Restore from backup"))
        self.setAccessibleName(self.tr("Restore from backup"))

        self.explanation = WrappedLabel(
            self.tr(
                "Pont copies your data once a day while it is open, and keeps the last {n} "
                "days. Restoring a backup puts everything back as it was then: groups, "
                "members, drafts and messages. What is here now is kept as a backup too, so "
                "you can come back to it."
            ).format(n=KEEP_DAILY)
        )
        self.explanation.setAccessibleName(self.tr("About backups"))

        self.list = QTreeWidget()
        self.list.setAccessibleName(self.tr("Backups"))
        self.list.setAccessibleDescription(self.tr("The backups, newest first"))
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHeaderLabels([self.tr("Taken"), self.tr("Size"), self.tr("What it is")])
        header = self.list.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for backup in backups:
            item = QTreeWidgetItem(
                [
                    when_in_words(backup.taken, now, locale),
                    human_size(backup.size),
                    self._kind_in_words(backup.kind),
                ]
            )
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, str(backup.path))
            self.list.addTopLevelItem(item)

        self.empty = WrappedLabel(
            self.tr(
                "There are no backups yet. Pont makes the first a few moments after it opens, "
                "then one a day."
            )
        )
        self.empty.setAccessibleName(self.tr("No backups"))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(
            self.tr("&Restore…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setAccessibleDescription(
            self.tr("Put the chosen backup's data in place of what is here now")
        )
        self.restore_button.setEnabled(False)
        add_help_button(self.buttons, Section.BACKUPS)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.list.itemActivated.connect(lambda _item, _column: self.accept())

        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        if not backups:
            layout.addStretch(1)
        layout.addWidget(self.buttons)
        # Once in the layout: shown before, either would open as a window of its own.
        self.empty.setVisible(not backups)
        self.list.setVisible(bool(backups))
        self.resize(560, 360 if backups else 200)
        if backups:
            self.list.setCurrentItem(self.list.topLevelItem(0))
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def chosen(self) -> Backup | None:
        item = self.list.currentItem()
        if item is None or not item.isSelected():
            return None
        return self._backups[self.list.indexOfTopLevelItem(item)]

    def accept(self) -> None:
        if self.chosen() is not None:
            super().accept()

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)

    def _kind_in_words(self, kind: str) -> str:
        if kind == BEFORE_RESTORE:
            return self.tr("Your data just before a restore")
        if kind == BEFORE_IMPORT:
            return self.tr("Your data just before an import")
        return self.tr("Daily backup")
