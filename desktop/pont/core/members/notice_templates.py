"""The coordinator's own wording for a group's welcome and goodbye notices: a text with
placeholders ({name}, {group}, {post}, {leave}) checked when it is saved and filled in when a
notice is made.

Filling is one pass over the template, never str.format: the values (a member's name comes
from a stranger's mail) are put in as they are, so a name holding "{leave}" or "{0.__class__}"
stays those characters. Literal braces are written doubled, "{{" and "}}", as in Python.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from pont.core.errors import InvalidGroup
from pont.core.i18n import translate

PLACEHOLDERS = ("name", "group", "post", "leave")
MAX_TEMPLATE_LENGTH = 5_000

# Linear: "[^{}]*" stops at the next brace, so no character is scanned twice.
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
# Tabs and line breaks stay; other control characters (from a file) become spaces.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def tidy_template(template: str) -> str:
    """One kind of line break, no control characters, no space trailing a line or the text."""
    text = template.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(" ", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def _shown(placeholder: str) -> str:
    shown = " ".join(placeholder.split())
    return shown if len(shown) <= 30 else shown[:29] + "…"


def checked_template(template: str, notice: str) -> str:
    """The template tidied, or InvalidGroup saying what is wrong with it; '' stays ''
    (Pont's own wording). `notice` names it in the sentence: "welcome" or "goodbye"."""
    text = tidy_template(template)
    if len(text) > MAX_TEMPLATE_LENGTH:
        raise InvalidGroup(
            translate("Groups", "The {notice} message can be at most {length} characters.").format(
                notice=_notice_word(notice), length=f"{MAX_TEMPLATE_LENGTH:,}"
            )
        )
    for token in _TOKEN.finditer(text):
        if token[0] in ("{{", "}}"):
            continue
        if token[1] is not None:
            if token[1] in PLACEHOLDERS:
                continue
            raise InvalidGroup(
                translate(
                    "Groups",
                    "The {notice} message has “{{{placeholder}}}”, which Pont cannot fill in: "
                    "use {{name}}, {{group}}, {{post}} or {{leave}}.",
                ).format(notice=_notice_word(notice), placeholder=_shown(token[1]))
            )
        if token[0] == "{":
            raise InvalidGroup(
                translate(
                    "Groups",
                    "The {notice} message has a “{opening}” with no “{closing}” to close it. "
                    "To show a brace itself, type it twice: {twice}.",
                ).format(notice=_notice_word(notice), opening="{", closing="}", twice="{{")
            )
        raise InvalidGroup(
            translate(
                "Groups",
                "The {notice} message has a “{closing}” with no “{opening}” before it. "
                "To show a brace itself, type it twice: {twice}.",
            ).format(notice=_notice_word(notice), opening="{", closing="}", twice="}}")
        )
    return text


def _notice_word(notice: str) -> str:
    if notice == "goodbye":
        return translate("Groups", "goodbye")
    return translate("Groups", "welcome")


def fill_template(template: str, values: Mapping[str, str]) -> str:
    """The template with each placeholder replaced by its value, once, and "{{" "}}" by one
    brace. The template must have passed checked_template; anything else is left as typed."""

    def replace(token: re.Match[str]) -> str:
        if token[0] == "{{":
            return "{"
        if token[0] == "}}":
            return "}"
        if token[1] is not None and token[1] in values:
            return values[token[1]]
        return token[0]

    return _TOKEN.sub(replace, template)
