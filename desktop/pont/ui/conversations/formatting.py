"""How archived mail reads on screen: friendly dates, sizes, names, folded quotes, snippets."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime

from pont.core.archive.message_headers import Address
from pont.core.archive.search import SNIPPET_END, SNIPPET_START
from pont.core.sizes import human_size as core_human_size
from pont.ui.language import shown

translate = QCoreApplication.translate


# -- dates, sizes, names ------------------------------------------------------------------


def qt_moment(moment: datetime) -> QDateTime:
    """The moment in this computer's time zone, to the minute, for QLocale to write out (in
    the window's language: strftime would give English day and month names)."""
    local = moment.astimezone()
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))


def friendly_time(moment: datetime | None, now: datetime | None = None) -> str:
    """When, as a person says it: "Today 14:05", "Tue 14:05", "3 Oct", "3 Oct 2024"."""
    if moment is None:
        return ""
    today = (now or datetime.now().astimezone()).astimezone().date()
    day = moment.astimezone().date()
    locale = QLocale()
    qt = qt_moment(moment)
    clock = locale.toString(qt, "HH:mm")
    if day == today:
        return translate("Conversations", "Today {time}").format(time=clock)
    if day == today - timedelta(days=1):
        return translate("Conversations", "Yesterday {time}").format(time=clock)
    if today - timedelta(days=6) <= day < today:
        return locale.toString(qt, "ddd HH:mm")
    if day.year == today.year and day <= today:
        return locale.toString(qt, "d MMM")
    return locale.toString(qt, "d MMM yyyy")


def full_time(moment: datetime | None) -> str:
    """The whole date and time, for a message's header: "Tue 3 Oct 2024, 14:05"."""
    if moment is None:
        return translate("Conversations", "date unknown")
    return QLocale().toString(qt_moment(moment), "ddd d MMM yyyy, HH:mm")


def human_size(size: int) -> str:
    """A size as a file manager shows it: "512 bytes", "12 KB", "2.4 MB"."""
    if size < 1000:
        if size == 1:
            return translate("Conversations", "1 byte")
        return translate("Conversations", "{n} bytes").format(n=size)
    return shown(core_human_size(size))


def people_summary(people: Sequence[Address], shown: int = 2) -> str:
    """The first few names and how many more: "Siân Evans, Dafydd Rees +3"."""
    names = [person.display for person in people]
    if len(names) <= shown + 1:
        return ", ".join(names)
    return f"{', '.join(names[:shown])} +{len(names) - shown}"


_UNSAFE_IN_NAME = re.compile(r'[\x00-\x1f\x7f-\x9f<>:"/\\|?*\u2028\u2029]+')
_WINDOWS_RESERVED = re.compile(
    r"^(con|prn|aux|nul|conin\$|conout\$|com[\d¹²³]|lpt[\d¹²³])(\s*\..*)?$", re.IGNORECASE
)
_LONGEST_NAME = 120  # characters: 4 bytes each in UTF-8 stays under the usual 255-byte limit
_LONGEST_SUFFIX = 16


def _without_format_characters(name: str) -> str:
    # Right-to-left overrides ("\u202eexe.pdf" shows as "fdp.exe"), zero-width joiners and
    # the like: invisible, they only make a name read as something else.
    return "".join(c for c in name if unicodedata.category(c) != "Cf")


def safe_filename(name: str) -> str:
    """An attachment's name fit to save under on any system: no folders, no characters
    Windows refuses, no invisible or direction-changing characters, no leading dots (hidden
    files) or trailing ones, not a device name, at most _LONGEST_NAME characters with its
    suffix kept; "attachment" when nothing is left."""
    name = unicodedata.normalize("NFC", _without_format_characters(name))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE_IN_NAME.sub("_", name).strip().strip(".").strip()
    if _WINDOWS_RESERVED.match(name):
        name = "_" + name
    if len(name) > _LONGEST_NAME:
        stem, dot, suffix = name.rpartition(".")
        if dot and stem and len(suffix) <= _LONGEST_SUFFIX:
            name = f"{stem[: _LONGEST_NAME - len(suffix) - 1].rstrip()}.{suffix}"
        else:
            name = name[:_LONGEST_NAME]
    return name.rstrip(". ") or translate("Conversations", "attachment")


# -- quoted text in plain messages --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of a message's lines: written for this message, or quoted from an earlier one."""

    text: str
    quoted: bool


_WROTE = re.compile(r"^\s*On\b.*\bwrote:\s*$", re.IGNORECASE | re.DOTALL)
_ORIGINAL = re.compile(r"^\s*-{2,}\s*Original Message\s*-{2,}\s*$", re.IGNORECASE)
_OUTLOOK_FROM = re.compile(r"^\s*\*?From:\*?\s+\S")
_OUTLOOK_NEXT = re.compile(r"^\s*\*?(Sent|Date):\*?\s+\S")
_RULE = re.compile(r"^\s*_{10,}\s*$")
# What a written line must have to start a quote, an attribution or an Outlook original:
# most lines have none of it and are passed by at once.
_MAY_START = re.compile(r"^\s*(?:>|-{2}|_{10}|\*?From:|On\b)|:\s*$", re.IGNORECASE)


def _quoted(line: str) -> bool:
    return line.lstrip().startswith(">")


