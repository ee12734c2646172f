"""The window follows changes made elsewhere: a `pont` command in another process, or a
worker's own connection, committing members, mail or posts while the window is open."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from sqlite_utils import Database

    from pont.ui.members.view import MembersView
    from pont.ui.shell.main_window import MainWindow

# Half a second: a change shows well within the 2 s a coordinator would wait, and a poll
# costs about 2 µs (PRAGMA data_version reads a counter in the connection's shared memory,
# no table), so two a second cost nothing (tests/ui/shell/test_following.py measures it).
POLL_MS = 500

Fingerprint = object


@dataclass
class _Watched:
    fingerprint: Callable[[Database], Fingerprint]  # cheap: a lookup at an index's end
    reload: Callable[[Fingerprint, Fingerprint], None]  # (what was seen, what is there now)
    ready: Callable[[], bool]  # False defers the reload (an edit in progress)
    seen: Fingerprint = None


class DatabaseWatcher(QObject):
    """Polls the window's connection for commits made by other connections, then reloads
    only the parts whose fingerprint moved.

    `PRAGMA data_version` changes on a connection when ANOTHER connection commits (the
    window's own edits leave it alone), so between commits elsewhere a poll is one pragma.
    When it moves, each watched part's fingerprint (say, the activity log's last id for the
    members) says whether that part changed; a part the window reloaded itself (after its
    own worker's commit) is noted() with its fingerprint, so the poll does not reload it a
    second time. A part not ready (a cell being edited) waits for a later poll.
    """

    def __init__(self, database: Callable[[], Database], parent: QObject) -> None:
        super().__init__(parent)
        self._database = database
        self._parts: dict[str, _Watched] = {}
        self._version: int | None = None
        self._waiting = False  # a part was not ready: look again though nothing new committed
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.check)

    def watch(
        self,
        name: str,
        fingerprint: Callable[[Database], Fingerprint],
        reload: Callable[[Fingerprint, Fingerprint], None],
        ready: Callable[[], bool] = lambda: True,
    ) -> None:
        self._parts[name] = _Watched(fingerprint, reload, ready)

    def start(self) -> None:
        """Take the database as it is now as seen, and watch it from here on."""
        db = self._database()
        self._version = self.data_version(db)
        for part in self._parts.values():
            part.seen = part.fingerprint(db)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def noted(self, name: str) -> None:
        """The window is about to read this part afresh itself: no poll need reload it."""
        if self._version is None:  # not started: start() takes the fingerprints
            return
        part = self._parts[name]
        part.seen = part.fingerprint(self._database())

    @staticmethod
    def data_version(db: Database) -> int:
        return int(db.conn.execute("PRAGMA data_version").fetchone()[0])

    def check(self) -> None:
        """Reload what changed since the last look (called by the timer, or at once when an
        edit that held a reload back ends)."""
        if self._version is None:
            return
        db = self._database()
        version = self.data_version(db)
        if version == self._version and not self._waiting:
            return
        self._version = version
        self._waiting = False
        for part in self._parts.values():
            now = part.fingerprint(db)
            if now == part.seen:
                continue
            if not part.ready():
                self._waiting = True
                continue
            before, part.seen = part.seen, now
            part.reload(before, now)


def _groups_fingerprint(db: Database) -> Fingerprint:
    # A handful of rows: names, tags, modes; their member counts follow the members part.
    return tuple(db.execute("SELECT * FROM groups ORDER BY id").fetchall())


def _archive_fingerprint(db: Database) -> Fingerprint:
    return db.execute(
        "SELECT (SELECT max(id) FROM messages), (SELECT max(rowid) FROM message_groups)"
    ).fetchone()


def _members_fingerprint(db: Database) -> Fingerprint:
    from pont.core.activity import last_entry_id

    return last_entry_id(db)


@contextmanager
def _top_row_kept(view: MembersView) -> Iterator[None]:
    """The member at the top of the scrolled table stays there, though people come or go
    above them: the coordinator reading row 150 does not see the rows slide. At the very top
    nothing is held, so that someone new above the first row shows."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QAbstractItemView

    table, model = view.table, view.model
    scrolled = table.verticalScrollBar().value() > 0
    top = table.indexAt(QPoint(0, 0)) if scrolled else None
    top_id = model.member(top.row()).id if top is not None and top.isValid() else None
    yield
    row = model.row_of(top_id) if top_id is not None else None
    if row is not None:
        table.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)


