"""The language Pont's window speaks: English (the source text) or Welsh.

The choice follows the system unless the coordinator picks one (File ▸ Language), and is
kept per profile in window.ini, beside the database, so a portable profile carries it.
Translations are compiled from resources/translations/pont_<code>.ts to .qm by
packaging/translations.py (run by dev.py and by the frozen build).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

from pont.core.i18n import Sentence, error_sentence
from pont.core.profile.paths import SETTINGS_FILE
from pont.core.resources import resource_path

# The languages Pont speaks, each named in itself, as a language menu shows them.
LANGUAGES = {"en": "English", "cy": "Cymraeg"}
SOURCE_LANGUAGE = "en"
FOLLOW_SYSTEM = "system"
LANGUAGE_KEY = "language"
TRANSLATOR_NAME = "pont-translation"


def settings_for(data_dir: Path) -> QSettings:
    return QSettings(str(data_dir / SETTINGS_FILE), QSettings.Format.IniFormat)


def language_setting(settings: QSettings) -> str:
    """The coordinator's choice: a code from LANGUAGES, or FOLLOW_SYSTEM."""
    value = str(settings.value(LANGUAGE_KEY, FOLLOW_SYSTEM))
    return value if value in LANGUAGES else FOLLOW_SYSTEM


def language_for(setting: str, system_languages: Iterable[str] | None = None) -> str:
    """The language to show: the one chosen, else the first of the system's preferred UI
    languages ("cy-GB", "en-US", …; by default the system's own) that Pont speaks, else
    English."""
    if setting in LANGUAGES:
        return setting
    if system_languages is None:
        system_languages = QLocale.system().uiLanguages()
    for name in system_languages:
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return SOURCE_LANGUAGE


def translation_file(code: str) -> Path:
    return resource_path("translations", f"pont_{code}.qm")


def install_language(app: QCoreApplication, code: str) -> bool:
    """Show Pont in `code` from now on: its translation for every tr() and for Qt's own
    buttons, and its dates and numbers. False when the translation file is missing (Pont
    then shows English)."""
    for previous in app.findChildren(QTranslator, TRANSLATOR_NAME):
        app.removeTranslator(previous)
        previous.setObjectName("")  # deleted later: not to be found again meanwhile
        previous.deleteLater()
    shown_code = code
    if code != SOURCE_LANGUAGE:
        translator = QTranslator(app)  # a child of app, which keeps it alive
        translator.setObjectName(TRANSLATOR_NAME)
        if translator.load(str(translation_file(code))):
            app.installTranslator(translator)
        else:
            translator.deleteLater()
            shown_code = SOURCE_LANGUAGE
    QLocale.setDefault(_locale_for(shown_code))
    return shown_code == code


def _locale_for(code: str) -> QLocale:
    """Dates and numbers: the system's conventions when it speaks the language (en-US stays
    American), else the language as written in Britain."""
    system = QLocale.system()
    if system.name().split("_")[0] == code:
        return system
    return QLocale(f"{code}_GB")


def current_language() -> str:
    """The language the window speaks now (the one install_language last set)."""
    code = QLocale().name().split("_")[0]
    return code if code in LANGUAGES else SOURCE_LANGUAGE


def start_language(app: QCoreApplication, data_dir: Path) -> None:
    """At start-up: the profile's choice, else the system's language when Pont speaks it."""
    setting = language_setting(settings_for(data_dir))
    install_language(app, language_for(setting))


def shown(text: str) -> str:
    """Text from pont.core in the window's language: a Sentence is looked up by its
    template and filled in again (its values translated too); anything else is data."""
    if not isinstance(text, Sentence):
        return text
    template = QCoreApplication.translate(text.context, text.template)
    if not text.values:
        return template
    values = {name: _localised(value) for name, value in text.values.items()}
    try:
        return template.format_map(values)
    except (KeyError, IndexError, ValueError):  # a translation that names a value wrongly
        return text.template.format_map(values)


def _localised(value: object) -> object:
    if isinstance(value, str):
        return shown(value)
    if isinstance(value, datetime):
        return _LocalMoment(value)
    return value


class _LocalMoment:
    """A datetime in a core template ("{when:%a %d %b %H:%M}") with its day and month
    names in the window's language instead of strftime's English."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __format__(self, spec: str) -> str:
        if not spec:
            return str(self.moment)
        locale = QLocale()
        short, long = QLocale.FormatType.ShortFormat, QLocale.FormatType.LongFormat
        day, month = self.moment.isoweekday(), self.moment.month
        names = {
            "%a": locale.dayName(day, short),
            "%A": locale.dayName(day, long),
            "%b": locale.monthName(month, short),
            "%B": locale.monthName(month, long),
        }
        for code, name in names.items():
            spec = spec.replace(code, name.replace("%", "%%"))
        return self.moment.strftime(spec)


def describe(error: BaseException) -> str:
    """An exception's message in the window's language (core errors carry a Sentence)."""
    return shown(error_sentence(error))
