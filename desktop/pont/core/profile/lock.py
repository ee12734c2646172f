"""One Pont at a time per profile.

The window holds the profile's lock while it runs, and so do the commands that replace
the data underneath (import everything): a second window, or an import while the window
is open, is refused with ProfileInUse instead of each overwriting what the other shows.
Commands that only read or add (sync, members import) need no lock: SQLite keeps their
writes apart. The operating system drops the lock when the process ends, crash or not.

Written here rather than with the filelock package: importing it brings asyncio, about
80 ms of every start-up, for what is one system call on each platform.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from types import TracebackType

from pont.core.errors import ProfileFolderUnusable, ProfileInUse
from pont.core.profile.store import make_profile_folder

LOCK_NAME = "pont.lock"


class ProfileLock:
    """An exclusive, non-blocking lock on data_dir/pont.lock; a context manager too."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._fd: int | None = None

    def acquire(self) -> None:
        make_profile_folder(self.data_dir)
        path = self.data_dir / LOCK_NAME
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise ProfileFolderUnusable(str(self.data_dir), error.strerror or str(error)) from error
        try:
            _lock(fd)
        except OSError as error:
            os.close(fd)
            if error.errno in _HELD_ELSEWHERE:
                raise ProfileInUse(str(self.data_dir)) from error
            # No locks on this drive at all (some network filesystems): not another Pont.
            raise ProfileFolderUnusable(str(self.data_dir), error.strerror or str(error)) from error
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the file drops its lock
            self._fd = None

    def __enter__(self) -> ProfileLock:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.release()


if sys.platform == "win32":
    import msvcrt

    # What locking() fails with when another process has the byte.
    _HELD_ELSEWHERE = frozenset({errno.EACCES, errno.EDEADLK})

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # the file's first byte

else:
    import fcntl

    # What flock() fails with when another process holds the lock.
    _HELD_ELSEWHERE = frozenset({errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES})

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def lock_profile(data_dir: Path) -> ProfileLock:
    """The profile's lock, held until released (or the process ends); ProfileInUse when
    another Pont holds it."""
    lock = ProfileLock(data_dir)
    lock.acquire()
    return lock
