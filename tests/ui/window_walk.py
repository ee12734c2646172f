"""Every window and dialog Pont has, shown one after another on the demo profile: the
accessibility and translation tests walk them all."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, QObject
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from pont.core.members.groups import Group, list_groups
from pont.core.members.members import Member, list_members
from pont.core.profile.backups import Backup
from pont.ui.accounts.dialog import AccountDialog
from pont.ui.accounts.password_prompt import PasswordPrompt
from pont.ui.accounts.session_passwords import SessionPasswords
from pont.ui.help.guide import Section, show_guide
from pont.ui.importing.dialog import ImportDialog
from pont.ui.members.group_dialog import GroupDialog
from pont.ui.members.member_dialog import MemberDialog
from pont.ui.profile.backup_dialog import BackupDialog
from pont.ui.shell.main_window import MainWindow
from pont.ui.sync.settings_dialog import SyncSettingsDialog

NOW = datetime(2026, 11, 26, 14, 0).astimezone()
BRITISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
# The kinds of window walked: the main window, eleven dialogs and the getting-started guide.
WINDOW_KINDS = 13


class WindowsShown(QObject):
    """Every window shown while it watches the application (installed as its event filter)."""

    def __init__(self) -> None:
        super().__init__()
        self.windows: list[QWidget] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            self.windows.append(watched)
        return False


def _group_and_member(db: Database) -> tuple[Group, Member]:
    group = list_groups(db)[0]
    return group, list_members(db, group.id)[0]


def shown_widget(qtbot: QtBot, widget: QWidget) -> QWidget:
    """The widget, shown on screen (and closed by qtbot at the end of the test)."""
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def all_windows(
    qtbot: QtBot, window: MainWindow, db: Database, database_path: Path, tmp_path: Path
) -> Iterator[QWidget]:
    """Every window and dialog Pont has, each shown on the page being walked."""
    window.tabs.setCurrentIndex(0)
    yield window
    window.tabs.setCurrentIndex(1)
    view = window.conversations_tab.ensure_view()
    view.table.selectRow(0)  # the reader shows a thread
    assert view.reader.toPlainText()
    yield window

    group, member = _group_and_member(db)
    check = lambda _address: None  # noqa: E731
    yield shown_widget(qtbot, MemberDialog(window, group, check, lambda new: member))
    yield shown_widget(qtbot, MemberDialog(window, group, check, lambda new: member, member))
    yield shown_widget(qtbot, GroupDialog(window, lambda details: group))
    yield shown_widget(qtbot, GroupDialog(window, lambda details: group, group, "ann@example.org"))

    importer = shown_widget(qtbot, ImportDialog(window, database_path, group))
    assert isinstance(importer, ImportDialog)
    yield importer
    importer.tabs.setCurrentIndex(1)
    yield importer
    importer.pages.setCurrentIndex(1)  # the report, after an import
    yield importer

    # Certificate page: shown empty through show_page; its text comes with a real attempt.
    account = shown_widget(qtbot, AccountDialog(None, lambda settings: None, SessionPasswords()))
    assert isinstance(account, AccountDialog)
    for page in (AccountDialog.SIGN_IN, AccountDialog.MANUAL, AccountDialog.CERTIFICATE):
        account.show_page(page)
        yield account

    yield shown_widget(qtbot, SyncSettingsDialog(None, 15))
    yield shown_widget(qtbot, PasswordPrompt(None, "ann@example.org", can_remember=True))
    composer = window.post_actions.new_post()
    assert composer is not None
    yield shown_widget(qtbot, composer)
    replied = view.reader.messages()[-1]
    reply = window.post_actions.reply_to(replied)
    assert reply is not None and reply.quote_check.isVisibleTo(reply)
    yield shown_widget(qtbot, reply)
    outbox = window.post_actions.show_outbox()
    qtbot.addWidget(outbox)
    yield outbox
    requests = window.show_requests()
    qtbot.addWidget(requests)
    yield requests
    folder = tmp_path / "backups"
    found = [Backup(folder / "a", datetime(2026, 11, 26, 9, 0).astimezone(), 2_400_000)]
    yield shown_widget(qtbot, BackupDialog(None, found, NOW, BRITISH))
    yield shown_widget(qtbot, BackupDialog(None, [], NOW, BRITISH))
    guide = show_guide(window, Section.ADD_PEOPLE)
    qtbot.addWidget(guide)
    yield guide
    yield from _group_from_conversation(qtbot, db)


def _group_from_conversation(qtbot: QtBot, db: Database) -> Iterator[QWidget]:
    """Group ▸ New group from a conversation…: empty, then with what a search found."""
    from pont.core.archive.found_conversations import FoundMessage, group_conversations
    from pont.core.archive.mailbox_search import MailboxSearch
    from pont.core.archive.message_headers import Address
    from pont.ui.group_mail.from_conversation import GroupFromConversationDialog

    dialog = GroupFromConversationDialog(None, lambda: db, [], lambda _account: None)
    yield shown_widget(qtbot, dialog)
    ann, bryn = Address("Ann Jones", "ann@example.org"), Address("Bryn Evans", "bryn@example.org")
    found = [
        FoundMessage("a@x", "Summer festival", ann, (bryn,), NOW, ()),
        FoundMessage("b@x", "Re: Summer festival", bryn, (ann,), NOW, ("a@x",)),
    ]
    dialog.show_found(MailboxSearch(("summer",), group_conversations(found), 2, 2, 3, capped=False))
    yield dialog
