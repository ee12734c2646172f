"""A letter as blocks of Sentences, put into a language as plain text or as simple HTML.

A language is a Translation, which gives a sentence's template in that language (the window
looks it up in the compiled .qm, the tests in the .ts); the values are filled in here, and
escaped for HTML as the template is.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum

from pont.core.i18n import Sentence

Translation = Callable[[str, str], str]
"""A language: (context, English template) → the template in that language."""


def english(context: str, template: str) -> str:
    return template


@dataclass(frozen=True)
class LetterLanguage:
    code: str  # for HTML's lang attribute
    translation: Translation


ENGLISH = LetterLanguage("en", english)


class Kind(Enum):
    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"  # a bulleted line, after its term (a permission's name) when it has one
    STEP = "step"  # a numbered step
    ADDRESS = "address"  # an address on a line of its own: the admin-consent address
    LINK = "link"  # a page of Microsoft's documentation: its title, linked to its address


@dataclass(frozen=True)
class Block:
    """One piece of the letter: its sentences, and the name or address it shows as it is."""

    kind: Kind
    sentences: tuple[Sentence, ...] = ()
    term: str = ""  # not translated: a permission's own name
    address: str = ""


def filled(sentence: Sentence, language: LetterLanguage, escape: Callable[[str], str] = str) -> str:
    """The sentence in the language, its values filled in (escaped by escape, as the
    template is); the English template when a translation names its values wrongly."""
    values = {name: escape(str(value)) for name, value in sentence.values.items()}
    translated = language.translation(sentence.context, sentence.template) or sentence.template
    try:
        return escape(translated).format_map(values)
    except (KeyError, IndexError, ValueError):
        return escape(sentence.template).format_map(values)


def _runs(blocks: Sequence[Block]) -> Iterator[list[Block]]:
    """The blocks with each run of list lines (items, steps, links) kept together."""
    run: list[Block] = []
    for block in blocks:
        if run and (block.kind is not run[0].kind or block.kind not in _LISTS):
            yield run
            run = []
        run.append(block)
    if run:
        yield run


_LISTS = {Kind.ITEM, Kind.STEP, Kind.LINK}


def as_text(blocks: Sequence[Block], language: LetterLanguage) -> str:
    """The blocks as plain text: paragraphs apart, list lines together, addresses whole."""
    chunks = []
    for run in _runs(blocks):
        lines = []
        for number, block in enumerate(run, start=1):
            words = " ".join(filled(sentence, language) for sentence in block.sentences)
            if block.kind is Kind.ITEM:
                lines.append(f"- {block.term}: {words}" if block.term else f"- {words}")
            elif block.kind is Kind.STEP:
                lines.append(f"{number}. {words}")
            elif block.kind is Kind.LINK:
                lines.append(f"- {words}\n  {block.address}")
            elif block.kind is Kind.ADDRESS:
                lines.append(block.address)
            else:
                lines.append(words)
        chunks.append("\n".join(lines))
    return "\n\n".join(chunks)


def as_html(blocks: Sequence[Block], language: LetterLanguage) -> str:
    """The blocks as HTML elements, every sentence and value escaped, addresses as links."""
    parts = []
    for run in _runs(blocks):
        items = []
        for block in run:
            words = " ".join(filled(s, language, html.escape) for s in block.sentences)
            address = html.escape(block.address)
            if block.kind is Kind.ITEM and block.term:
                items.append(f"<li><b>{html.escape(block.term)}</b>: {words}</li>")
            elif block.kind in (Kind.ITEM, Kind.STEP):
                items.append(f"<li>{words}</li>")
            elif block.kind is Kind.LINK:
                items.append(f'<li><a href="{address}">{words}</a></li>')
            elif block.kind is Kind.ADDRESS:
                parts.append(f'<p><a href="{address}">{address}</a></p>')
            else:
                tag = {Kind.TITLE: "h2", Kind.HEADING: "h3"}.get(block.kind, "p")
                parts.append(f"<{tag}>{words}</{tag}>")
        if items:
            tag = "ol" if run[0].kind is Kind.STEP else "ul"
            parts.append(f"<{tag}>\n" + "\n".join(items) + f"\n</{tag}>")
    return "\n".join(parts) + "\n"
