"""The Welsh translation is complete, current with the code, and keeps what code needs."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import translations

Entry = tuple[str, str, str]  # context, English source, disambiguation comment


def entries(ts: Path) -> dict[Entry, ET.Element]:
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            found[key] = message
    return found


@pytest.fixture(scope="module")
def welsh() -> dict[Entry, ET.Element]:
    return entries(translations.ts_file("cy"))


def _translation(message: ET.Element) -> str:
    translation = message.find("translation")
    if translation is None or translation.get("type") in {"unfinished", "vanished", "obsolete"}:
        return ""
    return translation.text or ""


def test_every_string_has_a_welsh_translation(welsh: dict[Entry, ET.Element]) -> None:
    untranslated = [
        f"{context}: {source!r}" for (context, source, _), m in welsh.items() if not _translation(m)
    ]
    assert len(welsh) > 500
    assert not untranslated, f"{len(untranslated)} without Welsh:\n" + "\n".join(untranslated)


def test_the_translation_file_holds_every_string_in_the_code(tmp_path: Path) -> None:
    """A tr() added to the code fails here until `packaging/translations.py update` has
    put it in the .ts (and then the test above until it is translated)."""
    fresh = tmp_path / "pont_cy.ts"
    translations.extract(fresh, "cy")
    in_code = set(entries(fresh))
    in_file = set(entries(translations.ts_file("cy")))
    assert sorted(in_code - in_file) == [], "in the code but not in pont_cy.ts"
    assert sorted(in_file - in_code) == [], "in pont_cy.ts but no longer in the code"


PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\w")
TAG = re.compile(r"<[^>]+>")
MNEMONIC = re.compile(r"&(?=[^\W_])(?!nbsp;|lt;|gt;|amp;)")  # where, not which letter


@pytest.mark.parametrize(
    ("pattern", "what"),
    [(PLACEHOLDER, "placeholders"), (TAG, "HTML tags"), (MNEMONIC, "mnemonics")],
)
def test_translations_keep_what_the_code_relies_on(
    welsh: dict[Entry, ET.Element], pattern: re.Pattern[str], what: str
) -> None:
    wrong = []
    for (context, source, _), message in welsh.items():
        translation = _translation(message)
        english, cymraeg = source.replace("&&", ""), translation.replace("&&", "")
        if translation and sorted(pattern.findall(english)) != sorted(pattern.findall(cymraeg)):
            wrong.append(f"{context}: {source!r} → {translation!r}")
    assert not wrong, f"{what} differ:\n" + "\n".join(wrong)


def test_the_translation_compiles(tmp_path: Path) -> None:
    [qm] = translations.compile_all(tmp_path)
    assert qm.stat().st_size > 10_000
