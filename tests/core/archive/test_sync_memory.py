"""A sync holds at most about 3 × the largest message it meets (issue 12, defect 11).

Measured in a process of its own (peak RSS, VmHWM, reset just before the sync), against the
real test Dovecot. tests/benchmarks/bench_sync_memory.py does the same at 50 MB.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from corpus import make_account, make_group

from pont.core.profile.store import open_database

if TYPE_CHECKING:
    from mailservers import Mailbox

SIZE = 12_000_000

SYNC_AND_MEASURE = """
import json, sys
from functools import partial
from pathlib import Path
from pont.core.archive.sync import sync_account
from pont.core.mail.accounts import list_accounts
from pont.core.mail.connections import open_imap
from pont.core.profile.store import open_database

def rss(field):
    with open("/proc/self/status") as status:
        return next(int(l.split()[1]) * 1024 for l in status if l.startswith(field + ":"))

db = open_database(Path(sys.argv[1]))
account = list_accounts(db)[0]
connect = partial(open_imap, account, sys.argv[2])
with open("/proc/self/clear_refs", "w") as clear_refs:
    clear_refs.write("5")
before = rss("VmRSS")
report = sync_account(db, account.id, connect)
print(json.dumps({"held": rss("VmHWM") - before, "stored": report.group_messages}))
"""


def large_message(kind: str) -> bytes:
    head = (
        b"From: Bryn <bryn@council.example.org>\r\nTo: coordinator@example.org\r\n"
        b"Subject: [Wellbeing] Survey results\r\nMessage-ID: <large@x>\r\n"
    )
    if kind == "attachment":
        content = base64.encodebytes(os.urandom(SIZE * 3 // 4)).replace(b"\n", b"\r\n")
        return (
            head + b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
            b"Content-Type: text/plain\r\n\r\nAttached.\r\n--b\r\n"
            b"Content-Type: application/zip; name=survey.zip\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\n" + content + b"--b--\r\n"
        )
    line = b"Ymateb: the peer support sessions helped me, diolch yn fawr.\r\n"
    return head + b"Content-Type: text/plain\r\n\r\n" + line * (SIZE // len(line))


@pytest.mark.parametrize("kind", ["attachment", "text"])
def test_a_sync_holds_at_most_three_times_the_largest_message(
    tmp_path: Path, mailbox: Mailbox, kind: str
) -> None:
    path = tmp_path / "pont.sqlite3"
    db = open_database(path)
    make_group(db)
    make_account(db, mailbox)
    db.close()
    raw = large_message(kind)
    mailbox.server.deliver(mailbox.email, raw)

    result = subprocess.run(
        [sys.executable, "-c", SYNC_AND_MEASURE, str(path), mailbox.password],
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["stored"] == 1
    assert figures["held"] <= 3 * len(raw), f"{figures['held'] / len(raw):.1f} × the message"
