"""The composer: a window to write one group post, see who gets it, and send it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum, auto
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from pont.core.members.groups import GroupMode, get_group, set_group_sending
from pont.core.posting.drafts import Draft
from pont.ui.composer.attachments import AttachmentsBox
from pont.ui.composer.draft import DraftKeeper
from pont.ui.composer.editor import PostEditor, local_files
from pont.ui.composer.panel import Audience, WhoGetsThisPanel, gather_audience
from pont.ui.composer.reply import QuoteCheck, ReplySource
from pont.ui.composer.sending import SendingProgress, sending_account
from pont.ui.composer.toolbar import PostToolBar
from pont.ui.help.guide import Section, add_help_action
from pont.ui.widgets import prompts
from pont.ui.widgets.access_keys import keep_access_keys_out
from pont.ui.widgets.hint_bar import HintBar
from pont.ui.widgets.look import COOL_NOTE, WrappedLabel, make_note

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.core.mail.accounts import Account
    from pont.ui.outbox.jobs import QueuedPost
    from pont.ui.outbox.sender import OutboxSender


@dataclass(frozen=True)
class ComposerServices:
    """What a composer needs from the window that opened it."""

    database: Callable[[], Database]
    database_path: Path
    sender: OutboxSender
    demo: bool
    archive_changed: Callable[[], None]  # a post or a reply was filed in the archive


class Stage(Enum):
    WRITING = auto()
    SENDING = auto()  # handed to the outbox
    DONE = auto()


class ComposerWindow(QMainWindow):
    """Writes one post to one group. The draft saves itself a second after each change and
    when the window closes; Discard throws it away. Send builds and queues the post off the
    GUI thread, then shows each batch going, with Cancel and Retry failed.

    Signals:
        closed(): the window closed (its draft is saved, sent or discarded).
        kept_as_draft(): it closed with words unsent, which wait in Post ▸ Drafts.
    """

    closed = Signal()
    kept_as_draft = Signal()

    def __init__(
        self, services: ComposerServices, draft: Draft, reply: ReplySource | None = None
    ) -> None:
        super().__init__()
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._services = services
        self._reply = reply
        self._stage = Stage.WRITING
        self.confirm = prompts.confirm  # tests answer in its place

        self.editor = PostEditor()
        self.subject_edit = QLineEdit(draft.subject)
        self.subject_edit.setAccessibleName(self.tr("Subject"))
        self.to_label = QLabel()
        self.to_label.setAccessibleName(self.tr("To"))
        self.quote_check = QuoteCheck(reply)
        self.attachments = AttachmentsBox()
        self.panel = WhoGetsThisPanel()
        self.panel.switch_requested.connect(self.switch_to_group_address)
        self.notice = HintBar()
        self.notice.setAccessibleName(self.tr("Problem with the post"))
        self.demo_note = WrappedLabel(
            self.tr(
                "Demo: nothing is really sent. The post goes through Pont’s outbox to a "
                "rehearsal mail world, in batches, as it would to your group; watch it in "
                "the Outbox. A member’s reply then arrives in Conversations."
            )
        )
        make_note(self.demo_note, "demoNote", COOL_NOTE, "padding: 4px 8px;")
        self.progress_box = SendingProgress(services, draft.group_id)
        self.progress_box.close_button.clicked.connect(self.close)
        self.progress_box.resumed.connect(lambda: self._set_stage(Stage.SENDING))
        self.progress_box.ended.connect(lambda: self._set_stage(Stage.DONE))
        self._build_layout()
        self.demo_note.setVisible(services.demo)  # once in the layout: before, a window of its own
        self.toolbar = PostToolBar(self.editor.formatting_actions(), self)
        self.toolbar.send_action.triggered.connect(self.send)
        self.toolbar.attach_action.triggered.connect(self.choose_files)
        self.toolbar.discard_action.triggered.connect(self.discard)
        self.addToolBar(self.toolbar)
        self.toolbar.add_tool(add_help_action(self, Section.COMPOSER))

        self.editor.set_body(draft.body_text, draft.body_html)
        self.attachments.set_files(draft.attachments)
        self.drafts = DraftKeeper(
            services.database, draft, self.subject_edit, self.editor, self.attachments, self
        )
        self.statusBar().addPermanentWidget(self.drafts.saved_label)
        self.editor.link_refused.connect(self.notice.show_message)
        self.editor.files_dropped.connect(self.attach)
        self.setAcceptDrops(True)
        keep_access_keys_out(self, self.subject_edit, self.editor)
        self.refresh_audience()
        self.resize(QSize(800, 600))
        (self.editor if draft.subject else self.subject_edit).setFocus()

    # -- building -------------------------------------------------------------------------

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("To:"), self.to_label)
        # Alt+U, as in Outlook and Thunderbird: Alt+S is Send.
        form.addRow(self.tr("S&ubject:"), self.subject_edit)
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

    # -- what it holds --------------------------------------------------------------------

    @property
    def draft(self) -> Draft:
        return self.drafts.draft

    @property
    def post_id(self) -> int | None:
        return self.progress_box.post_id

    @property
    def stage(self) -> Stage:
        return self._stage

    # -- who gets it ----------------------------------------------------------------------

    def refresh_audience(self) -> Audience:
        from pont.core.posting.posts import DEFAULT_ATTACHMENT_LIMIT, attachment_limit_bytes

        db = self._services.database()
        group = get_group(db, self.drafts.draft.group_id)
        account = self._account()
        self.attachments.set_limit(
            attachment_limit_bytes(account) if account is not None else DEFAULT_ATTACHMENT_LIMIT
        )
        audience = gather_audience(db, group, account, self._services.demo)
        self.panel.show_audience(audience)
        active = audience.recipients
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
        return sending_account(self._services, self.drafts.draft.group_id)

    def switch_to_group_address(self) -> None:
        set_group_sending(
            self._services.database(), self.drafts.draft.group_id, mode=GroupMode.GROUP_ADDRESS
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
        from pont.core.posting.posts import content_language
        from pont.ui.outbox.jobs import PostRequest

        draft = self.drafts.current()
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
        self.drafts.save_now()
        group = get_group(self._services.database(), self.drafts.draft.group_id)
        content = replace(
            self.quote_check.quoted(draft.content()), language=content_language(group.language)
        )
        self._set_stage(Stage.SENDING)
        self.progress_box.show_progress(self.tr("Preparing the post…"), busy=True)
        request = PostRequest(
            self._services.database_path,
            self.drafts.draft.group_id,
            account,
            content,
            self.drafts.draft.id,
        )
        self._services.sender.submit(request, self._queued, self._not_queued, password)

    def _queued(self, queued: QueuedPost) -> None:
        if not shiboken6.isValid(self):  # closed while the post was prepared
            return
        self.drafts.handed_over()
        self.progress_box.follow(queued)

    def _not_queued(self, message: str) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_stage(Stage.WRITING)
        self.progress_box.hide()
        self.notice.show_message(message)

    def _set_stage(self, stage: Stage) -> None:
        self._stage = stage
        writing = stage is Stage.WRITING
        self.drafts.keeping = writing
        self.subject_edit.setReadOnly(not writing)
        self.editor.setReadOnly(not writing)
        self.quote_check.setEnabled(writing)
        self.attachments.setEnabled(writing)
        self.panel.switch_button.setEnabled(writing)
        self.toolbar.set_writing(writing)
        self.progress_box.set_writing(writing)

    # -- closing --------------------------------------------------------------------------

    def discard(self) -> None:
        if not self.drafts.is_empty() and not self.confirm(
            self,
            self.tr("Discard this post?"),
            self.tr("Throw away “{subject}”?").format(
                subject=self.subject_edit.text().strip() or self.tr("this post")
            ),
            self.tr("The draft is deleted; this cannot be undone."),
            self.tr("Discard"),
        ):
            return
        self.drafts.discard()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.drafts.save_now()
        self.progress_box.stop_following()
        if self.drafts.kept():
            self.kept_as_draft.emit()
        self.closed.emit()
        super().closeEvent(event)
