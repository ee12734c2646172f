"""The “Ask your IT team” dialog: the letter in the language chosen, copied, saved and handed
to the email program."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import translations
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from pont.core.mail.microsoft.consent_address import LetterDetails
from pont.core.mail.microsoft.consent_letter import LetterChoice
from pont.ui.accounts.consent_letter import ConsentLetterDialog
from pont.ui.language import install_language

DETAILS = LetterDetails(
    coordinator_name="Siân Roberts",
    coordinator_email="sian.roberts@example-health.wales",
    tenant="example-health.wales",
    client_id="0b3f9a5e-7c1d-4e2a-9f60-1a2b3c4d5e6f",
)
WELSH_HEADING = "Beth yw Pont"
ENGLISH_HEADING = "What Pont is"


@pytest.fixture(scope="module", autouse=True)
def compiled_translations() -> None:
    """The .qm the dialog loads its Welsh from (dev.py compiles them too)."""
    translations.compile_all()


@pytest.fixture
def dialog(qtbot: QtBot) -> ConsentLetterDialog:
    shown = ConsentLetterDialog(None, DETAILS)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_switching_language_changes_the_letter(dialog: ConsentLetterDialog) -> None:
    assert dialog.choice() is LetterChoice.ENGLISH  # the window speaks English
    english = dialog.letter_view.toPlainText()
    assert ENGLISH_HEADING in english and WELSH_HEADING not in english

    dialog.welsh_button.click()
    welsh = dialog.letter_view.toPlainText()
    assert WELSH_HEADING in welsh and ENGLISH_HEADING not in welsh
    assert "Cais i gymeradwyo Pont yn Microsoft 365" in welsh

    dialog.both_button.click()
    both = dialog.letter_view.toPlainText()
    assert both.index(WELSH_HEADING) < both.index(ENGLISH_HEADING)
    assert dialog.letter.subject.startswith("Cais i gymeradwyo ap Pont")

    dialog.english_button.click()
    assert dialog.letter_view.toPlainText() == english


def test_a_welsh_window_starts_with_both_languages(qtbot: QtBot, qapp: QApplication) -> None:
    assert install_language(qapp, "cy")  # conftest's english_again undoes it
    shown = ConsentLetterDialog(None, DETAILS)
    qtbot.addWidget(shown)
    assert shown.choice() is LetterChoice.BOTH
    assert shown.windowTitle() == "Gofynnwch i’ch tîm TG"


def test_copy_puts_the_letter_on_the_clipboard(dialog: ConsentLetterDialog) -> None:
    clipboard = QGuiApplication.clipboard()
    clipboard.clear()
    dialog.welsh_button.click()
    dialog.copy_button.click()
    assert clipboard.text() == dialog.letter.text
    assert WELSH_HEADING in clipboard.text()
    assert dialog.status_label.isVisible()


@pytest.mark.parametrize(
    ("typed", "chosen_filter", "saved", "html"),
    [
        ("letter", "Text (*.txt)", "letter.txt", False),
        ("letter", "Web page (*.html)", "letter.html", True),
        ("letter.html", "Text (*.txt)", "letter.html", True),
    ],
)
def test_save_writes_the_file(
    dialog: ConsentLetterDialog,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    typed: str,
    chosen_filter: str,
    saved: str,
    html: bool,
) -> None:
    # Stands in for the person choosing a file in the system's dialog.
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / typed), chosen_filter)
    )
    dialog.save_button.click()
    written = (tmp_path / saved).read_text(encoding="utf-8")
    assert written == (dialog.letter.html if html else dialog.letter.text)
    assert str(tmp_path / saved) in dialog.status_label.text()


def test_a_file_that_cannot_be_written_is_said_so(
    dialog: ConsentLetterDialog, tmp_path: Path
) -> None:
    assert not dialog.save_to(tmp_path / "no such folder" / "letter.txt")
    assert dialog.status_label.isVisible()
    assert dialog.status_label.text().startswith("Pont could not save the letter:")


class MailtoCatcher(QObject):
    """The email program, as Qt hands it a mailto: address."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def open_mail(self, url: QUrl) -> None:
        self.opened.append(url)


@pytest.fixture
def email_program() -> Iterator[MailtoCatcher]:
    catcher = MailtoCatcher()
    QDesktopServices.setUrlHandler("mailto", catcher, "open_mail")
    yield catcher
    QDesktopServices.unsetUrlHandler("mailto")


def test_email_it_opens_a_new_message_to_nobody(
    dialog: ConsentLetterDialog, email_program: MailtoCatcher
) -> None:
    QGuiApplication.clipboard().clear()
    dialog.email_button.click()
    [url] = email_program.opened
    parts = urlsplit(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))
    assert (parts.scheme, parts.path) == ("mailto", "")
    fields = parse_qs(parts.query, strict_parsing=True)
    assert fields["subject"] == [dialog.letter.subject]
    assert fields["body"] == [dialog.letter.text.replace("\n", "\r\n")]
    assert QGuiApplication.clipboard().text() == dialog.letter.text
