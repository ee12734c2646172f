"""Realistic data for the benchmarks: an Outlook contacts export and a large group."""

from __future__ import annotations

import random
from pathlib import Path

from sqlite_utils import Database

from pont.core.members.groups import Group, create_group

# The first columns of Outlook's "Comma Separated Values" contacts export, in its order.
OUTLOOK_HEADERS = [
    "Title", "First Name", "Middle Name", "Last Name", "Suffix", "Company", "Department",
    "Job Title", "Business Street", "Business Street 2", "Business City", "Business State",
    "Business Postal Code", "Business Country/Region", "Home Street", "Home City",
    "Home Postal Code", "Business Fax", "Business Phone", "Business Phone 2", "Home Phone",
    "Mobile Phone", "Assistant's Name", "Birthday", "Categories", "E-mail Address",
    "E-mail Type", "E-mail Display Name", "E-mail 2 Address", "E-mail 2 Type", "Notes",
    "Web Page",
]  # fmt: skip

FIRST = ["Siân", "Dafydd", "Gwenllïan", "Llŷr", "Aisha", "Tom", "Megan", "Rhodri", "Zoë", "José"]
LAST = ["Jones", "Roberts", "Evans", "Hughes", "Rahman", "O'Connor", "Price", "Müller", "Davies"]
ORGS = ["Cardiff Council", "Mind Cymru", "Public Health Wales", "Shelter Cymru", "Age Cymru"]


def people(count: int, seed: int = 7) -> list[tuple[str, str, str, str]]:
    """(first, last, organisation, email) for count distinct people."""
    rng = random.Random(seed)
    result = []
    for index in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        email = f"person{index}.{rng.randrange(10**6)}@org{index % 97}.example.org"
        result.append((first, last, rng.choice(ORGS), email))
    return result


def write_outlook_csv(path: Path, count: int) -> Path:
    def quoted(values: list[str]) -> str:
        return ",".join('"' + value.replace('"', '""') + '"' for value in values)

    lines = [quoted(OUTLOOK_HEADERS)]
    for first, last, organisation, email in people(count):
        row = dict.fromkeys(OUTLOOK_HEADERS, "")
        row.update(
            {
                "First Name": first,
                "Last Name": last,
                "Company": organisation,
                "Job Title": "Practitioner",
                "Business City": "Cardiff",
                "Business Phone": "029 2000 0000",
                "E-mail Address": email,
                "E-mail Type": "SMTP",
                "E-mail Display Name": f"{first} {last} ({email})",
                "Categories": "Wellbeing;Data",
                "Notes": "Met at the spring gathering, interested in peer support.",
            }
        )
        lines.append(quoted(list(row.values())))
    # Outlook writes the system's ANSI code page; ŷ is not in cp1252, so UTF-8 with a BOM.
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
    return path


def fill_group(db: Database, count: int, name: str = "Big Group") -> Group:
    group = create_group(db, name)
    rows = [
        [group.id, email, email.casefold(), f"{first} {last}", organisation, "active",
         '["wellbeing", "data"]', "", "2025-01-01", "benchmark"]
        for first, last, organisation, email in people(count)
    ]  # fmt: skip
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO members (group_id, email, email_key, name, organisation, status, tags,"
            " notes, joined, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    return group
