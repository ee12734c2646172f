"""The dialog that checks a group's address before the group uses it: a test message goes to
the address and Pont waits to see it arrive (off the GUI thread). Three states: waiting,
arrived, and did not arrive, which offers copy-everyone-in mode or an address the coordinator
already has (an alias, a shared mailbox), typed in and checked in turn."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QThread
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pont.core.group_mail.address_check import (
    DEFAULT_TIMEOUT,
    AddressCheckResult,
    CheckOutcome,
    missing_sentence,
)
from pont.ui.widgets.look import WrappedLabel, problem_label, set_text_colour, tab_to_checked
from pont.ui.widgets.workers import delete_when_done, start_worker

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.mail.accounts import Account
    from pont.core.mail.tokens import Secret
    from pont.core.members.groups import Group

# What a job runs: (typed address, stop, seconds-left callback) → the check's result.
CheckJob = Callable[[str, threading.Event, Callable[[float], None]], AddressCheckResult]


def address_check_job(
    database_path: Path, account: Account, secret: Secret, group_id: int, timeout: float
) -> CheckJob:
    """The check on a worker's thread, with its own database connection."""

    def job(
        typed: str, stop: threading.Event, waiting: Callable[[float], None]
    ) -> AddressCheckResult:
        from pont.core.group_mail.address_check import check_address
        from pont.core.profile.store import BACKGROUND_WAIT, open_database

        db = open_database(database_path, busy_timeout=BACKGROUND_WAIT)

        def graph() -> object:
            from pont.core.errors import MicrosoftSignInExpired
            from pont.core.mail.graph.client import GraphClient
            from pont.core.profile.settings import microsoft_setup

            if isinstance(secret, str):
                raise MicrosoftSignInExpired(account.email)
            return GraphClient(microsoft_setup(db).graph_endpoint, secret, stop=stop)

        try:
            return check_address(
                db,
                account,
                secret,
                group_id,
                typed=typed,
                timeout=timeout,
                stop=stop,
                graph=graph,  # type: ignore[arg-type]
                waiting=waiting,
            )
        finally:
            db.close()

    return job


