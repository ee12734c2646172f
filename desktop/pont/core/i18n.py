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

from collections.abc import Mapping
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
