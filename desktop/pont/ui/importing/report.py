"""What the import dialog shows afterwards: the counts, who was skipped and why, what was kept."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pont.core.members.importing import ImportReport
from pont.ui.importing.preview import plural
from pont.ui.language import shown
from pont.ui.widgets.look import WrappedLabel

_TALLEST_LIST = 12


def _capitalised(text: str) -> str:
    text = shown(text)
    return text[:1].upper() + text[1:]


def _list(columns: list[str], name: str) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setHeaderLabels(columns)
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tree.setAccessibleName(name)
    return tree


class ImportReportView(QWidget):
    """The outcome of one import: "Added 30 · Updated 2 · Already members 5 · Skipped 3", then
    the skipped entries (where, address, reason) and the details kept over the source's."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary_label = QLabel()
        self.summary_label.setAccessibleName(self.tr("What the import did"))
        font = QFont(self.summary_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.summary_label.setFont(font)
        self.detail_label = WrappedLabel()
        self.detail_label.setAccessibleName(self.tr("More about the import"))
        self.letters_label = WrappedLabel()
        self.letters_label.setAccessibleName(self.tr("Rows read in another encoding"))

        self.skipped_label = QLabel()
        self.skipped_list = _list(
            [self.tr("Where"), self.tr("Address"), self.tr("Why it was skipped")],
            self.tr("Skipped entries"),
        )
        self.skipped_label.setBuddy(self.skipped_list)
        self.kept_label = WrappedLabel()
        self.kept_list = _list([], self.tr("Details kept"))
        self.kept_label.setBuddy(self.kept_list)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.letters_label)
        layout.addSpacing(6)
        layout.addWidget(self.skipped_label)
        layout.addWidget(self.skipped_list)
        layout.addWidget(self.kept_label)
        layout.addWidget(self.kept_list)
        layout.addStretch(1)

        # The report outlives the dialog: copied into an email to IT, or kept with the file.
        self.copy_button = QPushButton(self.tr("Cop&y the report"))
        self.copy_button.setAccessibleName(self.tr("Copy the report"))
        self.copy_button.clicked.connect(self.copy_report)
        self.save_button = QPushButton(self.tr("Save the report &as…"))
        self.save_button.setAccessibleName(self.tr("Save the report as a file"))
        self.save_button.clicked.connect(self.save_report)
        self.result_label = QLabel()
        self.result_label.setAccessibleName(self.tr("What happened to the report"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.result_label, 1)
        layout.addLayout(buttons)

    def show_report(self, report: ImportReport, group_name: str, from_file: bool) -> None:
        self.result_label.clear()
        self.summary_label.setText(
            self.tr(
                "Added {added} · Updated {updated} · Already members {same} · Skipped {skipped}"
            ).format(
                added=f"{report.added:,}",
                updated=f"{report.updated:,}",
                same=f"{report.unchanged:,}",
                skipped=f"{len(report.skipped):,}",
            )
        )
        if report.added:
            detail = self.tr(
                "The new members are in {group} now. Members who were already in it kept their "
                "details; only empty ones were filled in."
            ).format(group=group_name)
        elif report.updated:
            detail = self.tr(
                "Nobody new was added to {group}; empty details of members already in it were "
                "filled in."
            ).format(group=group_name)
        else:
            detail = self.tr("Nothing was changed in {group}.").format(group=group_name)
        self.detail_label.setText(detail)
        note = report.other_encoding_note()
        self.letters_label.setText(shown(note) if note is not None else "")
        self.letters_label.setVisible(note is not None)

        self.skipped_list.clear()
        for skipped in report.skipped:
            item = QTreeWidgetItem(
                [
                    _capitalised(skipped.where),
                    skipped.address or "—",
                    _capitalised(skipped.reason),
                ]
            )
            self.skipped_list.addTopLevelItem(item)
        self.skipped_label.setText(
            plural(
                len(report.skipped),
                self.tr("&One entry was skipped; correct it in the source and import again:"),
                self.tr(
                    "{count} entries were &skipped; correct them in the source and import again:"
                ),
            )
        )
        self._resize_columns(self.skipped_list, [90, 240])

        said = self.tr("The file said") if from_file else self.tr("The pasted text said")
        self.kept_list.setHeaderLabels(
            [self.tr("Member"), self.tr("Detail"), self.tr("Kept"), said]
        )
        field_names = {
            "name": self.tr("Name"),
            "organisation": self.tr("Organisation"),
            "notes": self.tr("Notes"),
        }
        self.kept_list.clear()
        for kept in report.kept:
            detail_name = field_names.get(kept.field, _capitalised(kept.field))
            row = [kept.address, detail_name, " ".join(kept.kept.split())]
            self.kept_list.addTopLevelItem(QTreeWidgetItem([*row, " ".join(kept.offered.split())]))
        self.kept_label.setText(
            plural(
                len(report.kept),
                self.tr(
                    "&Kept one member’s existing detail where the source had something else "
                    "(edit the member to change it):"
                ),
                self.tr(
                    "&Kept {count} existing details where the source had something else "
                    "(edit the members to change them):"
                ),
            )
        )
        self._resize_columns(self.kept_list, [220, 100, 180])
        for label, tree, rows in (
            (self.skipped_label, self.skipped_list, report.skipped),
            (self.kept_label, self.kept_list, report.kept),
        ):
            label.setVisible(bool(rows))
            tree.setVisible(bool(rows))

    def report_text(self) -> str:
        """The report as plain text, as shown: the counts, what they mean, and each list with
        its heading, one entry a line, columns apart by tabs (a spreadsheet pastes them)."""
        lines = [self.summary_label.text(), self.detail_label.text()]
        if self.letters_label.isVisibleTo(self):
            lines.append(self.letters_label.text())
        for label, tree in (
            (self.skipped_label, self.skipped_list),
            (self.kept_label, self.kept_list),
        ):
            if tree.topLevelItemCount() == 0:
                continue
            header = tree.headerItem()
            lines += ["", label.text().replace("&", "")]
            lines.append("\t".join(header.text(c) for c in range(tree.columnCount())))
            for row in range(tree.topLevelItemCount()):
                item = tree.topLevelItem(row)
                lines.append("\t".join(item.text(c) for c in range(tree.columnCount())))
        return "\n".join(lines) + "\n"

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text())
        self.result_label.setText(self.tr("Copied: paste it into an email or a document."))

    def save_report(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the import report"),
            str(Path.home() / self.tr("Import report.txt")),
            self.tr("Text files (*.txt)"),
        )
        if not path:
            return
        try:
            Path(path).write_text(self.report_text(), encoding="utf-8")
        except OSError as error:
            self.result_label.setText(
                self.tr("Could not save the report: {reason}.").format(
                    reason=error.strerror or str(error)
                )
            )
            return
        self.result_label.setText(self.tr("Saved as {file}.").format(file=Path(path).name))

    def _resize_columns(self, tree: QTreeWidget, widths: list[int]) -> None:
        for column, width in enumerate(widths):
            tree.setColumnWidth(column, width)
        # As tall as its rows (up to a dozen, then it scrolls), so two short lists both show.
        rows = min(max(tree.topLevelItemCount(), 1), _TALLEST_LIST)
        row_height = tree.sizeHintForRow(0) if tree.topLevelItemCount() else 20
        height = tree.header().sizeHint().height() + rows * row_height + 2 * tree.frameWidth() + 4
        tree.setMaximumHeight(height)
        tree.setMinimumHeight(min(height, 120))
