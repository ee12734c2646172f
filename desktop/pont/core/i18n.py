"""Sentences the core writes for people, in English, that the window can show translated.

The core never imports Qt, yet its messages (errors, progress, reports) reach the window,
which shows them in the coordinator's language. `translate("Context", "English {value}")`
marks a sentence for Qt's lupdate, which collects it into resources/translations/ like any
`tr()` in pont.ui; `.format(value=...)` fills it in. The result is an ordinary `str` holding
the English text, so the command line, logs and tests use it unchanged, and it remembers
its context, template and values so that `pont.ui.language.shown` can look the template up
in the loaded translation and fill in the same values (translating any that are sentences
too). A sentence glued to other text with `+` or an f-string is plain English again: build
the whole sentence as one template instead.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any


class Sentence(str):
    """English text that knows the template and values it was made from."""

    context: str
    template: str
    values: Mapping[str, object]

    def __new__(
        cls, context: str, template: str, values: Mapping[str, object] | None = None
    ) -> Sentence:
        filled = values or {}
        sentence = super().__new__(cls, template.format_map(filled) if filled else template)
        sentence.context = context
        sentence.template = template
        sentence.values = MappingProxyType(dict(filled))
        return sentence

    def format(self, *args: object, **values: Any) -> Sentence:
        if args:
            raise TypeError("a Sentence is filled in by name: .format(name=value)")
        return Sentence(self.context, self.template, {**self.values, **values})

    def __reduce__(self) -> tuple[type[Sentence], tuple[str, str, dict[str, object]]]:
        return (Sentence, (self.context, self.template, dict(self.values)))


def translate(context: str, text: str) -> Sentence:
    """`text` as a Sentence to be shown in the coordinator's language; both arguments are
    literal strings, so that lupdate can find them."""
    return Sentence(context, text)


def error_sentence(error: BaseException) -> str:
    """The sentence an error was raised with, kept as it is: str(error) would be plain
    English, where the argument is a Sentence the window can still translate."""
    return error.args[0] if len(error.args) == 1 and isinstance(error.args[0], str) else str(error)


# A Sentence kept in the profile (an outbox note, say) is stored as JSON under this key, so
# that reading it back gives a Sentence again; English never starts like that.
_STORED = "sentence"


def for_storage(text: str) -> str:
    """text as the profile keeps it: a Sentence as JSON, from_storage's to read back."""
    if not isinstance(text, Sentence):
        return text
    return json.dumps({_STORED: _encoded(text)}, ensure_ascii=False)


def from_storage(text: str) -> str:
    """What for_storage kept: the Sentence again, or the text as it was (older notes)."""
    if not text.startswith('{"' + _STORED + '":'):
        return text
    try:
        return _decoded(json.loads(text)[_STORED])
    except (ValueError, KeyError, TypeError, IndexError):
        return text


def _encoded(sentence: Sentence) -> dict[str, Any]:
    return {
        "context": sentence.context,
        "template": sentence.template,
        "values": {name: _encoded_value(value) for name, value in sentence.values.items()},
    }


def _encoded_value(value: object) -> object:
    if isinstance(value, Sentence):
        return {_STORED: _encoded(value)}
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if value is None or isinstance(value, (str, int, float)):
        return value
    return str(value)


def _decoded(data: dict[str, Any]) -> Sentence:
    values = {name: _decoded_value(value) for name, value in data["values"].items()}
    return Sentence(str(data["context"]), str(data["template"]), values)


def _decoded_value(value: object) -> object:
    if isinstance(value, dict):
        if _STORED in value:
            return _decoded(value[_STORED])
        return datetime.fromisoformat(value["datetime"])
    return value
