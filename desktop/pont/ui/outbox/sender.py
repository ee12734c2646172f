"""Runs the outbox from the window: queues posts, sends them off the GUI thread one account
at a time, and reports each batch to whoever shows it (composers, the Outbox window)."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal
from PySide6.QtWidgets import QDialog, QWidget

from pont.ui.outbox.jobs import PostRequest, QueuedPost, SendRun, queue_job, send_job
from pont.ui.widgets.workers import start_worker

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.mail.accounts import Account
    from pont.core.mail.tokens import Secret
    from pont.core.posting.outbox.outbox import OutboxReport
    from pont.ui.accounts.session_passwords import SessionPasswords

# Asks for an account's password: (password, remember it) or None for Cancel.
PasswordAsker = Callable[[QWidget, str], "tuple[str, bool] | None"]
# A later batch (a server's back-off, tomorrow's allowance) is sent by a timer while Pont is
# open; beyond this the timer would outlive any sensible session and the next start does it.
LONGEST_WAIT_MS = 24 * 3600 * 1000


def ask_send_password(parent: QWidget, email: str) -> tuple[str, bool] | None:
    """The password prompt, worded for sending rather than fetching."""
    from pont.core.mail.credentials import keyring_usable
    from pont.ui.accounts.password_prompt import PasswordPrompt

    prompt = PasswordPrompt(parent, email, keyring_usable())
    prompt.reason_label.setText(
        QCoreApplication.translate(
            "OutboxSender", "Pont needs the password for {email} to send the post."
        ).format(email=email)
    )
    prompt.ok_button.setText(QCoreApplication.translate("OutboxSender", "Send"))
    try:
        if prompt.exec() != QDialog.DialogCode.Accepted or not prompt.password():
            return None
        return prompt.password(), prompt.remember()
    finally:
        prompt.deleteLater()


class OutboxSender(QObject):
    """One outbox run at a time per account, each on a worker thread. Passwords come from the
    keyring, else this session's memory (shared with sync), else the coordinator is asked.

    Signals:
        progressed(object): a SendProgress from the run.
        run_finished(object, object): the account's email and the run's OutboxReport.
        run_failed(str, str): the account's email and a sentence (a bug, or the outbox busy).
        outbox_changed(): posts were queued, cancelled or put back for a retry.
    """

    progressed = Signal(object)
    run_finished = Signal(str, object)
    run_failed = Signal(str, str)
    outbox_changed = Signal()

    def __init__(
        self,
        window: QWidget,
        database: Callable[[], Database],
        database_path: Path,
        passwords: SessionPasswords,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._database = database
        self._database_path = database_path
        self.passwords = passwords
        self.ask_password: PasswordAsker = ask_send_password  # tests answer in its place
        self._runs: dict[str, SendRun] = {}  # by account email, casefolded
        self._again: set[str] = set()  # accounts with posts queued while their run went on
        self._closing = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(lambda: self.resume(ask=False))

    # -- queueing -------------------------------------------------------------------------

    def submit(
        self,
        request: PostRequest,
        on_queued: Callable[[QueuedPost], None],
        on_failed: Callable[[str], None],
        password: Secret | None = None,
    ) -> None:
        """Build and queue the post off the GUI thread; then send it with the password."""
        account = request.account

        def queued(result: QueuedPost) -> None:
            # Sending starts first: whoever asked (a composer) may be gone by now.
            if account is not None and password is not None and not self._closing:
                self._start(account, password)
            self.outbox_changed.emit()
            on_queued(result)

        start_worker(self, lambda _progress: queue_job(request), queued, on_failed)

    # -- sending --------------------------------------------------------------------------

    def password_for(self, account: Account, ask: bool = True) -> Secret | None:
        """What the account signs in with: its Microsoft tokens, or its password (asked for
        when `ask` and none is known)."""
        from pont.core.demo.profile import is_rehearsal
        from pont.core.mail.accounts import SignInMethod
        from pont.core.mail.credentials import load_password

        if is_rehearsal(account):
            return ""  # the demo's rehearsal mailbox: no password, no keyring
        if account.sign_in is SignInMethod.MICROSOFT:
            from pont.core.profile.settings import microsoft_tokens

            return microsoft_tokens(self._database(), account.email)
        password = self.passwords.get(account.email) or load_password(account.email)
        if password or not ask:
            return password or None
        answer = self.ask_password(self._window, account.email)
        if answer is None:
            return None
        password, remember = answer
        self.passwords.put(account.email, password)
        if remember:
            from pont.core.errors import KeyringUnavailable
            from pont.core.mail.credentials import store_password

            with contextlib.suppress(KeyringUnavailable):  # else it stays in memory
                store_password(account.email, password)
        return password

    def send(self, account: Account, ask: bool = True) -> bool:
        """Send what the account's outbox holds; False when no password was to hand."""
        password = self.password_for(account, ask)
        if password is None:
            return False
        self._start(account, password)
        return True

    def resume(self, ask: bool = True) -> list[str]:
        """Send every account's unfinished posts; the accounts that need a password first."""
        from pont.core.errors import AccountNotFound
        from pont.core.mail.accounts import find_account
        from pont.core.posting.outbox.outbox import PostState, outbox_status

        emails = {
            p.account_email
            for p in outbox_status(self._database())
            if p.state in (PostState.QUEUED, PostState.SENDING, PostState.PAUSED)
        }
        waiting = []
        for email in sorted(emails):
            try:
                account = find_account(self._database(), email)
            except AccountNotFound:
                continue
            if not self.send(account, ask):
                waiting.append(email)
        return waiting

    def is_running_for(self, email: str) -> bool:
        """Whether a run is sending (or pacing) the account's outbox now."""
        return email.casefold() in self._runs

    def is_sending(self, post_id: int | None = None) -> bool:
        if post_id is None:
            return bool(self._runs)
        return any(run.current_post == post_id for run in self._runs.values())

    def cancel(self, post_id: int) -> None:
        """Cancel a post: after the batch being sent, if it is going now; else at once."""
        for run in self._runs.values():
            if run.current_post == post_id:
                run.cancel.set()
                return
        from pont.core.posting.outbox.outbox import cancel_post

        cancel_post(self._database(), post_id)
        self.outbox_changed.emit()

    def retry(self, post_id: int) -> int:
        """Put the post's failed batches and refused addresses back, and send them."""
        from pont.core.mail.accounts import find_account
        from pont.core.posting.outbox.outbox import post_status, retry_failed

        again = retry_failed(self._database(), post_id)
        self.outbox_changed.emit()
        email = post_status(self._database(), post_id).account_email
        self.send(find_account(self._database(), email))
        return again

    def _start(self, account: Account, password: Secret) -> None:
        key = account.email.casefold()
        if key in self._runs:
            self._again.add(key)  # the run may have looked already: one more after it
            return
        run = self._runs[key] = SendRun(account)
        path = self._database_path
        start_worker(
            self,
            lambda progress: send_job(path, run, password, progress),
            lambda report: self._finished(run, password, report),
            lambda message: self._failed(run, message),
            lambda _done, _total: self._progressed(run),
        )

    def _progressed(self, run: SendRun) -> None:
        item = run.reports.take()
        if item is not None:
            run.current_post = item.post_id
            self.progressed.emit(item)

    def _end(self, run: SendRun) -> bool:
        """Forget the run; True when another should start for its account."""
        key = run.account.email.casefold()
        self._runs.pop(key, None)
        self.outbox_changed.emit()
        again = key in self._again
        self._again.discard(key)
        return again and not self._closing

    def _finished(self, run: SendRun, password: Secret, report: OutboxReport) -> None:
        while run.reports.take() is not None:
            pass
        if report.paused:
            self.passwords.forget(run.account.email)
        again = self._end(run)
        self.run_finished.emit(run.account.email, report)
        if again and not report.paused:
            self._start(run.account, password)
        elif report.next_attempt is not None and not self._closing:
            self._wake_at(report.next_attempt)

    def _failed(self, run: SendRun, message: str) -> None:
        self._end(run)
        self.run_failed.emit(run.account.email, message)

    def _wake_at(self, moment: datetime) -> None:
        from pont.core import activity

        wait = int((moment - activity.now()).total_seconds() * 1000) + 1000
        if wait > LONGEST_WAIT_MS:
            return
        if not self.timer.isActive() or self.timer.remainingTime() > wait:
            self.timer.start(max(wait, 0))

    def shutdown(self) -> None:
        """The window is closing: let a run finish the batches that are due (it stops at
        the first that must wait), so no batch is left half-recorded, and no thread outlives
        the objects it reports to."""
        self._closing = True
        self.timer.stop()
        for run in self._runs.values():
            run.hurry.set()
        for thread in self.findChildren(QThread):
            thread.quit()  # see SyncController.shutdown: sleeping, not wait(), lets the job end
            while shiboken6.isValid(thread) and not thread.isFinished():
                time.sleep(0.01)
