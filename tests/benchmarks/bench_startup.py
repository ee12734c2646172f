"""Start-up on the demo profile against a bare QApplication + QMainWindow, both measured
here, each in a fresh process, alternating; the median of several runs. Two figures:

- the frame: up to the first paint of Pont's window, the frame with its menu bar, which
  Pont shows before anything else. Target ≤ 1.5 × bare.
- the members: up to the first paint of the members table with the demo group's members in
  it, which is what a coordinator opens Pont for (see pont.ui.shell.members_first). Target
  ≤ 2 × bare.

Pont starts as `pont --demo` does (the command line parsed, then the window), on a demo
profile an earlier session opened and closed.

Measured offscreen, and also on a real X display when Xvfb is installed (Debian's `xvfb`
and the xcb libraries in DESKTOP-NOTES): there a window paints only once the X server has
shown it, so each process waits for its paint.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator

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

# On X: the bare window's first paint, and Pont's (its first_painted signal, which comes
# straight after; the members, which wait for it, are left out).
BARE_PAINTED = """
from PySide6.QtWidgets import QApplication, QMainWindow

class Window(QMainWindow):
    def paintEvent(self, event):
        super().paintEvent(event)
        print("shown", flush=True)

app = QApplication([])
window = Window()
window.show()
app.exec()
"""

PONT_PAINTED = (
    START_PONT.replace("window.show()", "")
    + """
window.first_painted.disconnect()
window.first_painted.connect(lambda: print("shown", flush=True))
window.show()
app.exec()
"""
)

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


def time_to_shown(script: str, *args: str, cache: str, display: str | None) -> float:
    # Bytecode is cached as on a user's machine (an installed wheel has it, and so does a
    # source tree after its first run); without it Pont, unlike bare Qt, would be compiled
    # again on every run. The cache lives in the benchmark's temporary folder.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = cache
    if display is None:
        env["QT_QPA_PLATFORM"] = "offscreen"
    else:
        env.update(QT_QPA_PLATFORM="xcb", DISPLAY=display)
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - started
    process.kill()  # the scripts that wait for a paint would run on
    process.wait()
    assert line.strip() == "shown", f"the window did not show: {line!r}"
    return elapsed


@contextlib.contextmanager
def x_display() -> Iterator[str]:
    """A private Xvfb display, as ":N"."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as ready:
            number = ready.readline().strip()  # written once the server takes clients
        yield f":{number}"
    finally:
        server.kill()
        server.wait()


def measure(display: str | None) -> str:
    bare_script, frame_script = (BARE, PONT) if display is None else (BARE_PAINTED, PONT_PAINTED)
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as cache:
        # The first runs seed the demo profile, as a first session does, fill the bytecode
        # cache and warm the disk cache.
        time_to_shown(EARLIER_SESSION, profile, cache=cache, display=display)
        time_to_shown(bare_script, cache=cache, display=display)
        bare, frame, filled = [], [], []
        for _ in range(RUNS):
            bare.append(time_to_shown(bare_script, cache=cache, display=display))
            frame.append(time_to_shown(frame_script, profile, cache=cache, display=display))
            filled.append(time_to_shown(PONT_FILLED, profile, cache=cache, display=display))
    bare_median, frame_median = statistics.median(bare), statistics.median(frame)
    filled_median = statistics.median(filled)
    return (
        f"bare Qt window {bare_median * 1000:.0f} ms; "
        f"Pont's frame {frame_median * 1000:.0f} ms, ratio {frame_median / bare_median:.2f} "
        f"(target ≤ 1.5); Pont's members in the table {filled_median * 1000:.0f} ms, "
        f"ratio {filled_median / bare_median:.2f} (target ≤ 2)"
    )


def main() -> None:
    print(f"start-up on the demo profile, median of {RUNS}")
    print(f"  offscreen: {measure(None)}")
    if shutil.which("Xvfb") is None:
        print("  on X: not measured, Xvfb is not installed (apt-get install xvfb)")
        return
    with x_display() as display:
        print(f"  on X (Xvfb, xcb): {measure(display)}")


if __name__ == "__main__":
    main()
