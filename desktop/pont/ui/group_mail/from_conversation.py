"""Group ▸ New group from a conversation…: words of a subject are looked for in the whole
mailbox (off the GUI thread, with progress and Stop), the conversations found are listed, and
the chosen one's people are shown with how often each wrote, ticked (all but the coordinator),
to become the members of a new group who have not yet consented."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, QThread
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pont.core.archive.found_conversations import Conversation, people_in
from pont.core.archive.mailbox_search import MailboxSearch, search_words
from pont.core.errors import PontError
from pont.ui.group_mail.conversation_people import PeopleList, fit_columns
from pont.ui.language import describe
from pont.ui.widgets.look import WrappedLabel, name_qt_buttons, problem_label, set_text_colour
from pont.ui.widgets.workers import delete_when_done, start_worker

if TYPE_CHECKING:
    from datetime import datetime

    from sqlite_utils import Database

    from pont.core.mail.accounts import Account
    from pont.core.mail.tokens import Secret
    from pont.core.members.groups import Group
    from pont.ui.group_mail.mailbox_search_job import SearchJob


class GroupFromConversationDialog(QDialog):
    """Search, choose a conversation, tick its people, name the group, Create. Accepted once
    the group is made (`created` is it)."""

    def __init__(
        self,
        parent: QWidget | None,
        database: Callable[[], Database],
        accounts: list[Account],
        job_for: Callable[[Account], SearchJob | None],
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New group from a conversation"))
        self.setMinimumSize(720, 620)
        self._database = database
        self._accounts = accounts
        self._job_for = job_for
        self._stop: threading.Event | None = None
        self._thread: QThread | None = None
        self._found: MailboxSearch | None = None
        self._own: list[str] = []  # the coordinator's addresses, marked "(you)"
        self.created: Group | None = None
        self._suggested_name = ""  # the name Pont filled in, replaced until one is typed

        self.intro = WrappedLabel(
            self.tr(
                "Most groups start as a reply-all conversation. Type words from its subject: "
                "Pont looks through every folder of your mailbox except Trash, Junk and "
                "Drafts, and changes nothing there."
            )
        )
        self.account_box = QComboBox()
        self.account_box.setAccessibleName(self.tr("Mailbox to search"))
        for account in accounts:
            self.account_box.addItem(account.email)
        self.words_edit = QLineEdit()
        self.words_edit.setAccessibleName(self.tr("Words from the subject"))
        self.words_edit.setPlaceholderText(self.tr("e.g. summer festival planning"))
        self.words_edit.setClearButtonEnabled(True)
        name_qt_buttons(self.words_edit, self.tr("Clear the words"))
        self.words_edit.returnPressed.connect(self.search)
        self.words_edit.textChanged.connect(lambda _text: self._update_buttons())
        self.search_button = QPushButton(self.tr("&Search"))
        self.search_button.clicked.connect(self.search)
        self.stop_button = QPushButton(self.tr("S&top"))
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.hide()
        words_row = QHBoxLayout()
        words_row.addWidget(self.words_edit, 1)
        words_row.addWidget(self.search_button)
        words_row.addWidget(self.stop_button)
        search_form = QFormLayout()
        self.account_label = QLabel(self.tr("&Mailbox:"))
        self.account_label.setBuddy(self.account_box)
        search_form.addRow(self.account_label, self.account_box)
        words_label = QLabel(self.tr("Subject &words:"))
        words_label.setBuddy(self.words_edit)
        search_form.addRow(words_label, words_row)
        if len(accounts) < 2:
            self.account_label.hide()
            self.account_box.hide()

        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName(self.tr("Search progress"))
        self.progress_bar.setTextVisible(False)
        self.progress_bar.hide()
        self.status_label = WrappedLabel()
        self.status_label.setAccessibleName(self.tr("Search result"))
        set_text_colour(self.status_label, None)

        self.conversations = QTreeWidget()
        self.conversations.setAccessibleName(self.tr("Conversations found"))
        self.conversations.setRootIsDecorated(False)
        self.conversations.setHeaderLabels(
            [self.tr("Conversation"), self.tr("Messages"), self.tr("Dates")]
        )
        self.conversations.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        fit_columns(self.conversations)
        self.conversations.currentItemChanged.connect(lambda *_: self._show_people())
        conversations_label = QLabel(self.tr("&Conversations found:"))
        conversations_label.setBuddy(self.conversations)

        self.people = PeopleList()
        self.people.itemChanged.connect(lambda *_: self._update_buttons())
        people_label = QLabel(self.tr("&People (ticked ones become members):"))
        people_label.setBuddy(self.people)
        self.ticked_label = QLabel()
        self.ticked_label.setAccessibleName(self.tr("People ticked"))

        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Name of the new group"))
        self.name_edit.setMaxLength(100)
        self.name_edit.textChanged.connect(lambda _text: self._update_buttons())
        self.name_edit.returnPressed.connect(self._create_if_ready)
        name_form = QFormLayout()
        name_label = QLabel(self.tr("Group &name:"))
        name_label.setBuddy(self.name_edit)
        name_form.addRow(name_label, self.name_edit)
        self.consent_note = WrappedLabel(
            self.tr(
                "They join as members who have not yet agreed to a list of members everyone "
                "can see: the Consent column says “Not yet” until you ask them (Edit ▸ Ask for "
                "consent…) or record what they told you."
            )
        )
        set_text_colour(self.consent_note, None)
        self.error_label = problem_label(self.tr("Problem"))

        self.buttons = QDialogButtonBox()
        self.create_button: QPushButton = self.buttons.addButton(
            self.tr("C&reate group"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_button.clicked.connect(self.create_group)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel).clicked.connect(self.reject)
        self.search_button.setAutoDefault(False)
        self.create_button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(search_form)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addWidget(conversations_label)
        layout.addWidget(self.conversations, 2)
        layout.addWidget(people_label)
        layout.addWidget(self.people, 3)
        layout.addWidget(self.ticked_label)
        layout.addLayout(name_form)
        layout.addWidget(self.consent_note)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._update_buttons()

    # -- searching ------------------------------------------------------------------------

    @property
    def account(self) -> Account:
        return self._accounts[max(0, self.account_box.currentIndex())]

    def search(self) -> None:
        if self._stop is not None:
            return
        try:
            words = search_words(self.words_edit.text())
        except PontError as error:
            self._say(describe(error))
            return
        account = self.account
        job = self._job_for(account)
        if job is None:  # no password given
            return
        self._found = None
        self.conversations.clear()
        self.people.clear()
        self.error_label.hide()
        stop = self._stop = threading.Event()
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        self._say(self.tr("Searching {mailbox}…").format(mailbox=account.email))
        self.stop_button.show()
        self._update_buttons()
        self._thread = start_worker(
            self,
            lambda progress: job(account, words, stop, progress),
            lambda found: self._searched(stop, found),
            lambda message: self._search_failed(stop, message),
            lambda done, total: self._progressed(stop, done, total),
        )

    def stop(self) -> None:
        if self._stop is not None:
            self._stop.set()
            self._stop = None
        self._searching_ended()
        self._say(self.tr("Stopped."))

    def _progressed(self, stop: threading.Event, done: int, total: int) -> None:
        if stop is self._stop and total:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(done)

    def _searching_ended(self) -> None:
        self.progress_bar.hide()
        self.stop_button.hide()
        self._update_buttons()

    def _search_failed(self, stop: threading.Event, message: str) -> None:
        if stop is not self._stop:
            return
        self._stop = None
        self._searching_ended()
        self._say(message)

    def _searched(self, stop: threading.Event, found: MailboxSearch) -> None:
        if stop is not self._stop:
            return  # stopped, or a newer search is under way
        self._stop = None
        self._searching_ended()
        self.show_found(found)

    def show_found(self, found: MailboxSearch) -> None:
        """The conversations a search found, the first chosen and its people shown."""
        from pont.core.group_mail.from_thread import own_addresses

        self._own = [a.email for a in self._accounts] + own_addresses(self._database())
        self._found = found
        self.conversations.clear()
        if not found.conversations:
            self._say(
                self.tr(
                    "No conversation has a subject with all of these words. Try fewer words, "
                    "or words as the subject spells them."
                )
            )
            self.words_edit.setFocus()
            return
        count = len(found.conversations)
        text = (
            self.tr("Found 1 conversation. Its people are below.")
            if count == 1
            else self.tr("Found {n} conversations. Choose one to see its people.").format(
                n=self._number(count)
            )
        )
        if found.capped and found.matched is not None:
            text += " " + self.tr(
                "{found} messages matched; Pont read the newest {read}. More words would narrow it."
            ).format(found=self._number(found.matched), read=self._number(found.read))
        elif found.capped:
            text += " " + self.tr(
                "More than {read} messages matched; Pont read the first {read}. More words "
                "would narrow it."
            ).format(read=self._number(found.read))
        self._say(text)
        for conversation in found.conversations:
            item = QTreeWidgetItem(
                [conversation.subject, self._number(conversation.count), self._dates(conversation)]
            )
            item.setToolTip(0, conversation.subject)
            self.conversations.addTopLevelItem(item)
        self.conversations.setCurrentItem(self.conversations.topLevelItem(0))
        self.conversations.setFocus()

    # -- the chosen conversation ----------------------------------------------------------

    def _conversation(self) -> Conversation | None:
        item = self.conversations.currentItem()
        if item is None or self._found is None:
            return None
        index = self.conversations.indexOfTopLevelItem(item)
        return self._found.conversations[index] if index >= 0 else None

    def _show_people(self) -> None:
        conversation = self._conversation()
        self.people.show_people(people_in(conversation, self._own) if conversation else [])
        if conversation is not None and self.name_edit.text() in ("", self._suggested_name):
            self._suggested_name = conversation.subject[:100]
            self.name_edit.setText(self._suggested_name)
        self._update_buttons()

    def _update_buttons(self) -> None:
        searching = self._stop is not None
        self.search_button.setEnabled(not searching and bool(self.words_edit.text().strip()))
        ticked = len(self.people.ticked())
        listed = len(self.people.people)
        self.ticked_label.setText(
            self.tr("{ticked} of {people} ticked.").format(
                ticked=self._number(ticked), people=self._number(listed)
            )
            if listed
            else ""
        )
        self.create_button.setEnabled(
            not searching and ticked > 0 and bool(self.name_edit.text().strip())
        )

    # -- creating -------------------------------------------------------------------------

    def _create_if_ready(self) -> None:
        if self.create_button.isEnabled():
            self.create_group()

    def create_group(self) -> None:
        from pont.core.archive.message_headers import Address
        from pont.core.group_mail.from_thread import create_group_from_people

        conversation = self._conversation()
        people = self.people.ticked()
        if conversation is None or not people:
            return
        try:
            made = create_group_from_people(
                self._database(),
                self.name_edit.text(),
                [Address(p.name, p.email) for p in people],
                subject=conversation.subject,
            )
        except PontError as error:
            self.error_label.setText(describe(error))
            self.error_label.show()
            self.name_edit.setFocus()
            self.name_edit.selectAll()
            return
        self.created = made.group
        self.accept()

    # -- words ----------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setAccessibleDescription(text)

    def _number(self, value: int) -> str:
        return QLocale().toString(value)

    def _dates(self, conversation: Conversation) -> str:
        first, last = conversation.first, conversation.last
        if first is None or last is None:
            return ""
        day_first, day_last = self._day(first), self._day(last)
        return day_first if day_first == day_last else f"{day_first} – {day_last}"

    def _day(self, moment: datetime) -> str:
        day = moment.astimezone().date()
        return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM yyyy")

    # -- closing --------------------------------------------------------------------------

    def dispose(self) -> None:
        """Delete the dialog once its worker (told to stop) has ended."""
        delete_when_done(self, self._thread)

    def reject(self) -> None:
        if self._stop is not None:
            self._stop.set()
            self._stop = None
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._stop is not None:
            self._stop.set()
            self._stop = None
        super().closeEvent(event)


def new_group_from_conversation(
    parent: QWidget,
    database: Callable[[], Database],
    database_path: Path,
    secret_for: Callable[[Account], Secret | None],
) -> Group | None:
    """The dialog, run; the group it made, or None. Without an account it says what to do."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from pont.core.mail.accounts import list_accounts

    accounts = list_accounts(database())
    if not accounts:
        QMessageBox.information(
            parent,
            QCoreApplication.translate(
                "GroupFromConversationDialog", "New group from a conversation"
            ),
            QCoreApplication.translate(
                "GroupFromConversationDialog",
                "Pont searches your mailbox for the conversation, so it needs your mail "
                "account first: Mail ▸ Set up mail account…",
            ),
        )
        return None
    from pont.ui.group_mail.mailbox_search_job import mailbox_search_job

    dialog = GroupFromConversationDialog(
        parent, database, accounts, mailbox_search_job(database_path, secret_for)
    )
    dialog.exec()
    created = dialog.created
    dialog.dispose()
    return created