# More members touched than this, and reading the whole group is quicker than by id.
_READ_ALL_FROM = 500


class WindowFollower(QObject):
    """Keeps the main window's groups, members, conversations and status bar in step with
    commits made elsewhere, through a DatabaseWatcher on the window's own connection."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.watcher = DatabaseWatcher(window.database, self)
        self.watcher.watch("groups", _groups_fingerprint, self._groups_changed)
        self.watcher.watch(
            "members", _members_fingerprint, self._members_changed, self._not_editing
        )
        # The window's own sync says when it is done; its chunks do not each reload the list.
        self.watcher.watch(
            "archive",
            _archive_fingerprint,
            lambda _b, _n: self._archive(),
            lambda: not window.sync_controller.is_syncing(),
        )
        # The held posts, requests and outbox counts: a few counts, read on every commit.
        self.watcher.watch("group mail", lambda _db: object(), lambda _b, _n: self._status())
        table = window.members_view.table
        # When an edit ends, what waited for it shows at once, not at the next poll.
        table.delegate.closeEditor.connect(lambda *_: QTimer.singleShot(0, self.watcher.check))

    def _not_editing(self) -> bool:
        from PySide6.QtWidgets import QAbstractItemView

        table = self._window.members_view.table
        return table.state() != QAbstractItemView.State.EditingState

    def _groups_changed(self, _before: Fingerprint, _now: Fingerprint) -> None:
        from pont.core.members.groups import list_groups

        window = self._window
        groups = list_groups(window.database())
        shown = window.sidebar.group_ids()
        if [group.id for group in groups] == shown:
            window.sidebar.update_counts(groups)  # renamed, or recounted: in place
        else:  # a group came or went: the list anew, the shown group kept if still there
            window.reload_groups(window.sidebar.current_group_id() or None)

    def _members_changed(self, before: Fingerprint, _now: Fingerprint) -> None:
        from pont.core.activity import members_touched_since
        from pont.core.members.groups import list_groups
        from pont.core.members.members import list_members, members_with_ids

        window = self._window
        db = window.database()
        group = window.group
        if group is not None:
            model = window.members_view.model
            assert isinstance(before, int)
            touched = members_touched_since(db, before, group.id)
            if touched is None or len(touched) >= _READ_ALL_FROM:
                present = list_members(db, group.id)
                gone = {m.id for m in model.members()} - {m.id for m in present}
            else:
                present = members_with_ids(db, touched)
                gone = touched - {m.id for m in present}
            with _top_row_kept(window.members_view):
                model.follow_changes(present, gone)
            window.refresh_consent()
        window.sidebar.update_counts(list_groups(db))

    def read_members_again(self) -> None:
        """Read the shown group whole (after the window's own worker changed it) and show
        the differences row by row, keeping the selection, sort, filter and scroll."""
        from pont.core.members.members import list_members

        window = self._window
        group = window.group
        if group is None:
            return
        self.watcher.noted("members")  # read afresh just below
        model = window.members_view.model
        present = list_members(window.database(), group.id)
        with _top_row_kept(window.members_view):
            model.follow_changes(present, {m.id for m in model.members()} - {m.id for m in present})
        window.refresh_consent()

    def _archive(self) -> None:
        self._window.archive_changed.emit()

    def _status(self) -> None:
        self._window.refresh_group_mail()
