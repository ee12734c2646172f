"""The README's screenshots, taken from the demo profile so that they show Pont as it is.

    .venv/bin/python packaging/screenshots.py [FOLDER]

FOLDER defaults to resources/screenshots. The script builds the demo profile in a temporary
folder, adds a coordinator's mailbox and queues one post to the group through the real
outbox (nothing is sent: the outbox is only shown), and saves, offscreen:

    main-window.png      the members of the demo group
    composer.png         a post being written, with who gets it
    outbox.png           the queued post and its batches
    main-window-cy.png   the main window in Welsh
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "desktop"))  # this tree's Pont, whatever is installed

from PySide6.QtCore import QCoreApplication, QThreadPool  # noqa: E402
from PySide6.QtGui import QFont  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.ui.shell.main_window import MainWindow

SCREENSHOTS = ROOT / "resources" / "screenshots"
WINDOW_SIZE = (1400, 760)
FONT = ("DejaVu Sans", 10)  # installed with Pont's system packages; the same on every machine
SHOTS = ("main-window.png", "composer.png", "outbox.png", "main-window-cy.png")

QUEUED_SUBJECT = "Training day: six places left"
QUEUED_TEXT = "Dear all,\n\nThere are still six places on Thursday's training day.\n\nRhian\n"
POST_SUBJECT = "Spring gathering: Saturday 14 March in Aberystwyth"
POST_TEXT = (
    "Dear all,\n\n"
    "Our spring gathering is on Saturday 14 March, 10:00 to 15:00, at the Arts Centre in "
    "Aberystwyth. Lunch is provided; tell me by 1 March if you need anything for it.\n\n"
    "In the morning, three members share what has worked in their peer-support groups this "
    "winter; in the afternoon we plan the year's training together.\n\n"
    "Best wishes,\nRhian\n"
)


def settle(app: QApplication) -> None:
    """Let the window lay itself out, paint, and finish any reading on worker threads."""
    for _ in range(5):
        app.processEvents()
        QThreadPool.globalInstance().waitForDone(5000)
    app.processEvents()


def save(app: QApplication, widget: QWidget, path: Path) -> None:
    settle(app)
    if not widget.grab().save(str(path)):
        raise SystemExit(f"screenshots: could not write {path}")
    print(path)


def show_main_window(app: QApplication, db: Database, database_path: Path) -> MainWindow:
    """The main window at the screenshots' size, its columns fitted to that size (as they
    are when Pont opens at it), a member chosen."""
    from pont.ui.shell.main_window import MainWindow

    window = MainWindow(db, database_path)
    window.resize(*WINDOW_SIZE)
    window.show()
    settle(app)
    window.members_view.table.fit_columns()
    window.members_view.table.selectRow(3)
    return window


def main(folder: Path) -> int:
    sys.path.insert(0, str(ROOT / "packaging"))
    from translations import compile_all

    from pont.core.demo.profile import DEMO_GROUP, seed_demo_profile
    from pont.core.mail.accounts import AccountSettings, Security, ServerSettings, save_account
    from pont.core.members.groups import GroupMode, find_group, set_group_sending
    from pont.core.posting.outbox.outbox import queue_post
    from pont.core.posting.outbox.plan import set_recipients_per_message
    from pont.core.posting.posts import PostContent, build_post
    from pont.core.profile.store import DATABASE_NAME, open_database
    from pont.ui.language import install_language
    from pont.ui.shell.application import create_application

    compile_all()  # the Welsh .qm, from this tree's .ts
    folder.mkdir(parents=True, exist_ok=True)
    app = create_application(["pont"])
    app.setStyle("Fusion")
    app.setFont(QFont(*FONT))
    with tempfile.TemporaryDirectory() as profile:
        database_path = Path(profile) / DATABASE_NAME
        db = open_database(database_path)
        seed_demo_profile(db)
        # A mailbox to send from, and a post to the group waiting in the outbox: its
        # batches are what the outbox shows. Nothing connects to this server.
        account = save_account(
            db,
            AccountSettings(
                email="rhian.morgan@example.org",
                username="rhian.morgan@example.org",
                display_name="Rhian Morgan",
                imap=ServerSettings("mail.example.org", 993, Security.SSL),
                smtp=ServerSettings("mail.example.org", 465, Security.SSL),
            ),
        )
        set_recipients_per_message(db, account.id, 15)
        # Members get posts in batches (of 14 here, to show a few) and reply to the group.
        group = set_group_sending(
            db, find_group(db, DEMO_GROUP).id, mode=GroupMode.GROUP_ADDRESS, account_id=account.id
        )
        queue_post(
            db, build_post(db, group.id, account, PostContent(QUEUED_SUBJECT, QUEUED_TEXT)), account
        )

        window = show_main_window(app, db, database_path)
        save(app, window, folder / "main-window.png")

        composer = window.post_actions.new_post()
        assert composer is not None
        composer.subject_edit.setText(POST_SUBJECT)
        composer.editor.setPlainText(POST_TEXT)
        composer.resize(980, 520)
        composer.show()
        save(app, composer, folder / "composer.png")
        composer.drafts.discard()  # not to come back as a draft in the Welsh window
        composer.close()

        outbox = window.post_actions.show_outbox()
        outbox.resize(820, 300)
        outbox.tree.expandAll()
        outbox.tree.setCurrentItem(outbox.tree.topLevelItem(0))
        save(app, outbox, folder / "outbox.png")
        outbox.close()
        window.close()

        install_language(app, "cy")
        welsh = show_main_window(app, db, database_path)
        save(app, welsh, folder / "main-window-cy.png")
        welsh.close()
        settle(app)
        db.close()
    QCoreApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else SCREENSHOTS))
