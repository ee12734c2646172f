"""The Outbox window against the real test servers: states, batches, refused addresses,
Retry failed, Cancel and Resume."""

from __future__ import annotations

from pathlib import Path

from composer_world import make_world
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from ui_helpers import WindowFactory

from mailservers import Mailbox, Smtp
from pont.core.posting.outbox.outbox import PostState, post_status, queue_post
from pont.core.posting.posts import PostContent, build_post
from pont.ui.composer.window import Stage

SHOTS = Path("/tmp/pontshots")
SEND_TIMEOUT = 30_000


def item_texts(dialog: object) -> list[list[str]]:
    tree = dialog.tree  # type: ignore[attr-defined]
    rows = []

    def walk(item: object, depth: int) -> None:
        rows.append(["  " * depth + item.text(0), item.text(2)])  # type: ignore[attr-defined]
        for index in range(item.childCount()):  # type: ignore[attr-defined]
            walk(item.child(index), depth + 1)  # type: ignore[attr-defined]

    for index in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(index), 0)
    return rows


def test_refused_addresses_are_listed_and_retried(
    qtbot: QtBot, make_window: WindowFactory, db: Database, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    world = make_world(db, mailbox, fault_smtp, 4, per_message=2)
    refused = world.members[1]
    fault_smtp.faults.refuse = {refused.lower(): "550 5.1.1 No such user here"}
    window = make_window()
    composer = window.post_actions.new_post()
    assert composer is not None
    qtbot.addWidget(composer)
    composer.subject_edit.setText("Rota")
    composer.editor.setPlainText("The new rota is attached.")
    composer.send()
    refused_words = (
        f"Sent to 3 of 4 members. 1 address was refused: {refused} (550 5.1.1 No such user "
        "here). Check them, then choose Retry failed."
    )

    def says_refused() -> None:  # on a timeout, pytest-qt shows the last failed assertion
        assert composer.progress_box.label.text() == refused_words
        assert composer.progress_box.retry_button.isVisible()

    qtbot.waitUntil(says_refused, timeout=SEND_TIMEOUT)

    window.post_actions.outbox.trigger()
    dialog = window.post_actions.show_outbox()
    qtbot.addWidget(dialog)
    assert item_texts(dialog) == [
        ["[Practice] Rota", "Sent, some refused"],
        ["  Batch 1", "Sent"],
        [f"    {refused}", "Refused: 550 5.1.1 No such user here"],
        ["  Batch 2", "Sent"],
    ]
    assert dialog.retry_button.isEnabled() and not dialog.resume_button.isEnabled()
    assert "1 address was refused" in dialog.details.text()
    dialog.resize(820, 460)
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "outbox.png"))

    fault_smtp.faults.refuse = {}
    qtbot.mouseClick(dialog.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: item_texts(dialog)[0] == ["[Practice] Rota", "Sent"], timeout=SEND_TIMEOUT
    )
    assert composer.post_id is not None
    assert post_status(db, composer.post_id).complete

    # The Outbox window may show "Sent" from the last batch's progress, just before the
    # composer hears the run has finished: wait for the composer's own last words.
    def says_all_sent() -> None:
        assert composer.stage is Stage.DONE
        assert composer.progress_box.label.text() == "Sent to all 4 members."

    qtbot.waitUntil(says_all_sent, timeout=SEND_TIMEOUT)


def test_a_waiting_post_can_be_cancelled_or_resumed(
    qtbot: QtBot, make_window: WindowFactory, db: Database, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    world = make_world(db, mailbox, fault_smtp, 2)
    window = make_window()
    ids = [
        queue_post(
            db,
            build_post(db, world.group.id, world.account, PostContent(subject, "Text")),
            world.account,
        )
        for subject in ("Left for later", "Changed my mind")
    ]
    dialog = window.post_actions.show_outbox()
    qtbot.addWidget(dialog)
    assert [row[1] for row in item_texts(dialog) if not row[0].startswith(" ")] == [
        "Waiting to send",
        "Waiting to send",
    ]
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))  # newest first
    assert dialog.current_post() is not None and dialog.current_post().id == ids[1]
    assert dialog.cancel_button.isEnabled() and dialog.resume_button.isEnabled()
    dialog.cancel()
    assert post_status(db, ids[1]).state is PostState.CANCELLED
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(1))
    qtbot.mouseClick(dialog.resume_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: post_status(db, ids[0]).state is PostState.SENT, timeout=SEND_TIMEOUT)

    def states() -> list[str]:
        return [row[1] for row in item_texts(dialog) if not row[0].startswith(" ")]

    qtbot.waitUntil(lambda: states() == ["Cancelled", "Sent"], timeout=SEND_TIMEOUT)


def test_the_window_resumes_the_outbox_at_start(
    qtbot: QtBot, make_window: WindowFactory, db: Database, mailbox: Mailbox, fault_smtp: Smtp
) -> None:
    world = make_world(db, mailbox, fault_smtp, 2)
    post_id = queue_post(
        db,
        build_post(db, world.group.id, world.account, PostContent("Left over", "Text")),
        world.account,
    )
    window = make_window()
    window.post_actions.start()  # as start_mail does once the profile is open
    qtbot.waitUntil(lambda: post_status(db, post_id).state is PostState.SENT, timeout=SEND_TIMEOUT)
