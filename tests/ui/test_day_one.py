"""Issue 15's day one, with the keyboard alone, in English and in Welsh: the demo sends a post
in batches, Start my own group opens a fresh profile, its welcome page makes a group and
imports a real Outlook export, the mailbox is connected to the test servers, and the first
post reaches every member once, with the footer in the group's language."""

from __future__ import annotations

import email
import email.policy
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from day_one_world import (
    Journey,
    Keys,
    Step,
    alt,
    close_dialogs,
    focused_on,
    key,
    label_for,
    menu_item,
    modal,
    text,
    until,
)
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from mailservers import Mailbox, wait_for_deliveries
from pont import app as pont_app
from pont.core.demo.rehearsal import set_rehearsal_speed
from pont.core.members.members import list_members
from pont.core.posting.outbox.outbox import BatchState, PostState, outbox_status
from pont.core.profile.lock import lock_profile
from pont.core.profile.paths import DATA_DIR_VARIABLE
from pont.ui.accounts.dialog import AccountDialog
from pont.ui.composer.window import ComposerWindow, Stage
from pont.ui.importing.dialog import ImportDialog
from pont.ui.language import install_language
from pont.ui.members.group_dialog import GroupDialog
from pont.ui.outbox.view import OutboxDialog
from pont.ui.shell.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).parents[1] / "core" / "members" / "importers"))
from contact_samples import outlook_csv  # noqa: E402

Ctrl, Alt = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
X500 = "/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=dai"
# Outlook's export as a colleague's address book gives it: Windows-1252, Outlook's columns,
# names written surname first, and one colleague whose first address is an Exchange one.
PEOPLE = [
    {"First Name": "Evans, Dai", "E-mail Address": X500, "E-mail Type": "EX",
     "E-mail 2 Address": "dai.evans@example.org", "Company": "Cyngor Gwynedd"},
    {"First Name": "Roberts, Siân", "E-mail Address": "sian.roberts@example.org"},
    {"First Name": "Jones, Ann", "E-mail Address": "ann.jones@example.org"},
    {"First Name": "Pritchard, Rhys", "E-mail Address": "rhys.pritchard@example.org"},
]  # fmt: skip
MEMBERS = {
    "dai.evans@example.org": "Dai Evans",
    "sian.roberts@example.org": "Siân Roberts",
    "ann.jones@example.org": "Ann Jones",
    "rhys.pritchard@example.org": "Rhys Pritchard",
}
FOOTER_LEAVE = {"en": "To leave, write to", "cy": "I adael, ysgrifennwch at"}
JOURNEY_SECONDS = 40


def _attached(window: MainWindow) -> bool:
    try:
        window.database()
    except RuntimeError:
        return False
    return True


def _own_window(demo: MainWindow) -> MainWindow | None:
    return next(
        (
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w is not demo and w.isVisible() and _attached(w)
        ),
        None,
    )


def the_desktop_activates(window: QWidget) -> Keys:
    """What a desktop's window manager does when the window on top closes: the one below
    becomes active. Qt's offscreen platform has no window manager to do it."""
    return Keys(window.activateWindow, "the window below becomes active")


def _composer(window: MainWindow) -> ComposerWindow | None:
    shown = [c for c in window.post_actions.composers if c.isVisible()]
    return shown[0] if shown else None


# Qt's offscreen platform says so each time a menu opens; nothing about Pont.
@pytest.mark.qt_log_ignore(
    "This plugin does not support (raise|grabbing the keyboard|propagateSizeHints)"
)
@pytest.mark.parametrize("language", ["en", "cy"])
def test_day_one_by_keyboard(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    mailbox: Mailbox,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
) -> None:
    if language != "en":
        assert install_language(qapp, language)
    own_dir = tmp_path / "own"
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(own_dir))
    export = tmp_path / "Downloads" / "contacts.csv"
    export.parent.mkdir()
    export.write_bytes(outlook_csv(PEOPLE))

    demo_dir = tmp_path / "demo"
    demo = pont_app.open_main_window(qapp, demo_dir, demo=True, lock=lock_profile(demo_dir))
    demo.show()
    qtbot.waitUntil(lambda: _attached(demo))
    # A rehearsal minute in 2 s: slow enough to open the Outbox while batches still wait,
    # even on a loaded machine.
    set_rehearsal_speed(demo.database(), 30.0)
    with qtbot.waitActive(demo):
        demo.activateWindow()
    assert demo.file_menu.title() == {"en": "&File", "cy": "&Ffeil"}[language]
    world: dict[str, MainWindow] = {}
    journey = Journey(_day_one(demo, world, export, mailbox), JOURNEY_SECONDS)
    try:
        _play(qtbot, journey, world, mailbox, language)
    finally:
        _close_pont()


