"""Core sentences: English wherever a str is used, with what the window needs to translate."""

from __future__ import annotations

import pickle

import pytest

from pont.core.errors import GroupNotFound
from pont.core.i18n import Sentence, translate


def test_a_sentence_is_its_english_text_and_remembers_how_it_was_made() -> None:
    reason = translate("Tests", "the line dropped")
    sentence = translate("Tests", "Could not reach {server}: {reason}").format(
        server="imap.example.org", reason=reason
    )
    assert sentence == "Could not reach imap.example.org: the line dropped"
    assert isinstance(sentence, str)
    assert (sentence.context, sentence.template) == ("Tests", "Could not reach {server}: {reason}")
    assert sentence.values == {"server": "imap.example.org", "reason": reason}
    assert isinstance(sentence.values["reason"], Sentence)


def test_format_specs_work_as_in_str_format() -> None:
    assert translate("Tests", "{size:.1f} MB").format(size=2.345) == "2.3 MB"


def test_values_are_given_by_name_only() -> None:
    with pytest.raises(TypeError):
        translate("Tests", "{} members").format(3)


def test_glued_text_is_plain_english_again() -> None:
    glued = translate("Tests", "Sent.") + " Done."
    assert glued == "Sent. Done." and not isinstance(glued, Sentence)


def test_a_sentence_survives_pickling() -> None:
    sentence = translate("Tests", "Hello {name}").format(name="Siân")
    copy = pickle.loads(pickle.dumps(sentence))
    assert copy == sentence and copy.template == sentence.template
    assert copy.values == {"name": "Siân"}


def test_core_errors_carry_a_sentence() -> None:
    error = GroupNotFound("Walkers")
    assert isinstance(error.args[0], Sentence)
    assert "Walkers" in str(error)
