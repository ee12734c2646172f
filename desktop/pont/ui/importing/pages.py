"""The import dialog's two ways in: a file (and how it was read) or pasted addresses."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pont.core.members.importing import other_encoding_note
from pont.ui.importing.models import PeopleModel
from pont.ui.importing.preview import CsvPreview, people_view
from pont.ui.importing.sources import Source, SourceKind, Tally
from pont.ui.language import shown
from pont.ui.widgets.look import WrappedLabel, set_text_colour

_PASTE_PAUSE_MS = 400


translate = QCoreApplication.translate


class FilePage(QWidget):
    """Choose file…, the file's name and how it was read, then its preview: a hint about
    dropping a file until one is read, a CSV under its column choices, or the people found.

    Signals:
        choose_requested(): the coordinator pressed Choose file….
        mapping_changed(): a CSV column now feeds another field; csv_preview.mapping says how.
    """

    choose_requested = Signal()
    mapping_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choose_button = QPushButton(self.tr("&Choose file…"))
        self.choose_button.setAccessibleName(self.tr("Choose a file to import"))
        self.choose_button.clicked.connect(self.choose_requested)
        self.file_label = QLabel(self.tr("No file chosen yet."))
        self.file_label.setAccessibleName(self.tr("Chosen file"))
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_text_colour(self.file_label, None)
        self.file_info = WrappedLabel()
        self.file_info.setAccessibleName(self.tr("How the file was read"))
        set_text_colour(self.file_info, None)

        self.drop_hint = QLabel(
            self.tr(
                "Drag a contacts file here, or press Choose file.\n\n"
                "Pont reads spreadsheets saved as CSV from Excel, Outlook, Gmail or "
                "Thunderbird,\nand vCard files from an address book or a phone."
            )
        )
        self.drop_hint.setObjectName("dropHint")
        self.drop_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_hint.setStyleSheet(
            "#dropHint { border: 2px dashed palette(mid); border-radius: 8px; padding: 24px; }"
        )
        self.csv_preview = CsvPreview()
        self.csv_preview.focus_after = self.choose_button
        self.csv_preview.mapping_changed.connect(self.mapping_changed)
        self.people = PeopleModel(parent=self)
        self.people_view = people_view(self.people, self.tr("People in the file"))
        self.stack = QStackedWidget()
        for widget in (self.drop_hint, self.csv_preview, self.people_view):
            self.stack.addWidget(widget)

        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.file_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.file_info)
        layout.addWidget(self.stack, 1)

    def show_reading(self, name: str) -> None:
        """The file's name, with nothing else until it is read."""
        self.file_label.setText(name)
        set_text_colour(self.file_label, self.palette().color(QPalette.ColorRole.WindowText))
        bold = QFont(self.file_label.font())
        bold.setBold(True)
        self.file_label.setFont(bold)
        self.file_info.setText("")
        self.stack.setCurrentWidget(self.drop_hint)

    def show_source(self, source: Source, tally: Tally | None) -> None:
        if source.kind is SourceKind.CSV:
            self.csv_preview.show_source(source)
            self.stack.setCurrentWidget(self.csv_preview)
        else:
            self.stack.setCurrentWidget(self.people_view)
        self.file_info.setText(describe_reading(source))
        self.show_tally(tally)

    def show_tally(self, tally: Tally | None) -> None:
        """What importing would do with each person shown (None: not counted)."""
        if self.stack.currentWidget() is self.csv_preview:
            self.csv_preview.show_tally(tally)
        else:
            self.people.set_tally(tally)


class PastePage(QWidget):
    """A box for addresses pasted from an email or a list, and the people found in them.

    Signals:
        text_settled(): the text has not changed for a moment: time to read it.
    """

    text_settled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        label = QLabel(self.tr("&Addresses:"))
        hint = WrappedLabel(
            self.tr(
                "Paste the addresses from an email’s To or Cc line, or a list with one person "
                "on each line. Names are kept: Ann Jones <ann@example.org>."
            )
        )
        set_text_colour(hint, None)
        self.paste_edit = QPlainTextEdit()
        self.paste_edit.setAccessibleName(self.tr("Pasted addresses"))
        self.paste_edit.setPlaceholderText(
            self.tr(
                'Ann Jones <ann@example.org>; bob@example.org\n"Evans, Dai" <dai.evans@example.org>'
            )
        )
        self.paste_edit.setTabChangesFocus(True)
        label.setBuddy(self.paste_edit)
        # Read once typing pauses, not at every key.
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(_PASTE_PAUSE_MS)
        self._pause.timeout.connect(self.text_settled)
        self.paste_edit.textChanged.connect(self._pause.start)
        self.people = PeopleModel(parent=self)
        self.people_view = people_view(self.people, self.tr("People found"))

        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(hint)
        layout.addWidget(self.paste_edit, 2)
        layout.addWidget(self.people_view, 3)

    def text(self) -> str:
        self._pause.stop()
        return self.paste_edit.toPlainText()

    def set_text(self, text: str) -> None:
        self.paste_edit.setPlainText(text)
        self._pause.stop()

    def stop(self) -> None:
        self._pause.stop()


def describe_reading(source: Source) -> str:
    """How a file was read, in plain words: "Read as Western (Windows-1252), separated by
    semicolons."."""
    if source.kind is SourceKind.VCARD:
        return translate("ImportDialog", "Read as address-book cards (vCard).")
    if source.table is None:
        return translate("ImportDialog", "Read as a list of addresses.")
    encodings = {
        "utf-8": translate("ImportDialog", "Unicode (UTF-8)"),
        "utf-8-sig": translate("ImportDialog", "Unicode (UTF-8)"),
        "utf-16": translate("ImportDialog", "Unicode (UTF-16)"),
        "utf-16-le": translate("ImportDialog", "Unicode (UTF-16)"),
        "utf-16-be": translate("ImportDialog", "Unicode (UTF-16)"),
        "utf-32": translate("ImportDialog", "Unicode (UTF-32)"),
        "cp1252": translate("ImportDialog", "Western (Windows-1252)"),
        "mac_roman": translate("ImportDialog", "Western (Mac)"),
        "cp1250": translate("ImportDialog", "Central European (Windows-1250)"),
        "cp1251": translate("ImportDialog", "Cyrillic (Windows-1251)"),
        "cp1253": translate("ImportDialog", "Greek (Windows-1253)"),
    }
    delimiters = {
        ",": translate("ImportDialog", "commas"),
        ";": translate("ImportDialog", "semicolons"),
        "\t": translate("ImportDialog", "tabs"),
        "|": translate("ImportDialog", "vertical bars"),
    }
    table = source.table
    encoding = encodings.get(table.encoding.lower().replace("windows-", "cp"), table.encoding)
    delimiter = delimiters.get(table.delimiter, repr(table.delimiter))
    if table.has_header:
        text = translate("ImportDialog", "Read as {encoding}, separated by {delimiter}.")
    else:
        text = translate(
            "ImportDialog",
            "Read as {encoding}, separated by {delimiter}. "
            "The first row holds a contact, not column names.",
        )
    reading = text.format(encoding=encoding, delimiter=delimiter)
    note = other_encoding_note(table.other_encoding_found())
    return reading if note is None else f"{reading} {shown(note)}"
