"""Core sentences: English wherever a str is used, with what the window needs to translate."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime

import pytest

from pont.core.errors import GroupNotFound
from pont.core.i18n import Sentence, for_storage, from_storage, translate


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


def test_a_stored_sentence_reads_back_as_the_same_sentence() -> None:
    when = datetime(2026, 11, 26, 14, 5, tzinfo=UTC)
    sentence = translate("Tests", "Refused ({answer}); again after {time:%H:%M}. {next}").format(
        answer="451 4.3.0 Try later", time=when, next=translate("Tests", "Nothing was lost.")
    )
    kept = for_storage(sentence)
    assert kept.startswith("{") and "451 4.3.0 Try later" in kept
    back = from_storage(kept)
    assert back == sentence == "Refused (451 4.3.0 Try later); again after 14:05. Nothing was lost."
    assert isinstance(back, Sentence) and back.template == sentence.template
    assert back.values["time"] == when
    assert isinstance(back.values["next"], Sentence) and back.values["next"].context == "Tests"


def test_plain_and_damaged_notes_are_kept_as_they_are() -> None:
    assert for_storage("Sent.") == "Sent." and from_storage("Sent.") == "Sent."
    assert from_storage("") == ""
    damaged = '{"sentence": {"context": "Tests"'
    assert from_storage(damaged) == damaged
