"""The composer's body editor: bold, italic, lists and links, and the post's two parts made
from what is typed (plain text always, HTML only when something is formatted)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMimeData, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QFont,
    QKeySequence,
    QTextBlock,
    QTextCharFormat,
    QTextDocument,
    QTextListFormat,
)
from PySide6.QtWidgets import QInputDialog, QLineEdit, QTextEdit, QWidget

LINK_SCHEMES = ("http", "https", "mailto")
_NUMBERED = (
    QTextListFormat.Style.ListDecimal,
    QTextListFormat.Style.ListLowerAlpha,
    QTextListFormat.Style.ListUpperAlpha,
    QTextListFormat.Style.ListLowerRoman,
    QTextListFormat.Style.ListUpperRoman,
)


@dataclass(frozen=True, slots=True)
class BodyParts:
    text: str  # readable on its own: "• item", "1. item", "words (https://…)"
    html: str  # '' when nothing is formatted


def checked_link(address: str) -> str | None:
    """The address as a link target, or None unless it is web (http, https) or mailto.

    A bare "www.example.org" becomes https://; a bare address with @ becomes mailto:."""
    address = address.strip()
    if not address or any(c.isspace() for c in address):
        return None
    url = QUrl(address, QUrl.ParsingMode.StrictMode)
    if not url.scheme():
        if "@" in address and "/" not in address:
            url = QUrl("mailto:" + address, QUrl.ParsingMode.StrictMode)
        else:
            url = QUrl("https://" + address, QUrl.ParsingMode.StrictMode)
    if not url.isValid() or url.scheme().lower() not in LINK_SCHEMES:
        return None
    if url.scheme().lower() != "mailto" and not url.host():
        return None
    return url.toString(QUrl.ComponentFormattingOption.FullyEncoded)


def local_files(mime: QMimeData) -> list[Path]:
    """The local files a drag or a paste carries (Explorer, Finder, a file manager)."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def _list_marker(block: QTextBlock) -> str:
    text_list = block.textList()
    if text_list is None:
        return ""
    if text_list.format().style() in _NUMBERED:
        return f"{text_list.itemNumber(block) + 1}. "
    return "• "


def _fragments(block: QTextBlock) -> list[tuple[str, QTextCharFormat]]:
    parts = []
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        if fragment.isValid():
            # U+2028 is how Qt keeps a Shift+Enter line break inside a block.
            parts.append((fragment.text().replace("\u2028", "\n"), fragment.charFormat()))
        iterator += 1
    return parts


def _is_formatted(document: QTextDocument) -> bool:
    block = document.begin()
    while block.isValid():
        if block.textList() is not None:
            return True
        for _text, char_format in _fragments(block):
            if (
                char_format.fontWeight() > QFont.Weight.Normal
                or char_format.fontItalic()
                or char_format.isAnchor()
            ):
                return True
        block = block.next()
    return False


def _block_text(block: QTextBlock) -> str:
    words = []
    for text, char_format in _fragments(block):
        href = char_format.anchorHref() if char_format.isAnchor() else ""
        shown = href.removeprefix("mailto:")
        if href and text.strip() and text.strip() not in (href, shown):
            words.append(f"{text} ({shown})")
        else:
            words.append(text)
    indent = "   " * max(0, (block.textList().format().indent() - 1) if block.textList() else 0)
    return indent + _list_marker(block) + "".join(words)


def _block_html(block: QTextBlock) -> str:
    parts = []
    for text, char_format in _fragments(block):
        piece = html.escape(text).replace("\n", "<br>")
        if char_format.fontItalic():
            piece = f"<i>{piece}</i>"
        if char_format.fontWeight() > QFont.Weight.Normal:
            piece = f"<b>{piece}</b>"
        if char_format.isAnchor() and char_format.anchorHref():
            piece = f'<a href="{html.escape(char_format.anchorHref())}">{piece}</a>'
        parts.append(piece)
    return "".join(parts) or "<br>"


def body_parts(document: QTextDocument) -> BodyParts:
    """The post's plain text, and its HTML when anything in the document is formatted."""
    lines = []
    block = document.begin()
    while block.isValid():
        lines.append(_block_text(block))
        block = block.next()
    text = "\n".join(lines).strip("\n")
    if not _is_formatted(document):
        return BodyParts(text, "")
    markup: list[str] = []
    open_list: tuple[int, str] | None = None  # the QTextList's key and its tag
    block = document.begin()
    while block.isValid():
        text_list = block.textList()
        numbered = text_list is not None and text_list.format().style() in _NUMBERED
        key = (id(text_list), "ol" if numbered else "ul")
        if open_list is not None and (text_list is None or key != open_list):
            markup.append(f"</{open_list[1]}>")
            open_list = None
        if text_list is not None:
            if open_list is None:
                markup.append(f"<{key[1]}>")
                open_list = key
            markup.append(f"<li>{_block_html(block)}</li>")
        else:
            markup.append(f"<p>{_block_html(block)}</p>")
        block = block.next()
    if open_list is not None:
        markup.append(f"</{open_list[1]}>")
    return BodyParts(text, "<html><body>\n" + "\n".join(markup) + "\n</body></html>")


