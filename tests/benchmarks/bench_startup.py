"""Start-up to a shown main window on the demo profile, against a bare QApplication + QMainWindow.

Target: Pont ≤ 1.5 × bare, both measured here, each in a fresh process, alternating.
Also printed, for comparison only: how long until the demo group's members are in the table,
as Pont opens the profile just after the window's first paint.
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

PONT = """
import sys
from pathlib import Path
from pont.app import build_window
app, window = build_window(Path(sys.argv[1]), demo=True)
window.show()
app.processEvents()
print("shown", flush=True)
"""

PONT_FILLED = """
import sys
from pathlib import Path
from pont.app import build_window
app, window = build_window(Path(sys.argv[1]), demo=True)
window.show()
while window.members_view.model.rowCount() == 0:
    app.processEvents()
app.processEvents()
print("shown", flush=True)
"""


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
        # The first runs seed the demo profile, fill the bytecode cache and warm the disk cache.
        time_to_shown(PONT_FILLED, profile, cache=cache)
        time_to_shown(BARE, cache=cache)
        bare, pont, filled = [], [], []
        for _ in range(RUNS):
            bare.append(time_to_shown(BARE, cache=cache))
            pont.append(time_to_shown(PONT, profile, cache=cache))
            filled.append(time_to_shown(PONT_FILLED, profile, cache=cache))
    bare_median, pont_median = statistics.median(bare), statistics.median(pont)
    print(
        f"start-up to shown window: bare Qt {bare_median * 1000:.0f} ms, "
        f"Pont on the demo profile {pont_median * 1000:.0f} ms, "
        f"ratio {pont_median / bare_median:.2f} (target ≤ 1.5), median of {RUNS}; "
        f"members in the table at {statistics.median(filled) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
