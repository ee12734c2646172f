"""The coordinator's welcome and goodbye wording: checked when saved (each problem one plain
sentence), filled in one pass so that no value is ever read as a placeholder."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pont.core.errors import InvalidGroup
from pont.core.members.notice_templates import (
    MAX_TEMPLATE_LENGTH,
    checked_template,
    fill_template,
    tidy_template,
)

VALUES = {"name": "Siân", "group": "Wellbeing Network", "post": "POST.", "leave": "LEAVE."}


def test_every_placeholder_is_filled_and_doubled_braces_are_one_brace() -> None:
    template = checked_template(
        "Hello {name}, welcome to {group}.\n{post}\n{leave}\n{{not a placeholder}}", "welcome"
    )
    assert fill_template(template, VALUES) == (
        "Hello Siân, welcome to Wellbeing Network.\nPOST.\nLEAVE.\n{not a placeholder}"
    )


def test_a_value_is_put_in_as_it_is_never_read_as_a_placeholder_or_format_field() -> None:
    hostile = {
        **VALUES,
        "name": "{leave} {0.__class__} {name!r} }}{{ %s $group",
        "group": "{post}",
    }
    filled = fill_template("{name} / {group}", hostile)
    assert filled == "{leave} {0.__class__} {name!r} }}{{ %s $group / {post}"


@pytest.mark.parametrize(
    ("template", "words"),
    [
        ("Hello {nam}", "“{nam}”, which Pont cannot fill in: use {name}, {group}, {post} or"),
        ("Hello {0.__class__}", "“{0.__class__}”"),
        ("Hello {}", "“{}”"),
        ("Hello {name", "a “{” with no “}” to close it"),
        ("Hello name}", "a “}” with no “{” before it"),
        ("{{name}", "a “}” with no “{” before it"),
    ],
)
def test_a_template_pont_cannot_fill_is_refused_in_one_sentence(template: str, words: str) -> None:
    with pytest.raises(InvalidGroup) as refused:
        checked_template(template, "goodbye")
    sentence = str(refused.value)
    assert sentence.startswith("The goodbye message has ")
    assert words in sentence
    assert "\n" not in sentence


def test_a_long_unknown_placeholder_is_shown_cut_short() -> None:
    with pytest.raises(InvalidGroup) as refused:
        checked_template("{" + "x" * 1_000 + "}", "welcome")
    assert len(str(refused.value)) < 200 and "…" in str(refused.value)


def test_a_template_is_tidied_and_has_a_length_limit() -> None:
    assert tidy_template("\r\nHello\r\nthere  \rfriend\x00\x1b[31m\n\n") == (
        "Hello\nthere\nfriend  [31m"
    )
    assert checked_template("  \n\n", "welcome") == ""
    checked_template("x" * MAX_TEMPLATE_LENGTH, "welcome")
    with pytest.raises(InvalidGroup, match="at most 5,000 characters"):
        checked_template("x" * (MAX_TEMPLATE_LENGTH + 1), "welcome")


def test_checking_and_filling_take_linear_time_on_hostile_braces() -> None:
    for text in ("{" * 200_000, "{a" * 100_000, "}" * 200_000, "{name}" * 40_000):
        started = time.perf_counter()
        filled = fill_template(text, VALUES)
        with pytest.raises(InvalidGroup):
            checked_template(text, "welcome")  # too long, or a lone brace
        assert time.perf_counter() - started < 1.0
        assert len(filled) <= len(text) * 2


@given(st.text(max_size=300), st.text(max_size=100))
def test_filling_any_checked_template_with_any_name_keeps_the_name_whole(
    template: str, name: str
) -> None:
    try:
        checked = checked_template(template, "welcome")
    except InvalidGroup:
        return
    filled = fill_template(checked + "{name}", {**VALUES, "name": name})
    assert filled.endswith(name)
    assert fill_template(checked, {**VALUES, "name": name}).count(name) >= checked.count("{name}")