class PostEditor(QTextEdit):
    """Rich text with the few formats a post needs; pasted text arrives without its styles
    (fonts and colours from a web page or Word would not survive in every mail program).

    Signals:
        link_refused(str): a link address that is not web or email, in a sentence.
        files_dropped(list): local files dropped or pasted onto the text, to attach.
    """

    link_refused = Signal(str)
    files_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(True)
        self.setTabChangesFocus(True)
        self.setAccessibleName(self.tr("Text of the post"))
        self.setPlaceholderText(self.tr("Write your post here…"))
        self.setAutoFormatting(QTextEdit.AutoFormattingFlag.AutoNone)

        self.bold = self._action(self.tr("&Bold"), QKeySequence.StandardKey.Bold, self._bold)
        self.italic = self._action(
            self.tr("&Italic"), QKeySequence.StandardKey.Italic, self._italic
        )
        self.bullets = self._action(self.tr("• &List"), None, self._bullets)
        self.bullets.setToolTip(self.tr("A bulleted list"))
        self.numbers = self._action(self.tr("1. &Numbered"), None, self._numbers)
        self.numbers.setToolTip(self.tr("A numbered list"))
        self.link = QAction(self.tr("Lin&k…"), self)
        self.link.setShortcut(QKeySequence("Ctrl+K"))
        self.link.setToolTip(self.tr("Make the selected words a link to a web page or address"))
        self.link.triggered.connect(self.ask_link)
        bold_font = self.bold.font()
        bold_font.setBold(True)
        self.bold.setFont(bold_font)
        italic_font = self.italic.font()
        italic_font.setItalic(True)
        self.italic.setFont(italic_font)
        self.currentCharFormatChanged.connect(self._show_format)
        self.cursorPositionChanged.connect(self._show_list)
        # Asks for a link's address; tests answer in its place.
        self.ask_address = self._ask_address

    def _action(self, text: str, keys: QKeySequence.StandardKey | None, slot: object) -> QAction:
        action = QAction(text, self)
        action.setCheckable(True)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
            shown = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text.replace('&', '')} ({shown})")
        action.triggered.connect(slot)
        return action

    def formatting_actions(self) -> list[QAction]:
        return [self.bold, self.italic, self.bullets, self.numbers, self.link]

    def parts(self) -> BodyParts:
        return body_parts(self.document())

    def set_body(self, text: str, markup: str) -> None:
        if markup.strip():
            self.setHtml(markup)
        else:
            self.setPlainText(text)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return bool(local_files(source)) or source.hasText()

    def insertFromMimeData(self, source: QMimeData) -> None:
        files = local_files(source)
        if files:
            self.files_dropped.emit(files)
        elif source.hasText():
            self.textCursor().insertText(source.text())

    # -- formats --------------------------------------------------------------------------

    def _merge(self, char_format: QTextCharFormat) -> None:
        # With no selection, what is typed next takes the format (as in word processors).
        self.mergeCurrentCharFormat(char_format)

    def _bold(self, on: bool) -> None:
        char_format = QTextCharFormat()
        char_format.setFontWeight(QFont.Weight.Bold if on else QFont.Weight.Normal)
        self._merge(char_format)

    def _italic(self, on: bool) -> None:
        char_format = QTextCharFormat()
        char_format.setFontItalic(on)
        self._merge(char_format)

    def _toggle_list(self, style: QTextListFormat.Style, on: bool) -> None:
        cursor = self.textCursor()
        current = cursor.currentList()
        if not on and current is not None:
            current.remove(cursor.block())
            block_format = cursor.blockFormat()  # read after: the old one names the list
            block_format.setIndent(0)
            cursor.setBlockFormat(block_format)
        else:
            list_format = QTextListFormat()
            list_format.setStyle(style)
            if current is not None:
                current.setFormat(list_format)
            else:
                cursor.createList(list_format)
        self._show_list()

    def _bullets(self, on: bool) -> None:
        self._toggle_list(QTextListFormat.Style.ListDisc, on)

    def _numbers(self, on: bool) -> None:
        self._toggle_list(QTextListFormat.Style.ListDecimal, on)

    def _show_format(self, char_format: QTextCharFormat) -> None:
        self.bold.setChecked(char_format.fontWeight() > QFont.Weight.Normal)
        self.italic.setChecked(char_format.fontItalic())

    def _show_list(self) -> None:
        current = self.textCursor().currentList()
        numbered = current is not None and current.format().style() in _NUMBERED
        self.bullets.setChecked(current is not None and not numbered)
        self.numbers.setChecked(numbered)

    # -- links ----------------------------------------------------------------------------

    def _ask_address(self, current: str) -> str | None:
        address, ok = QInputDialog.getText(
            self,
            self.tr("Link"),
            self.tr("Address of the web page (https://…) or email address:"),
            QLineEdit.EchoMode.Normal,
            current,
        )
        return address if ok else None

    def ask_link(self) -> None:
        """Make the selection (or the word at the cursor) a link to an address asked for."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            cursor.select(cursor.SelectionType.WordUnderCursor)
        current = cursor.charFormat().anchorHref() if cursor.charFormat().isAnchor() else ""
        answer = self.ask_address(current)
        if answer is None:
            return
        if not answer.strip():  # an empty address takes the link away
            plain = QTextCharFormat()
            plain.setAnchor(False)
            plain.setAnchorHref("")
            plain.setFontUnderline(False)
            plain.clearForeground()
            cursor.mergeCharFormat(plain)
            return
        href = checked_link(answer)
        if href is None:
            self.link_refused.emit(
                self.tr(
                    "“{address}” is not a web address or an email address, so it was not "
                    "made a link. Use an address starting https:// or an email address."
                ).format(address=answer.strip())
            )
            return
        link_format = QTextCharFormat()
        link_format.setAnchor(True)
        link_format.setAnchorHref(href)
        link_format.setFontUnderline(True)
        link_format.setForeground(self.palette().link())
        if cursor.hasSelection():
            cursor.mergeCharFormat(link_format)
        else:
            cursor.insertText(href.removeprefix("mailto:"), link_format)
        self.setTextCursor(cursor)
