"""The import dialog: previewing a file or pasted text, choosing columns, importing, the report."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QThread, QUrl
from PySide6.QtGui import QDropEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QPlainTextEdit,
    QTabBar,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from pont.core.errors import ProfileLocked
from pont.core.members.groups import Group
from pont.core.members.importers.mapping import Field
from pont.core.members.importing import ImportReport
from pont.core.members.members import NewMember, add_member, find_member, list_members
from pont.ui.importing import dialog as import_dialog
from pont.ui.importing import sources as import_sources
from pont.ui.importing.dialog import FILE_TAB, PASTE_TAB, ImportDialog
from pont.ui.importing.models import PeopleColumn
from pont.ui.importing.sources import Source, Tally
from pont.ui.widgets.look import ERROR_COLOUR

sys.path.insert(0, str(Path(__file__).parents[2] / "core" / "members" / "importers"))
from contact_samples import OUTLOOK_HEADERS, outlook_csv  # noqa: E402

EMAIL = OUTLOOK_HEADERS.index("E-mail Address")
EMAIL_2 = OUTLOOK_HEADERS.index("E-mail 2 Address")
COMPANY = OUTLOOK_HEADERS.index("Company")
FIRST_NAME = OUTLOOK_HEADERS.index("First Name")
CATEGORIES = OUTLOOK_HEADERS.index("Categories")
ANNIVERSARY = OUTLOOK_HEADERS.index("Anniversary")
HOME_CITY = OUTLOOK_HEADERS.index("Home City")
WAIT_MS = 10_000
LABELS: dict[Field | None, str] = {
    None: "Don’t import",
    Field.EMAIL: "Email address",
    Field.EMAIL_2: "Second email address",
    Field.NAME: "Full name",
    Field.FIRST_NAME: "First name",
    Field.ORGANISATION: "Organisation",
    Field.TAGS: "Tags",
}

OUTLOOK_PEOPLE = [
    {
        "First Name": "Siân",
        "Last Name": "Roberts",
        "E-mail Address": "sian@example.org",
        "E-mail 2 Address": "sian.home@example.net",
        "Company": "Gwynedd Council",
        "Categories": "Welsh language;rural",
    },
    {
        # Already a member under another name: the member's name is kept.
        "First Name": "A.",
        "Last Name": "Jones",
        "E-mail Address": "Ann.Jones@example.org",
        "Company": "Cardiff Council",
    },
    {"First Name": "Dai", "Last Name": "Evans", "E-mail Address": "dai@", "Company": "Powys"},
    {"First Name": "Mair", "Last Name": "Price", "Company": "Mind Cymru"},
    {"First Name": "Owen", "Last Name": "Hughes", "E-mail Address": "owen@example.org"},
]

VCARDS = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Gwen Morgan\r\nN:Morgan;Gwen;;;\r\n"
    b"EMAIL;TYPE=INTERNET:gwen@example.org\r\nORG:Bangor University\r\nEND:VCARD\r\n"
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Rhys Lewis\r\nN:Lewis;Rhys;;;\r\nEND:VCARD\r\n"
)

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02" + bytes(64)

DialogFactory = Callable[..., ImportDialog]


@pytest.fixture
def ann(db: Database, group: Group) -> None:
    add_member(db, group.id, NewMember("ann.jones@example.org", name="Ann Jones"), origin="test")


@pytest.fixture
def make_dialog(qtbot: QtBot, database_path: Path, group: Group) -> Iterator[DialogFactory]:
    """Dialogs shown as the window shows them (but not modal); every worker ends with the test.

    Not given to qtbot.addWidget: pytest-qt deletes those before fixtures end, and deleting a
    dialog whose thread still runs aborts the whole test run.
    """
    dialogs: list[ImportDialog] = []

    def make(paste: bool = False) -> ImportDialog:
        dialog = ImportDialog(None, database_path, group, paste=paste)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialogs.append(dialog)
        return dialog

    yield make
    stuck = []
    for dialog in dialogs:
        try:
            qtbot.waitUntil(lambda dialog=dialog: dialog.workers_running == 0, timeout=WAIT_MS)
        except qtbot.TimeoutError:
            stuck.append(dialog)
        for thread in dialog.findChildren(QThread) if dialog in stuck else []:
            thread.quit()
            thread.wait(WAIT_MS)
        dialog.close()
        dialog.deleteLater()
    assert not stuck, "a background job never finished"


def shown(dialog: ImportDialog, column: int) -> Field | None:
    """What the combo box above a CSV column says it holds, as a person reads it."""
    text = dialog.mapping_combo(column).currentText()
    return next(field for field, label in LABELS.items() if label == text)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def load(qtbot: QtBot, dialog: ImportDialog, path: Path) -> Tally | None:
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS) as blocker:
        dialog.load_file(path)
    return blocker.args[0]


def choose(qtbot: QtBot, dialog: ImportDialog, column: int, field: Field | None) -> None:
    """Pick a field in the combo box above a column, as a person would, and wait for the count."""
    combo = dialog.mapping_combo(column)
    index = combo.findText(LABELS[field])
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS):
        combo.setCurrentIndex(index)


def run_import(qtbot: QtBot, dialog: ImportDialog) -> ImportReport:
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.import_finished, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def rows(tree: QAbstractItemView) -> list[list[str]]:
    model = tree.model()
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def unnamed_controls(dialog: ImportDialog) -> list[QWidget]:
    """Controls on show that a screen reader could not name."""
    kinds = (QAbstractButton, QComboBox, QAbstractItemView, QPlainTextEdit, QTabWidget, QTabBar)
    return [
        widget
        for kind in kinds
        for widget in dialog.findChildren(kind)
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus
        and widget.isVisibleTo(dialog)
        and not widget.accessibleName()
    ]


def test_outlook_csv_previewed_mapped_and_imported(
    qtbot: QtBot,
    qtmodeltester: object,
    make_dialog: DialogFactory,
    tmp_path: Path,
    db: Database,
    group: Group,
    ann: None,
) -> None:
    dialog = make_dialog()
    assert dialog.tabs.currentIndex() == FILE_TAB
    assert not dialog.import_button.isEnabled()
    path = write(tmp_path, "Outlook contacts.csv", outlook_csv(OUTLOOK_PEOPLE))

    tally = load(qtbot, dialog, path)

    assert tally is not None and tally.found == 5
    assert dialog.file_page.file_label.text() == "Outlook contacts.csv"
    assert (
        dialog.file_page.file_info.text() == "Read as Western (Windows-1252), separated by commas."
    )
    assert dialog.status.summary_label.text() == (
        "5 people found: 2 new, 1 already a member. 2 without a usable address will be skipped."
    )
    assert dialog.import_button.isEnabled()
    qtmodeltester.check(dialog.file_page.csv_preview.model)  # type: ignore[attr-defined]
    fields = {
        column: shown(dialog, column)
        for column in (EMAIL, EMAIL_2, COMPANY, FIRST_NAME, CATEGORIES, ANNIVERSARY)
    }
    assert fields == {
        EMAIL: Field.EMAIL,
        EMAIL_2: Field.EMAIL_2,
        COMPANY: Field.ORGANISATION,
        FIRST_NAME: Field.FIRST_NAME,
        CATEGORIES: Field.TAGS,
        ANNIVERSARY: None,
    }
    header = dialog.file_page.csv_preview.header
    assert header.visualIndex(EMAIL) == 0, "the column of addresses comes first"
    assert header.isSectionHidden(HOME_CITY), "empty columns are out of the way"
    assert not header.isSectionHidden(ANNIVERSARY)
    model = dialog.file_page.csv_preview.model
    assert model is not None
    assert model.index(0, FIRST_NAME).data() == "Siân"
    assert model.headerData(0, Qt.Orientation.Vertical) == "2", "spreadsheet row numbers"
    # Row 4's address cannot be used: its cells say so before anything is imported.
    assert model.index(2, EMAIL).data(Qt.ItemDataRole.ForegroundRole) == ERROR_COLOUR
    assert model.index(2, FIRST_NAME).data(Qt.ItemDataRole.ToolTipRole) == (
        "Skipped: nothing comes after the @"
    )
    assert model.index(0, EMAIL).data(Qt.ItemDataRole.ForegroundRole) is None
    rows_label = dialog.file_page.csv_preview.rows_label.text()
    assert rows_label.startswith("Showing all 5 rows.") and "empty columns are hidden" in rows_label

    # The wheel scrolls past the combo boxes; it does not change them on the way.
    wheel = QWheelEvent(
        QPointF(5, 5),
        QPointF(5, 5),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(dialog.mapping_combo(EMAIL), wheel)
    assert shown(dialog, EMAIL) == Field.EMAIL

    # One column per field: taking Email for the second address frees the first column.
    choose(qtbot, dialog, EMAIL_2, Field.EMAIL)
    assert shown(dialog, EMAIL) is None
    assert shown(dialog, EMAIL_2) == Field.EMAIL
    assert dialog.status.summary_label.text().startswith("5 people found: 1 new.")
    choose(qtbot, dialog, EMAIL, Field.EMAIL)
    assert shown(dialog, EMAIL_2) is None
    choose(qtbot, dialog, COMPANY, None)
    assert model.index(0, COMPANY).data(Qt.ItemDataRole.ForegroundRole) is not None

    report = run_import(qtbot, dialog)

    assert (report.added, report.updated, report.unchanged, len(report.skipped)) == (2, 0, 1, 2)
    assert dialog.report_view.summary_label.text() == (
        "Added 2 · Updated 0 · Already members 1 · Skipped 2"
    )
    assert rows(dialog.report_view.skipped_list) == [
        ["Row 4", "dai@", "Nothing comes after the @"],
        ["Row 5", "—", "No email address"],
    ]
    assert rows(dialog.report_view.kept_list) == [
        ["Ann.Jones@example.org", "Name", "Ann Jones", "A. Jones"]
    ]
    assert dialog.done_button.isVisible() and not dialog.import_button.isVisible()
    sian = find_member(db, group.id, "sian@example.org")
    assert (sian.name, sian.organisation, sian.tags) == (
        "Siân Roberts",
        "",
        ("Welsh language", "rural"),
    )
    assert find_member(db, group.id, "owen@example.org").source == "Outlook contacts.csv"
    assert find_member(db, group.id, "ann.jones@example.org").name == "Ann Jones"

    qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_long_file_shows_its_first_rows(
    qtbot: QtBot, make_dialog: DialogFactory, tmp_path: Path
) -> None:
    dialog = make_dialog()
    lines = ["Name,Email"] + [f"Person {n},p{n}@example.org" for n in range(120)]
    tally = load(qtbot, dialog, write(tmp_path, "long.csv", "\r\n".join(lines).encode()))
    assert tally is not None and tally.found == 120
    preview = dialog.file_page.csv_preview
    assert preview.model is not None and preview.model.rowCount() == 50
    assert preview.rows_label.text() == "Showing the first 50 of 120 rows."
    assert not preview.show_all.isVisible()
    assert dialog.status.summary_label.text() == "120 people found: 120 new."


def test_rows_in_another_encoding_are_named_in_the_preview_and_the_report(
    qtbot: QtBot, make_dialog: DialogFactory, tmp_path: Path, db: Database, group: Group
) -> None:
    # A UTF-8 file with one row pasted in from a Windows-1252 one (issue 12, defect 9).
    data = (
        "Name,Email\r\nLlŷr Ifans,llyr@example.org\r\n".encode()
        + "Siân Roberts,sian@example.org\r\n".encode("cp1252")
    )
    dialog = make_dialog()
    load(qtbot, dialog, write(tmp_path, "mixed.csv", data))
    note = (
        "Some of this file was not in UTF-8 like the rest, so Pont read it as Windows-1252; "
        "check that the letters look right in row 3."
    )
    assert dialog.file_page.file_info.text() == (
        f"Read as Unicode (UTF-8), separated by commas. {note}"
    )

    report = run_import(qtbot, dialog)

    assert report.added == 2
    assert dialog.report_view.letters_label.isVisible()
    assert dialog.report_view.letters_label.text() == note
    assert find_member(db, group.id, "sian@example.org").name == "Siân Roberts"


def test_csv_without_an_email_column_asks_for_one(
    qtbot: QtBot, make_dialog: DialogFactory, tmp_path: Path
) -> None:
    dialog = make_dialog()
    data = "Name;Phone;Town\r\nAnn Jones;01234 567890;Cardiff\r\nBob;07700 900123;Bangor\r\n"
    path = write(tmp_path, "phone list.csv", data.encode("utf-8-sig"))

    assert load(qtbot, dialog, path) is None

    assert dialog.file_page.file_info.text() == "Read as Unicode (UTF-8), separated by semicolons."
    assert "Choose which column holds the email addresses" in dialog.status.summary_label.text()
    assert dialog.status.summary_label.isVisible()
    assert not dialog.import_button.isEnabled()
    assert [shown(dialog, c) for c in range(3)] == [Field.NAME, None, None]

    # A column of phone numbers is no use either: still nothing to import.
    choose(qtbot, dialog, 1, Field.EMAIL)
    assert "none with a usable address" in dialog.status.summary_label.text()
    assert not dialog.import_button.isEnabled()
    dialog.start_import()  # refused: nothing to import
    assert dialog.report is None
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_reading_a_file_leaves_the_window_free(
    qtbot: QtBot, make_dialog: DialogFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    release = threading.Event()
    real_read = import_dialog.read_file

    def slow_read(*args: object) -> Source:
        release.wait(WAIT_MS / 1000)
        return real_read(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(import_dialog, "read_file", slow_read)
    dialog = make_dialog()
    path = write(tmp_path, "big.csv", b"Email\r\nowen@example.org\r\n")
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS):
        dialog.load_file(path)
        qtbot.waitUntil(dialog.status.busy_bar.isVisible)
        assert dialog.status.busy_label.text() == "Reading big.csv…"
        assert dialog.cancel_button.isEnabled() and dialog.tabs.isEnabled()
        assert not dialog.import_button.isEnabled()
        release.set()
    assert not dialog.status.busy_bar.isVisible()
    assert dialog.import_button.isEnabled()


def test_a_picture_is_refused_in_plain_words(
    qtbot: QtBot, make_dialog: DialogFactory, tmp_path: Path, db: Database, group: Group, ann: None
) -> None:
    dialog = make_dialog()
    path = write(tmp_path, "photo.csv", PNG)

    with qtbot.waitSignal(dialog.error_shown, timeout=WAIT_MS) as blocker:
        dialog.load_file(path)

    message = blocker.args[0]
    assert message.startswith("This file is a PNG picture, not a list of contacts;")
    assert dialog.status.error_label.isVisible() and dialog.status.error_label.text() == message
    assert "Traceback" not in message
    assert not dialog.import_button.isEnabled()
    assert [m.email for m in list_members(db, group.id)] == ["ann.jones@example.org"]

    # A good file afterwards clears the problem.
    load(qtbot, dialog, write(tmp_path, "ok.csv", b"Email\r\nowen@example.org\r\n"))
    assert not dialog.status.error_label.isVisible()
    assert dialog.import_button.isEnabled()


def test_pasted_list_with_a_bad_address(
    qtbot: QtBot, make_dialog: DialogFactory, db: Database, group: Group, ann: None
) -> None:
    dialog = make_dialog(paste=True)
    assert dialog.tabs.currentIndex() == PASTE_TAB
    assert dialog.focusWidget() is dialog.paste_page.paste_edit
    text = (
        'Ann Jones <ann.jones@example.org>, "Evans, Dai" <dai@example.org>; carol@example\n'
        "Jones, Mary <mary@example.org>\n"
    )
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS) as blocker:
        dialog.set_pasted_text(text)

    assert blocker.args[0].found == 4
    assert dialog.status.summary_label.text() == (
        "4 people found: 2 new, 1 already a member. 1 without a usable address will be skipped."
    )
    people = dialog.paste_page.people
    # Most names have a comma: offered, and listed as the import will write them.
    assert dialog.name_order_check.isVisible() and dialog.name_order_check.isChecked()
    assert [people.index(r, PeopleColumn.NAME).data() for r in range(4)] == [
        "Ann Jones",
        "Dai Evans",
        "",
        "Mary Jones",
    ]
    dialog.name_order_check.setChecked(False)
    assert people.index(1, PeopleColumn.NAME).data() == "Evans, Dai"
    dialog.name_order_check.setChecked(True)
    assert people.index(0, PeopleColumn.OUTCOME).data() == "Already a member"
    assert people.index(2, PeopleColumn.OUTCOME).data().startswith("Skipped: ")

    report = run_import(qtbot, dialog)

    assert (report.added, report.unchanged) == (2, 1)
    skipped = rows(dialog.report_view.skipped_list)
    assert len(skipped) == 1 and skipped[0][:2] == ["Item 3", "carol@example"]
    assert dialog.report_view.kept_list.isHidden()
    assert unnamed_controls(dialog) == []
    # Two of the three names were written surname first: turned, as the dialog offered.
    assert find_member(db, group.id, "dai@example.org").name == "Dai Evans"
    assert find_member(db, group.id, "mary@example.org").name == "Mary Jones"
    assert find_member(db, group.id, "mary@example.org").source == "pasted text"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_typing_in_the_paste_box_previews_after_a_pause(
    qtbot: QtBot, make_dialog: DialogFactory
) -> None:
    dialog = make_dialog(paste=True)
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS) as blocker:
        qtbot.keyClicks(dialog.paste_page.paste_edit, "owen@example.org")
    assert blocker.args[0].found == 1
    assert dialog.import_button.isEnabled()


def test_vcard_file(
    qtbot: QtBot,
    qtmodeltester: object,
    make_dialog: DialogFactory,
    tmp_path: Path,
    db: Database,
    group: Group,
) -> None:
    dialog = make_dialog()
    tally = load(qtbot, dialog, write(tmp_path, "contacts.vcf", VCARDS))

    assert tally is not None and tally.found == 2
    assert dialog.file_page.file_info.text() == "Read as address-book cards (vCard)."
    assert dialog.file_page.stack.currentWidget() is dialog.file_page.people_view
    people = dialog.file_page.people
    qtmodeltester.check(people)  # type: ignore[attr-defined]
    assert people.headerData(0, Qt.Orientation.Vertical) == "Card 1"
    assert [people.index(0, c).data() for c in PeopleColumn] == [
        "Gwen Morgan",
        "gwen@example.org",
        "Bangor University",
        "Added",
    ]
    assert people.index(1, PeopleColumn.OUTCOME).data() == "Skipped: no email address"

    report = run_import(qtbot, dialog)

    assert (report.added, len(report.skipped)) == (1, 1)
    gwen = find_member(db, group.id, "gwen@example.org")
    assert (gwen.name, gwen.organisation, gwen.source) == (
        "Gwen Morgan",
        "Bangor University",
        "contacts.vcf",
    )


def test_nothing_new_means_rejected(
    qtbot: QtBot, make_dialog: DialogFactory, db: Database, group: Group, ann: None
) -> None:
    dialog = make_dialog(paste=True)
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS):
        dialog.set_pasted_text("ann.jones@example.org")
    report = run_import(qtbot, dialog)
    assert dialog.report_view.summary_label.text() == (
        "Added 0 · Updated 0 · Already members 1 · Skipped 0"
    )
    assert dialog.report_view.detail_label.text() == "Nothing was changed in Wellbeing Network."
    assert report.added + report.updated == 0
    qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected


@pytest.mark.parametrize(
    ("failure", "said"),
    [
        (
            ProfileLocked("Pont's data is in use by another Pont window or program."),
            "Pont's data is in use by another Pont window or program. Nothing was changed.",
        ),
        # A bug: the worker says only that, and the dialog knows the import changed nothing.
        (
            RuntimeError("a bug"),
            "Something went wrong inside Pont (RuntimeError). Nothing was changed.",
        ),
    ],
)
@pytest.mark.qt_no_exception_capture  # the worker re-raises a bug, for the log
def test_a_failed_import_says_so_and_changes_nothing(
    qtbot: QtBot,
    make_dialog: DialogFactory,
    monkeypatch: pytest.MonkeyPatch,
    db: Database,
    group: Group,
    failure: Exception,
    said: str,
) -> None:
    def failing(*_args: object, **_kwargs: object) -> ImportReport:
        raise failure

    monkeypatch.setattr(import_sources, "import_contacts", failing)
    dialog = make_dialog(paste=True)
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS):
        dialog.set_pasted_text("owen@example.org")
    with qtbot.waitSignal(dialog.error_shown, timeout=WAIT_MS) as blocker:
        dialog.start_import()

    assert blocker.args[0] == said
    assert dialog.status.error_label.isVisible()
    assert dialog.import_button.isEnabled(), "the coordinator can try again"
    assert dialog.tabs.isEnabled() and dialog.cancel_button.isEnabled()
    assert list_members(db, group.id) == []


def test_the_dialog_stays_open_while_importing(
    qtbot: QtBot, make_dialog: DialogFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real_import = import_sources.import_contacts

    def slow_import(*args: object, **kwargs: object) -> ImportReport:
        release.wait(WAIT_MS / 1000)
        return real_import(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(import_sources, "import_contacts", slow_import)
    dialog = make_dialog(paste=True)
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS):
        dialog.set_pasted_text("owen@example.org")
    with qtbot.waitSignal(dialog.import_finished, timeout=WAIT_MS):
        dialog.start_import()
        assert (
            dialog.status.busy_bar.isVisible()
            and dialog.status.busy_label.text() == "Adding the members…"
        )
        assert not dialog.import_button.isEnabled() and not dialog.cancel_button.isEnabled()
        assert not dialog.tabs.isEnabled()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        dialog.close()
        assert dialog.isVisible(), "closing now would hide the report"
        release.set()
    assert dialog.isVisible() and dialog.report is not None
    assert not dialog.status.busy_bar.isVisible()


def test_choose_file_offers_contact_lists(
    qtbot: QtBot, make_dialog: DialogFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = write(tmp_path, "list.txt", b"Ann Jones <ann@example.org>, bob@example.org\r\n")
    asked: list[str] = []

    def get_open_file_name(
        _parent: QWidget, _title: str, _folder: str, filters: str
    ) -> tuple[str, str]:
        asked.append(filters)
        return str(path), filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(get_open_file_name))
    dialog = make_dialog(paste=True)
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(dialog.tabs.tabBar(), Qt.MouseButton.LeftButton, pos=QPoint(20, 10))
        qtbot.mouseClick(dialog.file_page.choose_button, Qt.MouseButton.LeftButton)

    assert asked == ["Contact lists (*.csv *.txt *.vcf *.vcard);;All files (*)"]
    assert blocker.args[0].found == 2
    assert dialog.file_page.file_info.text() == "Read as a list of addresses."


def test_a_dropped_file_is_read(qtbot: QtBot, make_dialog: DialogFactory, tmp_path: Path) -> None:
    dialog = make_dialog(paste=True)
    path = write(tmp_path, "dropped.csv", b"Name,Email\r\nOwen,owen@example.org\r\n")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS):
        dialog.dropEvent(drop)
    assert dialog.tabs.currentIndex() == FILE_TAB
    assert dialog.file_page.file_label.text() == "dropped.csv"
    assert shown(dialog, 1) == Field.EMAIL


def test_every_control_is_named_and_reachable_by_keyboard(
    qtbot: QtBot, make_dialog: DialogFactory, tmp_path: Path
) -> None:
    dialog = make_dialog()
    load(qtbot, dialog, write(tmp_path, "o.csv", outlook_csv(OUTLOOK_PEOPLE)))
    assert unnamed_controls(dialog) == []
    assert "&" in dialog.import_button.text() and "&" in dialog.file_page.choose_button.text()

    # Tab goes from Choose file through the column choices (the email column first), the
    # table and the check box, to Import and Cancel.
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    dialog.file_page.choose_button.setFocus()
    order = []
    for _ in range(20):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    preview = dialog.file_page.csv_preview
    shown = [c for c in range(len(OUTLOOK_HEADERS)) if not preview.header.isSectionHidden(c)]
    combos = [dialog.mapping_combo(c) for c in sorted(shown, key=preview.header.visualIndex)]
    assert combos[0] is dialog.mapping_combo(EMAIL)
    expected = [*combos, preview.view, preview.show_all, dialog.import_button]
    assert [w.accessibleName() for w in order[: len(expected)]] == [
        w.accessibleName() for w in expected
    ]
    assert order[: len(expected)] == expected


def test_the_report_can_be_copied_and_saved(
    qtbot: QtBot,
    make_dialog: DialogFactory,
    db: Database,
    group: Group,
    ann: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = make_dialog(paste=True)
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS):
        dialog.set_pasted_text("Ann Jones <ann.jones@example.org>, dai@example.org, carol@example")
    run_import(qtbot, dialog)
    view = dialog.report_view

    qtbot.mouseClick(view.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert copied.startswith("Added 1 · Updated 0 · Already members 1 · Skipped 1\n")
    assert "Item 3\tcarol@example\tThe part after the @ is not a whole domain name" in copied
    assert "Where\tAddress\tWhy it was skipped" in copied
    assert view.result_label.text().startswith("Copied")

    target = tmp_path / "report.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert target.read_text(encoding="utf-8") == copied
    assert view.result_label.text() == "Saved as report.txt."

    # A folder that cannot be written to: said, nothing lost.
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "no" / "r.txt"), "")
    )
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert view.result_label.text().startswith("Could not save the report: ")


SURNAMES_FIRST = (
    'Name,Email\r\n"Evans, Dai",dai@example.org\r\n"Roberts, Siân",sian@example.org\r\n'
    '"Jones, Jr.",junior@example.org\r\nLlŷr Williams,llyr@example.org\r\n'
).encode()


def test_names_written_surname_first_are_offered_the_right_way_round(
    qtbot: QtBot, make_dialog: DialogFactory, tmp_path: Path, db: Database, group: Group
) -> None:
    dialog = make_dialog()
    tally = load(qtbot, dialog, write(tmp_path, "hr.csv", SURNAMES_FIRST))
    assert tally is not None and tally.surname_first == "Evans, Dai"
    check = dialog.name_order_check
    assert check.isVisible() and check.isChecked()
    assert check.text() == "Put first &names first (Evans, Dai → Dai Evans)"
    assert unnamed_controls(dialog) == []

    run_import(qtbot, dialog)
    assert not check.isVisible()  # the report is on show
    names = {m.email: m.name for m in list_members(db, group.id)}
    assert names == {
        "dai@example.org": "Dai Evans",
        "sian@example.org": "Siân Roberts",
        "junior@example.org": "Jones, Jr.",  # a suffix, not a first name
        "llyr@example.org": "Llŷr Williams",
    }


def test_unticking_keeps_the_names_as_the_file_has_them(
    qtbot: QtBot, make_dialog: DialogFactory, tmp_path: Path, db: Database, group: Group
) -> None:
    dialog = make_dialog()
    load(qtbot, dialog, write(tmp_path, "hr.csv", SURNAMES_FIRST))
    check = dialog.name_order_check
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))
    assert not check.isChecked()
    run_import(qtbot, dialog)
    assert find_member(db, group.id, "dai@example.org").name == "Evans, Dai"


def test_name_order_is_not_offered_when_few_names_have_a_comma(
    qtbot: QtBot, make_dialog: DialogFactory, tmp_path: Path, db: Database, group: Group
) -> None:
    dialog = make_dialog()
    data = b'Name,Email\r\n"Evans, Dai",dai@example.org\r\nAnn Jones,ann@example.org\r\n'
    load(qtbot, dialog, write(tmp_path, "few.csv", data))
    assert dialog.name_order_check.isHidden()
    run_import(qtbot, dialog)
    assert find_member(db, group.id, "dai@example.org").name == "Evans, Dai"


def test_a_hostile_name_in_the_offer_is_one_short_line_without_an_access_key(
    qtbot: QtBot, make_dialog: DialogFactory, tmp_path: Path
) -> None:
    dialog = make_dialog()
    name = "Smith & Sons\x1b[31m" + "x" * 5_000 + ", Ann"
    data = f'Name,Email\r\n"{name}",ann@example.org\r\n'.encode()
    load(qtbot, dialog, write(tmp_path, "hostile.csv", data))
    text = dialog.name_order_check.text()
    assert "Smith && Sons" in text and "\x1b" not in text
    assert text.count("&") - 2 * text.count("&&") == 1  # only the offer's own access key
    assert len(text) < 200
