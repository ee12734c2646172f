"""“Ask your IT team”: the letter asking an administrator to approve Pont in Microsoft 365,
shown in English, Welsh or both, to copy, save or send from the coordinator's email program."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, QTranslator, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QTextOption
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pont.core.errors import AdminApprovalRequired, MicrosoftSignInNotSetUp
from pont.core.mail.microsoft.consent_address import LetterDetails
from pont.core.mail.microsoft.consent_letter import (
    ConsentLetter,
    LetterChoice,
    letter_languages,
    mailto_address,
    write_consent_letter,
)
from pont.core.mail.microsoft.letter_layout import Translation
from pont.ui.language import current_language, translation_file
from pont.ui.widgets.look import ERROR_COLOUR, WrappedLabel, set_text_colour, tab_to_checked

if TYPE_CHECKING:
    from pont.core.mail.microsoft.setup import MicrosoftSetup

_UNSAFE_IN_FILE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


class ConsentLetterDialog(QDialog):
    """Shows the letter for the coordinator's IT team and lets them copy it, save it as text
    or as a web page, or open it as a new message in their email program. The letter is in
    English, in Welsh, or in both (Welsh first); it starts in both when the window speaks
    Welsh, else in English."""

    def __init__(
        self,
        parent: QWidget | None,
        details: LetterDetails,
        choice: LetterChoice | None = None,
    ) -> None:
        super().__init__(parent)
        self._details = details
        self._welsh = self._load_welsh()
        self.setWindowTitle(self.tr("Ask your IT team"))
        self.setMinimumWidth(640)
        self.resize(720, 640)

        self.intro_label = WrappedLabel(
            self.tr(
                "Your organisation needs an administrator to allow Pont. Send them this letter."
            )
        )
        font = self.intro_label.font()
        font.setBold(True)
        self.intro_label.setFont(font)
        if details.client_id.strip():
            after = self.tr("When they tell you Pont is approved, sign in again.")
        else:
            after = self.tr("When they have set Pont up, they will tell you what to do next.")
        self.next_step_label = WrappedLabel(
            self.tr(
                "Send it to your IT service desk, or whoever looks after Microsoft 365 where you "
                "work. It is written for them: you need not follow every word. {after}"
            ).format(after=after)
        )
        set_text_colour(self.next_step_label, None)

        self.english_button = QRadioButton("English")
        self.welsh_button = QRadioButton("Cymraeg")
        self.both_button = QRadioButton(self.tr("Both, Welsh first"))
        self._choices = QButtonGroup(self)
        language_row = QHBoxLayout()
        language_row.addWidget(QLabel(self.tr("Language of the letter:")))
        for button, value in (
            (self.english_button, LetterChoice.ENGLISH),
            (self.welsh_button, LetterChoice.WELSH),
            (self.both_button, LetterChoice.BOTH),
        ):
            button.setProperty("choice", value.value)
            self._choices.addButton(button)
            language_row.addWidget(button)
        language_row.addStretch(1)
        tab_to_checked(self._choices)
        for button in (self.welsh_button, self.both_button):
            button.setEnabled(self._welsh is not None)

        self.letter_view = QTextBrowser()
        self.letter_view.setOpenExternalLinks(True)
        self.letter_view.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.letter_view.setAccessibleName(self.tr("The letter"))

        self.status_label = WrappedLabel()
        self.status_label.hide()

        self.buttons = QDialogButtonBox()
        self.copy_button = self._add_button(self.tr("&Copy"), self.copy_letter)
        self.save_button = self._add_button(self.tr("&Save as…"), self.choose_file)
        self.email_button = self._add_button(self.tr("&Email it"), self.email_letter)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.next_step_label)
        layout.addLayout(language_row)
        layout.addWidget(self.letter_view, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)

        if choice is None:
            welsh_window = current_language() == "cy" and self._welsh is not None
            choice = LetterChoice.BOTH if welsh_window else LetterChoice.ENGLISH
        self.set_choice(choice)
        self._choices.buttonToggled.connect(self._choice_toggled)

    def _add_button(self, text: str, action: Callable[[], object]) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setAutoDefault(False)
        button.clicked.connect(action)
        return button

    def _load_welsh(self) -> Translation | None:
        """Welsh from Pont's own translation, whatever language the window speaks: loaded
        for the letter alone, not installed."""
        translator = QTranslator(self)
        if not translator.load(str(translation_file("cy"))):
            return None

        def welsh(context: str, template: str) -> str:
            return translator.translate(context, template) or template

        return welsh

    def choice(self) -> LetterChoice:
        checked = self._choices.checkedButton()
        return LetterChoice(checked.property("choice")) if checked else LetterChoice.ENGLISH

    def set_choice(self, choice: LetterChoice) -> None:
        if choice is not LetterChoice.ENGLISH and self._welsh is None:
            choice = LetterChoice.ENGLISH
        button = {
            LetterChoice.ENGLISH: self.english_button,
            LetterChoice.WELSH: self.welsh_button,
            LetterChoice.BOTH: self.both_button,
        }[choice]
        button.setChecked(True)
        self._show(choice)

    def _choice_toggled(self, button: QRadioButton, checked: bool) -> None:
        if checked:
            self._show(self.choice())

    def _write(self, choice: LetterChoice) -> ConsentLetter:
        welsh = self._welsh or (lambda context, template: template)
        return write_consent_letter(self._details, letter_languages(choice, welsh))

    def _show(self, choice: LetterChoice) -> None:
        self.letter = self._write(choice)
        self.letter_view.setHtml(self.letter.html)
        self.status_label.hide()

    def _say(self, text: str, problem: bool = False) -> None:
        set_text_colour(self.status_label, ERROR_COLOUR if problem else None)
        self.status_label.setText(text)
        self.status_label.show()

    def _put_on_clipboard(self) -> None:
        # Plain text only: a QMimeData made in Python and still on the clipboard when the
        # interpreter exits crashes PySide 6.11 (setText's is made by Qt itself).
        QGuiApplication.clipboard().setText(self.letter.text)

    def copy_letter(self) -> None:
        self._put_on_clipboard()
        self._say(self.tr("The letter is copied: paste it into a new email to your IT team."))

    def choose_file(self) -> Path | None:
        """Ask where to save the letter (as text, or as a web page), and save it there."""
        text_filter = self.tr("Text (*.txt)")
        web_filter = self.tr("Web page (*.html)")
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = _UNSAFE_IN_FILE_NAME.sub("-", self.tr("Letter to IT about Pont"))
        chosen, used_filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the letter"),
            str(Path(folder) / f"{name}.txt"),
            f"{text_filter};;{web_filter}",
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() not in (".txt", ".html", ".htm"):
            path = path.with_name(path.name + (".html" if used_filter == web_filter else ".txt"))
        return path if self.save_to(path) else None

    def save_to(self, path: Path) -> bool:
        """Write the letter to path: HTML for .html or .htm, plain text otherwise."""
        web_page = path.suffix.lower() in (".html", ".htm")
        try:
            path.write_text(self.letter.html if web_page else self.letter.text, encoding="utf-8")
        except OSError as error:
            self._say(
                self.tr("Pont could not save the letter: {reason}").format(
                    reason=error.strerror or str(error)
                ),
                problem=True,
            )
            return False
        self._say(self.tr("Saved as {path}.").format(path=str(path)))
        return True

    def email_letter(self) -> bool:
        """Open a new message holding the letter in the coordinator's email program, with
        the letter on the clipboard too: some programs take only part of a long mailto."""
        self._put_on_clipboard()
        if QDesktopServices.openUrl(QUrl(mailto_address(self.letter))):
            self._say(
                self.tr(
                    "Your email program should open a new message with the letter: add your IT "
                    "team’s address and send it. If the message holds only part of the letter, "
                    "delete its text and paste: the whole letter is copied."
                )
            )
            return True
        self._say(
            self.tr(
                "Pont could not open your email program. The letter is copied: paste it into a "
                "new email to your IT team."
            ),
            problem=True,
        )
        return False


def ask_your_it_team(parent: QWidget | None, details: LetterDetails) -> None:
    """Show the letter until the coordinator closes it."""
    dialog = ConsentLetterDialog(parent, details)
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()


def letter_details(
    problem: AdminApprovalRequired | MicrosoftSignInNotSetUp, setup: MicrosoftSetup, email: str
) -> LetterDetails:
    """What the IT team's letter needs: the approval Microsoft asked for, or (this copy of
    Pont having no registration) every permission, for a registration of their own."""
    from pont.core.mail.providers import email_domain
    from pont.core.mail.tokens import Permission

    email = email.strip()
    tenant, asked = email_domain(email), tuple(Permission)
    if isinstance(problem, AdminApprovalRequired):
        email, tenant = problem.email, problem.tenant or tenant
        known = {p.value: p for p in Permission}
        asked = tuple(known[name] for name in problem.permissions if name in known) or asked
    return LetterDetails(
        coordinator_name="",
        coordinator_email=email,
        organisation_domain=email_domain(email),
        tenant=tenant,
        client_id=setup.client_id,
        authority=setup.authority_host,
        permissions=asked,
        redirect_uri=setup.redirect_uri,
        mailbox_resource=setup.mailbox_resource,
        graph_resource=setup.graph_resource,
    )
