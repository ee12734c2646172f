"""Real full and read-only disks for tests: a tiny tmpfs, filled up; a folder or file made
read-only by a read-only bind mount (root ignores file permissions), else by chmod."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path


def _run(*command: str) -> None:
    subprocess.run(command, check=True, capture_output=True, timeout=30)


@contextlib.contextmanager
def tmpfs(folder: Path, size: int) -> Iterator[Path]:
    """A tmpfs of size bytes mounted on folder (made if need be), unmounted afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    _run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder))
    try:
        yield folder
    finally:
        try:
            _run("umount", str(folder))
        except subprocess.CalledProcessError:  # something still has a file open there
            _run("umount", "-l", str(folder))


def fill_up(folder: Path, leave: int) -> Path:
    """A file that takes all the free space on folder's disk but leave bytes."""
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as out:
        free = shutil.disk_usage(folder).free - leave
        chunk = b"\xff" * (1 << 16)
        try:
            while free > 0:
                free -= out.write(chunk[: min(free, len(chunk))])
        except OSError as error:
            if error.errno != errno.ENOSPC:
                raise
    return filler


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[Path]:
    """path (a folder or a file) read-only until the block ends."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(mode & ~0o222)
        try:
            yield path
        finally:
            path.chmod(mode)
        return
    _run("mount", "--bind", str(path), str(path))
    try:
        _run("mount", "-o", "remount,ro,bind", str(path))
        yield path
    finally:
        try:
            _run("umount", str(path))
        except subprocess.CalledProcessError:
            _run("umount", "-l", str(path))
