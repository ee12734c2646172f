"""Group ▸ New group from a conversation… against a real Dovecot mailbox: search on a worker,
the conversations, the people ticked (all but the coordinator), keyboard only, and the group
made with consent "Not yet" in the members table; EN and CY screenshots."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
import translations
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from ui_helpers import WindowFactory

from mailservers import HOST, Mailbox
from pont.core.group_mail.consent import consent_for
from pont.core.mail.accounts import Account, AccountSettings, Security, ServerSettings, save_account
from pont.core.mail.credentials import store_password
from pont.core.members.groups import find_group, list_groups
from pont.core.members.members import list_members
from pont.ui.group_mail.from_conversation import GroupFromConversationDialog
from pont.ui.group_mail.mailbox_search_job import mailbox_search_job
from pont.ui.language import install_language
from pont.ui.members.columns import Column
from pont.ui.shell.main_window import MainWindow
from thread_world import (
    ANN,
    BRYN,
    CERI,
    DAI,
    EVE,
    MALLORY,
    OTHER_SUBJECT,
    RHYS,
    SUBJECT,
    WORDS,
    seed_thread,
)

TIMEOUT = 30_000


@pytest.fixture
def account(db: Database, mailbox: Mailbox) -> Account:
    seed_thread(mailbox)
    account = save_account(
        db,
        AccountSettings(
            email=mailbox.email,
            username=mailbox.email,
            display_name="Rhian Morgan",
            imap=ServerSettings(HOST, mailbox.server.imaps_port, Security.SSL),
            smtp=ServerSettings(HOST, mailbox.server.smtps_port, Security.SSL),
        ),
    )
    store_password(mailbox.email, mailbox.password)
    return account


def make_dialog(
    qtbot: QtBot, db: Database, database_path: Path, account: Account, password: str
) -> GroupFromConversationDialog:
    dialog = GroupFromConversationDialog(
        None, lambda: db, [account], mailbox_search_job(database_path, lambda _a: password)
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def search(qtbot: QtBot, dialog: GroupFromConversationDialog, words: str = WORDS) -> None:
    dialog.words_edit.setFocus()
    dialog.words_edit.insert(words)  # as typed (QTest types Latin-1 only)
    qtbot.keyClick(dialog.words_edit, Qt.Key.Key_Return)  # Enter searches
    qtbot.waitUntil(lambda: dialog.search_button.isEnabled(), timeout=TIMEOUT)


def people_rows(dialog: GroupFromConversationDialog) -> dict[str, tuple[str, str, str, bool]]:
    rows = {}
    for index in range(dialog.people.topLevelItemCount()):
        item = dialog.people.topLevelItem(index)
        rows[item.text(1)] = (
            item.text(0),
            item.text(2),
            item.text(3),
            item.checkState(0) == Qt.CheckState.Checked,
        )
    return rows


def test_search_choose_tick_and_create_with_the_keyboard(
    qtbot: QtBot, db: Database, database_path: Path, account: Account, mailbox: Mailbox
) -> None:
    dialog = make_dialog(qtbot, db, database_path, account, mailbox.password)
    assert not dialog.create_button.isEnabled()
    search(qtbot, dialog)

    assert dialog.status_label.text().startswith("Found 2 conversations.")
    found = [
        dialog.conversations.topLevelItem(i).text(0)
        for i in range(dialog.conversations.topLevelItemCount())
    ]
    assert found == [OTHER_SUBJECT, SUBJECT]
    assert QApplication.focusWidget() is dialog.conversations
    qtbot.keyClick(dialog.conversations, Qt.Key.Key_Down)  # to the chain
    assert dialog.conversations.currentItem().text(1) == "5"

    rows = people_rows(dialog)
    me = mailbox.email.lower()
    assert rows[me] == ("Rhian Morgan (you)", "1", "5", False)
    assert rows[ANN[1]] == ("Ann Jones", "1", "4", True)
    assert rows[EVE][0] == "Eve Bcc: all"
    assert set(rows) == {me, ANN[1], BRYN[1], CERI[1], DAI[1], EVE, MALLORY, RHYS}
    assert all(ticked for email, (*_, ticked) in rows.items() if email != me)
    assert dialog.ticked_label.text() == "7 of 8 ticked."
    assert dialog.name_edit.text() == SUBJECT

    # Untick Mallory with the keyboard: Tab to the people, down to the row, Space.
    dialog.people.setFocus()
    emails = list(rows)
    dialog.people.setCurrentItem(dialog.people.topLevelItem(0))
    for _ in range(emails.index(MALLORY)):
        qtbot.keyClick(dialog.people, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.people, Qt.Key.Key_Space)
    assert not people_rows(dialog)[MALLORY][3]
    assert dialog.ticked_label.text() == "6 of 8 ticked."

    dialog.name_edit.setFocus()
    dialog.name_edit.selectAll()
    dialog.name_edit.insert("Gŵyl Haf")
    assert dialog.create_button.isEnabled()
    qtbot.keyClick(dialog.create_button, Qt.Key.Key_Space)

    assert dialog.result() == QDialog.DialogCode.Accepted
    group = find_group(db, "Gŵyl Haf")
    assert dialog.created is not None and dialog.created.id == group.id
    emails_made = {m.email.lower() for m in list_members(db, group.id)}
    assert emails_made == {ANN[1], BRYN[1], CERI[1], DAI[1], EVE, RHYS}
    assert consent_for(db, group.id) == {}


def test_a_name_taken_is_said_and_nothing_made(
    qtbot: QtBot, db: Database, database_path: Path, account: Account, mailbox: Mailbox
) -> None:
    from pont.core.members.groups import create_group

    create_group(db, "Summer")
    dialog = make_dialog(qtbot, db, database_path, account, mailbox.password)
    search(qtbot, dialog, "festival planning")
    assert dialog.status_label.text() == "Found 1 conversation. Its people are below."
    dialog.name_edit.setText("summer")
    dialog.create_button.click()
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == (
        "There is already a group called “summer”. Choose another name."
    )
    assert QApplication.focusWidget() is dialog.name_edit
    assert [g.name for g in list_groups(db)] == ["Summer"]
    assert dialog.isVisible()


def test_nothing_found_and_a_wrong_password_are_said(
    qtbot: QtBot, db: Database, database_path: Path, account: Account, mailbox: Mailbox
) -> None:
    dialog = make_dialog(qtbot, db, database_path, account, mailbox.password)
    search(qtbot, dialog, "eisteddfod")
    assert dialog.status_label.text().startswith("No conversation has a subject with all")
    assert dialog.conversations.topLevelItemCount() == 0

    wrong = make_dialog(qtbot, db, database_path, account, "not the password")
    search(qtbot, wrong)
    assert "password" in wrong.status_label.text().lower()
    assert wrong.conversations.topLevelItemCount() == 0


def test_stop_ends_the_search_and_its_answer_is_dropped(
    qtbot: QtBot, db: Database, database_path: Path, account: Account, mailbox: Mailbox
) -> None:
    dialog = make_dialog(qtbot, db, database_path, account, mailbox.password)
    dialog.words_edit.insert(WORDS)
    dialog.search_button.click()
    assert dialog.stop_button.isVisible() and dialog.progress_bar.isVisible()
    assert not dialog.search_button.isEnabled()
    dialog.stop_button.click()
    assert dialog.status_label.text() == "Stopped."
    assert not dialog.stop_button.isVisible() and dialog.search_button.isEnabled()
    thread = dialog._thread
    qtbot.waitUntil(
        lambda: thread is None or not shiboken6.isValid(thread) or not thread.isRunning(),
        timeout=TIMEOUT,
    )
    qtbot.wait(50)
    assert dialog.conversations.topLevelItemCount() == 0


def test_the_menu_item_makes_the_group_and_the_table_says_not_yet(
    qtbot: QtBot,
    make_window: WindowFactory,
    account: Account,
    mailbox: Mailbox,
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window: MainWindow = make_window()
    action = window.menus.from_conversation
    assert action in window.group_menu.actions() and action.isEnabled()
    assert action.text() == "New group from a &conversation…"

    def run(dialog: GroupFromConversationDialog) -> int:
        dialog.show()
        search(qtbot, dialog, "festival planning")
        dialog.name_edit.setText("Summer")
        dialog.create_button.click()
        return 1

    monkeypatch.setattr(GroupFromConversationDialog, "exec", run)
    action.trigger()

    group = find_group(db, "Summer")
    assert window.sidebar.current_group_id() == group.id
    model = window.members_view.model
    qtbot.waitUntil(lambda: model.rowCount() == 7, timeout=TIMEOUT)
    texts = {model.member(r).email: model.index(r, Column.CONSENT).data() for r in range(7)}
    assert set(texts.values()) == {"Not yet"}
    assert "Created Summer with 7 members" in window.statusBar().currentMessage()


def test_the_demo_has_no_mailbox_to_search(demo_window: MainWindow) -> None:
    action = demo_window.menus.from_conversation
    assert not action.isEnabled() and "demo" in action.toolTip()


@pytest.mark.parametrize("language", ["en", "cy"])
def test_screenshots(
    qtbot: QtBot,
    qapp: QApplication,
    db: Database,
    database_path: Path,
    account: Account,
    mailbox: Mailbox,
    language: str,
) -> None:
    if language == "cy":
        translations.compile_all()  # the .qm a run from source loads
        assert install_language(qapp, "cy")
    dialog = make_dialog(qtbot, db, database_path, account, mailbox.password)
    dialog.resize(760, 680)
    search(qtbot, dialog)
    dialog.grab().save(f"/tmp/h15-from-conversation-{language}-results.png")
    dialog.conversations.setCurrentItem(dialog.conversations.topLevelItem(1))
    dialog.people.set_ticked(MALLORY, False)
    dialog.grab().save(f"/tmp/h15-from-conversation-{language}-people.png")
    assert dialog.people.topLevelItemCount() == 8


def test_a_typed_name_stays_and_a_cap_is_said(qtbot: QtBot, db: Database) -> None:
    from pont.core.archive.found_conversations import FoundMessage, group_conversations
    from pont.core.archive.mailbox_search import MailboxSearch
    from pont.core.archive.message_headers import Address

    dialog = GroupFromConversationDialog(None, lambda: db, [], lambda _account: None)
    qtbot.addWidget(dialog)
    ann = Address("Ann Jones", "ann@example.org")
    found = group_conversations(
        [
            FoundMessage("a@x", "Summer festival", ann, (), None, ()),
            FoundMessage("b@x", "Summer walks", ann, (), None, ()),
        ]
    )
    dialog.show_found(MailboxSearch(("summer",), found, None, 5000, 1, capped=True))
    assert dialog.status_label.text() == (
        "Found 2 conversations. Choose one to see its people. More than 5,000 messages "
        "matched; Pont read the first 5,000. More words would narrow it."
    )
    first = dialog.name_edit.text()
    dialog.conversations.setCurrentItem(dialog.conversations.topLevelItem(1))
    assert dialog.name_edit.text() != first  # Pont's suggestion follows the choice
    dialog.name_edit.setText("Walkers")
    dialog.conversations.setCurrentItem(dialog.conversations.topLevelItem(0))
    assert dialog.name_edit.text() == "Walkers"  # the coordinator's own name stays

    dialog.show_found(MailboxSearch(("summer",), found, 7200, 5000, 4, capped=True))
    assert dialog.status_label.text().endswith(
        "7,200 messages matched; Pont read the newest 5,000. More words would narrow it."
    )


def test_tab_goes_top_to_bottom_and_enter_in_the_name_creates(
    qtbot: QtBot, db: Database, database_path: Path, account: Account, mailbox: Mailbox
) -> None:
    dialog = make_dialog(qtbot, db, database_path, account, mailbox.password)
    search(qtbot, dialog, "festival planning")
    dialog.words_edit.setFocus()
    reached = []
    for _ in range(7):
        reached.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    cancel = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
    assert reached == [
        dialog.words_edit,
        dialog.search_button,
        dialog.conversations,
        dialog.people,
        dialog.name_edit,
        dialog.create_button,
        cancel,
    ]
    dialog.name_edit.setFocus()
    dialog.name_edit.setText("Summer")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert dialog.created is not None and dialog.created.name == "Summer"
