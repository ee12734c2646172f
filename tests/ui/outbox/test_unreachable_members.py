"""A member the coordinator's mail server cannot reach (an address beyond ASCII, a server
without SMTPUTF8): the others get the post, and the composer and the Outbox window name that
member and say what to do, in English and in Welsh."""

from __future__ import annotations

import uuid

import translations
from composer_world import make_world
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from test_outbox_view import SEND_TIMEOUT, item_texts
from ui_helpers import WindowFactory

from mailservers import Mailbox, Smtp
from pont.core.members.members import NewMember, add_member
from pont.core.posting.international import NO_SMTPUTF8
from pont.core.posting.outbox.outbox import RecipientResult, post_status
from pont.ui.language import install_language
from pont.ui.outbox.words import result_words


def test_the_member_a_server_cannot_reach_is_named_with_what_to_do(
    qtbot: QtBot,
    qapp: QApplication,
    make_window: WindowFactory,
    db: Database,
    mailbox: Mailbox,
    fault_smtp: Smtp,  # offers no SMTPUTF8
) -> None:
    world = make_world(db, mailbox, fault_smtp, 2)
    welsh = f"siân-{uuid.uuid4().hex[:8]}@example.cymru"
    add_member(db, world.group.id, NewMember(welsh, "Siân Roberts"))
    window = make_window()
    composer = window.post_actions.new_post()
    assert composer is not None
    qtbot.addWidget(composer)
    composer.subject_edit.setText("Rota")
    composer.editor.setPlainText("The new rota is attached.")
    composer.send()
    words = (
        f"Sent to 2 of 3 members. Siân Roberts ({welsh}) cannot be reached through your mail "
        "server: it cannot send to an address with letters beyond A to Z (it does not offer "
        "SMTPUTF8). Ask for another address, or send through a provider that can."
    )

    def says_unreachable() -> None:
        assert composer.progress_box.label.text() == words

    qtbot.waitUntil(says_unreachable, timeout=SEND_TIMEOUT)
    assert composer.post_id is not None
    post = post_status(db, composer.post_id)
    assert [r.email for r in post.with_result(RecipientResult.ACCEPTED)] == list(world.members)

    dialog = window.post_actions.show_outbox()
    qtbot.addWidget(dialog)
    assert [f"    {welsh}", f"Refused: {NO_SMTPUTF8}"] in item_texts(dialog)
    assert dialog.details.text() == words

    translations.compile_all()
    assert install_language(qapp, "cy")
    welsh_words = result_words(post)
    assert welsh in welsh_words and "SMTPUTF8" in welsh_words
    assert "cannot be reached" not in welsh_words and "Anfonwyd" in welsh_words
    dialog.reload()
    (refused_line,) = [t for t in item_texts(dialog) if t[0] == f"    {welsh}"]
    assert "SMTPUTF8" in refused_line[1] and "cannot send" not in refused_line[1]
