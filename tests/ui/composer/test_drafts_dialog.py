"""Drafts: closing a composer keeps its post as a draft and says so; Post ▸ Drafts lists the
profile's drafts, opens one again (raising the composer it is open in) or deletes one."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from ui_helpers import WindowFactory

from pont.core.demo.profile import seed_demo_profile
from pont.core.members.groups import Group, create_group
from pont.core.posting.drafts import Draft, DraftAttachment, list_drafts, save_draft
from pont.ui.composer.drafts_dialog import DraftsDialog
from pont.ui.composer.window import ComposerWindow
from pont.ui.language import install_language
from pont.ui.shell.main_window import MainWindow

SHOTS = Path("/tmp/pontshots")
# The offscreen platform cannot raise a window (a composer opened again is raised); it says
# so. Nothing to do with Pont.
OFFSCREEN_CANNOT_RAISE = pytest.mark.qt_log_ignore(
    "does not support raise", "does not support propagateSizeHints"
)


def shot(widget: object, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()
    widget.grab().save(str(SHOTS / name))  # type: ignore[attr-defined]


def rows(dialog: DraftsDialog) -> list[list[str]]:
    tree = dialog.tree
    return [
        [tree.topLevelItem(row).text(column) for column in range(tree.columnCount())]
        for row in range(tree.topLevelItemCount())
    ]


def some_drafts(db: Database, group: Group) -> list[Draft]:
    other = create_group(db, "Arts Circle", tag="Arts")
    earlier = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    later = datetime(2026, 3, 3, 16, 5, tzinfo=UTC)
    return [
        save_draft(
            db, Draft(None, group.id, subject="Spring meet-up", body_text="We meet."), later
        ),
        save_draft(
            db,
            Draft(
                None,
                other.id,
                body_text="Could everyone bring one idea they tried this year to the next call",
                attachments=(
                    DraftAttachment(Path("/tmp/a.pdf"), "a.pdf", 10),
                    DraftAttachment(Path("/tmp/b.pdf"), "b.pdf", 20),
                ),
            ),
            earlier,
        ),
    ]


def test_closing_a_composer_with_words_says_saved_as_a_draft(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    empty = window.post_actions.new_post()
    assert empty is not None
    empty.close()
    assert list_drafts(db) == [] and window.statusBar().currentMessage() == ""

    composer = window.post_actions.new_post()
    assert composer is not None
    composer.subject_edit.setText("Spring meet-up")
    composer.close()
    assert window.statusBar().currentMessage() == (
        "Saved as a draft. Post ▸ Drafts opens it again."
    )
    assert [d.subject for d in list_drafts(db)] == ["Spring meet-up"]
    window.resize(1100, 700)
    shot(window, "h15-saved-as-draft.png")


@OFFSCREEN_CANNOT_RAISE
def test_the_drafts_window_lists_and_opens_a_draft_once(
    qtbot: QtBot, window: MainWindow, db: Database, group: Group
) -> None:
    spring, call = some_drafts(db, group)
    assert "&Drafts…" in [a.text() for a in window.post_menu.actions()]
    window.post_actions.drafts_list.trigger()
    dialog = window.post_actions.show_drafts()
    qtbot.waitExposed(dialog)
    assert [r[:2] + [r[3]] for r in rows(dialog)] == [
        ["Spring meet-up", "Wellbeing Network", ""],  # the latest changed first
        ["Could everyone bring one idea they tried this…", "Arts Circle", "2"],
    ]
    assert rows(dialog)[0][2]  # when it was last changed
    shot(dialog, "h15-drafts.png")

    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(1))
    dialog.tree.setFocus()
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Return)
    (composer,) = window.post_actions.composers
    qtbot.addWidget(composer)
    assert composer.draft.id == call.id and len(composer.attachments.files()) == 2
    assert composer.editor.toPlainText().startswith("Could everyone bring")
    assert rows(dialog)[1][0].endswith("(open)")
    assert dialog.current_draft() == call  # still the one chosen

    composer.subject_edit.setText("Ideas for the next call")
    composer.drafts.save_now()  # as a second after typing: the list follows
    assert rows(dialog)[0][0] == "Ideas for the next call (open)"

    dialog.open_button.click()  # again: the same composer comes forward
    assert window.post_actions.composers == [composer]
    assert window.post_actions.open_draft(call) is composer
    composer.close()
    assert rows(dialog)[0][0] == "Ideas for the next call"


def test_a_draft_is_deleted_with_undo_and_its_open_composer_closes(
    qtbot: QtBot, window: MainWindow, db: Database, group: Group
) -> None:
    spring, call = some_drafts(db, group)
    composer = window.post_actions.open_draft(spring)
    qtbot.addWidget(composer)
    dialog = window.post_actions.show_drafts()
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
    dialog.tree.setFocus()
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Delete)
    assert [d.id for d in list_drafts(db)] == [call.id]
    assert window.post_actions.composers == [] and not composer.isVisible()
    assert dialog.hint_bar.label.text() == "Deleted “Spring meet-up”."
    shot(dialog, "h15-drafts-deleted.png")
    assert window.statusBar().currentMessage() == ""  # deleted, not "saved as a draft"

    dialog.hint_bar.action_button.click()  # Undo
    assert [(d.subject, d.updated) for d in list_drafts(db)] == [
        ("Spring meet-up", spring.updated),
        ("", call.updated),
    ]
    assert dialog.current_draft() is not None
    assert dialog.current_draft().subject == "Spring meet-up"  # type: ignore[union-attr]

    dialog.delete_button.click()
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
    dialog.delete_button.click()
    assert list_drafts(db) == [] and dialog.empty.isVisible() and not dialog.tree.isVisible()
    assert not dialog.open_button.isEnabled()
    shot(dialog, "h15-drafts-empty.png")


def test_a_reply_saved_as_a_draft_still_replies_when_opened_again(
    qtbot: QtBot, make_window: WindowFactory, db: Database
) -> None:
    seed_demo_profile(db)
    window = make_window(demo=True)
    window.tabs.setCurrentWidget(window.conversations_tab)
    view = window.conversations_tab.view
    assert view is not None
    view.table.selectRow(0)
    replied = view.reader.messages()[-1]
    view.reply()
    (composer,) = window.post_actions.composers
    composer.editor.setPlainText("Thank you.")
    composer.close()
    (draft,) = list_drafts(db)
    assert draft.in_reply_to == replied.message_key

    dialog = window.post_actions.show_drafts()
    dialog.open_current()
    (again,) = window.post_actions.composers
    qtbot.addWidget(again)
    assert again.windowTitle().startswith("Reply to Wellbeing Network")
    assert again.quote_check.isVisible()
    assert again.draft.in_reply_to == replied.message_key
    assert again.draft.references == draft.references


def test_only_the_composers_open_when_pont_closed_come_back_at_the_next_start(
    qtbot: QtBot, window: MainWindow, db: Database, database_path: Path, group: Group
) -> None:
    put_aside = window.post_actions.new_post()
    assert put_aside is not None
    put_aside.subject_edit.setText("For later")
    put_aside.close()
    left_open = window.post_actions.new_post()
    assert left_open is not None
    left_open.subject_edit.setText("Still writing")
    window.close()
    assert sorted(d.subject for d in list_drafts(db)) == ["For later", "Still writing"]

    again = MainWindow(db, database_path)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: len(again.post_actions.composers) == 1, timeout=3000)
    (reopened,) = again.post_actions.composers
    qtbot.addWidget(reopened)
    assert reopened.subject_edit.text() == "Still writing"
    reopened.close()
    again.close()

    third = MainWindow(db, database_path)
    qtbot.addWidget(third)
    qtbot.waitUntil(
        lambda: third.statusBar().currentMessage() == "2 drafts wait in Post ▸ Drafts.",
        timeout=3000,
    )
    assert third.post_actions.composers == []
    third.close()


def test_the_drafts_window_in_welsh(
    qtbot: QtBot, window: MainWindow, db: Database, group: Group
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication) and install_language(app, "cy")
    some_drafts(db, group)
    dialog = window.post_actions.show_drafts()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Drafftiau — Pont"
    shot(dialog, "h15-drafts-cy.png")
    composer = window.post_actions.new_post()
    assert isinstance(composer, ComposerWindow)
    composer.subject_edit.setText("Cyfarfod y gwanwyn")
    composer.close()
    assert "drafft" in window.statusBar().currentMessage()
    window.resize(1100, 700)
    shot(window, "h15-saved-as-draft-cy.png")


def test_a_double_click_opens_a_draft(
    qtbot: QtBot, window: MainWindow, db: Database, group: Group
) -> None:
    spring, _call = some_drafts(db, group)
    dialog = window.post_actions.show_drafts()
    qtbot.waitExposed(dialog)
    where = dialog.tree.visualItemRect(dialog.tree.topLevelItem(0)).center()
    qtbot.mouseClick(dialog.tree.viewport(), Qt.MouseButton.LeftButton, pos=where)  # as a
    qtbot.mouseDClick(dialog.tree.viewport(), Qt.MouseButton.LeftButton, pos=where)  # mouse does
    (composer,) = window.post_actions.composers
    qtbot.addWidget(composer)
    assert composer.draft.id == spring.id
