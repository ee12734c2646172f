"""The Mail menu: setting up the account, syncing now, at start-up and every few minutes,
with progress in the status bar and problems in a notice that never piles up."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QThread, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QStatusBar, QWidget

from pont.core.errors import (
    AppPasswordRequired,
    AuthenticationFailed,
    CertificateNotTrusted,
    KeyringUnavailable,
    MicrosoftSignInExpired,
    MicrosoftSignInRequired,
    PontError,
)
from pont.core.profile.settings import SYNC_INTERVAL_KEY, read_setting, sync_interval, write_setting
from pont.ui.accounts.password_prompt import ask_password
from pont.ui.accounts.session_passwords import SessionPasswords
from pont.ui.language import describe
from pont.ui.widgets import prompts
from pont.ui.widgets.hint_bar import HintBar
from pont.ui.widgets.look import sentence

if TYPE_CHECKING:
    # sync.jobs (and through it the sync engine) loads with the first sync, not the window.
    from sqlite_utils import Database

    from pont.core.archive.sync import SyncReport
    from pont.core.archive.sync_skips import SkippedMessage
    from pont.core.mail.accounts import Account
    from pont.core.mail.tokens import Secret
    from pont.core.profile.autostart import Autostart
    from pont.ui.sync.jobs import AccountOutcome, SyncRun

SETUP_OFFERED_KEY = "account_setup_offered"
_PASSWORD_REFUSED = (AuthenticationFailed, AppPasswordRequired, MicrosoftSignInRequired)
_SIGN_IN_AGAIN = (MicrosoftSignInExpired,)
# Asks for an account's password: (password, remember it) or None for Cancel.
PasswordAsker = Callable[[QWidget, str], "tuple[str, bool] | None"]


def _count(number: int, one: str, many: str) -> str:
    return (one if number == 1 else many).format(n=f"{number:,}")


class SyncController(QObject):
    """The Mail menu's actions (Set up mail account, Sync now, Sync settings), the sync
    itself off the GUI thread, its progress in the status bar, and the timer that syncs
    every few minutes. One sync runs at a time. Passwords come from the keyring, else from
    this session's memory, else the coordinator is asked (never by a timed sync).

    After each account's sync, on the same worker, the mail it set aside for the groups is
    handled (core/group_mail/handling): members' posts relayed, strangers' held, requests
    and bounces filed. What that queued goes out without a click (mail_to_send).

    Signals:
        archive_changed(): a sync stored new group messages.
        status_message(str): a sentence for the status bar.
        sync_finished(): a sync has ended, whatever its outcome.
        group_mail_handled(object): the GroupMailReport of a sync's handling, all accounts.
        mail_to_send(list): the emails of accounts whose outbox now holds queued posts.
        tray_settings_changed(): the coordinator saved the sync settings (tray, log-in).
    """

    archive_changed = Signal()
    status_message = Signal(str)
    sync_finished = Signal()
    group_mail_handled = Signal(object)
    mail_to_send = Signal(list)
    tray_settings_changed = Signal()

    def __init__(
        self,
        window: QWidget,
        database: Callable[[], Database],
        database_path: Path,
        demo: bool = False,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._database = database
        self._database_path = database_path
        self._demo = demo
        self._run: SyncRun | None = None
        self._closing = False
        self._refused: set[str] = set()  # accounts whose known password the server refused
        self._remember: set[str] = set()  # passwords typed with "Remember", kept once they work
        self.passwords = SessionPasswords()
        self.ask_password: PasswordAsker = ask_password  # tests answer in its place
        self.autostart: Autostart | None = None  # the system's log-in entry; tests give theirs

        self.set_up = QAction(self.tr("Set up &mail account…"), self)
        self.set_up.setToolTip(self.tr("Connect Pont to the mailbox the group’s mail goes through"))
        self.set_up.triggered.connect(lambda: self.set_up_account())
        self.sync_now = QAction(self.tr("&Sync now"), self)
        self.sync_now.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.sync_now.setToolTip(self.tr("Fetch the group’s new messages from your mailbox"))
        self.sync_now.triggered.connect(lambda: self.sync(timed=False))
        self.sync_settings = QAction(self.tr("Sync se&ttings…"), self)
        self.sync_settings.setToolTip(self.tr("Choose how often Pont fetches new messages"))
        self.sync_settings.triggered.connect(self.change_sync_settings)
        # In the demo they stay live and say, when chosen, what they do in a real profile.
        self.inform = prompts.inform  # tests answer in its place

        self.progress_label = QLabel()
        self.progress_label.setAccessibleName(self.tr("Sync progress"))
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(160)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setAccessibleName(self.tr("Sync progress"))
        self._show_progress(False)
        self.notice = HintBar()
        self.notice.setAccessibleName(self.tr("Sync problem"))
        self.timer = QTimer(self)
        self.timer.timeout.connect(lambda: self.sync(timed=True))

    def add_to_status_bar(self, status_bar: QStatusBar) -> None:
        status_bar.insertPermanentWidget(0, self.progress_label)
        status_bar.insertPermanentWidget(1, self.progress_bar)

    # -- what the window calls ------------------------------------------------------------

    def start(self) -> None:
        """Once the profile is open: offer set-up the first time, else sync and keep syncing."""
        if self._demo:
            return
        from pont.core.mail.accounts import list_accounts

        db = self._database()
        if list_accounts(db):
            self._apply_interval()
            self.sync(timed=False)
        elif not read_setting(db, SETUP_OFFERED_KEY, False):
            write_setting(db, SETUP_OFFERED_KEY, True)
            # After the start-up paint and profile load have finished.
            QTimer.singleShot(0, lambda: self.set_up_account(first_run=True))

    def set_up_account(self, first_run: bool = False, email: str = "") -> None:
        """The set-up dialog; `email` fills in the address (to sign in again)."""
        if self._demo:
            self.inform(
                self._window,
                self.tr("Set up mail account"),
                self.tr(
                    "In your own group, this connects Pont to the mailbox the group’s mail "
                    "goes through: Gmail, Microsoft 365, or your organisation’s. The demo has "
                    "a rehearsal mailbox instead, so nothing leaves your computer. To connect "
                    "yours, choose File ▸ Start my own group."
                ),
            )
            return
        if self._closing:
            return
        from pont.core.mail.accounts import save_account
        from pont.core.profile.settings import microsoft_setup
        from pont.ui.accounts.dialog import AccountDialog

        dialog = AccountDialog(
            self._window,
            lambda settings: save_account(self._database(), settings),
            self.passwords,
            owner=self,
            first_run=first_run,
            microsoft_setup=lambda: microsoft_setup(self._database()),
        )
        if email:
            dialog.email_edit.setText(email)
        dialog.account_saved.connect(self._account_saved)
        dialog.exec()
        dialog.deleteLater()

    def change_sync_settings(self) -> None:
        if self._demo:
            self.inform(
                self._window,
                self.tr("Sync settings"),
                self.tr(
                    "In your own group, you choose here how often Pont fetches new mail and "
                    "passes members’ posts on, and whether Pont starts when you log in. The "
                    "demo has no mailbox to fetch from: its replies arrive by themselves."
                ),
            )
            return
        from PySide6.QtWidgets import QSystemTrayIcon

        from pont.core.profile.autostart import Autostart, pont_command
        from pont.core.profile.settings import KEEP_IN_TRAY_KEY, START_AT_LOGIN_KEY, read_flag
        from pont.ui.sync.settings_dialog import SyncSettingsDialog

        db = self._database()
        autostart = self.autostart or Autostart()
        dialog = SyncSettingsDialog(
            self._window,
            sync_interval(db),
            start_at_login=autostart.is_on(),
            keep_in_tray=read_flag(db, KEEP_IN_TRAY_KEY),
            tray_available=QSystemTrayIcon.isSystemTrayAvailable(),
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            write_setting(db, SYNC_INTERVAL_KEY, dialog.minutes())
            write_setting(db, KEEP_IN_TRAY_KEY, dialog.keep_in_tray())
            self._apply_interval()
            try:
                autostart.set(dialog.start_at_login(), pont_command(self._database_path.parent))
            except PontError as error:
                self.notice.show_message(describe(error))
            else:
                write_setting(db, START_AT_LOGIN_KEY, dialog.start_at_login())
            if dialog.minutes():
                self.status_message.emit(
                    self.tr("Pont will fetch new messages every {minutes} minutes.").format(
                        minutes=dialog.minutes()
                    )
                )
            else:
                self.status_message.emit(
                    self.tr("Pont will fetch new messages only when you choose Sync now.")
                )
            self.tray_settings_changed.emit()
        dialog.deleteLater()

    def sync(self, timed: bool = False) -> bool:
        """Start a sync of every account; False when none started (one runs already, no
        account, no password). A timed sync never asks anything."""
        if self._demo and not timed:
            self.status_message.emit(
                self.tr(
                    "In your own group, Sync now fetches new messages from your mailbox. In "
                    "the demo, a member’s reply arrives by itself a few seconds after a post "
                    "has gone."
                )
            )
        if self._run is not None or self._demo or self._closing:
            return False
        from pont.core.mail.accounts import list_accounts

        accounts = list_accounts(self._database())
        if not accounts:
            if not timed:
                self.set_up_account()
            return False
        ready: list[tuple[Account, Secret]] = []
        waiting: list[str] = []
        for account in accounts:
            password = self._password_for(account, ask=not timed)
            if password is None:
                waiting.append(account.email)
            else:
                ready.append((account, password))
        if waiting:
            self.notice.show_message(
                self.tr(
                    "Pont did not fetch new messages for {emails}: it needs the password. "
                    "Choose Sync now (F5) to type it."
                ).format(emails=", ".join(waiting))
            )
        if not ready:
            return False
        self._start(ready)
        return True

    def is_syncing(self) -> bool:
        return self._run is not None

    def shutdown(self) -> None:
        """The window is closing: stop the sync where it is and wait for every background
        job, so no thread outlives the objects it reports to."""
        self._closing = True
        self.timer.stop()
        if self._run is not None:
            self._run.reports.stop()
            self._run.cut_connection()
        for thread in self.findChildren(QThread):
            # The worker asks for quit through this (GUI) thread's event loop, which is busy
            # closing: ask here, to take effect as soon as the job returns. Then not
            # thread.wait(): PySide holds the GIL through it while the job needs the GIL to
            # finish (a seen deadlock); sleeping lets it go.
            thread.quit()
            while shiboken6.isValid(thread) and not thread.isFinished():
                time.sleep(0.01)

    # -- the background sync --------------------------------------------------------------

    def _start(self, accounts: list[tuple[Account, Secret]]) -> None:
        from pont.ui.sync.jobs import SyncRun, sync_job
        from pont.ui.widgets.workers import start_worker

        run = self._run = SyncRun(several=len(accounts) > 1)
        database_path = self._database_path
        self.progress_label.setText(self.tr("Connecting…"))
        self.progress_bar.setRange(0, 0)
        self._show_progress(True)
        start_worker(
            self,
            lambda progress: sync_job(database_path, accounts, run, progress),
            lambda outcomes: self._finished(run, outcomes),
            lambda message: self._failed(run, message),
            lambda _done, _total: self._progressed(run),
        )

    def _progressed(self, run: SyncRun) -> None:
        from pont.ui.sync.jobs import Connecting

        item = run.reports.take()
        if item is None or run is not self._run:
            return
        if isinstance(item, Connecting):
            run.email = item.email
            text = self.tr("Connecting to {host}…").format(host=item.host)
            self.progress_bar.setRange(0, 0)
        else:
            folder = self.tr("Inbox") if item.folder.upper() == "INBOX" else item.folder
            if item.total == 0:
                text = self.tr("Checking {folder}…").format(folder=folder)
                self.progress_bar.setRange(0, 0)
            else:
                text = self.tr("Syncing {folder}: {done} of {total}").format(
                    folder=folder, done=f"{item.done:,}", total=f"{item.total:,}"
                )
                self.progress_bar.setRange(0, item.total)
                self.progress_bar.setValue(item.done)
        if run.several:
            text = f"{run.email} · {text}"
        self.progress_label.setText(text)

    def _finished(self, run: SyncRun, outcomes: list[AccountOutcome]) -> None:
        if run is not self._run:
            return
        self._run = None
        self._show_progress(False)
        if self._closing:
            return
        reports = [o.report for o in outcomes if o.report is not None]
        problems = []
        for outcome in outcomes:
            if outcome.error is not None:
                problems.append(self._problem_text(outcome.email, outcome.error))
            else:
                self._password_worked(outcome.email)
        if any(r.group_messages for r in reports):
            self.archive_changed.emit()
        handled = self._handled(outcomes)
        if reports:
            self.status_message.emit(" ".join(filter(None, [self._summary(reports), handled])))
        passed_over = [m for r in reports for m in r.skipped_messages]
        if passed_over:
            problems.append(self._passed_over_text(passed_over))
        expired = [o.email for o in outcomes if isinstance(o.error, MicrosoftSignInExpired)]
        if problems:
            action = None
            if expired:  # one click to sign in again, the address filled in
                action = (
                    self.tr("Sign in with Microsoft again…"),
                    lambda: self.set_up_account(email=expired[0]),
                )
            self.notice.show_message(" ".join(problems), action)
        elif self.notice.text():
            self.notice.dismiss()
        to_send = [o.email for o in outcomes if o.to_send]
        if to_send:
            self.mail_to_send.emit(to_send)
        self.sync_finished.emit()

    def _handled(self, outcomes: list[AccountOutcome]) -> str:
        """Emits the handling's report, all accounts together; says what it did ('' for
        nothing worth a word)."""
        from dataclasses import fields

        from pont.core.group_mail.handling import GroupMailReport

        total = GroupMailReport()
        for outcome in outcomes:
            if outcome.group_mail is not None:
                for field in fields(total):
                    name = field.name
                    setattr(total, name, getattr(total, name) + getattr(outcome.group_mail, name))
        self.group_mail_handled.emit(total)
        parts = []
        if total.relayed:
            parts.append(
                _count(total.relayed, self.tr("{n} post relayed"), self.tr("{n} posts relayed"))
            )
        if total.held:
            parts.append(_count(total.held, self.tr("{n} post held"), self.tr("{n} posts held")))
        if total.requests:
            parts.append(_count(total.requests, self.tr("{n} request"), self.tr("{n} requests")))
        if total.bounces:
            parts.append(_count(total.bounces, self.tr("{n} bounce"), self.tr("{n} bounces")))
        if not parts:
            return ""
        return self.tr("Group mail: {what}.").format(what=", ".join(parts))

    def _failed(self, run: SyncRun, message: str) -> None:
        if run is not self._run:
            return
        self._run = None
        self._show_progress(False)
        if not self._closing:
            self.notice.show_message(
                self.tr("Pont could not fetch new messages: {why}").format(why=sentence(message))
            )
            self.sync_finished.emit()

    def _summary(self, reports: list[SyncReport]) -> str:
        stored = sum(r.group_messages for r in reports)
        threads = sum(r.threads for r in reports)
        skipped = sum(r.skipped for r in reports)
        if stored == 0:
            text = self.tr("Synced: no new group messages.")
        else:
            text = self.tr("Synced: {messages}, {threads}.").format(
                messages=_count(
                    stored, self.tr("{n} new group message"), self.tr("{n} new group messages")
                ),
                threads=_count(
                    threads,
                    self.tr("{n} conversation updated"),
                    self.tr("{n} conversations updated"),
                ),
            )
        partly_read = sum(r.partly_read for r in reports)
        if partly_read:
            text += " " + _count(
                partly_read,
                self.tr("{n} message could not be read in full and is marked in its conversation."),
                self.tr(
                    "{n} messages could not be read in full and are marked in their conversations."
                ),
            )
        if skipped:
            text += " " + _count(
                skipped,
                self.tr("{n} message was passed over and left in your mailbox."),
                self.tr("{n} messages were passed over and left in your mailbox."),
            )
        return text

    def _passed_over_text(self, passed_over: list[SkippedMessage]) -> str:
        """Which messages the server would not send, so the coordinator can find them."""
        names = []
        for message in passed_over[:5]:
            folder = self.tr("Inbox") if message.folder.upper() == "INBOX" else message.folder
            if message.subject:
                names.append(
                    self.tr("“{subject}” in {folder}").format(
                        subject=message.subject, folder=folder
                    )
                )
            else:
                names.append(
                    self.tr("message {number} in {folder}").format(
                        number=message.uid, folder=folder
                    )
                )
        if len(passed_over) > 5:
            names.append(self.tr("{n} more").format(n=len(passed_over) - 5))
        if len(passed_over) == 1:
            text = self.tr(
                "Your mail server could not send Pont one message, so it was passed over: "
                "{messages}. It is still in your mailbox: read it in your mail program or "
                "webmail."
            )
        else:
            text = self.tr(
                "Your mail server could not send Pont {n} messages, so they were passed over: "
                "{messages}. They are still in your mailbox: read them in your mail program or "
                "webmail."
            )
        return text.format(n=f"{len(passed_over):,}", messages="; ".join(names))

    def _problem_text(self, email: str, error: PontError) -> str:
        """One account's failed sync in words, with the next step; forgets a refused password."""
        if isinstance(error, _PASSWORD_REFUSED):
            self.passwords.forget(email)
            self._refused.add(email.casefold())
            self._remember.discard(email.casefold())
        if isinstance(error, AuthenticationFailed):
            return self.tr(
                "{server} did not accept the password for {email}, so Pont could not fetch "
                "new messages. Choose Sync now (F5) to type it again (passwords are "
                "case-sensitive)."
            ).format(server=error.server, email=email)
        if isinstance(error, _SIGN_IN_AGAIN):
            return describe(error)  # it names the account; the notice's button signs in again
        text = self.tr("Pont could not fetch new messages for {email}. {why}").format(
            email=email, why=sentence(describe(error))
        )
        if isinstance(error, _PASSWORD_REFUSED):
            text += " " + self.tr("Then choose Sync now (F5) to type the new password.")
        elif isinstance(error, CertificateNotTrusted):
            text += " " + self.tr(
                "To check the server’s new certificate, set the account up again "
                "(Mail → Set up mail account…)."
            )
        return text

    # -- passwords ------------------------------------------------------------------------

    def _password_for(self, account: Account, ask: bool) -> Secret | None:
        """Its Microsoft tokens, or its password (asked for when `ask` and none is known)."""
        from pont.core.mail.accounts import SignInMethod
        from pont.core.mail.credentials import load_password

        if account.sign_in is SignInMethod.MICROSOFT:
            from pont.core.profile.settings import microsoft_tokens

            return microsoft_tokens(self._database(), account.email)
        key = account.email.casefold()
        password = self.passwords.get(account.email)
        if password is None and key not in self._refused:
            password = load_password(account.email)
        if password or not ask:
            return password or None
        answer = self.ask_password(self._window, account.email)
        if answer is None:
            return None
        password, remember = answer
        self.passwords.put(account.email, password)
        self._refused.discard(key)
        if remember:
            self._remember.add(key)
        return password

    def _password_worked(self, email: str) -> None:
        """A password typed with "Remember" worked: it moves to the keyring."""
        key = email.casefold()
        self._refused.discard(key)
        if key not in self._remember:
            return
        self._remember.discard(key)
        password = self.passwords.get(email)
        if password is None:
            return
        from pont.core.mail.credentials import store_password

        try:
            store_password(email, password)
        except KeyringUnavailable:
            return  # it stays in this session's memory
        self.passwords.forget(email)

    def _account_saved(self, account: Account) -> None:
        self._refused.discard(account.email.casefold())
        self._apply_interval()
        self.sync(timed=False)

    # -- the rest -------------------------------------------------------------------------

    def _apply_interval(self) -> None:
        minutes = sync_interval(self._database())
        if minutes:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    def _show_progress(self, shown: bool) -> None:
        self.progress_label.setVisible(shown)
        self.progress_bar.setVisible(shown)
