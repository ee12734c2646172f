"""Runs a test server as its child, and stops it when the test process that started it ends,
however that ends (SIGKILL and SIGABRT included, which run no fixture teardown).

    python server_watchdog.py PARENT_PID FOLDER -- COMMAND [ARGS…]

The watchdog looks every tenth of a second whether PARENT_PID is still its parent. When not,
it stops the server (SIGTERM, then SIGKILL) and removes FOLDER, the server's own temp dir.
The server gets SIGTERM as well should the watchdog itself be killed (Linux: PR_SET_PDEATHSIG).
It imports nothing heavy, so it starts in a moment.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import subprocess
import sys
import time

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _dies_with_watchdog() -> None:
    """In the server's process, before exec: SIGTERM when the watchdog's thread ends."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def main(arguments: list[str]) -> int:
    parent, folder = int(arguments[0]), arguments[1]
    command = arguments[arguments.index("--") + 1 :]
    stopping: list[int] = []
    signal.signal(signal.SIGTERM, lambda number, _frame: stopping.append(number))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C reaches pytest, which stops us
    # The watchdog has one thread, so preexec_fn is safe here (it is not in pytest).
    server = subprocess.Popen(command, preexec_fn=_dies_with_watchdog)
    orphaned = False
    while server.poll() is None and not stopping:
        if os.getppid() != parent:
            orphaned = True
            break
        time.sleep(0.1)
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    if orphaned:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
