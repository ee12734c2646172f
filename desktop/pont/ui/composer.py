"""The composer: a window to write one group post, see who gets it, and send it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum, auto
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from pont.core.drafts import Draft, DraftNotFound, delete_draft, save_draft
from pont.core.groups import GroupMode, get_group, set_group_sending
from pont.core.members import MemberStatus, list_members
from pont.ui import prompts
from pont.ui.composer_attachments import AttachmentsBox
from pont.ui.composer_editor import PostEditor, local_files
from pont.ui.composer_panel import Audience, WhoGetsThisPanel
from pont.ui.composer_reply import ReplySource, with_quote
from pont.ui.conversation_format import qt_moment
from pont.ui.hint_bar import HintBar
from pont.ui.look import (
    COOL_NOTE,
    WrappedLabel,
    make_note,
    name_qt_buttons,
    set_text_colour,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.accounts import Account
    from pont.core.outbox import OutboxReport, SendProgress
    from pont.ui.outbox_sender import OutboxSender
    from pont.ui.post_jobs import QueuedPost

SAVE_DELAY_MS = 1000  # a crash loses at most this much typing


@dataclass(frozen=True)
class ComposerServices:
    """What a composer needs from the window that opened it."""

    database: Callable[[], Database]
    database_path: Path
    sender: OutboxSender
    demo: bool
    archive_changed: Callable[[], None]  # the demo filed a post in the archive


class Stage(Enum):
    WRITING = auto()
    SENDING = auto()  # handed to the outbox (or the demo archive)
    DONE = auto()


def group_account(db: Database, account_id: int | None) -> Account | None:
    """The mailbox a group's posts go from: its own, else the profile's first."""
    from pont.core.accounts import get_account, list_accounts

    if account_id is not None:
        return get_account(db, account_id)
    accounts = list_accounts(db)
    return accounts[0] if accounts else None


class ComposerWindow(QMainWindow):
    """Writes one post to one group. The draft saves itself a second after each change and
    when the window closes; Discard throws it away. Send builds and queues the post off the
    GUI thread, then shows each batch going, with Cancel and Retry failed.

    Signals:
        draft_saved(int): the draft's id, after each save.
        closed(): the window closed (its draft is saved, sent or discarded).
    """

    draft_saved = Signal(int)
    closed = Signal()

    def __init__(
        self, services: ComposerServices, draft: Draft, reply: ReplySource | None = None
    ) -> None:
        super().__init__()
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._services = services
        self._draft = draft
        self._reply = reply
        self._stage = Stage.WRITING
        self._post_id: int | None = None
        self._discarded = False
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_now)
        self.confirm = prompts.confirm  # tests answer in its place

        self.editor = PostEditor()
        self.subject_edit = QLineEdit(draft.subject)
        self.subject_edit.setAccessibleName(self.tr("Subject"))
        self.to_label = QLabel()
        self.to_label.setAccessibleName(self.tr("To"))
        self.quote_check = QCheckBox(self.tr("Include their &message"))
        self.quote_check.setChecked(True)
        self.quote_check.setVisible(reply is not None)
        if reply is not None:
            self.quote_check.setText(
                self.tr("Include {author}’s &message under yours").format(author=reply.author)
            )
            self.quote_check.setToolTip(reply.quoted_text()[:600])
        self.attachments = AttachmentsBox()
        self.panel = WhoGetsThisPanel()
        self.panel.switch_requested.connect(self.switch_to_group_address)
        self.notice = HintBar()
        self.notice.setAccessibleName(self.tr("Problem with the post"))
        self.demo_note = WrappedLabel(
            self.tr("Demo: this post will appear in Conversations; no email is sent.")
        )
        make_note(self.demo_note, "demoNote", COOL_NOTE, "padding: 4px 8px;")
        self.demo_note.setVisible(services.demo)
        self._build_progress()
        self._build_layout()
        self._build_actions()

        self.editor.set_body(draft.body_text, draft.body_html)
        self.attachments.set_files(draft.attachments)
        self.editor.link_refused.connect(self.notice.show_message)
        self.editor.files_dropped.connect(self.attach)
        for signal in (
            self.subject_edit.textChanged,
            self.editor.textChanged,
            self.attachments.changed,
        ):
            signal.connect(self._changed)
        self.setAcceptDrops(True)
        self.refresh_audience()
        self.resize(QSize(800, 600))
        (self.editor if draft.subject else self.subject_edit).setFocus()

    # -- building -------------------------------------------------------------------------

    def _build_progress(self) -> None:
        self.progress_label = WrappedLabel()
        self.progress_label.setAccessibleName(self.tr("Sending progress"))
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setAccessibleName(self.tr("Sending progress"))
        self.cancel_button = QPushButton(self.tr("&Cancel sending"))
        self.cancel_button.setToolTip(self.tr("Stop after the batch being sent now"))
        self.cancel_button.clicked.connect(self.cancel_sending)
        self.retry_button = QPushButton(self.tr("&Retry failed"))
        self.retry_button.clicked.connect(self.retry_failed)
        self.resume_button = QPushButton(self.tr("Re&sume"))
        self.resume_button.clicked.connect(self.resume)
        self.close_button = QPushButton(self.tr("C&lose"))
        self.close_button.clicked.connect(self.close)
        self.progress_box = QWidget()
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.progress_bar, 1)
        for button in (self.cancel_button, self.retry_button, self.resume_button):
            buttons.addWidget(button)
            button.hide()
        buttons.addWidget(self.close_button)
        box = QVBoxLayout(self.progress_box)
        box.setContentsMargins(0, 4, 0, 0)
        box.addWidget(self.progress_label)
        box.addLayout(buttons)
        self.progress_box.hide()

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("To:"), self.to_label)
        form.addRow(self.tr("&Subject:"), self.subject_edit)
        writing = QWidget()
        layout = QVBoxLayout(writing)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.demo_note)
        layout.addWidget(self.notice)
        layout.addLayout(form)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.quote_check)
        layout.addWidget(self.attachments)
        layout.addWidget(self.progress_box)
        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(writing)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([560, 230])
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(8, 6, 8, 8)
        outer.addWidget(self.splitter)
        self.setCentralWidget(central)
        self.saved_label = QLabel()
        self.saved_label.setAccessibleName(self.tr("Draft saved"))
        set_text_colour(self.saved_label, None)
        self.statusBar().addPermanentWidget(self.saved_label)

    def _build_actions(self) -> None:
        self.send_action = QAction(self.tr("&Send"), self)
        self.send_action.setShortcut(QKeySequence("Ctrl+Return"))
        self.send_action.setToolTip(self.tr("Send the post to the group (Ctrl+Enter)"))
        self.send_action.triggered.connect(self.send)
        self.attach_action = QAction(self.tr("&Attach…"), self)
        self.attach_action.setToolTip(self.tr("Attach files (or drop them on this window)"))
        self.attach_action.triggered.connect(self.choose_files)
        self.discard_action = QAction(self.tr("&Discard"), self)
        self.discard_action.setToolTip(self.tr("Throw this post away"))
        self.discard_action.triggered.connect(self.discard)
        toolbar = QToolBar(self.tr("Post tools"))
        toolbar.setAccessibleName(self.tr("Post tools"))
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.send_action)
        toolbar.addSeparator()
        toolbar.addActions(self.editor.formatting_actions())
        toolbar.addSeparator()
        toolbar.addAction(self.attach_action)
        toolbar.addSeparator()
        toolbar.addAction(self.discard_action)
        self.addToolBar(toolbar)
        self.toolbar = toolbar
        name_qt_buttons(toolbar, self.tr("More tools"))

    # -- what it holds --------------------------------------------------------------------

    @property
    def draft(self) -> Draft:
        return self._draft

    @property
    def post_id(self) -> int | None:
        return self._post_id

    @property
    def stage(self) -> Stage:
        return self._stage

    def current_draft(self) -> Draft:
        parts = self.editor.parts()
        return replace(
            self._draft,
            subject=self.subject_edit.text(),
            body_text=parts.text,
            body_html=parts.html,
            attachments=self.attachments.files(),
        )

    def is_empty(self) -> bool:
        draft = self.current_draft()
        return not (draft.subject.strip() or draft.body_text.strip() or draft.attachments)

    def _changed(self) -> None:
        if self._stage is Stage.WRITING:
            self._save_timer.start()

    def save_now(self) -> None:
        """Save the draft (or forget it when everything was cleared)."""
        self._save_timer.stop()
        if self._stage is not Stage.WRITING or self._discarded:
            return
        db = self._services.database()
        if self.is_empty():
            if self._draft.id is not None:
                delete_draft(db, self._draft.id)
                self._draft = replace(self._draft, id=None)
            return
        try:
            self._draft = save_draft(db, self.current_draft())
        except DraftNotFound:  # deleted behind this window's back: the words are kept anew
            self._draft = save_draft(db, replace(self.current_draft(), id=None))
        assert self._draft.id is not None and self._draft.updated is not None
        self.saved_label.setText(
            self.tr("Draft saved {time}").format(
                time=QLocale().toString(qt_moment(self._draft.updated), "HH:mm")
            )
        )
        self.draft_saved.emit(self._draft.id)

    # -- who gets it ----------------------------------------------------------------------

    def refresh_audience(self) -> Audience:
        from pont.core.posts import attachment_limit_bytes, group_address

        db = self._services.database()
        group = get_group(db, self._draft.group_id)
        members = list_members(db, group.id)
        active = sum(1 for m in members if m.status is MemberStatus.ACTIVE)
        paused = sum(1 for m in members if m.status is MemberStatus.PAUSED)
        account = self._account()
        plan = None
        if account is not None and not self._services.demo:
            from pont.core.outbox_plan import plan_post

            plan = plan_post(db, account, active, copy_all=group.mode is GroupMode.COPY_ALL)
        limit_account = account if account is not None else self._demo_account()
        self.attachments.set_limit(attachment_limit_bytes(limit_account))
        audience = Audience(
            group_name=group.name,
            recipients=active,
            left_out=paused,
            mode=group.mode,
            group_address=group_address(account.email, group) if account else "",
            plan=plan,
            demo=self._services.demo,
            no_account=account is None and not self._services.demo,
        )
        self.panel.show_audience(audience)
        people = self.tr("1 member") if active == 1 else self.tr("{n} members").format(n=active)
        self.to_label.setText(f"{group.name} ({people})")
        if self._reply is not None and self._services.demo:
            title = self.tr("Reply to {group} (demo) — Pont")
        elif self._reply is not None:
            title = self.tr("Reply to {group} — Pont")
        elif self._services.demo:
            title = self.tr("New post to {group} (demo) — Pont")
        else:
            title = self.tr("New post to {group} — Pont")
        self.setWindowTitle(title.format(group=group.name))
        self.subject_edit.setPlaceholderText(
            self.tr("What is it about? (Pont adds [{tag}] at the start)").format(tag=group.tag)
            if group.tag
            else self.tr("What is it about?")
        )
        return audience

    def _account(self) -> Account | None:
        if self._services.demo:
            return None
        db = self._services.database()
        return group_account(db, get_group(db, self._draft.group_id).account_id)

    @staticmethod
    def _demo_account() -> Account:
        from pont.core.demo_posts import demo_account

        return demo_account()

    def switch_to_group_address(self) -> None:
        set_group_sending(
            self._services.database(), self._draft.group_id, mode=GroupMode.GROUP_ADDRESS
        )
        self.notice.dismiss()
        self.refresh_audience()
        self.statusBar().showMessage(
            self.tr("This group's posts now go from the group address, in batches."), 8000
        )

    # -- attachments ----------------------------------------------------------------------

    def choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(self, self.tr("Attach files"))
        if paths:
            self.attach([Path(p) for p in paths])

    def attach(self, paths: list[Path]) -> None:
        if self._stage is not Stage.WRITING:
            return
        refused = self.attachments.add(paths)
        if refused:
            names = ", ".join(f"“{p.name}”" for p in refused)
            self.notice.show_message(
                self.tr("Only files can be attached, not folders: {names} left out.").format(
                    names=names
                )
            )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._stage is Stage.WRITING and local_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = local_files(event.mimeData())
        if files:
            self.attach(files)
            event.acceptProposedAction()

    # -- sending --------------------------------------------------------------------------

    def send(self) -> None:
        if self._stage is not Stage.WRITING:
            return
        from pont.ui.post_jobs import PostRequest

        draft = self.current_draft()
        if not draft.subject.strip():
            self.notice.show_message(self.tr("A post needs a subject, so people can find it."))
            self.subject_edit.setFocus()
            return
        if not draft.body_text.strip() and not draft.attachments:
            self.notice.show_message(self.tr("The post is empty: write something first."))
            self.editor.setFocus()
            return
        audience = self.refresh_audience()
        if self.attachments.too_big():
            self.notice.show_message(self.attachments.warning.text())
            return
        if audience.no_account:
            self.notice.show_message(
                self.tr(
                    "Pont cannot send yet: connect your mailbox first (Mail ▸ Set up mail "
                    "account…). The post is kept as a draft."
                )
            )
            return
        if self.panel.has_problem():
            self.notice.show_message(
                self.tr(
                    "Not sent: this group is too large to copy everyone in. “Use the group "
                    "address” (on the right) sends it in batches instead."
                )
            )
            self.panel.stress_problem()
            return
        account = self._account()
        password = None
        if account is not None:
            password = self._services.sender.password_for(account)
            if password is None:
                self.notice.show_message(
                    self.tr("Not sent: Pont needs the password for {email}.").format(
                        email=account.email
                    )
                )
                return
        self.save_now()
        content = draft.content()
        if self._reply is not None and self.quote_check.isChecked():
            text, markup = with_quote(content.body_text, content.body_html, self._reply)
            content = replace(content, body_text=text, body_html=markup)
        self._set_stage(Stage.SENDING)
        self._show_progress(self.tr("Preparing the post…"), busy=True)
        request = PostRequest(
            self._services.database_path,
            self._draft.group_id,
            account,
            content,
            self._draft.id,
        )
        self._services.sender.submit(request, self._queued, self._not_queued, password)

    def _queued(self, queued: QueuedPost) -> None:
        self._draft = replace(self._draft, id=None)  # the outbox holds the post now
        self.saved_label.clear()
        if queued.post_id is None:
            self._services.archive_changed()
            self._set_stage(Stage.DONE)
            self._show_progress(
                self.tr(
                    "Posted to the demo group: “{subject}” is in Conversations now, as its "
                    "{n} members would see it. No email was sent."
                ).format(subject=queued.subject, n=queued.recipients),
                busy=False,
            )
            self.progress_bar.setRange(0, 1)
            self.progress_bar.setValue(1)
            return
        self._post_id = queued.post_id
        sender = self._services.sender
        sender.progressed.connect(self._progressed)
        sender.run_finished.connect(self._run_finished)
        sender.run_failed.connect(self._run_failed)
        self.progress_bar.setRange(0, queued.recipients)
        self._show_progress(
            self.tr("Sending to {n} members…").format(n=queued.recipients), busy=False
        )
        self.cancel_button.show()

    def _not_queued(self, message: str) -> None:
        self._set_stage(Stage.WRITING)
        self.progress_box.hide()
        self.notice.show_message(message)

    def _progressed(self, step: SendProgress) -> None:
        if step.post_id != self._post_id:
            return
        from pont.ui.outbox_words import progress_words

        self.progress_bar.setRange(0, max(step.recipients, 1))
        self.progress_bar.setValue(step.recipients_done)
        self.progress_label.setText(progress_words(step))

    def _run_finished(self, _email: str, report: OutboxReport) -> None:
        if self._post_id is None:
            return
        from pont.core.errors import PostNotFound
        from pont.core.outbox import PostState, post_status
        from pont.ui.outbox_words import can_resume, needs_retry, result_words

        try:
            status = post_status(self._services.database(), self._post_id)
        except PostNotFound:
            return
        if self._services.sender.is_sending(self._post_id):
            return
        self.progress_label.setText(result_words(status, report))
        self.progress_bar.setValue(self.progress_bar.maximum() if status.complete else 0)
        self.cancel_button.setVisible(can_resume(status) and status.state is not PostState.PAUSED)
        self.retry_button.setVisible(needs_retry(status))
        self.resume_button.setVisible(can_resume(status))
        if not can_resume(status):
            self._set_stage(Stage.DONE)
            self.cancel_button.hide()

    def _run_failed(self, _email: str, message: str) -> None:
        if self._post_id is not None:
            self.progress_label.setText(message)
            self.resume_button.show()

    def cancel_sending(self) -> None:
        if self._post_id is not None:
            self._services.sender.cancel(self._post_id)
            self.cancel_button.setEnabled(False)
            self.progress_label.setText(self.tr("Cancelling after the batch being sent…"))

    def retry_failed(self) -> None:
        if self._post_id is not None:
            self._set_stage(Stage.SENDING)
            self.retry_button.hide()
            self.resume_button.hide()
            self._services.sender.retry(self._post_id)

    def resume(self) -> None:
        account = self._account()
        if account is not None and self._services.sender.send(account):
            self._set_stage(Stage.SENDING)
            self.resume_button.hide()
            self.progress_label.setText(self.tr("Sending…"))

    def _show_progress(self, text: str, busy: bool) -> None:
        self.progress_label.setText(text)
        if busy:
            self.progress_bar.setRange(0, 0)
        self.progress_box.show()

    def _set_stage(self, stage: Stage) -> None:
        self._stage = stage
        writing = stage is Stage.WRITING
        self.subject_edit.setReadOnly(not writing)
        self.editor.setReadOnly(not writing)
        self.quote_check.setEnabled(writing)
        self.attachments.setEnabled(writing)
        self.panel.switch_button.setEnabled(writing)
        for action in [
            self.send_action,
            self.attach_action,
            self.discard_action,
            *self.editor.formatting_actions(),
        ]:
            action.setEnabled(writing)
        self.close_button.setVisible(not writing)
        self.cancel_button.setEnabled(True)

    # -- closing --------------------------------------------------------------------------

    def discard(self) -> None:
        if not self.is_empty() and not self.confirm(
            self,
            self.tr("Discard this post?"),
            self.tr("Throw away “{subject}”?").format(
                subject=self.subject_edit.text().strip() or self.tr("this post")
            ),
            self.tr("The draft is deleted; this cannot be undone."),
            self.tr("Discard"),
        ):
            return
        self._discarded = True
        if self._draft.id is not None:
            delete_draft(self._services.database(), self._draft.id)
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_now()
        if self._post_id is not None:
            sender = self._services.sender
            sender.progressed.disconnect(self._progressed)
            sender.run_finished.disconnect(self._run_finished)
            sender.run_failed.disconnect(self._run_failed)
        self.closed.emit()
        super().closeEvent(event)
