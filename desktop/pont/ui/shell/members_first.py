"""Start-up's second step, between the window's frame and the rest of it: the groups and the
last group's members, which is what a coordinator opens Pont for.

They are read with sqlite3 alone (pont.core.profile.first_read) and shown in the window's
own groups list and table; the profile is opened properly (sqlite-utils, migrations), the
other tab, the actions and menus built, and sync and the outbox started only once they
have painted. A new profile, one with no group yet, or one that cannot simply be read
goes straight to that.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from pont.ui.shell.main_window import MainWindow


def show_members_first(window: MainWindow, database: Path, then: Callable[[], None]) -> None:
    """Show the members in window, then call then (which opens the profile) once they are
    on screen; straight away when there are none to show this way."""
    from pont.core.profile.first_read import read_first

    read = read_first(database, window.last_group_id())
    if read is not None:
        window.show_members_first(read)
        # Painted now (the frame around them is already), not when the event loop gets round
        # to it: the queued call below would come first, as Qt posts its paints at a lower
        # priority.
        window.centralWidget().repaint()
    QTimer.singleShot(0, window, then)
