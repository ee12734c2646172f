"""File ▸ Language: the coordinator picks English, Cymraeg, or the system's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from pont.core.errors import PontError
from pont.ui.language import (
    FOLLOW_SYSTEM,
    LANGUAGE_KEY,
    LANGUAGES,
    current_language,
    install_language,
    language_for,
    language_setting,
)

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from pont.ui.shell.main_window import MainWindow


class LanguageMenu(QObject):
    """The menu, with the current choice ticked. Choosing another language reopens the
    window in it (as Restore and Import everything do), so every label is in one language."""

    def __init__(self, window: MainWindow, settings: QSettings) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self.menu = QMenu(self.tr("&Language"), window)
        self.menu.menuAction().setToolTip(self.tr("The language Pont’s windows use"))
        choices = QActionGroup(self)
        chosen = language_setting(settings)
        system = LANGUAGES[language_for(FOLLOW_SYSTEM)]
        for code, name in [
            (FOLLOW_SYSTEM, self.tr("As the &system ({language})").format(language=system)),
            *[(code, f"&{name}") for code, name in LANGUAGES.items()],
        ]:
            action = QAction(name, choices)
            action.setCheckable(True)
            action.setChecked(code == chosen)
            action.setData(code)
            self.menu.addAction(action)
        choices.triggered.connect(lambda action: self.choose(str(action.data())))

    def choose(self, setting: str) -> QWidget | None:
        """Keep setting (a language code or FOLLOW_SYSTEM) for this profile; when that
        changes the language, reopen the window in it and return the new window."""
        self._settings.setValue(LANGUAGE_KEY, setting)
        self._settings.sync()
        language = language_for(setting)
        if language == current_language():
            return None
        app = QCoreApplication.instance()
        assert app is not None

        def switch() -> str:
            if not install_language(app, language):  # its translation file is missing
                raise PontError(
                    QCoreApplication.translate(
                        "LanguageMenu",
                        "Pont cannot show its windows in {language} here: its translation is "
                        "missing from this copy of Pont. Installing Pont again brings it back.",
                    ).format(language=LANGUAGES[language])
                )
            return QCoreApplication.translate(
                "LanguageMenu", "Pont now shows its windows in {language}."
            ).format(language=LANGUAGES[language])

        # The title is made after the switch, so that it is in the same language as the words.
        return self._window.profile_actions.reopen(
            lambda: QCoreApplication.translate("LanguageMenu", "Language"), switch
        )
