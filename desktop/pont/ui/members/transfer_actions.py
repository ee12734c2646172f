"""Bringing members in (a file, pasted addresses) and writing them out (CSV, vCard)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from pont.core.members.groups import Group
from pont.core.members.members import list_members
from pont.ui.widgets import prompts

if TYPE_CHECKING:
    from sqlite_utils import Database

_UNSAFE_IN_FILE_NAME = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


class TransferActions(QObject):
    """Import a list, Paste addresses and Export members, for the group on show.

    The import dialog and the exporters are loaded when first used, not at start-up.

    Signals:
        status_message(str): a sentence for the status bar about what just happened.
        members_imported(): the group's members changed outside the table; read them again.
    """

    status_message = Signal(str)
    members_imported = Signal()

    def __init__(
        self, window: QWidget, database: Callable[[], Database], database_path: Path
    ) -> None:
        super().__init__(window)
        self._window = window
        self._database = database
        self._database_path = database_path
        self._group: Group | None = None
        self.import_list = QAction(self.tr("&Import a list…"), self)
        self.import_list.setShortcut(QKeySequence("Ctrl+I"))
        self.import_list.setToolTip(
            self.tr("Add members from a spreadsheet (CSV) or address-book (vCard) file")
        )
        self.import_list.triggered.connect(lambda: self.run_import(paste=False))
        self.paste = QAction(self.tr("&Paste addresses…"), self)
        self.paste.setShortcut(QKeySequence("Ctrl+Shift+V"))
        self.paste.setToolTip(self.tr("Add members from addresses copied from an email or a list"))
        self.paste.triggered.connect(lambda: self.run_import(paste=True))
        self.export = QAction(self.tr("&Export members…"), self)
        self.export.setShortcut(QKeySequence("Ctrl+E"))
        self.export.setToolTip(self.tr("Save the members as a CSV file for Excel, or as vCards"))
        self.export.triggered.connect(self.choose_export_file)
        self.set_group(None)

    def set_group(self, group: Group | None) -> None:
        self._group = group
        for action in (self.import_list, self.paste, self.export):
            action.setEnabled(group is not None)

    def run_import(self, paste: bool) -> None:
        if self._group is None:
            return
        from pont.ui.importing.dialog import ImportDialog

        dialog = ImportDialog(self._window, self._database_path, self._group, paste=paste)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()  # it holds the whole file's preview; a running read moves on
        if accepted:
            self.members_imported.emit()

    def choose_export_file(self) -> Path | None:
        if self._group is None:
            return None
        csv_filter = self.tr("Spreadsheet, for Excel and mail programs (*.csv)")
        vcard_filter = self.tr("Address-book cards (*.vcf)")
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = _UNSAFE_IN_FILE_NAME.sub(
            "-", self.tr("{group} members").format(group=self._group.name)
        )
        chosen, used_filter = QFileDialog.getSaveFileName(
            self._window,
            self.tr("Export members"),
            str(Path(folder) / f"{name}.csv"),
            f"{csv_filter};;{vcard_filter}",
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() not in (".csv", ".vcf"):
            path = path.with_name(path.name + (".vcf" if used_filter == vcard_filter else ".csv"))
        return path if self.export_to(path) else None

    def export_to(self, path: Path) -> bool:
        """Write the group's members to path: vCard for .vcf, otherwise CSV."""
        if self._group is None:
            return False
        from pont.core.members.exporters.csv_file import export_csv
        from pont.core.members.exporters.vcard import export_vcard

        members = list_members(self._database(), self._group.id)
        if path.suffix.lower() == ".vcf":
            data = export_vcard(members).encode("utf-8")
        else:
            data = export_csv(members)
        try:
            path.write_bytes(data)
        except OSError as error:
            prompts.warn(
                self._window,
                self.tr("Export members"),
                self.tr("Pont could not write {file}: {reason}. Try another folder.").format(
                    file=path.name, reason=error.strerror or error
                ),
            )
            return False
        self.status_message.emit(
            self.tr("Exported {count} members of {group} to {file}.").format(
                count=len(members), group=self._group.name, file=path.name
            )
        )
        return True
