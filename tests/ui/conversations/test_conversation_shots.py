"""Search results, the reader's answers and the forward window, in English and in Welsh:
each is grabbed to /tmp/pontshots for a person to look at, and checked to speak the language."""

from __future__ import annotations

from pathlib import Path

import pytest
import translations
from conversation_archive import seed_archive
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from ui_helpers import WindowFactory

from pont.core.members.groups import Group
from pont.ui.composer.direct import DirectComposer
from pont.ui.language import install_language

SHOTS = Path("/tmp/pontshots")
WORDS = {  # the language's words for what each shot must show
    "en": ("2 matching messages", "Reply to sender", "Forwarded message", "For&ward…"),
    "cy": ("2 neges yn cyfateb", "Ateb yr anfonwr", "Neges a anfonwyd ymlaen", "Anfon y&mlaen…"),
}


@pytest.fixture(scope="module", autouse=True)
def compiled_translations() -> None:
    translations.compile_all()


def shot(widget: object, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()
    widget.grab().save(str(SHOTS / name))  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_results_answers_and_forward_in_each_language(
    qtbot: QtBot,
    qapp: QApplication,
    make_window: WindowFactory,
    db: Database,
    group: Group,
    language: str,
) -> None:
    assert install_language(qapp, language)
    matching, answer_link, forwarded, forward_button = WORDS[language]
    seed_archive(db, group)
    window = make_window()
    window.resize(1000, 700)
    window.tabs.setCurrentWidget(window.conversations_tab)
    view = window.conversations_tab.view
    assert view is not None
    qtbot.keyClicks(view.search_edit, "village")
    qtbot.waitUntil(lambda: not view._search_timer.isActive())
    assert matching in view.results.results.index(0).data()
    shot(window, f"h15-search-results-{language}.png")

    view.clear_search()
    model = view.threads
    with_attachment = next(
        model.thread(r).id for r in range(model.rowCount()) if model.thread(r).message_count == 3
    )
    view.open_thread(with_attachment)
    assert answer_link in view.reader.toPlainText()
    assert view.forward_button.text() == forward_button
    view.reader.verticalScrollBar().setValue(view.reader.verticalScrollBar().maximum())
    shot(window, f"h15-reader-answers-{language}.png")

    view.forward()
    [composer] = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, DirectComposer) and w.isVisible()
    ]
    assert forwarded in composer.body.toPlainText()
    composer.to_edit.setText("colleague@example.org")
    shot(composer, f"h15-forward-{language}.png")
    composer.confirm = lambda *_args: True  # type: ignore[method-assign]
    composer.close()