def _play(
    qtbot: QtBot, journey: Journey, world: dict[str, MainWindow], mailbox: Mailbox, language: str
) -> None:
    journey.start()
    qtbot.waitUntil(lambda: journey.finished, timeout=(JOURNEY_SECONDS + 10) * 1000)
    if journey.error is not None:
        raise AssertionError(
            f"the journey stopped after: {journey.done_steps[-5:]}"
        ) from journey.error

    own = world["own"]
    db = own.database()
    (group,) = [g for g in [own.group] if g is not None]
    wait_for_deliveries()
    posted = [e for e in mailbox.server.smtp.received if e.mail_from == mailbox.email]
    delivered = sorted(r for e in posted for r in e.rcpt_tos)
    # Every member once; the coordinator's own copy (the group's address in copy-all mode)
    # is the only other.
    assert delivered == sorted([*MEMBERS, mailbox.email])
    for envelope in posted:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert "First post" in str(message["Subject"]) and f"[{group.tag}]" in message["Subject"]
        body = message.get_body(("plain",))
        assert body is not None
        assert FOOTER_LEAVE[language] in body.get_content()
    assert db.execute("SELECT count(*) FROM posts").fetchone()[0] == 1


def _close_pont() -> None:
    """Whatever the journey left open (all of it, when it stopped early) closes, and each
    profile's database with its window."""
    close_dialogs()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, (MainWindow, ComposerWindow)) and widget.isVisible():
            widget.close()
        if isinstance(widget, MainWindow) and _attached(widget):
            widget.database().close()


def _day_one(
    demo: MainWindow, world: dict[str, MainWindow], export: Path, mailbox: Mailbox
) -> Iterator[Step]:
    yield from _demo_post(demo)
    own = yield from _start_own_group(demo)
    world["own"] = own
    yield from _connect_mailbox(own, mailbox)
    yield from _group_and_import(own, export)
    yield from _first_post(own)


def _demo_post(demo: MainWindow) -> Iterator[Step]:
    """Ctrl+M, a subject, Tab, a body, Ctrl+Return; then Post ▸ Outbox until it is all sent."""
    yield key(Qt.Key.Key_M, Ctrl)
    yield until(lambda: _composer(demo) is not None, "the demo's composer")
    composer = _composer(demo)
    assert composer is not None
    yield focused_on(composer.subject_edit)
    yield text("Croeso / Welcome")
    yield key(Qt.Key.Key_Tab)
    yield focused_on(composer.editor)
    yield text("A first try of Pont.")
    yield key(Qt.Key.Key_Return, Ctrl)
    yield until(lambda: composer.progress_box.close_button.isVisible(), "the demo post going")
    yield alt(composer.progress_box.close_button.text())  # the outbox goes on sending
    yield until(lambda: not shiboken6.isValid(composer) or not composer.isVisible(), "closed")
    yield the_desktop_activates(demo)
    yield from menu_item(demo.post_menu, demo.post_actions.outbox.text())
    seen: list[tuple[str, ...]] = []  # the batches' states, as the Outbox showed them
    yield until(lambda: _outbox_all_sent(demo, seen), "every batch of the demo post sent")
    sent = seen[-1]
    assert len(sent) > 1, "the post went in batches"
    assert any(states != sent for states in seen), "the Outbox showed batches still to go"
    yield key(Qt.Key.Key_Escape)  # the Outbox closes
    yield until(lambda: _outbox(demo) is None, "the Outbox closed")
    yield the_desktop_activates(demo)


def _outbox(demo: MainWindow) -> OutboxDialog | None:
    return next(
        (w for w in demo.findChildren(OutboxDialog) if w.isVisible()),
        None,
    )


def _outbox_all_sent(demo: MainWindow, seen: list[tuple[str, ...]]) -> bool:
    """Notes what the Outbox shows of the post's batches; True once the post and every
    batch are sent, in the Outbox and in the profile."""
    dialog = _outbox(demo)
    top = dialog.tree.topLevelItem(0) if dialog is not None else None
    if top is None:
        return False
    states = tuple(top.child(n).text(2) for n in range(top.childCount()))
    if not seen or seen[-1] != states:
        seen.append(states)
    (post,) = outbox_status(demo.database())
    if post.state is not PostState.SENT:
        return False
    assert all(b.state is BatchState.SENT for b in post.batches)
    shown_sent = QCoreApplication.translate("OutboxDialog", "Sent")  # a batch's word
    return len(states) == len(post.batches) and all(state == shown_sent for state in states)


