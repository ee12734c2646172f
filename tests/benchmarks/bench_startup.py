"""Start-up to a shown main window on the demo profile, against a bare QApplication + QMainWindow.

Target: Pont ≤ 1.5 × bare, both measured here, each in a fresh process, alternating.
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


def time_to_shown(script: str, *args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
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
    with tempfile.TemporaryDirectory() as profile:
        time_to_shown(PONT, profile)  # first run seeds the demo profile and warms the disk cache
        time_to_shown(BARE)
        bare, pont = [], []
        for _ in range(RUNS):
            bare.append(time_to_shown(BARE))
            pont.append(time_to_shown(PONT, profile))
    bare_median, pont_median = statistics.median(bare), statistics.median(pont)
    print(
        f"start-up to shown window: bare Qt {bare_median * 1000:.0f} ms, "
        f"Pont on the demo profile {pont_median * 1000:.0f} ms, "
        f"ratio {pont_median / bare_median:.2f} (target ≤ 1.5), median of {RUNS}"
    )


if __name__ == "__main__":
    main()
