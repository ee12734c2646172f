"""Pont in Welsh: the windows show the translation when the language is `cy`, the choice
follows the system unless the coordinator picks one, and core messages are translated too."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import translations
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from ui_helpers import WindowFactory
from window_walk import all_windows

from pont.core.demo.profile import seed_demo_profile
from pont.core.errors import GroupNotFound
from pont.core.i18n import for_storage, from_storage, translate
from pont.core.members.groups import Group
from pont.core.members.members import Member
from pont.ui.language import (
    FOLLOW_SYSTEM,
    LANGUAGE_KEY,
    current_language,
    describe,
    install_language,
    language_for,
    settings_for,
    start_language,
)
from pont.ui.members.member_dialog import MemberDialog
from pont.ui.outbox.words import stored
from pont.ui.shell.main_window import MainWindow


def _welsh_catalogue() -> dict[tuple[str, str], str]:
    catalogue = {}
    for context in ET.parse(translations.ts_file("cy")).getroot().iter("context"):
        for message in context.iter("message"):
            key = (context.findtext("name") or "", message.findtext("source") or "")
            catalogue[key] = message.findtext("translation") or ""
    return catalogue


WELSH = _welsh_catalogue()


def cy(context: str, english: str) -> str:
    """What the translation says for english; the tests check the window shows it."""
    welsh = WELSH.get((context, english), "")
    assert welsh and welsh != english, f"no Welsh for {context}: {english!r}"
    return welsh


@pytest.fixture(scope="session", autouse=True)
def compiled_translations() -> None:
    """The .qm files a run from source loads (dev.py compiles them too)."""
    translations.compile_all()


@pytest.fixture
def welsh(qapp: QApplication) -> None:
    """Welsh for this test (conftest's english_again puts English back after it)."""
    assert install_language(qapp, "cy")


def _texts(root: QWidget) -> set[str]:
    texts = {root.windowTitle()}
    for widget in root.findChildren(QWidget):
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.add(widget.text())
        if isinstance(widget, QLineEdit):
            texts.add(widget.placeholderText())
    return texts


@pytest.mark.usefixtures("welsh")
def test_the_main_window_speaks_welsh(make_window: WindowFactory, members: list[Member]) -> None:
    window = make_window()
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus[:2] == [cy("MainWindow", "&File"), cy("MainWindow", "&Edit")]
    assert cy("MainWindow", "&Help") in menus
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert tabs == [cy("MainWindow", "Members"), cy("MainWindow", "Conversations")]
    headers = window.members_view.model
    assert headers.headerData(0, Qt.Orientation.Horizontal) == cy("MembersTableModel", "Name")
    assert current_language() == "cy"
    assert QLocale().monthName(3) == "Mawrth"  # dates are written in Welsh too


@pytest.mark.usefixtures("welsh")
def test_the_member_dialog_speaks_welsh(qtbot: QtBot, window: MainWindow, group: Group) -> None:
    dialog = MemberDialog(window, group, lambda _address: None, lambda new: None)
    qtbot.addWidget(dialog)
    dialog.show()
    title = cy("MemberDialog", "Add a member to {group}").format(group=group.name)
    assert dialog.windowTitle() == title
    assert cy("MemberDialog", "&Email:") in _texts(dialog)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == cy(
        "QPlatformTheme", "Cancel"
    )


@pytest.mark.usefixtures("welsh")
def test_the_composer_speaks_welsh(window: MainWindow, qtbot: QtBot) -> None:
    composer = window.post_actions.new_post()
    assert composer is not None
    qtbot.addWidget(composer)
    group = window.group
    assert group is not None
    title = cy("ComposerWindow", "New post to {group} — Pont").format(group=group.name)
    assert composer.windowTitle() == title
    assert composer.toolbar.send_action.text() == cy("ComposerWindow", "&Send")


@pytest.mark.usefixtures("welsh")
def test_core_messages_are_shown_in_welsh() -> None:
    error = GroupNotFound("Cerddwyr")
    shown = describe(error)
    assert "Cerddwyr" in shown
    assert shown != str(error)
    assert shown.startswith(cy(error.args[0].context, error.args[0].template).split("{")[0])


def test_english_shows_the_source_text(qapp: QApplication) -> None:
    install_language(qapp, "en")
    error = GroupNotFound("Walkers")
    assert describe(error) == str(error)
    assert current_language() == "en"


@pytest.mark.parametrize(
    ("setting", "system", "expected"),
    [
        (FOLLOW_SYSTEM, ["cy-GB", "en-GB"], "cy"),
        (FOLLOW_SYSTEM, ["en-GB", "cy-GB"], "en"),
        (FOLLOW_SYSTEM, ["fr-FR", "cy"], "cy"),
        (FOLLOW_SYSTEM, ["fr-FR"], "en"),
        ("en", ["cy-GB"], "en"),
        ("cy", ["en-US"], "cy"),
    ],
)
def test_the_language_follows_the_system_unless_chosen(
    setting: str, system: list[str], expected: str
) -> None:
    assert language_for(setting, system) == expected


def test_the_profile_choice_is_used_at_start_up(qapp: QApplication, tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    settings.setValue(LANGUAGE_KEY, "cy")
    settings.sync()
    start_language(qapp, tmp_path)
    assert current_language() == "cy"


def test_a_welsh_system_gets_welsh(tmp_path: Path) -> None:
    """QLocale.system() is read once per process, so a fresh one runs with LANG=cy_GB."""
    script = (
        "from PySide6.QtWidgets import QApplication\n"
        "from pathlib import Path\n"
        "from pont.ui.language import current_language, start_language\n"
        "app = QApplication([])\n"
        f"start_language(app, Path({str(tmp_path)!r}))\n"
        "print(current_language(), app.translate('MainWindow', '&File'))\n"
    )
    env = dict(
        os.environ, LANG="cy_GB.UTF-8", LANGUAGE="cy", LC_ALL="", QT_QPA_PLATFORM="offscreen"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["cy", cy("MainWindow", "&File")]


def _access_key(text: str) -> str:
    match = re.search(r"&([^&\s])", text.replace("&&", ""))
    return match.group(1).lower() if match else ""


@pytest.mark.parametrize("demo", [False, True])
@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_menu_has_one_distinct_access_key_per_item(
    language: str,
    demo: bool,
    qapp: QApplication,
    make_window: WindowFactory,
    members: list[Member],
) -> None:
    """Alt, the menu's letter and the item's letter reach one item, in either language, in
    the demo too (its File ▸ Start my own group once shared M with Import everything)."""
    install_language(qapp, language)
    window = make_window(demo=demo)
    menus = [("", window.menuBar().actions())]
    clashes = []
    while menus:
        title, actions = menus.pop()
        keys = [_access_key(a.text()) for a in actions if not a.isSeparator()]
        missing = [a.text() for a in actions if not a.isSeparator() and not _access_key(a.text())]
        repeated = {k for k in keys if k and keys.count(k) > 1}
        if repeated or missing:
            clashes.append(f"{title or 'menu bar'}: repeated {sorted(repeated)}, none {missing}")
        menus += [(a.text(), a.menu().actions()) for a in actions if a.menu() is not None]
    assert not clashes, "\n".join(clashes)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_no_window_repeats_an_access_key(
    language: str,
    qapp: QApplication,
    qtbot: QtBot,
    make_window: WindowFactory,
    db: Database,
    database_path: Path,
    tmp_path: Path,
) -> None:
    """Alt and a letter reaches one control on each page, in either language."""
    install_language(qapp, language)
    seed_demo_profile(db)
    window = make_window(demo=True)
    clashes = set()
    for shown in all_windows(qtbot, window, db, database_path, tmp_path):
        texts = [
            widget.text()
            for widget in shown.findChildren(QAbstractButton) + shown.findChildren(QLabel)
            if widget.isVisibleTo(shown) and _access_key(widget.text())
        ]
        keys = [_access_key(text) for text in texts]
        repeated = sorted(t for t in texts if keys.count(_access_key(t)) > 1)
        if repeated:
            clashes.add(f"{type(shown).__name__}: {repeated}")
    assert not clashes, "\n".join(sorted(clashes))


@pytest.mark.usefixtures("welsh")
def test_an_outbox_note_read_back_from_the_profile_is_shown_in_welsh() -> None:
    template = "The server refused this batch: {answer}."
    note = translate("Outbox", template).format(answer="554 5.7.1 Message rejected")
    shown_note = stored(from_storage(for_storage(note)))
    assert shown_note == cy("Outbox", template).format(answer="554 5.7.1 Message rejected")
    # A note an older Pont kept as plain English is looked up among the fixed sentences.
    fixed = "Waiting for the provider's daily allowance to refill."
    assert stored(fixed) == cy("Outbox", fixed)
