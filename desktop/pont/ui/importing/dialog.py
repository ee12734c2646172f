"""The dialog that adds members from a CSV or vCard file or from pasted addresses."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pont.core.members.groups import Group
from pont.core.members.importers.mapping import ColumnMapping
from pont.core.members.importing import ImportReport
from pont.core.members.names import first_name_first
from pont.core.posting.headers import name_text
from pont.ui.help.guide import Section, add_help_button
from pont.ui.importing.jobs import ImportJobs, TabState
from pont.ui.importing.pages import FilePage, PastePage
from pont.ui.importing.report import ImportReportView
from pont.ui.importing.sources import (
    Source,
    Tally,
    import_into,
    read_and_tally,
    read_file,
    read_pasted,
    tally_source,
)
from pont.ui.importing.status import ImportStatus
from pont.ui.widgets.look import WrappedLabel

FILE_TAB, PASTE_TAB = 0, 1
_LONGEST_EXAMPLE = 40  # characters of a name shown as the example of turning names round


class ImportDialog(QDialog):
    """Adds people to a group from a file (CSV or vCard, chosen or dropped) or from pasted
    addresses. It shows who was found and what importing will do before anything is written,
    and a report afterwards. Reading, counting and importing run off the GUI thread.

    exec() returns Accepted when members were added or updated, Rejected otherwise.

    Signals:
        preview_ready(object): the Tally for what is on show now (after reading a source or
            choosing a column), or None while a CSV has no email column chosen.
        import_finished(object): the ImportReport, once the import is written.
        error_shown(str): a plain sentence now shown in the dialog; nothing was changed.
    """

    preview_ready = Signal(object)
    import_finished = Signal(object)
    error_shown = Signal(str)

    def __init__(
        self, parent: QWidget | None, database_path: Path, group: Group, paste: bool = False
    ) -> None:
        super().__init__(parent)
        self._database_path = database_path
        self._group = group
        self._sides = {FILE_TAB: TabState(), PASTE_TAB: TabState()}
        self._importing = False
        self._jobs = ImportJobs(self, self._refresh, self.error_shown.emit)
        self._folder = QStandardPaths.writableLocation(
            # Web mail (Gmail, Outlook.com) saves its exports in Downloads.
            QStandardPaths.StandardLocation.DownloadLocation
        )
        self.report: ImportReport | None = None
        self.setWindowTitle(self.tr("Import members into {group}").format(group=group.name))
        self.setAcceptDrops(True)
        self.resize(900, 620)

        self.intro_label = WrappedLabel(
            self.tr(
                "Add people to {group} from a list. Nothing changes until you press Import."
            ).format(group=group.name)
        )
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Where the people come from"))
        self.tabs.tabBar().setAccessibleName(self.tr("Where the people come from"))
        self.file_page = FilePage()
        self.file_page.choose_requested.connect(self.choose_file)
        self.file_page.mapping_changed.connect(self._mapping_changed)
        self.paste_page = PastePage()
        self.paste_page.text_settled.connect(self._read_pasted)
        self.tabs.addTab(self.file_page, self.tr("From a &file"))
        self.tabs.addTab(self.paste_page, self.tr("&Paste addresses"))
        self.report_view = ImportReportView()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.tabs)
        self.pages.addWidget(self.report_view)

        # Offered only when most names are written "Evans, Dai"; on until unticked.
        self.name_order_check = QCheckBox()
        self.name_order_check.setAccessibleName(self.tr("Put first names first"))
        self.name_order_check.toggled.connect(self._name_order_chosen)
        self.name_order_check.hide()

        self.status = ImportStatus()

        self.buttons = QDialogButtonBox()
        self.import_button = QPushButton(self.tr("&Import"))
        self.import_button.setAccessibleName(self.tr("Import these people"))
        self.import_button.clicked.connect(self.start_import)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName(self.tr("Cancel without importing"))
        self.done_button = self.buttons.addButton(
            self.tr("&Done"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.done_button.setAccessibleName(self.tr("Close this window"))
        self.done_button.hide()
        add_help_button(self.buttons, Section.IMPORT)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.reject)  # Done: reject() works out the result

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.name_order_check)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self.tabs.currentChanged.connect(self._tab_changed)
        self.tabs.setCurrentIndex(PASTE_TAB if paste else FILE_TAB)
        self._tab_changed(self.tabs.currentIndex())

    # What tests and the window call.

    def choose_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a list of contacts"),
            self._folder,
            ";;".join(
                [self.tr("Contact lists (*.csv *.txt *.vcf *.vcard)"), self.tr("All files (*)")]
            ),
        )
        if chosen:
            self.load_file(Path(chosen))

    def load_file(self, path: Path) -> None:
        """Read the file in the background; preview_ready or error_shown says when it is read."""
        if self._importing or self.report is not None:
            return
        self._folder = str(path.parent)
        self.tabs.setCurrentIndex(FILE_TAB)
        side = self._sides[FILE_TAB]
        side.source, side.tally = None, None
        self.file_page.show_reading(path.name)
        database_path, group_id = self._database_path, self._group.id  # plain data for the job
        self._jobs.run_for(
            side,
            self.tr("Reading {file}…").format(file=path.name),
            lambda: read_and_tally(lambda: read_file(path, database_path, group_id)),
            self._file_read,
        )

    def set_pasted_text(self, text: str) -> None:
        """Put text in the paste box and read it now, without waiting for typing to pause."""
        self.tabs.setCurrentIndex(PASTE_TAB)
        self.paste_page.set_text(text)
        self._read_pasted()

    def start_import(self) -> None:
        """Write the people on show into the group, in the background; import_finished tells."""
        if not self.import_button.isEnabled() or not self.import_button.isVisible():
            return
        side = self._sides[self.tabs.currentIndex()]
        assert side.source is not None and side.tally is not None
        tally, name = side.tally, side.source.name
        turn = bool(tally.surname_first) and side.first_names_first
        database_path, group_id = self._database_path, self._group.id
        self._importing = True
        side.problem = ""
        self._refresh()
        self.status.show_busy(self.tr("Adding the members…"))
        self._jobs.start(
            lambda _progress: import_into(database_path, group_id, tally, name, turn),
            self._imported,
            self._import_failed,
        )

    @property
    def workers_running(self) -> int:
        """How many background jobs have not finished yet (tests wait for 0)."""
        return self._jobs.running

    def mapping_combo(self, column: int) -> QComboBox:
        """The combo box above a CSV column, saying what the column holds."""
        return self.file_page.csv_preview.combo(column)

    # Background work.

    def _file_read(self, result: tuple[Source, Tally | None]) -> None:
        side = self._sides[FILE_TAB]
        side.source, side.tally = result
        side.first_names_first = True  # a new file: offered afresh
        self.file_page.show_source(*result)
        self._refresh()
        self.preview_ready.emit(side.tally)

    def _mapping_changed(self) -> None:
        side = self._sides[FILE_TAB]
        if side.source is None:
            return
        mapping = ColumnMapping(dict(self.file_page.csv_preview.mapping.columns))
        if not mapping.has_email:
            side.job += 1  # a count still running is for the old columns
            side.busy, side.tally = "", None
            self.file_page.show_tally(None)
            self._refresh()
            self.preview_ready.emit(None)
            return
        source = side.source
        self._jobs.run_for(
            side, self.tr("Counting…"), lambda: tally_source(source, mapping), self._counted
        )

    def _counted(self, tally: Tally) -> None:
        self._sides[FILE_TAB].tally = tally
        self.file_page.show_tally(tally)
        self._refresh()
        self.preview_ready.emit(tally)

    def _read_pasted(self) -> None:
        text = self.paste_page.text()
        side = self._sides[PASTE_TAB]
        if not text.strip():
            side.job += 1
            side.source = side.tally = None
            side.busy = side.problem = ""
            self.paste_page.people.set_tally(None)
            self._refresh()
            self.preview_ready.emit(None)
            return
        database_path, group_id = self._database_path, self._group.id
        self._jobs.run_for(
            side,
            self.tr("Reading the addresses…"),
            lambda: read_and_tally(lambda: read_pasted(text, database_path, group_id)),
            self._pasted_read,
        )

    def _pasted_read(self, result: tuple[Source, Tally | None]) -> None:
        side = self._sides[PASTE_TAB]
        side.source, side.tally = result
        self.paste_page.people.set_tally(side.tally)
        self._refresh()
        self.preview_ready.emit(side.tally)

    def _imported(self, report: ImportReport) -> None:
        self._importing = False
        self.report = report
        self.status.stop()
        self.status.hide()
        self.report_view.show_report(
            report, self._group.name, from_file=self.tabs.currentIndex() == FILE_TAB
        )
        self.pages.setCurrentWidget(self.report_view)
        self.name_order_check.hide()
        source = self._sides[self.tabs.currentIndex()].source
        if self.tabs.currentIndex() == FILE_TAB and source is not None:
            intro = self.tr("Imported “{file}” into {group}.").format(
                file=source.name, group=self._group.name
            )
        else:
            intro = self.tr("Imported the pasted addresses into {group}.").format(
                group=self._group.name
            )
        self.intro_label.setText(intro)
        self.import_button.hide()
        self.cancel_button.hide()
        self.done_button.show()
        self.done_button.setDefault(True)
        self.done_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.import_finished.emit(report)

    def _import_failed(self, message: str) -> None:
        self._importing = False
        # An import is one transaction: whatever went wrong, it left the group as it was.
        message = self.tr("{problem} Nothing was changed.").format(problem=message)
        self._sides[self.tabs.currentIndex()].problem = message
        self._refresh()
        self.error_shown.emit(message)

    # What the dialog shows.

    def _tab_changed(self, tab: int) -> None:
        self._refresh()
        target = self.file_page.choose_button if tab == FILE_TAB else self.paste_page.paste_edit
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _refresh(self) -> None:
        if self.report is not None:
            return  # the report is on show; nothing else changes now
        side = self._sides[self.tabs.currentIndex()]
        self.tabs.setEnabled(not self._importing)
        self.cancel_button.setEnabled(not self._importing)
        self.status.show_tab(side, self._importing)
        ready = side.tally is not None and side.tally.usable > 0 and not side.busy
        self.import_button.setEnabled(ready and not self._importing)
        self.import_button.setDefault(ready)
        self._show_name_order(side)

    def _show_name_order(self, side: TabState) -> None:
        example = side.tally.surname_first if side.tally is not None and not side.busy else ""
        if example:
            # A name from the file: one line, cut short, and no "&" read as an access key.
            before, after = (
                name_text(text)[:_LONGEST_EXAMPLE].replace("&", "&&")
                for text in (example, first_name_first(example))
            )
            self.name_order_check.setText(
                self.tr("Put first &names first ({before} → {after})").format(
                    before=before, after=after
                )
            )
            self.name_order_check.blockSignals(True)
            self.name_order_check.setChecked(side.first_names_first)
            self.name_order_check.blockSignals(False)
        self.name_order_check.setEnabled(not self._importing)
        self.name_order_check.setVisible(bool(example))
        # A vCard's or the paste box's people are listed as the import will write them.
        people = self.file_page.people if side is self._sides[FILE_TAB] else self.paste_page.people
        people.set_first_names_first(bool(example) and side.first_names_first)

    def _name_order_chosen(self, checked: bool) -> None:
        side = self._sides[self.tabs.currentIndex()]
        side.first_names_first = checked
        self._show_name_order(side)

    # Closing, dropping.

    def _result(self) -> QDialog.DialogCode:
        changed = self.report is not None and self.report.added + self.report.updated > 0
        return QDialog.DialogCode.Accepted if changed else QDialog.DialogCode.Rejected

    def reject(self) -> None:
        if self._importing:
            return  # the import finishes either way; closing now would hide its report
        self.paste_page.stop()
        self.status.stop()
        # A file still being read is left to finish on its own: Qt aborts the program if a
        # running thread is deleted, as it would be with this dialog.
        self._jobs.leave_to_finish()
        self.done(self._result())

    def accept(self) -> None:
        self.reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._importing:
            event.ignore()
            return
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_file(event) is not None:
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._dropped_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_file(event)
        if path is not None:
            event.acceptProposedAction()
            self.load_file(path)

    def _dropped_file(self, event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> Path | None:
        if self._importing or self.report is not None:
            return None
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if len(urls) != 1 or not urls[0].isLocalFile():
            return None
        return Path(urls[0].toLocalFile())
