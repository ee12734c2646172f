"""Start-up on the demo profile against a bare QApplication + QMainWindow, both measured
here, each in a fresh process, alternating; the median of several runs. Two figures:

- the frame: up to the first paint of Pont's window, the frame with its menu bar, which
  Pont shows before anything else. Target ≤ 1.5 × bare.
- the members: up to the first paint of the members table with the demo group's members in
  it, which is what a coordinator opens Pont for (see pont.ui.shell.members_first). Target
  ≤ 2 × bare.

Pont starts as `pont --demo` does (the command line parsed, then the window).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = 9

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
app.processEvents()
print("shown", flush=True)
"""

# What `pont --demo --data-dir DIR` runs (pont.cli.main.main, then pont.app.run_app) up to the
# window's event loop.
START_PONT = """
import sys
from pont.cli import main as cli
args = cli.window_arguments(["--demo", "--data-dir", sys.argv[1]])
data_dir = cli.resolve_data_dir(args.data_dir, demo=args.demo)
from pont.app import build_window
app, window = build_window(data_dir, demo=args.demo)
window.show()
"""

PONT = (
    START_PONT
    + """
app.processEvents()
print("shown", flush=True)
"""
)

# Pont paints the members as it puts them in the table (pont.ui.shell.members_first; a test in
# tests/ui/shell/test_app.py checks it), so once the table has rows they are on screen. Watching
# for the paint itself would cost Pont ~30 ms: PySide resolves all its lazily loaded classes
# the first time a Python event filter is handed an object it has not seen.
PONT_FILLED = (
    START_PONT
    + """
app.processEvents()
while getattr(window, "members_view", None) is None or window.members_view.model.rowCount() == 0:
    app.processEvents()
print("shown", flush=True)
"""
)


# A coordinator's earlier session: Pont opened, used for a moment and closed, which leaves
# what a start-up after the first finds (the profile made, settings written).
EARLIER_SESSION = (
    START_PONT
    + """
from PySide6.QtCore import QTimer
QTimer.singleShot(1500, window.close)
app.exec()
print("shown", flush=True)
"""
)


def time_to_shown(script: str, *args: str, cache: str) -> float:
    # Bytecode is cached as on a user's machine (an installed wheel has it, and so does a
    # source tree after its first run); without it Pont, unlike bare Qt, would be compiled
    # again on every run. The cache lives in the benchmark's temporary folder.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = cache
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - started
    process.wait()
    assert line.strip() == "shown", f"the window did not show: {line!r}"
    return elapsed


def main() -> None:
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as cache:
        # The first runs seed the demo profile, as a first session does, fill the bytecode
        # cache and warm the disk cache.
        time_to_shown(EARLIER_SESSION, profile, cache=cache)
        time_to_shown(BARE, cache=cache)
        bare, pont, filled = [], [], []
        for _ in range(RUNS):
            bare.append(time_to_shown(BARE, cache=cache))
            pont.append(time_to_shown(PONT, profile, cache=cache))
            filled.append(time_to_shown(PONT_FILLED, profile, cache=cache))
    bare_median, pont_median = statistics.median(bare), statistics.median(pont)
    filled_median = statistics.median(filled)
    print(
        f"start-up on the demo profile, median of {RUNS}: "
        f"bare Qt window {bare_median * 1000:.0f} ms; "
        f"Pont's frame {pont_median * 1000:.0f} ms, ratio {pont_median / bare_median:.2f} "
        f"(target ≤ 1.5); Pont's members in the table {filled_median * 1000:.0f} ms, "
        f"ratio {filled_median / bare_median:.2f} (target ≤ 2)"
    )


if __name__ == "__main__":
    main()
