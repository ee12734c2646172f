"""One Pont per profile: the lock refuses a second holder and is dropped when its process
ends, even by a crash."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pont.core.errors import ProfileInUse
from pont.core.profile_lock import lock_profile

HOLD = """
import sys, time
from pathlib import Path
from pont.core.profile_lock import lock_profile
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


def test_the_lock_goes_with_a_process_that_is_killed(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        with pytest.raises(ProfileInUse) as refused:
            lock_profile(tmp_path)
        assert str(tmp_path) in str(refused.value)
    finally:
        holder.kill()
        holder.wait()
    lock_profile(tmp_path).release()  # no stale lock left behind by the crash
