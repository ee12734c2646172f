"""Run every benchmark and print its figures (not part of the pass/fail suite)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

for script in sorted(Path(__file__).parent.glob("bench_*.py")):
    subprocess.run([sys.executable, str(script)], check=False)
