"""The dialog that connects Pont to the coordinator's mailbox: address and password, the
server settings by hand when Pont cannot find them, and a certificate to trust if need be."""

from __future__ import annotations

import webbrowser
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pont.core.errors import (
    AdminApprovalRequired,
    CertificateNotTrusted,
    KeyringUnavailable,
    MailError,
    MicrosoftSignInNotSetUp,
    PontError,
    SettingsNotFound,
)
from pont.core.mail.accounts import Account, AccountSettings, ServerSettings
from pont.core.mail.providers import find_provider
from pont.core.members.addresses import checked_address
from pont.ui.accounts.jobs import (
    ConnectRequest,
    JobReports,
    MicrosoftRequest,
    connect,
    discover,
    sign_in_and_connect,
)
from pont.ui.accounts.pages import CertificatePage, connected_summary, microsoft_summary
from pont.ui.accounts.server_form import ServerSettingsForm, first_guess
from pont.ui.accounts.session_passwords import SessionPasswords
from pont.ui.accounts.sign_in_advice import (
    SignInChoice,
    SignInFinder,
    advice_markup,
    linked,
    looked_up_advice,
)
from pont.ui.help.guide import Section, add_help_button
from pont.ui.language import describe, shown
from pont.ui.widgets.look import WrappedLabel, problem_label
from pont.ui.widgets.page_stack import PageStack, page_of
from pont.ui.widgets.workers import start_worker

if TYPE_CHECKING:
    from pont.core.mail.microsoft.connect import Connected
    from pont.core.mail.microsoft.consent_address import LetterDetails
    from pont.core.mail.microsoft.setup import MicrosoftSetup

# Saves the settings that worked; returns the account as stored or raises PontError.
AccountSaver = Callable[[AccountSettings], Account]
# Finds settings that work for (email, password, report, trusted fingerprints).
SettingsFinder = Callable[[str, str, Callable[[str], None], frozenset[str]], AccountSettings]
_SHOWN_LINES = 4


