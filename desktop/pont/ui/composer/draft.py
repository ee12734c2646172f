"""The composer's draft: the subject, words and attachments being written, saved a second after
each change and at once when the window closes, with "Draft saved" and the time it was."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit

from pont.core.posting.drafts import Draft, DraftNotFound, delete_draft, save_draft
from pont.ui.conversations.formatting import qt_moment
from pont.ui.widgets.look import set_text_colour

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.ui.composer.attachments import AttachmentsBox
    from pont.ui.composer.editor import PostEditor

SAVE_DELAY_MS = 1000  # a crash loses at most this much typing

# The label's words were the composer window's and are translated under its name.
translate = QCoreApplication.translate


class DraftKeeper(QObject):
    """Keeps the post being written in the drafts table while `keeping` (the post is being
    written): forgotten when everything is cleared, saved anew if it was deleted behind the
    window's back, and never again once discarded. saved_label says when it last saved.

    Signals:
        saved(): the draft was written to the drafts table.
    """

    saved = Signal()

    def __init__(
        self,
        database: Callable[[], Database],
        draft: Draft,
        subject_edit: QLineEdit,
        editor: PostEditor,
        attachments: AttachmentsBox,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._subject_edit = subject_edit
        self._editor = editor
        self._attachments = attachments
        self.draft = draft
        self.keeping = True
        self._discarded = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_now)
        for signal in (subject_edit.textChanged, editor.textChanged, attachments.changed):
            signal.connect(self._changed)
        self.saved_label = QLabel()
        self.saved_label.setAccessibleName(translate("ComposerWindow", "Draft saved"))
        set_text_colour(self.saved_label, None)

    def current(self) -> Draft:
        """The draft as the window holds it now, saved or not."""
        parts = self._editor.parts()
        return replace(
            self.draft,
            subject=self._subject_edit.text(),
            body_text=parts.text,
            body_html=parts.html,
            attachments=self._attachments.files(),
        )

    def is_empty(self) -> bool:
        draft = self.current()
        return not (draft.subject.strip() or draft.body_text.strip() or draft.attachments)

    def _changed(self) -> None:
        if self.keeping:
            self._timer.start()

    def save_now(self) -> None:
        """Save the draft (or forget it when everything was cleared)."""
        self._timer.stop()
        if not self.keeping or self._discarded:
            return
        db = self._database()
        if self.is_empty():
            if self.draft.id is not None:
                delete_draft(db, self.draft.id)
                self.draft = replace(self.draft, id=None)
            return
        try:
            self.draft = save_draft(db, self.current())
        except DraftNotFound:  # deleted behind this window's back: the words are kept anew
            self.draft = save_draft(db, replace(self.current(), id=None))
        assert self.draft.id is not None and self.draft.updated is not None
        self.saved.emit()
        self.saved_label.setText(
            translate("ComposerWindow", "Draft saved {time}").format(
                time=QLocale().toString(qt_moment(self.draft.updated), "HH:mm")
            )
        )

    def kept(self) -> bool:
        """Whether the drafts table holds this post (neither sent, discarded nor empty)."""
        return self.keeping and not self._discarded and self.draft.id is not None

    def handed_over(self) -> None:
        """The outbox holds the post now: there is no draft to keep."""
        self.draft = replace(self.draft, id=None)
        self.saved_label.clear()

    def discard(self) -> None:
        self._discarded = True
        if self.draft.id is not None:
            delete_draft(self._database(), self.draft.id)