def _start_own_group(demo: MainWindow) -> Iterator[Step]:
    """File ▸ Start my own group: a new window on a fresh profile, its welcome page first."""
    yield from menu_item(demo.file_menu, demo.demo_actions.start_own.text())
    yield until(lambda: _own_window(demo) is not None, "the coordinator's own window")
    own = _own_window(demo)
    assert own is not None
    yield until(lambda: not shiboken6.isValid(demo) or not demo.isVisible(), "the demo closed")
    assert own.pages.currentWidget() is own.welcome
    return own
    yield  # a generator, for `yield from`


def _connect_mailbox(own: MainWindow, mailbox: Mailbox) -> Iterator[Step]:
    """The first run offers mail set-up: the address, the password, the servers by hand."""
    yield modal(AccountDialog)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, AccountDialog)
    yield focused_on(dialog.email_edit)
    yield text(mailbox.email)
    yield alt(label_for(dialog.password_edit))
    yield focused_on(dialog.password_edit)
    yield text(mailbox.password)
    yield alt(dialog.manual_button.text())
    form = dialog.server_form
    yield until(lambda: form.isVisible(), "the server settings form")
    server = mailbox.server
    for box, port in ((form.incoming, server.imaps_port), (form.outgoing, server.smtps_port)):
        yield alt(label_for(box.host_edit))
        yield focused_on(box.host_edit)
        yield key(Qt.Key.Key_A, Ctrl)
        yield text(server.host)
        yield alt(label_for(box.security_combo))
        yield focused_on(box.security_combo)
        yield key(Qt.Key.Key_Home)  # SSL/TLS, the first choice
        yield alt(label_for(box.port_spin))
        yield key(Qt.Key.Key_A, Ctrl)
        yield text(str(port))
    yield alt(dialog.connect_button.text())
    yield until(lambda: dialog.done_button.isVisible(), "the mailbox connected")
    assert dialog.account is not None and dialog.account.email == mailbox.email
    yield key(Qt.Key.Key_Return)  # Done
    yield until(lambda: QApplication.activeModalWidget() is None, "the set-up closed")
    yield the_desktop_activates(own)


def _group_and_import(own: MainWindow, export: Path) -> Iterator[Step]:
    """From the welcome page: Import a contacts file asks for the group first, then the
    export is chosen by typing its path, its preview read and its names turned round."""
    welcome = own.welcome
    yield until(lambda: welcome.isVisible(), "the welcome page")
    yield focused_on(welcome.make_group_button)
    yield key(Qt.Key.Key_Tab)
    yield focused_on(welcome.import_button)
    yield key(Qt.Key.Key_Return)
    yield until(lambda: isinstance(QApplication.activeModalWidget(), GroupDialog), "new group")
    group_dialog = QApplication.activeModalWidget()
    assert isinstance(group_dialog, GroupDialog)
    yield until(lambda: group_dialog.isAncestorOf(QApplication.focusWidget()), "group focus")
    yield text("Rhwydwaith Lles")
    yield key(Qt.Key.Key_Return)
    yield modal(ImportDialog)
    importing = QApplication.activeModalWidget()
    assert isinstance(importing, ImportDialog)
    yield focused_on(importing.file_page.choose_button)
    yield key(Qt.Key.Key_Space)
    yield modal(QFileDialog)
    yield text(str(export))
    yield key(Qt.Key.Key_Return)
    yield until(lambda: QApplication.activeModalWidget() is importing, "the file chosen")
    yield the_desktop_activates(importing)
    yield until(lambda: importing.import_button.isEnabled(), "the export read")
    check = importing.name_order_check
    assert check.isVisible() and check.isChecked()
    assert "Evans, Dai → Dai Evans" in check.text()
    yield alt(check.text())  # unticked, then ticked again: the choice is the keyboard's
    yield until(lambda: not check.isChecked(), "names left as they are")
    yield alt(check.text())
    yield until(lambda: check.isChecked(), "first names first")
    yield alt(importing.import_button.text())
    yield until(lambda: importing.done_button.isVisible(), "the import report")
    yield key(Qt.Key.Key_Return)
    yield until(lambda: QApplication.activeModalWidget() is None, "the import closed")
    yield the_desktop_activates(own)
    group = own.group
    assert group is not None
    members = {m.email: m.name for m in list_members(own.database(), group.id)}
    assert members == MEMBERS


def _first_post(own: MainWindow) -> Iterator[Step]:
    yield key(Qt.Key.Key_M, Ctrl)
    yield until(lambda: _composer(own) is not None, "the composer")
    composer = _composer(own)
    assert composer is not None
    yield focused_on(composer.subject_edit)
    yield text("First post")
    yield key(Qt.Key.Key_Tab)
    yield focused_on(composer.editor)
    yield text("Hello everyone, and welcome.")
    yield key(Qt.Key.Key_Return, Ctrl)
    yield until(lambda: composer.stage is Stage.DONE, "the first post sent")
