"""The group dialog's pages about the group's own mail: who can post, held posts' days,
leaving without asking, the notices' language, and the welcome and goodbye wording with its
live preview; saved with the group, or refused with the reason."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from pont.core import activity
from pont.core.mail.accounts import AccountSettings, Security, ServerSettings, save_account
from pont.core.members.groups import (
    Group,
    GroupMode,
    NoticeLanguage,
    PostingPolicy,
    find_group,
    get_group,
    set_group_mail,
    set_group_sending,
)
from pont.ui.language import install_language
from pont.ui.members.group_actions import GroupActions
from pont.ui.members.group_dialog import GroupDialog


@pytest.fixture
def parent(qtbot: QtBot) -> Iterator[QWidget]:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    yield widget


@pytest.fixture
def actions(parent: QWidget, db: Database, group: Group) -> GroupActions:
    server = ServerSettings("mail.example.org", 993, Security.SSL)
    save_account(db, AccountSettings("rhian@example.org", "rhian@example.org", server, server))
    group_actions = GroupActions(parent, lambda: db)
    group_actions.set_group(group)
    return group_actions


def edit(actions: GroupActions) -> GroupDialog:
    dialog = actions.edit_group()
    assert dialog is not None
    return dialog


def save(qtbot: QtBot, dialog: GroupDialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_the_groups_mail_settings_are_shown_changed_and_saved(
    qtbot: QtBot, actions: GroupActions, db: Database, group: Group
) -> None:
    set_group_sending(db, group.id, mode=GroupMode.GROUP_ADDRESS)
    set_group_mail(db, group.id, posting="moderated", hold_days=7, goodbye="Bye {name}")
    dialog = edit(actions)
    settings = dialog.mail_settings
    assert settings.moderated_button.isChecked() and settings.hold_days_spin.value() == 7
    assert not settings.auto_leave_box.isChecked()
    assert dialog.goodbye_editor.template == "Bye {name}"
    assert dialog.welcome_editor.template == ""

    settings.announce_button.click()
    settings.hold_days_spin.setValue(30)
    settings.auto_leave_box.click()
    settings.language_combo.setCurrentIndex(settings.language_combo.findData("both"))
    qtbot.keyClicks(dialog.welcome_editor.editor, "Croeso, {name}!")
    save(qtbot, dialog)

    saved = get_group(db, group.id)
    assert (saved.posting, saved.hold_days, saved.auto_leave, saved.language) == (
        PostingPolicy.ANNOUNCE,
        30,
        True,
        NoticeLanguage.BOTH,
    )
    assert (saved.welcome, saved.goodbye) == ("Croeso, {name}!", "Bye {name}")
    assert "group-mail" in [e.action for e in activity.entries(db, group.id)]


def test_a_new_group_gets_its_mail_settings_with_it(
    qtbot: QtBot, actions: GroupActions, db: Database
) -> None:
    dialog = actions.new_group()
    qtbot.keyClicks(dialog.name_edit, "Book Club")
    dialog.mail_settings.language_combo.setCurrentIndex(2)  # both
    dialog.mail_settings.auto_leave_box.click()
    save(qtbot, dialog)
    club = find_group(db, "Book Club")
    assert (club.language, club.auto_leave) == (NoticeLanguage.BOTH, True)


def test_who_can_post_and_held_posts_wait_for_a_group_address(
    qtbot: QtBot, actions: GroupActions
) -> None:
    dialog = edit(actions)  # copy everyone in
    settings = dialog.mail_settings
    dialog.tabs.setCurrentWidget(settings)
    assert not settings.announce_button.isEnabled() and not settings.hold_days_spin.isEnabled()
    assert settings.copy_all_note.isVisible()
    assert settings.auto_leave_box.isEnabled() and settings.language_combo.isEnabled()
    dialog.group_address_button.click()
    assert settings.announce_button.isEnabled() and settings.hold_days_spin.isEnabled()
    assert not settings.copy_all_note.isVisible()
    dialog.reject()


def test_the_preview_follows_the_wording_language_and_policy_as_they_change(
    qtbot: QtBot, actions: GroupActions
) -> None:
    dialog = edit(actions)
    editor = dialog.welcome_editor
    preview = editor.preview.toPlainText()
    assert preview.startswith("Subject: Welcome to Wellbeing Network\n\nHello Siân Jones,")
    assert "use “Reply all”" in preview  # copy everyone in
    assert editor.preview_title.text() == "What Siân Jones would get:"

    dialog.group_address_button.click()
    dialog.mail_settings.announce_button.click()
    assert "Only the coordinator writes to this group" in editor.preview.toPlainText()
    assert "write to rhian@example.org" in editor.preview.toPlainText()

    qtbot.keyClicks(editor.editor, "Hi {name}, this is {group}.")
    assert editor.preview.toPlainText() == (
        "Subject: Welcome to Wellbeing Network\n\nHi Siân Jones, this is Wellbeing Network.\n"
    )
    dialog.name_edit.setText("Book Club")
    assert "this is Book Club." in editor.preview.toPlainText()

    dialog.mail_settings.language_combo.setCurrentIndex(1)  # Cymraeg
    assert editor.preview.toPlainText().startswith("Subject: Croeso i'r grŵp Book Club\n")
    goodbye = dialog.goodbye_editor.preview.toPlainText()
    assert "Helo Siân Jones,\n\nRydych chi wedi gadael y grŵp Book Club" in goodbye
    dialog.reject()


def test_wording_pont_cannot_fill_is_said_at_once_and_refused_on_saving(
    qtbot: QtBot, actions: GroupActions, db: Database, group: Group
) -> None:
    dialog = edit(actions)
    editor = dialog.goodbye_editor
    dialog.tabs.setCurrentIndex(1)
    qtbot.keyClicks(editor.editor, "Bye {nmae}")
    assert not editor.problem.isHidden()
    assert "“{nmae}”, which Pont cannot fill in" in editor.problem.text()
    assert not editor.preview.isEnabled()
    dialog.mail_settings.hold_days_spin.setValue(3)
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert "The goodbye message has “{nmae}”" in dialog.error_label.text()
    assert dialog.tabs.currentWidget() is editor  # where the problem is
    assert get_group(db, group.id) == group  # nothing saved, not even the days

    editor.editor.setPlainText("Bye {name}")
    assert editor.problem.isHidden() and editor.preview.isEnabled()
    save(qtbot, dialog)
    assert get_group(db, group.id).goodbye == "Bye {name}"


def test_starting_from_pont_wording_fills_the_box_and_the_preview_stays_the_same(
    qtbot: QtBot, actions: GroupActions
) -> None:
    dialog = edit(actions)
    editor = dialog.welcome_editor
    before = editor.preview.toPlainText()
    assert editor.editor.placeholderText().startswith("Empty: Pont’s own wording")
    qtbot.mouseClick(editor.start_button, Qt.MouseButton.LeftButton)
    assert editor.template.startswith("Hello {name},\n\nWelcome to {group}:")
    assert editor.preview.toPlainText() == before
    dialog.reject()


def test_every_field_on_the_mail_pages_has_a_name_and_takes_the_keyboard(
    qtbot: QtBot, actions: GroupActions
) -> None:
    dialog = edit(actions)
    pages = (dialog.mail_settings, dialog.welcome_editor, dialog.goodbye_editor)
    for page in pages:
        fields = [
            f for kind in (QComboBox, QSpinBox, QPlainTextEdit) for f in page.findChildren(kind)
        ]
        assert fields
        for field in fields:
            assert field.accessibleName(), field
            assert field.focusPolicy() != Qt.FocusPolicy.NoFocus
        for button in page.findChildren(QAbstractButton):
            assert "&" in button.text(), button.text()  # an Alt+ key of its own
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "Group",
        "Mail to the group",
        "Welcome",
        "Goodbye",
    ]
    dialog.reject()


def test_the_mail_pages_speak_welsh(
    qtbot: QtBot, actions: GroupActions, qapp: QApplication
) -> None:
    assert install_language(qapp, "cy")
    dialog = edit(actions)
    assert dialog.tabs.tabText(1) == "Negeseuon at y grŵp"
    assert dialog.mail_settings.auto_leave_box.text() == "Gadael i bobl &adael heb ofyn i mi"
    assert dialog.welcome_editor.preview_title.text() == "Beth fyddai Siân Jones yn ei gael:"
    # The notice itself stays in the group's language (English here), not the window's.
    assert "Hello Siân Jones," in dialog.welcome_editor.preview.toPlainText()
    qtbot.keyClicks(dialog.welcome_editor.editor, "{")
    assert dialog.welcome_editor.problem.text().startswith("Mae “{” yn y neges groeso heb “}”")
    dialog.reject()


def test_a_new_group_takes_its_name_from_the_first_keys_typed(
    qtbot: QtBot, actions: GroupActions, db: Database
) -> None:
    """The dialog opens with the keyboard in the name, not on the tabs' bar."""
    dialog = actions.new_group()
    qtbot.waitExposed(dialog)
    typed_into = dialog.focusWidget()  # where the keys go once the dialog is active
    assert typed_into is dialog.name_edit
    qtbot.keyClicks(typed_into, "Book Club")
    qtbot.keyClick(typed_into, Qt.Key.Key_Return)
    assert find_group(db, "Book Club").language is NoticeLanguage.ENGLISH


def test_a_group_made_in_a_welsh_window_writes_in_welsh_then_english(
    qtbot: QtBot, qapp: QApplication, actions: GroupActions, db: Database
) -> None:
    assert install_language(qapp, "cy")
    dialog = actions.new_group()
    assert dialog.mail_settings.language is NoticeLanguage.BOTH
    qtbot.keyClicks(dialog.name_edit, "Clwb Llyfrau")
    save(qtbot, dialog)
    assert find_group(db, "Clwb Llyfrau").language is NoticeLanguage.BOTH
    # A group already made keeps its own language, whatever the window speaks.
    assert edit(actions).mail_settings.language is NoticeLanguage.ENGLISH
