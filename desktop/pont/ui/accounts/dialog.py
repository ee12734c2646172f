"""The dialog that connects Pont to the coordinator's mailbox: address and password, the
server settings by hand when Pont cannot find them, and a certificate to trust if need be."""

from __future__ import annotations

import html
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
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
    AppPasswordRequired,
    CertificateNotTrusted,
    KeyringUnavailable,
    MailError,
    PontError,
    SettingsNotFound,
)
from pont.core.mail.accounts import Account, AccountSettings
from pont.core.members.addresses import checked_address
from pont.ui.accounts.jobs import ConnectRequest, JobReports, connect, discover
from pont.ui.accounts.pages import CertificatePage, connected_summary
from pont.ui.accounts.server_form import ServerSettingsForm, first_guess
from pont.ui.accounts.session_passwords import SessionPasswords
from pont.ui.language import describe, shown
from pont.ui.widgets.look import WrappedLabel, problem_label
from pont.ui.widgets.page_stack import PageStack, page_of
from pont.ui.widgets.workers import start_worker

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
    ) -> None:
        super().__init__(parent)
        self._save = save
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
        later = " " + self.tr("You can also do this later, from the Mail menu.")
        self._intros = (intro + later, manual_intro + later) if first_run else (intro, manual_intro)
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
        self.connect_button.clicked.connect(self.connect_account)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.credentials)
        layout.addWidget(self.pages)
        layout.addWidget(self.progress_row)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.email_edit.textChanged.connect(self._typed)
        self.password_edit.textChanged.connect(self._typed)
        self.server_form.changed.connect(self._typed)
        self.show_page(self.SIGN_IN)

    # -- what the person does -------------------------------------------------------------

    def show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        typing = page in (self.SIGN_IN, self.MANUAL)
        self.intro_label.setText(self._intros[1 if page == self.MANUAL else 0])
        self.intro_label.setVisible(typing)
        self.credentials.setVisible(typing)
        self.connect_button.setVisible(typing)
        self.error_label.hide()
        self._typed()
        self._fit_to_page()
        if page == self.MANUAL:
            self.server_form.incoming.host_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        elif page == self.SIGN_IN:
            edit = self.password_edit if self.email_edit.text().strip() else self.email_edit
            edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def enter_settings_by_hand(self) -> None:
        """The manual form, filled with what Pont would try first for the address typed."""
        if not self.server_form.is_complete():
            self.server_form.set_settings(first_guess(self.email_edit.text().strip()))
        self.show_page(self.MANUAL)

    def connect_account(self) -> None:
        """Test both logins in the background; attempt_finished says when it is over."""
        if self._reports is not None or not self.connect_button.isEnabled():
            return
        email = self.email_edit.text().strip()
        try:
            checked_address(email)
        except PontError as error:
            self._show_problem(describe(error))
            self.email_edit.setFocus(Qt.FocusReason.OtherFocusReason)
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

    def _current(self, reports: JobReports[str]) -> bool:
        return shiboken6.isValid(self) and reports is self._reports

    def _progressed(self, reports: JobReports[str]) -> None:
        line = reports.take()
        if line is None or not self._current(reports):
            return
        self._lines = [*self._lines, line][-_SHOWN_LINES:]
        self.progress_label.setText("\n".join(shown(line) for line in self._lines))

    def _attempt_ended(self, reports: JobReports[str], result: AccountSettings | PontError) -> None:
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
        else:
            self._save_account(result)
        self.attempt_finished.emit()

    def _save_account(self, settings: AccountSettings) -> None:
        try:
            account = self._save(settings)
        except PontError as error:
            self._show_problem(describe(error))
            return
        password = self.password_edit.text()
        try:
            from pont.core.mail.credentials import store_password

            store_password(account.email, password)
        except KeyringUnavailable:
            self._passwords.put(account.email, password)
            in_keyring = False
        else:
            in_keyring = True
        self.account = account
        self.done_label.setText(connected_summary(account, in_keyring))
        self.show_page(self.DONE)
        self.cancel_button.hide()
        self.done_button.show()
        self.done_button.setDefault(True)
        self.done_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.account_saved.emit(account)

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

    def _show_password_toggled(self, visible: bool) -> None:
        self.password_edit.setEchoMode(
            QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password
        )

    def _typed(self) -> None:
        ready = bool(self.email_edit.text().strip() and self.password_edit.text())
        if self.pages.currentIndex() == self.MANUAL:
            self.server_form.follow_email(self.email_edit.text())
            ready = ready and self.server_form.is_complete()
        self.connect_button.setEnabled(ready and self._reports is None)
        self.connect_button.setDefault(True)

    def _set_busy(self, busy: bool) -> None:
        self.credentials.setEnabled(not busy)
        self.pages.setEnabled(not busy)
        self.progress_label.setText("")
        self.progress_row.setVisible(busy)
        self._typed()

    def _show_certificate(self, error: CertificateNotTrusted) -> None:
        self._certificate_return = self.pages.currentIndex()
        self.certificate_page.show_certificate(error)
        self.show_page(self.CERTIFICATE)
        self.certificate_page.trust_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_problem(self, text: str, error: PontError | None = None) -> None:
        self._problem = text
        markup = html.escape(text)
        if isinstance(error, AppPasswordRequired) and error.help_url:
            url = html.escape(error.help_url)
            markup = markup.replace(url, f'<a href="{url}">{url}</a>')
        self.error_label.setText(markup)
        self.error_label.show()
        if isinstance(error, MailError) and self.credentials.isVisible():
            self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            self.password_edit.selectAll()

    def problem(self) -> str:
        """The problem on show, as plain text ('' for none)."""
        return self._problem if self.error_label.isVisible() else ""