class AccountDialog(QDialog):
    """Connects Pont to a mailbox. Both logins are tested, off the GUI thread with each step
    shown, before anything is saved; the password then goes to the keyring (or, with no
    keyring, is kept for this session only). Cancel works at any moment.

    Signals:
        account_saved(object): the Account as stored; its password is kept.
        attempt_finished(): a connection attempt has ended, whatever its outcome.
    """

    account_saved = Signal(object)
    attempt_finished = Signal()

    SIGN_IN, MANUAL, CERTIFICATE, DONE = range(4)

    def __init__(
        self,
        parent: QWidget | None,
        save: AccountSaver,
        passwords: SessionPasswords,
        owner: QObject | None = None,
        find: SettingsFinder = discover,
        first_run: bool = False,
        microsoft_setup: Callable[[], MicrosoftSetup] | None = None,
        look_up: SignInFinder = looked_up_advice,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._microsoft_setup = microsoft_setup
        # How the address typed signs in, known from the table or looked up on a thread.
        self.sign_in_choice = SignInChoice(self, look_up)
        # Opens Microsoft's sign-in page; tests play the browser in its place.
        self.open_browser: Callable[[str], bool] = webbrowser.open
        self._passwords = passwords
        # Background attempts belong to an object that outlives the dialog (Cancel closes
        # it at once; the attempt winds down on its own).
        self._owner = owner or self
        self._find = find
        self._reports: JobReports[str] | None = None
        self._request: ConnectRequest | None = None
        self._trusted: set[str] = set()
        self._lines: list[str] = []
        self._problem = ""
        self._certificate_return = self.SIGN_IN
        # The incoming and outgoing servers Pont put in the manual form from the address.
        self._guessed: tuple[ServerSettings, ServerSettings] | None = None
        self.account: Account | None = None
        self.setWindowTitle(self.tr("Set up your mail account"))
        self.setMinimumWidth(580)

        intro = self.tr(
            "Pont reads the group’s messages from your own mailbox and sends the group’s mail "
            "from it. Type the address and password you use for your email: Pont finds the "
            "rest and checks that both work."
        )
        manual_intro = self.tr(
            "Type the address and password you use for your email, and your provider’s "
            "server settings. Pont checks that both servers work before saving anything."
        )
        microsoft_intro = self.tr(
            "Pont reads the group’s messages from your own mailbox and sends the group’s mail "
            "from it, once you sign in with Microsoft and allow it."
        )
        later = (
            " " + self.tr("You can also do this later, from the Mail menu.") if first_run else ""
        )
        self._intros = (intro + later, manual_intro + later, microsoft_intro + later)
        self.intro_label = WrappedLabel(self._intros[0])

        self.email_edit = QLineEdit()
        self.email_edit.setAccessibleName(self.tr("Email address"))
        self.email_edit.setPlaceholderText(self.tr("name@example.org"))
        self.password_edit = QLineEdit()
        self.password_edit.setAccessibleName(self.tr("Password"))
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_password = QCheckBox(self.tr("&Show password"))
        self.show_password.toggled.connect(self._show_password_toggled)
        self.credentials = QWidget()
        credentials_form = QFormLayout(self.credentials)
        credentials_form.setContentsMargins(0, 0, 0, 0)
        credentials_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        credentials_form.addRow(self.tr("&Email address:"), self.email_edit)
        credentials_form.addRow(self.tr("&Password:"), self.password_edit)
        credentials_form.addRow("", self.show_password)
        self._credentials_form = credentials_form
        # Before the first try: Microsoft's sign-in, or how to make an app password.
        self.sign_in_note = WrappedLabel()
        self.sign_in_note.setAccessibleName(self.tr("How this mailbox signs in"))
        self.sign_in_note.setTextFormat(Qt.TextFormat.RichText)
        self.sign_in_note.setOpenExternalLinks(True)
        self.sign_in_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.sign_in_note.hide()
        self.code_button = QPushButton(self.tr("No browser? Sign in with a &code instead…"))
        self.code_button.setToolTip(
            self.tr(
                "A fallback: you type a code on another device. Many organisations block it; "
                "use it only when no web browser opens here."
            )
        )
        self.code_button.clicked.connect(lambda: self.connect_account(device_code=True))
        self.code_button.hide()
        self.it_team_button = QPushButton(self.tr("Ask your &IT team…"))
        self.it_team_button.clicked.connect(self.ask_it_team)
        self.it_team_button.hide()
        # What the IT team's letter is for: an approval, or a registration of their own.
        self._approval: AdminApprovalRequired | MicrosoftSignInNotSetUp | None = None
        self.sign_in_choice.changed.connect(self._advice_changed)

        self.manual_button = QPushButton(self.tr("Enter server settings by &hand…"))
        self.manual_button.setToolTip(
            self.tr("For when your provider gave you server names and ports to use")
        )
        self.manual_button.clicked.connect(self.enter_settings_by_hand)
        self.server_form = ServerSettingsForm()
        self.find_button = QPushButton(self.tr("Let Pont &find the settings"))
        self.find_button.clicked.connect(lambda: self.show_page(self.SIGN_IN))
        self.certificate_page = CertificatePage()
        self.certificate_page.trusted.connect(self.trust_certificate)
        self.certificate_page.went_back.connect(lambda: self.show_page(self._certificate_return))
        self.done_label = WrappedLabel()
        self.done_label.setAccessibleName(self.tr("Connected"))
        self.done_label.setTextFormat(Qt.TextFormat.RichText)
        self.pages = PageStack()
        self.pages.addWidget(page_of(self.manual_button))
        self.pages.addWidget(page_of(self.server_form, self.find_button))
        self.pages.addWidget(self.certificate_page)
        self.pages.addWidget(page_of(self.done_label))

        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # each step takes as long as the server does
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setAccessibleName(self.tr("Connecting"))
        self.progress_label = WrappedLabel()
        self.progress_label.setAccessibleName(self.tr("What Pont is doing"))
        # Rich text: the sign-in page's address, shown in case no browser opens, is a link.
        self.progress_label.setTextFormat(Qt.TextFormat.RichText)
        self.progress_label.setOpenExternalLinks(True)
        self.progress_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.progress_row = QWidget()
        progress_layout = QHBoxLayout(self.progress_row)
        progress_layout.setContentsMargins(0, 0, 0, 0)
        progress_layout.addWidget(self.busy_bar, 0, Qt.AlignmentFlag.AlignTop)
        progress_layout.addWidget(self.progress_label, 1)
        self.progress_row.hide()
        self.error_label = problem_label(self.tr("Problem"))
        self.error_label.setTextFormat(Qt.TextFormat.RichText)
        self.error_label.setOpenExternalLinks(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)

        self.buttons = QDialogButtonBox()
        self.connect_button = QPushButton(self.tr("&Connect"))
        self.connect_button.setAccessibleName(self.tr("Connect to the mailbox"))
        self.buttons.addButton(self.connect_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.done_button = self.buttons.addButton(
            self.tr("&Done"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.done_button.hide()
        add_help_button(self.buttons, Section.ACCOUNT)
        self.connect_button.clicked.connect(self.connect_account)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.credentials)
        layout.addWidget(self.sign_in_note)
        layout.addWidget(self.pages)
        layout.addWidget(self.progress_row)
        layout.addWidget(self.error_label)
        it_row = QHBoxLayout()
        it_row.addWidget(self.code_button)
        it_row.addWidget(self.it_team_button)
        it_row.addStretch(1)
        layout.addLayout(it_row)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.email_edit.textChanged.connect(self._email_changed)
        self.password_edit.textChanged.connect(self._typed)
        self.server_form.changed.connect(self._typed)
        self.show_page(self.SIGN_IN)

    # -- what the person does -------------------------------------------------------------

    def show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        typing = page in (self.SIGN_IN, self.MANUAL)
        self._show_intro()
        self.intro_label.setVisible(typing)
        self.credentials.setVisible(typing)
        self.connect_button.setVisible(typing)
        self._hide_problem()
        self._show_advice()
        self._typed()
        if page == self.MANUAL:
            self.server_form.incoming.host_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        elif page == self.SIGN_IN:
            edit = self.password_edit if self.email_edit.text().strip() else self.email_edit
            edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def enter_settings_by_hand(self) -> None:
        """The manual form, filled with what Pont would try first for the address typed."""
        if not self.server_form.is_complete():
            self._fill_in_guess()
        self.show_page(self.MANUAL)

    def _fill_in_guess(self) -> None:
        guess = first_guess(self.email_edit.text().strip())
        self.server_form.set_settings(guess)
        self._guessed = (guess.imap, guess.smtp)

    def _guess_again(self) -> None:
        """Server names Pont guessed from the address before it changed, and nobody has
        typed over since, are guessed again from the new one."""
        email = self.email_edit.text().strip()
        if self._guessed is None or self.pages.currentIndex() != self.MANUAL:
            return
        shown = self.server_form.settings(email)
        if (shown.imap, shown.smtp) == self._guessed:
            guess = first_guess(email)
            self.server_form.incoming.set_server(guess.imap)
            self.server_form.outgoing.set_server(guess.smtp)
            self._guessed = (guess.imap, guess.smtp)

    def connect_account(self, device_code: bool = False) -> None:
        """Test both logins (or sign in with Microsoft) in the background; attempt_finished
        says when it is over."""
        if self._reports is not None or not self.connect_button.isEnabled():
            return
        email = self.email_edit.text().strip()
        try:
            checked_address(email)
        except PontError as error:
            self._show_problem(describe(error))
            self.email_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if self.signs_in_with_microsoft():
            self._start_microsoft(email, device_code)
            return
        manual = (
            self.server_form.settings(email) if self.pages.currentIndex() == self.MANUAL else None
        )
        self._start(ConnectRequest(email, self.password_edit.text(), manual, frozenset()))

    def trust_certificate(self) -> None:
        """Trust the certificate on show and try again, pinned to it."""
        if self._request is None or self._reports is not None:
            return
        self._trusted.add(self.certificate_page.fingerprint)
        request = self._request
        self.show_page(self._certificate_return)
        self._start(
            ConnectRequest(
                request.email, request.password, request.manual, frozenset(self._trusted)
            )
        )

    def reject(self) -> None:
        if self._reports is not None:
            self._reports.stop()  # the attempt ends at its next step; its result is ignored
            self._reports = None
        super().reject()

    def is_busy(self) -> bool:
        return self._reports is not None

    # -- the background attempt -----------------------------------------------------------

    def _start(self, request: ConnectRequest) -> None:
        reports: JobReports[str] = JobReports()
        self._request, self._reports = request, reports
        self._lines = []
        self.error_label.hide()
        self._set_busy(True)
        find = self._find

        def job(progress: Callable[[int, int], None]) -> AccountSettings | MailError:
            return connect(request, find, reports.sender(progress))

        start_worker(
            self._owner,
            job,
            lambda result: self._attempt_ended(reports, result),
            lambda message: self._attempt_ended(reports, PontError(message)),
            lambda _done, _total: self._progressed(reports),
        )

    def _start_microsoft(self, email: str, device_code: bool) -> None:
        from pont.core.mail.microsoft.routes import microsoft_settings

        try:
            setup = self._setup()
        except PontError as error:
            self._show_problem(describe(error))
            return
        provider = find_provider(email)
        settings = microsoft_settings(
            email,
            provider=provider.id if provider else "",
            **self._typed_servers(email),
        )
        request = MicrosoftRequest(email, setup, device_code, settings)
        reports: JobReports[str] = JobReports()
        self._reports = reports
        self._lines = []
        self._hide_problem()
        self._set_busy(True)
        open_browser = self.open_browser

        def job(progress: Callable[[int, int], None]) -> Connected | MailError:
            return sign_in_and_connect(
                request, open_browser, reports.sender(progress), reports.stop_event
            )

        start_worker(
            self._owner,
            job,
            lambda result: self._attempt_ended(reports, result),
            lambda message: self._attempt_ended(reports, PontError(message)),
            lambda _done, _total: self._progressed(reports),
        )

    def _setup(self) -> MicrosoftSetup:
        if self._microsoft_setup is not None:
            return self._microsoft_setup()
        from pont.core.mail.microsoft.setup import load_setup

        return load_setup()

    def _typed_servers(self, email: str) -> dict[str, ServerSettings]:
        """The servers typed on the manual page, which override Exchange Online's."""
        if self.pages.currentIndex() != self.MANUAL or not self.server_form.is_complete():
            return {}
        typed = self.server_form.settings(email)
        return {"imap": typed.imap, "smtp": typed.smtp}

    def ask_it_team(self) -> None:
        """The letter for the IT team, for the admin approval on show."""
        from pont.ui.accounts.consent_letter import ask_your_it_team

        details = self.it_team_letter()
        if details is not None:
            ask_your_it_team(self, details)

    def it_team_letter(self) -> LetterDetails | None:
        """What the IT team's letter would say about the problem on show; None for none."""
        if self._approval is None:
            return None
        from pont.ui.accounts.consent_letter import letter_details

        return letter_details(self._approval, self._setup(), self.email_edit.text())

    # -- how the address signs in -----------------------------------------------------------

    def signs_in_with_microsoft(self) -> bool:
        return self.sign_in_choice.microsoft

    def _email_changed(self) -> None:
        # What was said about another address no longer holds.
        if self.error_label.isVisible() and self._reports is None:
            self._hide_problem()
            self._fit_to_page()  # the problem's lines are given back
        self._guess_again()
        self.sign_in_choice.follow(self.email_edit.text().strip())
        self._typed()

    def _advice_changed(self) -> None:
        self._show_advice()
        self._typed()

    def _show_intro(self) -> None:
        if self.signs_in_with_microsoft():
            self.intro_label.setText(self._intros[2])
        else:
            self.intro_label.setText(
                self._intros[1 if self.pages.currentIndex() == self.MANUAL else 0]
            )

    def _show_advice(self) -> None:
        microsoft = self.signs_in_with_microsoft()
        self._show_intro()
        self._credentials_form.setRowVisible(self.password_edit, not microsoft)
        self._credentials_form.setRowVisible(self.show_password, not microsoft)
        self.code_button.setVisible(microsoft and self._typing())
        self.connect_button.setText(
            self.tr("Sign in with &Microsoft") if microsoft else self.tr("&Connect")
        )
        note = advice_markup(self.sign_in_choice.advice)
        self.sign_in_note.setText(note)
        self.sign_in_note.setVisible(bool(note) and self._typing())
        self._fit_to_page()

    def _typing(self) -> bool:
        return self.pages.currentIndex() in (self.SIGN_IN, self.MANUAL)

    def _current(self, reports: JobReports[str]) -> bool:
        return shiboken6.isValid(self) and reports is self._reports

    def _progressed(self, reports: JobReports[str]) -> None:
        line = reports.take()
        if line is None or not self._current(reports):
            return
        self._lines = [*self._lines, line][-_SHOWN_LINES:]
        self.progress_label.setText("<br>".join(linked(shown(line)) for line in self._lines))

    def _attempt_ended(
        self, reports: JobReports[str], result: AccountSettings | Connected | PontError
    ) -> None:
        if not self._current(reports):
            return
        self._reports = None
        self._set_busy(False)
        if isinstance(result, CertificateNotTrusted):
            self._show_certificate(result)
        elif isinstance(result, SettingsNotFound):
            self.enter_settings_by_hand()
            self._show_problem(describe(result))
        elif isinstance(result, PontError):
            self._show_problem(describe(result), result)
        elif isinstance(result, AccountSettings):
            self._save_account(result)
        else:
            self._save_account(result.settings, result.approval_needed)
        self.attempt_finished.emit()

    def _save_account(
        self, settings: AccountSettings, approval: AdminApprovalRequired | None = None
    ) -> None:
        try:
            account = self._save(settings)
        except PontError as error:
            self._show_problem(describe(error))
            return
        self.account = account
        if self.signs_in_with_microsoft():
            self.done_label.setText(microsoft_summary(account))
        else:
            self.done_label.setText(connected_summary(account, self._keep_password(account)))
        self.show_page(self.DONE)
        if approval is not None:  # it works without it; the IT team can allow the rest
            self._show_problem(describe(approval), approval)
        self.cancel_button.hide()
        self.done_button.show()
        self.done_button.setDefault(True)
        self.done_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.account_saved.emit(account)

    def _keep_password(self, account: Account) -> bool:
        """The password to the keyring (True), else to this session's memory."""
        password = self.password_edit.text()
        try:
            from pont.core.mail.credentials import store_password

            store_password(account.email, password)
        except KeyringUnavailable:
            self._passwords.put(account.email, password)
            return False
        return True

    # -- what the dialog shows ------------------------------------------------------------

    def _fit_to_page(self) -> None:
        layout = self.layout()
        layout.activate()
        # Wrapped labels: the height they need at the dialog's width, not at their sizeHint's.
        height = (
            layout.totalHeightForWidth(self.width())
            if layout.hasHeightForWidth()
            else self.sizeHint().height()
        )
        self.resize(self.width(), max(height, self.minimumSizeHint().height()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().height() > event.oldSize().height():
            self._keep_on_screen()

    def _keep_on_screen(self) -> None:
        """Grown downwards (the manual settings, a problem, advice), the dialog hung below
        the screen's edge with Connect out of sight: move it up, and on a screen too short
        even so, make it no taller than the screen."""
        screen = self.screen()
        if screen is None or not self.isVisible():
            return
        room = screen.availableGeometry()
        frame = self.frameGeometry()
        if frame.height() > room.height():
            decorations = frame.height() - self.height()
            self.resize(self.width(), room.height() - decorations)
            frame = self.frameGeometry()
        left = max(room.left(), min(frame.left(), room.right() + 1 - frame.width()))
        top = max(room.top(), min(frame.top(), room.bottom() + 1 - frame.height()))
        if (left, top) != (frame.left(), frame.top()):
            self.move(left, top)

    def _show_password_toggled(self, visible: bool) -> None:
        self.password_edit.setEchoMode(
            QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password
        )

    def _typed(self) -> None:
        password_given = self.signs_in_with_microsoft() or bool(self.password_edit.text())
        ready = bool(self.email_edit.text().strip() and password_given)
        if self.pages.currentIndex() == self.MANUAL:
            self.server_form.follow_email(self.email_edit.text())
            ready = ready and self.server_form.is_complete()
        self.connect_button.setEnabled(ready and self._reports is None)
        self.connect_button.setDefault(True)

    def _set_busy(self, busy: bool) -> None:
        self.credentials.setEnabled(not busy)
        self.code_button.setEnabled(not busy)
        self.pages.setEnabled(not busy)
        self.progress_label.setText("")
        self.progress_row.setVisible(busy)
        self._typed()

    def _show_certificate(self, error: CertificateNotTrusted) -> None:
        self._certificate_return = self.pages.currentIndex()
        self.certificate_page.show_certificate(error)
        self.show_page(self.CERTIFICATE)
        self.certificate_page.trust_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _hide_problem(self) -> None:
        self.error_label.hide()
        self.it_team_button.hide()
        self._approval = None

    def _show_problem(self, text: str, error: PontError | None = None) -> None:
        self._problem = text
        letter_for = AdminApprovalRequired | MicrosoftSignInNotSetUp
        self._approval = error if isinstance(error, letter_for) else None
        self.it_team_button.setVisible(self._approval is not None)
        self.error_label.setText(linked(text))
        self.error_label.show()
        if (
            isinstance(error, MailError)
            and self.credentials.isVisible()
            and not self.signs_in_with_microsoft()
        ):
            self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            self.password_edit.selectAll()

    def problem(self) -> str:
        """The problem on show, as plain text ('' for none)."""
        return self._problem if self.error_label.isVisible() else ""
