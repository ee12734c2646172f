"""One Pont per profile: the lock refuses a second holder and is dropped when its process
ends, even by a crash."""

from __future__ import annotations

import errno
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

import pytest

from pont.core.errors import ProfileFolderUnusable, ProfileInUse
from pont.core.profile.lock import lock_profile

HOLD = """
import sys, time
from pathlib import Path
from pont.core.profile.lock import lock_profile
lock = lock_profile(Path(sys.argv[1]))
print("locked", flush=True)
time.sleep(60)
"""


def test_a_second_lock_on_the_same_profile_is_refused_until_the_first_is_released(
    tmp_path: Path,
) -> None:
    first = lock_profile(tmp_path / "profile")
    with pytest.raises(ProfileInUse, match="Only one Pont can use a profile at a time"):
        lock_profile(tmp_path / "profile")
    lock_profile(tmp_path / "other").release()  # another profile is another lock
    first.release()
    with lock_profile(tmp_path / "profile"):
        pass


def _first_line(stream: IO[str], timeout: float) -> str:
    """The stream's next line, or "" if none comes in time (readline alone may wait forever)."""
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: lines.put(stream.readline()), daemon=True).start()
    try:
        return lines.get(timeout=timeout)
    except queue.Empty:
        return ""


def test_the_lock_goes_with_a_process_that_is_killed(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None
        assert _first_line(holder.stdout, timeout=30) == "locked\n"
        with pytest.raises(ProfileInUse) as refused:
            lock_profile(tmp_path)
        assert str(tmp_path) in str(refused.value)
    finally:
        holder.kill()
        holder.wait()
    lock_profile(tmp_path).release()  # no stale lock left behind by the crash


@pytest.mark.skipif(sys.platform == "win32", reason="flock is for POSIX systems")
def test_a_drive_without_locks_is_not_another_pont(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl

    def no_locks(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))

    monkeypatch.setattr(fcntl, "flock", no_locks)
    with pytest.raises(ProfileFolderUnusable) as refused:
        lock_profile(tmp_path)
    assert str(tmp_path) in str(refused.value)
    assert os.strerror(errno.ENOLCK) in str(refused.value)


@pytest.mark.skipif(sys.platform == "win32", reason="flock is for POSIX systems")
def test_a_lock_held_elsewhere_is_another_pont(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl

    def held(fd: int, operation: int) -> None:
        raise BlockingIOError(errno.EWOULDBLOCK, os.strerror(errno.EWOULDBLOCK))

    monkeypatch.setattr(fcntl, "flock", held)
    with pytest.raises(ProfileInUse):
        lock_profile(tmp_path)
