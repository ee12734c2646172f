"""A group's conversations: a search box, the thread list (or search results), the reader."""

from __future__ import annotations

import errno
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPoint,
    QStandardPaths,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pont.core.archive.reading import (
    ArchivedMessage,
    attachment_data,
    message_source,
    thread_messages,
)
from pont.core.archive.search import search_conversations
from pont.core.archive.threads import list_threads
from pont.core.mail.accounts import list_accounts
from pont.core.members.groups import Group
from pont.ui.conversations.formatting import safe_filename
from pont.ui.conversations.opening import PrivateCopies, is_risky, open_file
from pont.ui.conversations.reader import MessageReader
from pont.ui.conversations.search_results import SearchResultsView
from pont.ui.conversations.threads_model import ThreadColumn, ThreadsTableModel
from pont.ui.widgets import prompts
from pont.ui.widgets.empty_state import EmptyState
from pont.ui.widgets.look import name_qt_buttons

if TYPE_CHECKING:
    from sqlite_utils import Database

SEARCH_DELAY_MS = 150  # long enough to skip the searches of a word half typed


def _save_problem(error: OSError) -> str:
    """Why a file could not be written, in words; the system's own as a last resort."""
    if error.errno == errno.ENOSPC:
        return QCoreApplication.translate("ConversationsView", "the disk is full")
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return QCoreApplication.translate(
            "ConversationsView", "Pont is not allowed to write in that folder"
        )
    return error.strerror or str(error)


