"""Import a 20,000-row Outlook-style CSV into a group: target ≤ 2 s, file to committed rows."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _data import write_outlook_csv  # noqa: E402

from pont.core.members.groups import create_group  # noqa: E402
from pont.core.members.importers.files import load_contacts_file  # noqa: E402
from pont.core.members.importing import import_contacts  # noqa: E402
from pont.core.profile.store import open_database  # noqa: E402

ROWS = 20_000


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        csv_path = write_outlook_csv(Path(folder) / "outlook.csv", ROWS)
        size_mb = csv_path.stat().st_size / 1e6
        timings = []
        for attempt in range(3):
            db = open_database(Path(folder) / f"pont{attempt}.sqlite3")
            group = create_group(db, "Wellbeing Network")
            started = time.perf_counter()
            parsed = load_contacts_file(csv_path)
            report = import_contacts(db, group.id, parsed, source=csv_path.name)
            timings.append(time.perf_counter() - started)
            assert report.added == ROWS, report.summary()
            db.close()
    print(
        f"import {ROWS:,}-row Outlook CSV ({size_mb:.1f} MB): median "
        f"{statistics.median(timings):.2f} s over {len(timings)} runs (target ≤ 2 s)"
    )


if __name__ == "__main__":
    main()
