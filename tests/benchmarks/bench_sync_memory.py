"""Peak memory of a sync that meets one 50 MB message: target ≤ 3 × the message's size.

The mailbox holds one group message of 50 MB (a short text and a large attachment, as mail
with a big file is), and, as a second case, one whose 50 MB are all text. Each sync runs in
a process of its own, from a fresh profile: its peak RSS during the sync (VmHWM, reset
just before) less its RSS just before is what the sync held, printed with its ratio to the
message size. (Not ru_maxrss: it keeps the peak of the parent that made the message.)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

MESSAGE_BYTES = 50_000_000


def message(kind: str) -> bytes:
    head = (
        b"From: Bryn Davies <bryn@council.example.org>\r\nTo: coordinator@example.org\r\n"
        b"Subject: [Wellbeing] The survey results, all of them\r\n"
        b"Message-ID: <big-" + kind.encode() + b"@council.example.org>\r\n"
        b"Date: Tue, 04 Mar 2025 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
    )
    if kind == "attachment":
        import base64

        encoded = base64.encodebytes(os.urandom(MESSAGE_BYTES * 3 // 4 - 1000)).replace(
            b"\n", b"\r\n"
        )
        return (
            head + b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
            b"Content-Type: text/plain; charset=utf-8\r\n\r\nThe results are attached.\r\n"
            b"--b\r\nContent-Type: application/zip; name=survey.zip\r\n"
            b"Content-Disposition: attachment; filename=survey.zip\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\n" + encoded + b"--b--\r\n"
        )
    line = "Ymateb {n}: the peer support sessions helped me, diolch yn fawr.\r\n"
    text = "".join(line.format(n=n) for n in range(MESSAGE_BYTES // len(line)))
    return head + b"Content-Type: text/plain; charset=utf-8\r\n\r\n" + text.encode()


def rss(field: str = "VmRSS") -> int:
    """Bytes of this process's resident memory now (VmRSS), or at its peak (VmHWM)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"no {field}")


def reset_peak() -> None:
    """Start VmHWM again from the RSS of now (Linux 4.0 and later)."""
    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")


def child(profile: str, host: str, port: str, user: str, password: str) -> None:
    """Sync the mailbox into a fresh profile; print what the sync held, as JSON."""
    from functools import partial

    from pont.core.archive.sync import sync_account
    from pont.core.mail.accounts import AccountSettings, Security, ServerSettings, save_account
    from pont.core.mail.connections import open_imap
    from pont.core.members.groups import create_group
    from pont.core.profile.store import open_database

    db = open_database(Path(profile))
    create_group(db, "Wellbeing Network", "Wellbeing")
    server = ServerSettings(host, int(port), Security.SSL)
    account = save_account(db, AccountSettings(user, user, server, server))
    connect = partial(open_imap, account, password)
    reset_peak()
    before = rss()
    report = sync_account(db, account.id, connect)
    peak = rss("VmHWM")
    stored = db.execute("SELECT size FROM messages").fetchone()
    print(json.dumps({"before": before, "peak": peak, "stored": report.group_messages,
                      "size": stored[0] if stored else 0}))  # fmt: skip


def main() -> None:
    from mailservers import start_mail_server

    root = Path(tempfile.mkdtemp(prefix="pont-bench-memory-"))
    server = start_mail_server(root / "server")
    try:
        for kind in ("attachment", "text"):
            user = server.new_user()
            raw = message(kind)
            with server.imap(user) as client:  # Dovecot makes the Maildir
                client.select_folder("INBOX")
            cur = server.dovecot.root / "home" / user / "Maildir" / "cur"
            path = cur / "1700000000.M1P1.bench:2,S"
            path.write_bytes(raw)
            shutil.chown(path, "dovecot", "dovecot")
            size = len(raw)
            del raw
            command = [sys.executable, __file__, "--child", str(root / f"{kind}.sqlite3")]
            command += [server.host, str(server.imaps_port), user, server.password]
            environment = dict(os.environ, SSL_CERT_FILE=str(server.ca_file))
            result = subprocess.run(
                command, capture_output=True, text=True, check=True, env=environment
            )
            figures = json.loads(result.stdout.strip().splitlines()[-1])
            assert figures["stored"] == 1 and figures["size"] == size, figures
            before, peak = figures["before"], figures["peak"]
            held = peak - before
            print(
                f"sync of one {size / 1e6:.0f} MB message ({kind}): RSS {before / 1e6:.0f} MB "
                f"before, peak {peak / 1e6:.0f} MB; the sync held {held / 1e6:.0f} MB = "
                f"{held / size:.2f} × the message (target ≤ 3)"
            )
    finally:
        server.smtp.stop()
        server.dovecot.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(*sys.argv[2:7])
    else:
        main()