class ConversationsView(QWidget):
    """Shows one group's archive: threads newest first, a search over every message, and
    the chosen conversation in the reader below. Reads the archive through the core on the
    GUI thread: listing threads and a search take milliseconds.

    The answers (reply to the group, reply to the sender alone, forward) are for the message
    a search result led to, else the conversation's latest; each message in the reader also
    has its own links for them.

    Signals:
        reply_requested(object): the ArchivedMessage to reply to the group about.
        private_reply_requested(object): the ArchivedMessage to answer its sender alone.
        forward_requested(object): the ArchivedMessage to forward to someone.
        answers_changed(): what answerable() says may have changed.
    """

    reply_requested = Signal(object)
    private_reply_requested = Signal(object)
    forward_requested = Signal(object)
    answers_changed = Signal()

    def __init__(
        self,
        database: Callable[[], Database],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._group: Group | None = None
        self._scroll_to: int | None = None  # the message to show when the current row changes
        self._answered: int | None = None  # the message the answers are for, if not the latest
        self._searched = ""  # what the results shown were found for
        self._reader_kept = False  # a reload is selecting the row of the thread shown
        self.confirm = prompts.confirm  # tests answer in its place
        self.warn = prompts.warn
        self.copies = PrivateCopies(self)

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search messages…"))
        self.search_edit.setAccessibleName(self.tr("Search messages"))
        self.search_edit.setAccessibleDescription(
            self.tr("Finds this group's messages by words in the subject, text or sender")
        )
        self.search_edit.setClearButtonEnabled(True)
        name_qt_buttons(self.search_edit, self.tr("Clear the search"))
        self.search_edit.textChanged.connect(self._search_text_changed)
        self.search_edit.installEventFilter(self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)

        self.threads = ThreadsTableModel(self)
        self.table = self._build_table()
        self.results = SearchResultsView()
        self.results.clicked.connect(self._open_hit)
        self.results.activated.connect(self._open_hit)
        self.no_match = EmptyState("", "", [self.tr("Clear the search")])
        self.no_match.button_clicked.connect(lambda _n: self.clear_search())
        self.list_stack = QStackedWidget()
        for widget in (self.table, self.results, self.no_match):
            self.list_stack.addWidget(widget)

        self.reader = MessageReader()
        self.reader.attachment_save_requested.connect(self.save_attachment)
        self.reader.source_save_requested.connect(self.save_source)
        self.reader.attachment_open_requested.connect(self.open_attachment)
        self.reader.answer_requested.connect(self._answer_link)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.list_stack)
        self.splitter.addWidget(self.reader)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        browse = QWidget()
        browse_layout = QVBoxLayout(browse)
        browse_layout.setContentsMargins(0, 0, 0, 0)
        browse_layout.setSpacing(6)
        self._build_answers()
        top_row = QHBoxLayout()
        top_row.addWidget(self.search_edit, 1)
        for button in self.answer_buttons:
            top_row.addWidget(button)
        browse_layout.addLayout(top_row)
        browse_layout.addWidget(self.splitter, 1)

        self.empty = EmptyState("", "", [])
        self.pages = QStackedWidget()
        self.pages.addWidget(browse)
        self.pages.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.setTabOrder(self.search_edit, self.table)
        self.setTabOrder(self.table, self.reader)

    def _build_answers(self) -> None:
        """Reply to group, Reply to sender and Forward, as buttons. Their shortcuts belong
        to the Post menu's same answers (ConversationsTab)."""
        self.reply_button = QPushButton(self.tr("&Reply to group…"))
        self.reply_button.setToolTip(
            self.tr("Write to the group about this conversation (Ctrl+Shift+R)")
        )
        self.reply_button.clicked.connect(self.reply)
        self.private_reply_button = QPushButton(self.tr("Reply to se&nder…"))
        self.private_reply_button.setToolTip(
            self.tr("Write to the sender alone; the group does not see it (Ctrl+R)")
        )
        self.private_reply_button.clicked.connect(self.reply_to_sender)
        self.forward_button = QPushButton(self.tr("For&ward…"))
        self.forward_button.setToolTip(
            self.tr("Send the message, with its attachments, to someone else (Ctrl+L)")
        )
        self.forward_button.clicked.connect(self.forward)
        self.answer_buttons = (self.reply_button, self.private_reply_button, self.forward_button)
        self._enable_answers()

    def answerable(self) -> tuple[bool, bool, bool]:
        """Whether the message shown can be answered: to the group, to its sender alone
        (there is a sender to answer), forwarded."""
        shown = bool(self.reader.messages())
        return shown, shown and self.answered_message().sender is not None, shown

    def _enable_answers(self) -> None:
        for button, enabled in zip(self.answer_buttons, self.answerable(), strict=True):
            button.setEnabled(enabled)
        self.answers_changed.emit()

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.threads)
        table.setAccessibleName(self.tr("Conversations"))
        table.setAccessibleDescription(
            self.tr("One row per conversation, newest first; the reader below shows the one chosen")
        )
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setShowGrid(False)
        table.setTabKeyNavigation(False)
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 10)
        rows.hide()
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ThreadColumn.SUBJECT, QHeaderView.ResizeMode.Stretch)
        table.setSortingEnabled(True)
        table.sortByColumn(ThreadColumn.LAST_ACTIVITY, Qt.SortOrder.DescendingOrder)
        table.selectionModel().currentRowChanged.connect(self._current_thread_changed)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._thread_menu)
        return table

    def _fit_columns(self) -> None:
        """People as wide as the names need, within bounds; Subject takes the rest."""
        metrics = self.table.fontMetrics()
        average = metrics.averageCharWidth()
        header = self.table.horizontalHeader()
        rows = range(min(self.threads.rowCount(), 200))

        def needed(column: ThreadColumn, narrowest: int, widest: int) -> int:
            texts = [str(self.threads.index(row, column).data()) for row in rows]
            widths = [metrics.horizontalAdvance(t) + 16 for t in texts]
            # The title always fits, with its sort arrow ("Gweithgarwch diwethaf" is long).
            title_width = max(header.sectionSizeHint(column), 0)
            return max(
                narrowest * average, min(max(widths, default=0), widest * average), title_width
            )

        header.resizeSection(ThreadColumn.PARTICIPANTS, needed(ThreadColumn.PARTICIPANTS, 16, 40))
        header.resizeSection(ThreadColumn.MESSAGES, needed(ThreadColumn.MESSAGES, 4, 12))
        header.resizeSection(ThreadColumn.LAST_ACTIVITY, needed(ThreadColumn.LAST_ACTIVITY, 12, 20))

    # -- showing a group ------------------------------------------------------------------

    @property
    def group(self) -> Group | None:
        return self._group

    def set_group(self, group: Group | None) -> None:
        """Show this group's conversations; the search is kept only for the same group."""
        previous = self._group
        self._group = group
        if group is None or previous is None or group.id != previous.id:
            self.threads.set_threads([])  # another group's threads are not new arrivals
            self._searched = ""
            self.reader.show_placeholder()
            self.search_edit.blockSignals(True)
            self.search_edit.clear()
            self.search_edit.blockSignals(False)
            self._search_timer.stop()
        self.reload()

    def reload(self) -> None:
        """Read the group's threads again (after a sync, or a post filed), keeping the open
        one open. A conversation new or grown since is selected and scrolled into view when
        the coordinator was at the newest one (or at none), as a mail program's list follows
        new mail; one reading something older is left there. The reader follows a thread it
        shows to its new message when it had been read to the end."""
        group = self._group
        if group is None:
            self.threads.set_threads([])
            self.reader.show_placeholder()
            self._enable_answers()
            self._update_page()
            return
        shown = self.reader.thread
        before = {
            thread.id: thread.message_count
            for thread in (self.threads.thread(r) for r in range(self.threads.rowCount()))
        }
        newest = self._newest_thread_id()
        followed = shown is None or shown.id == newest
        read_to_end = shown is not None and self.reader.at_end()
        position = self.reader.verticalScrollBar().value()
        searching = bool(self.search_edit.text().strip())
        db = self._database()
        self.threads.set_threads(list_threads(db, group.id), now=datetime.now().astimezone())
        self._fit_columns()
        grown = [
            thread
            for thread in (self.threads.thread(r) for r in range(self.threads.rowCount()))
            if before and before.get(thread.id, 0) < thread.message_count
        ]
        row = self.threads.row_of(shown.id) if shown is not None else None
        arrived = None
        if grown and followed and not searching:
            arrived = max(
                grown, key=lambda t: (t.last_activity.timestamp() if t.last_activity else 0, t.id)
            )
            row = self.threads.row_of(arrived.id)
        if row is None and self.threads.rowCount() and not searching:
            row = 0
        if row is not None:
            thread = self.threads.thread(row)
            same = shown is not None and thread.id == shown.id
            new_messages = before.get(thread.id, 0) < thread.message_count
            latest = self._latest_message_id(thread.id) if new_messages else None
            self._scroll_to = latest if (arrived is not None or read_to_end) else None
            answered = self._answered
            # Nothing new in the conversation shown: it stays as it is, where it was read,
            # with any text chosen in it (the window reloads whenever the database changes).
            self._reader_kept = same and not new_messages
            try:
                if self.table.currentIndex().row() == row and not self._reader_kept:
                    self._show_thread(row, self._scroll_to)
                else:
                    self.table.selectRow(row)  # the reader follows the current row
                if same and self._scroll_to is None and not self._reader_kept:
                    # the same conversation with new messages: where it was read
                    self.reader.verticalScrollBar().setValue(position)
                    self._answered = answered
            finally:
                self._scroll_to = None  # the table scrolls to its new current row itself
                self._reader_kept = False
        else:
            self.reader.show_placeholder(self._results_placeholder() if searching else "")
            self._enable_answers()
        if searching:
            self.run_search()
        self._update_page()

    def _newest_thread_id(self) -> int | None:
        threads = [self.threads.thread(r) for r in range(self.threads.rowCount())]
        dated = [t for t in threads if t.last_activity is not None]
        if not dated:
            return threads[0].id if threads else None
        return max(dated, key=lambda t: (t.last_activity, t.id)).id

    def _latest_message_id(self, thread_id: int) -> int | None:
        messages = thread_messages(self._database(), thread_id)
        return messages[-1].id if messages else None

    def _update_page(self) -> None:
        if self._group is None or self.threads.rowCount():
            self.pages.setCurrentIndex(0)
            return
        if list_accounts(self._database()):
            self.empty.set_texts(
                self.tr("No messages for this group yet"),
                self.tr(
                    "Pont gathers the group's messages each time it checks your mailbox. "
                    "They will appear here once members write to the group."
                ),
            )
        else:
            self.empty.set_texts(
                self.tr("No conversations yet"),
                self.tr(
                    "Connect your mailbox (Mail ▸ Set up mail account…) and Pont will gather "
                    "this group's messages."
                ),
            )
        self.pages.setCurrentWidget(self.empty)

    # -- reading --------------------------------------------------------------------------

    def _current_thread_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._reader_kept:
            self._show_thread(current.row(), self._scroll_to)

    def _show_thread(self, row: int, message_id: int | None = None) -> None:
        thread = self.threads.thread(row)
        self.reader.show_thread(thread, thread_messages(self._database(), thread.id), message_id)
        self._answered = message_id
        self._enable_answers()

    def answered_message(self) -> ArchivedMessage:
        """The message the answers are for: the one a search result led to, else the
        conversation's latest. Only while a conversation is shown."""
        chosen = self.reader.message(self._answered) if self._answered is not None else None
        return chosen or self.reader.messages()[-1]

    def reply(self) -> None:
        """Reply to the group about the conversation shown."""
        if self.reader.messages():
            self.reply_requested.emit(self.answered_message())

    def reply_to_sender(self) -> None:
        """Answer the message's sender alone."""
        if self.reader.messages() and self.answered_message().sender is not None:
            self.private_reply_requested.emit(self.answered_message())

    def forward(self) -> None:
        if self.reader.messages():
            self.forward_requested.emit(self.answered_message())

    def _answer_link(self, action: str, message_id: int) -> None:
        message = self.reader.message(message_id)
        if message is None:
            return
        if action == "group":
            self.reply_requested.emit(message)
        elif action == "sender" and message.sender is not None:
            self.private_reply_requested.emit(message)
        elif action == "forward":
            self.forward_requested.emit(message)

    def _thread_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        self.table.selectRow(index.row())
        menu = QMenu(self)
        menu.addAction(self.tr("Reply to group…"), self.reply)
        menu.addAction(self.tr("Reply to sender…"), self.reply_to_sender)
        menu.addAction(self.tr("Forward…"), self.forward)
        menu.popup(self.table.viewport().mapToGlobal(position))

    def open_thread(self, thread_id: int, message_id: int | None = None) -> None:
        """Show a thread in the reader, scrolled to one of its messages if given."""
        row = self.threads.row_of(thread_id)
        if row is None:
            return
        shown = self.reader.thread
        if shown is not None and shown.id == thread_id:
            if message_id is not None:
                self.reader.scroll_to_message(message_id)
                self._answered = message_id
            return
        self._scroll_to = message_id
        try:
            if self.table.currentIndex().row() == row:
                self._show_thread(row, message_id)
            else:
                self.table.selectRow(row)  # the reader follows the current row
        finally:
            self._scroll_to = None

    # -- search ---------------------------------------------------------------------------

    def focus_list(self) -> None:
        shown = self.list_stack.currentWidget()
        target = shown if self.pages.currentIndex() == 0 and shown is not self.no_match else None
        (target or self.search_edit).setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def clear_search(self) -> None:
        self.search_edit.clear()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _search_text_changed(self, text: str) -> None:
        if text.strip():
            self._search_timer.start()
        else:
            self._search_timer.stop()
            self.run_search()

    def _show_current(self) -> None:
        """Back from the results: the conversation opened from them, else the table's."""
        if self.reader.thread is not None:
            return
        current = self.table.currentIndex()
        row = current.row() if current.isValid() else (0 if self.threads.rowCount() else None)
        if row is None:
            self.reader.show_placeholder()
        elif current.isValid():
            self._show_thread(row)
        else:
            self.table.selectRow(row)
        self._enable_answers()

    def _results_placeholder(self) -> str:
        return self.tr("Choose a conversation from the results to read it here.")

    def run_search(self) -> None:
        """Search now for what the box holds; an empty box shows the threads again. A new
        search clears the reader: what it showed may have nothing to do with the results.
        The same search again (after a sync) keeps what was opened from its results."""
        self._search_timer.stop()
        text = self.search_edit.text().strip()
        searched, self._searched = self._searched, text if self._group is not None else ""
        if not text or self._group is None:
            self.results.results.set_hits([])
            if self.list_stack.currentWidget() is not self.table:
                self.list_stack.setCurrentWidget(self.table)
                self._show_current()
            return
        if text != searched:
            self.reader.show_placeholder(self._results_placeholder())
            self._enable_answers()
        hits = search_conversations(self._database(), self._group.id, text)
        self.results.results.set_hits(hits, now=datetime.now().astimezone())
        if hits:
            self.list_stack.setCurrentWidget(self.results)
        else:
            self.no_match.set_texts(
                self.tr("No messages match “{text}”").format(text=text),
                self.tr("Try other words, or fewer of them."),
            )
            self.list_stack.setCurrentWidget(self.no_match)

    def _open_hit(self, index: QModelIndex) -> None:
        found = self.results.results.hit(index.row())
        if found.thread_id is not None:
            self.open_thread(found.thread_id, found.best.message_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Esc in the search box clears it and goes back to the conversations.
        if (
            watched is self.search_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Cancel)
        ):
            self.clear_search()
            return True
        return super().eventFilter(watched, event)

    # -- attachments ----------------------------------------------------------------------

    def save_attachment(self, attachment_id: int, filename: str) -> None:
        """Ask where to save an attachment and write it there."""
        self._save(
            safe_filename(filename),
            lambda: attachment_data(self._database(), attachment_id)[1],
            self.tr("Save attachment"),
            self.tr("Attachment not saved"),
        )

    def open_attachment(self, attachment_id: int, filename: str) -> Path | None:
        """Open an attachment in its own program, from a private copy; a kind of file that
        could run as a program is opened only when the coordinator says so."""
        name = safe_filename(filename)
        if is_risky(filename) and not self.confirm(
            self,
            self.tr("Open “{name}”?").format(name=name),
            self.tr(
                "“{name}” is a kind of file that can run as a program on this computer."
            ).format(name=name),
            self.tr(
                "Such files are a common way to spread harmful software, even from someone "
                "you know. Open it only if you were expecting it."
            ),
            self.tr("Open anyway"),
        ):
            return None
        try:
            path = self.copies.write(filename, attachment_data(self._database(), attachment_id)[1])
        except LookupError:
            problem = self.tr("it is no longer in the archive")
        except OSError as error:
            problem = _save_problem(error)
        else:
            if open_file(path):
                return path
            problem = self.tr("this computer has no program set to open files of this kind")
        self.warn(
            self,
            self.tr("Attachment not opened"),
            self.tr("Pont could not open “{name}”: {problem}. You can save it instead.").format(
                name=name, problem=problem
            ),
        )
        return None

    def save_source(self, message_id: int, subject: str) -> None:
        """Ask where to save a message as it was received (an .eml file any mail program
        opens) and write it there."""
        name = safe_filename(subject or self.tr("message"))
        self._save(
            name if name.lower().endswith(".eml") else f"{name}.eml",
            lambda: message_source(self._database(), message_id),
            self.tr("Save message"),
            self.tr("Message not saved"),
        )

    def _save(self, name: str, content: Callable[[], bytes], caption: str, failed: str) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
        suggested = str(Path(folder) / name) if folder else name
        path, _filter = QFileDialog.getSaveFileName(self, caption, suggested)
        if not path:
            return
        try:
            Path(path).write_bytes(content())
        except LookupError:
            problem = self.tr("it is no longer in the archive")
        except OSError as error:
            problem = _save_problem(error)
        else:
            return
        QMessageBox.warning(
            self,
            failed,
            self.tr("Pont could not save “{name}”: {problem}.").format(name=name, problem=problem),
        )
