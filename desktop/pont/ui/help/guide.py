"""The getting-started guide: its Markdown (resources/guide/getting-started.<language>.md) made
into a document with an anchor at each section, the window that shows it in Pont's language,
and the Help button, Help action and Help ▸ Getting started that open it at a section."""

from __future__ import annotations

import re
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QUrl
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QKeySequence,
    QShortcut,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pont.core.resources import resource_path
from pont.ui.language import SOURCE_LANGUAGE, current_language

GUIDE_FOLDER = "guide"
# "## Import people {#import}": the section's anchor, the same in every language.
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)(?:\s*\{#(?P<id>[a-z0-9-]+)\})?\s*$")


class Section(StrEnum):
    """The guide's sections that Pont opens from a Help button or the welcome page."""

    MAKE_A_GROUP = "make-a-group"
    ADD_PEOPLE = "add-people"
    CONNECT_MAILBOX = "connect-your-mailbox"
    WRITE_A_POST = "write-a-post"
    WHAT_MEMBERS_SEE = "what-members-see"
    IMPORT = "import"
    MEMBER = "member"
    ACCOUNT = "account"
    GROUP_SETTINGS = "group-settings"
    COMPOSER = "composer"
    OUTBOX = "outbox"
    BACKUPS = "backups"
    SYNC_SETTINGS = "sync-settings"
    HELD_POSTS = "held-posts"
    REQUESTS = "requests"


def guide_file(language: str) -> str:
    return f"getting-started.{language}.md"


def guide_text(language: str) -> str:
    """The guide's Markdown in this language, else in English, else a sentence saying it is
    missing (from a damaged installation)."""
    for code in (language, SOURCE_LANGUAGE):
        try:
            return resource_path(GUIDE_FOLDER, guide_file(code)).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
    return QCoreApplication.translate(
        "GuideWindow",
        "The guide is missing from this copy of Pont. Installing Pont again brings it back.",
    )


def split_anchors(markdown: str) -> tuple[str, list[str | None]]:
    """The Markdown without its {#anchor} marks, and each heading's anchor in order (None
    for a heading without one)."""
    lines, anchors = [], []
    for line in markdown.splitlines():
        match = _HEADING.match(line)
        if match:
            anchors.append(match["id"])
            line = f"{match['hashes']} {match['text']}"
        lines.append(line)
    return "\n".join(lines) + "\n", anchors


def guide_document(language: str, parent: QWidget | None = None) -> QTextDocument:
    """The guide as a document whose section headings carry their anchors (for
    QTextBrowser.scrollToAnchor and links like [Import](#import)). Raw HTML is not read."""
    markdown, anchors = split_anchors(guide_text(language))
    document = QTextDocument(parent)
    document.setDocumentMargin(18)
    features = (
        QTextDocument.MarkdownFeature.MarkdownDialectCommonMark
        | QTextDocument.MarkdownFeature.MarkdownNoHTML
    )
    document.setMarkdown(markdown, features)
    headings = [block for block in _blocks(document) if block.blockFormat().headingLevel() > 0]
    for block, anchor in zip(headings, anchors, strict=False):
        if anchor is None:
            continue
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        mark = QTextCharFormat()
        mark.setAnchor(True)
        mark.setAnchorNames([anchor])
        cursor.mergeCharFormat(mark)
    return document


def _blocks(document: QTextDocument) -> list[QTextBlock]:
    blocks, block = [], document.begin()
    while block.isValid():
        blocks.append(block)
        block = block.next()
    return blocks


def heading_block(document: QTextDocument, section: str) -> QTextBlock | None:
    """The heading that carries this anchor."""
    for block in _blocks(document):
        iterator = block.begin()
        while not iterator.atEnd():
            if section in iterator.fragment().charFormat().anchorNames():
                return block
            iterator += 1
    return None


class GuideWindow(QWidget):
    """The guide in a window of its own, in the language Pont speaks (read again when the
    language changes); show_section scrolls to a section and puts the reading cursor on its
    heading, so a screen reader starts there too. Links within the guide move in it; a web
    address opens in the browser; nothing is fetched."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.language = ""
        self.section = ""
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link_clicked)
        self.top_button = QPushButton()
        self.top_button.clicked.connect(lambda: self.show_section(None))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.close)
        self.buttons.addButton(self.top_button, QDialogButtonBox.ButtonRole.ActionRole)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Cancel), self, self.close)
        row = QHBoxLayout()
        row.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addLayout(row)
        self.resize(680, 720)
        self._retranslate()
        self.load()

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Getting started — Pont"))
        self.browser.setAccessibleName(self.tr("Getting started guide"))
        self.top_button.setText(self.tr("Con&tents"))
        self.top_button.setToolTip(self.tr("Back to the top of the guide"))

    def load(self) -> None:
        """Read the guide in the language Pont speaks now."""
        self.language = current_language()
        # The browser deletes the document it had, its own child.
        self.browser.setDocument(guide_document(self.language, self.browser))

    def show_section(self, section: str | None) -> None:
        """Show the window at this section (the top for None), in front."""
        self.section = section or ""
        document = self.browser.document()
        block = heading_block(document, section) if section else None
        cursor = QTextCursor(block if block is not None else document.begin())
        if block is not None:  # the heading stands out, in the selection's colour
            cursor.movePosition(
                QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
        self.browser.setTextCursor(cursor)
        if block is not None:
            self.browser.scrollToAnchor(self.section)
        else:
            self.browser.verticalScrollBar().setValue(0)
        self.show()
        self.activateWindow()
        self.browser.setFocus(Qt.FocusReason.OtherFocusReason)

    def section_is_shown(self, section: str) -> bool:
        """Whether this section's heading is in view, with the reading cursor on it."""
        block = heading_block(self.browser.document(), section)
        if block is None or self.browser.textCursor().block() != block:
            return False
        top = self.browser.document().documentLayout().blockBoundingRect(block).top()
        offset = top - self.browser.verticalScrollBar().value()
        return 0 <= offset < self.browser.viewport().height()

    def _link_clicked(self, url: QUrl) -> None:
        if url.scheme() in ("https", "http"):
            QDesktopServices.openUrl(url)
        elif not url.scheme() and not url.path() and url.fragment():
            self.show_section(url.fragment())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            if current_language() != self.language:
                section = self.section
                self.load()
                if self.isVisible():
                    self.show_section(section)


def show_guide(widget: QWidget, section: str | None = None) -> GuideWindow:
    """The guide at this section, in a window belonging to widget's window (so that it
    takes the keyboard and mouse even while that window is a modal dialog); one each."""
    owner = widget.window()
    guide = owner if isinstance(owner, GuideWindow) else None
    if guide is None:
        guide = owner.findChild(GuideWindow, "", Qt.FindChildOption.FindDirectChildrenOnly)
    if guide is None:
        guide = GuideWindow(owner)
        _place_beside(guide, owner)
    guide.show_section(section)
    return guide


def _place_beside(guide: QWidget, owner: QWidget) -> None:
    """Beside the window it helps with, where the screen has room (else where the desktop
    puts it), so that the guide does not hide what it describes."""
    screen = owner.screen().availableGeometry()
    width = min(guide.width(), screen.width() // 2)
    height = min(guide.height(), screen.height())
    guide.resize(width, height)
    frame = owner.frameGeometry()
    if frame.right() + width < screen.right():
        x = frame.right() + 1
    elif frame.left() - width > screen.left():
        x = frame.left() - width
    else:
        return
    guide.move(x, max(screen.top(), min(frame.top(), screen.bottom() - height)))


def _help_key() -> str:
    # Portable: native text has Qt translate "F%1", which Pont's translation leaves to Qt.
    return QKeySequence(QKeySequence.StandardKey.HelpContents).toString(
        QKeySequence.SequenceFormat.PortableText
    )


def add_help_button(buttons: QDialogButtonBox, section: Section) -> QPushButton:
    """A Help button in the dialog's button box that opens the guide at its section; F1
    does the same anywhere in the dialog."""
    button = buttons.addButton(QDialogButtonBox.StandardButton.Help)
    assert button is not None
    button.setAccessibleName(QCoreApplication.translate("GuideWindow", "Help"))
    button.setToolTip(
        QCoreApplication.translate(
            "GuideWindow", "Open this window’s part of the getting-started guide ({key})"
        ).format(key=_help_key())
    )
    button.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    button.clicked.connect(lambda: show_guide(buttons, section))
    return button


def add_help_action(window: QWidget, section: Section) -> QAction:
    """A Help action (F1) on a window without a button box, e.g. for its tool bar."""
    action = QAction(QCoreApplication.translate("GuideWindow", "Help"), window)
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    action.setToolTip(
        QCoreApplication.translate(
            "GuideWindow", "Open this window’s part of the getting-started guide ({key})"
        ).format(key=_help_key())
    )
    action.triggered.connect(lambda: show_guide(window, section))
    window.addAction(action)
    return action


def getting_started_action(window: QWidget) -> QAction:
    """Help ▸ Getting started (F1): the guide from its top."""
    action = QAction(QCoreApplication.translate("GuideWindow", "&Getting started"), window)
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    action.setToolTip(
        QCoreApplication.translate(
            "GuideWindow", "A short guide: make a group, add people, connect your mailbox, post"
        )
    )
    action.triggered.connect(lambda: show_guide(window))
    return action
