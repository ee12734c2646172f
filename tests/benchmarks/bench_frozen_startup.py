"""Start-up to a shown window: the frozen app (build/dist/Pont) against Pont from source.

Target: frozen ≤ 1.3 × from source, both measured here, each in a fresh process, alternating.
Both run the same path, `pont --smoke-test` on one profile: the clock stops when the
program prints "window shown", once the window has painted and opened the profile.
The frozen app is built first (packaging/build_linux.py, ~20 s); --no-build reuses it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "packaging"))
from frozen_helpers import APP, ROOT, build_frozen_app  # noqa: E402

RUNS = 9
TARGET = 1.3


def time_to_shown(command: list[str], cache: str) -> float:
    # Bytecode is cached for the source run as on a user's machine (bench_startup.py does the
    # same); the frozen app carries its own.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = cache
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - started
    process.wait(timeout=60)
    assert line.strip() == "window shown", f"{command[0]}: the window did not show: {line!r}"
    return elapsed


def main() -> None:
    if "--no-build" not in sys.argv:
        build = build_frozen_app()
        if build.returncode != 0:
            sys.exit(build.stdout + build.stderr)
        print(build.stdout.strip())
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as cache:
        source = [sys.executable, "-m", "pont", "--data-dir", profile, "--smoke-test"]
        frozen = [str(APP / "Pont"), "--data-dir", profile, "--smoke-test"]
        # The first runs create the profile, fill the bytecode cache and warm the disk cache.
        time_to_shown(source, cache)
        time_to_shown(frozen, cache)
        from_source, from_bundle = [], []
        for _ in range(RUNS):
            from_source.append(time_to_shown(source, cache))
            from_bundle.append(time_to_shown(frozen, cache))
    source_median, frozen_median = statistics.median(from_source), statistics.median(from_bundle)
    ratio = frozen_median / source_median
    print(
        f"start-up to shown window: from source {source_median * 1000:.0f} ms, "
        f"frozen {frozen_median * 1000:.0f} ms, ratio {ratio:.2f} "
        f"(target ≤ {TARGET}: {'met' if ratio <= TARGET else 'NOT met'}), median of {RUNS}"
    )


if __name__ == "__main__":
    main()