class AddressCheckDialog(QDialog):
    """Checks the group's address; accepted when an address works (the group then uses it),
    rejected when the coordinator keeps copying everyone in (or closes it)."""

    def __init__(
        self,
        parent: QWidget | None,
        group: Group,
        address: str,
        job: CheckJob,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Check the group’s address"))
        self.setMinimumWidth(520)
        self._group = group
        self._job = job
        self._timeout = timeout
        self._typed = ""
        self._stop: threading.Event | None = None
        self._thread: QThread | None = None
        self._left = timeout
        self.result_: AddressCheckResult | None = None

        self.message_label = WrappedLabel()
        self.message_label.setAccessibleName(self.tr("Address check"))
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setAccessibleName(self.tr("Waiting for the test message"))

        self.keep_button = QRadioButton(self.tr("&Keep copying everyone in"))
        self.alias_button = QRadioButton(self.tr("&Use an address I already have:"))
        self.choices = QButtonGroup(self)
        self.choices.addButton(self.keep_button)
        self.choices.addButton(self.alias_button)
        self.keep_button.setChecked(True)
        tab_to_checked(self.choices)
        self.alias_edit = QLineEdit()
        self.alias_edit.setPlaceholderText(self.tr("e.g. wellbeing@yourdomain.org"))
        self.alias_edit.setAccessibleName(self.tr("An address you already have"))
        self.alias_edit.textEdited.connect(lambda _text: self.alias_button.setChecked(True))
        self.alias_hint = WrappedLabel(
            self.tr(
                "An alias or a shared mailbox whose mail comes to this mailbox. Pont checks "
                "it the same way before the group uses it."
            )
        )
        set_text_colour(self.alias_hint, None)
        self.choices.buttonToggled.connect(lambda *_: self._update_buttons())
        self.alias_edit.textChanged.connect(lambda _text: self._update_buttons())
        self.error_label = problem_label(self.tr("Problem"))

        self.buttons = QDialogButtonBox()
        self.check_button: QPushButton = self.buttons.addButton(
            self.tr("Check this address"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.check_button.clicked.connect(self._check_typed)
        self.done_button: QPushButton = self.buttons.addButton(
            self.tr("Use the group address"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.done_button.clicked.connect(self.accept)
        self.keep_copy_button: QPushButton = self.buttons.addButton(
            self.tr("Keep copying everyone in"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.keep_copy_button.clicked.connect(self.reject)
        self.cancel_button: QPushButton = self.buttons.addButton(
            QDialogButtonBox.StandardButton.Cancel
        )
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message_label)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.keep_button)
        layout.addWidget(self.alias_button)
        layout.addWidget(self.alias_edit)
        layout.addWidget(self.alias_hint)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._address = address
        self._show_waiting()

    # -- the states -----------------------------------------------------------------------

    def start(self, typed: str = "") -> None:
        """Send the test message (to the typed address, else the group's) and wait."""
        self._typed = typed
        self._left = self._timeout
        stop = self._stop = threading.Event()
        self._show_waiting()
        job = self._job
        self._thread = start_worker(
            self,
            lambda progress: job(typed, stop, lambda left: progress(int(left), 0)),
            lambda result: self._finished(stop, result),
            lambda message: self._failed(stop, message),
            lambda left, _total: self._waited(stop, left),
        )

    def _show_waiting(self) -> None:
        address = self._typed or self._address
        self._set_message(
            self.tr(
                "Pont has sent a test message to {address} and is waiting for it to arrive "
                "in your mailbox, to be sure members’ replies will reach you. This takes "
                "up to a minute."
            ).format(address=address)
        )
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        for widget in (self.keep_button, self.alias_button, self.alias_edit, self.alias_hint):
            widget.hide()
        self.error_label.hide()
        self.check_button.hide()
        self.done_button.hide()
        self.keep_copy_button.hide()
        self.cancel_button.show()

    def _waited(self, stop: threading.Event, left: int) -> None:
        if stop is not self._stop:
            return
        self.progress_bar.setRange(0, int(self._timeout))
        self.progress_bar.setValue(int(self._timeout) - left)

    def _finished(self, stop: threading.Event, result: AddressCheckResult) -> None:
        if stop is not self._stop or result.outcome is CheckOutcome.STOPPED:
            return
        self._stop = None
        self.result_ = result
        if result.outcome is CheckOutcome.ARRIVED:
            self._show_arrived(result)
        else:
            self._show_missing(missing_sentence(result.address, bool(self._typed), result.refusal))

    def _failed(self, stop: threading.Event, message: str) -> None:
        if stop is not self._stop:
            return
        self._stop = None
        self._show_missing(message)

    def _show_arrived(self, result: AddressCheckResult) -> None:
        text = self.tr(
            "The test message to {address} arrived, so members’ replies to the group will "
            "reach you. {group} will use this address."
        ).format(address=result.address, group=self._group.name)
        if not result.removed:
            text += " " + self.tr("Pont could not delete the test message: you may delete it.")
        self._set_message(text)
        self.progress_bar.hide()
        self.cancel_button.hide()
        self.done_button.show()
        self.done_button.setDefault(True)
        self.done_button.setFocus()

    def _show_missing(self, text: str) -> None:
        self._set_message(text)
        self.progress_bar.hide()
        for widget in (self.keep_button, self.alias_button, self.alias_edit, self.alias_hint):
            widget.show()
        if self._typed:
            self.alias_button.setChecked(True)
            self.alias_edit.setText(self._typed)
        self.cancel_button.hide()
        self._update_buttons()

    def _update_buttons(self) -> None:
        if not self.progress_bar.isHidden() or not self.done_button.isHidden():
            return
        alias = self.alias_button.isChecked()
        self.check_button.setVisible(alias)
        self.check_button.setEnabled(bool(self.alias_edit.text().strip()))
        self.keep_copy_button.setVisible(not alias)
        (self.check_button if alias else self.keep_copy_button).setDefault(True)

    def _check_typed(self) -> None:
        self.start(self.alias_edit.text().strip())

    def _set_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setAccessibleDescription(text)

    # -- closing --------------------------------------------------------------------------

    def dispose(self) -> None:
        """Delete the dialog once its worker (told to stop) has ended."""
        delete_when_done(self, self._thread)

    def reject(self) -> None:
        if self._stop is not None:
            self._stop.set()  # the worker ends at its next look; nothing is recorded
            self._stop = None
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._stop is not None:
            self._stop.set()
        super().closeEvent(event)


def check_before_switching(
    parent: QWidget,
    database: Callable[[], Database],
    database_path: Path,
    secret_for: Callable[[Account], Secret | None],
    group: Group,
) -> Group:
    """The group was just switched to group-address mode and its address never checked:
    check it now. The group keeps the mode when an address works; else it goes back to
    copying everyone in. Without an account (or its password) nothing is checked."""
    from pont.core.mail.accounts import list_accounts
    from pont.core.members.groups import GroupMode, get_group, group_address, set_group_sending

    db = database()
    accounts = list_accounts(db)
    account = next((a for a in accounts if a.id == group.account_id), None) or next(
        iter(accounts), None
    )
    if account is None:
        return group
    secret = secret_for(account)
    if secret is None:
        return group
    job = address_check_job(database_path, account, secret, group.id, DEFAULT_TIMEOUT)
    dialog = AddressCheckDialog(parent, group, group_address(account.email, group), job)
    dialog.start()
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.dispose()
    if not accepted:
        return set_group_sending(database(), group.id, mode=GroupMode.COPY_ALL)
    return get_group(database(), group.id)