def _outlook_block_at(lines: list[str], i: int) -> int | None:
    """Where an Outlook-style forwarded original starts at line i (it runs to the end)."""
    if _ORIGINAL.match(lines[i]):
        return i
    start = i + 1 if _RULE.match(lines[i]) and i + 1 < len(lines) else i
    if _OUTLOOK_FROM.match(lines[start]) and any(
        _OUTLOOK_NEXT.match(line) for line in lines[start + 1 : start + 4]
    ):
        return i
    return None


class _NextWritten:
    """The index of the first line at or after a given one that is not blank (len(lines)
    when none is). Asked about ever later lines, it never looks at a line twice."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        self._asked = 0
        self._found = -1  # lines _asked to _found - 1 are blank; _found is not (or the end)

    def __call__(self, index: int) -> int:
        if not self._asked <= index <= self._found:
            self._asked = self._found = index
            while self._found < len(self._lines) and not self._lines[self._found].strip():
                self._found += 1
        return self._found


def _attribution_at(lines: list[str], i: int, next_written: _NextWritten) -> int:
    """How many lines (0, 1 or 2) of an "On … wrote:" line, which clients wrap, start at i."""
    for length in (1, 2):
        text = " ".join(lines[i : i + length])
        if i + length <= len(lines) and _WROTE.match(text):
            return length
    # Other languages' clients: a line ending in ":" with an address or a date in it,
    # directly above quoted lines.
    line = lines[i].rstrip()
    if line.endswith(":") and re.search(r"[@\d]", line):
        following = next_written(i + 1)
        if following < len(lines) and _quoted(lines[following]):
            return 1
    return 0


def split_quoted(text: str) -> list[Segment]:
    """The message's text cut into what the sender wrote and what they quoted: "> " lines,
    an "On … wrote:" line with the quote after it, and an Outlook original ("From: … Sent:
    …" or "-----Original Message-----") to the end. Blank lines at the edges of a quote go
    with it. Linear in the length of text, whatever it holds."""
    lines = text.replace("\r\n", "\n").split("\n")
    next_written = _NextWritten(lines)
    segments: list[tuple[list[str], bool]] = []

    def add(chunk: list[str], quoted: bool) -> None:
        if segments and segments[-1][1] == quoted:
            segments[-1][0].extend(chunk)
        else:
            segments.append((list(chunk), quoted))

    i = 0
    while i < len(lines):
        if not lines[i].strip():
            written = next_written(i)
            if written - i > 1:  # a blank line before a blank line starts nothing
                add(lines[i : written - 1], False)
                i = written - 1
                continue
        elif not _MAY_START.search(lines[i]):
            add([lines[i]], False)
            i += 1
            continue
        if _outlook_block_at(lines, i) is not None:
            add(lines[i:], True)
            break
        attribution = _attribution_at(lines, i, next_written)
        if attribution or _quoted(lines[i]):
            end = i + attribution
            while end < len(lines) and (not lines[end].strip() or _quoted(lines[end])):
                end += 1
            if attribution and end == i + attribution:
                end = len(lines)  # a top-posted reply without ">": the rest is the original
            # Trailing blank lines stay out of the quote unless it runs to the end.
            while end < len(lines) and end > i and not lines[end - 1].strip():
                end -= 1
            add(lines[i:end], True)
            i = end
            continue
        add([lines[i]], False)
        i += 1

    result: list[Segment] = []
    for chunk, quoted in segments:
        joined = "\n".join(chunk)
        if quoted or joined.strip():
            result.append(Segment(joined.strip("\n") if not quoted else joined, quoted))
    if result and not result[-1].quoted:
        result[-1] = Segment(result[-1].text.rstrip(), False)
    return result


_BLOCKQUOTE_TAG = re.compile(r"<(/?)blockquote\b[^>]*>", re.IGNORECASE)


def split_html_quotes(markup: str) -> list[Segment]:
    """Cleaned HTML cut around its outermost <blockquote> elements (how mail programs quote
    in HTML). The sanitiser's output is well formed, so counting tags is enough."""
    segments: list[Segment] = []
    depth = 0
    start = 0
    for match in _BLOCKQUOTE_TAG.finditer(markup):
        closing = bool(match.group(1))
        if not closing:
            if depth == 0:
                if markup[start : match.start()].strip():
                    segments.append(Segment(markup[start : match.start()], False))
                start = match.start()
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0:
                segments.append(Segment(markup[start : match.end()], True))
                start = match.end()
    rest = markup[start:]
    if rest.strip():
        segments.append(Segment(rest, depth > 0))
    return segments


# -- plain text and snippets as HTML ------------------------------------------------------

_LINK = re.compile(r"\bhttps?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]", re.IGNORECASE)


def plain_to_html(text: str) -> str:
    """Plain text as escaped HTML keeping its lines, with web addresses made links."""
    parts: list[str] = []
    last = 0
    for match in _LINK.finditer(text):
        parts.append(html.escape(text[last : match.start()]))
        url = html.escape(match.group(0))
        parts.append(f'<a href="{url}">{url}</a>')
        last = match.end()
    parts.append(html.escape(text[last:]))
    return "".join(parts).replace("\n", "<br>")


def snippet_html(snippet: str) -> str:
    """A search snippet as HTML: the text escaped first, then its match markers made bold,
    so a snippet holding "<script>" or "&" shows exactly that."""
    escaped = html.escape(snippet, quote=False)
    return escaped.replace(SNIPPET_START, "<b>").replace(SNIPPET_END, "</b>")
