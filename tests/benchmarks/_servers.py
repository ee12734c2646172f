"""The two SMTP servers the sending benchmarks measure against, each in the same run: one that
accepts and forgets (the client's own cost) and the delivering one (LMTP into Dovecot)."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from mailservers import MailServer, Smtp, SmtpFaults, start_mail_server  # noqa: E402

# measure(server, smtp, label, folder, settle)
Measure = Callable[[MailServer, Smtp, str, Path, float], float]


def on_both_servers(prefix: str, measure: Measure, settle_seconds: float) -> None:
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    server = start_mail_server(folder / "servers")
    os.environ["SSL_CERT_FILE"] = str(server.ca_file)  # Pont's verified TLS trusts the test CA
    forgetting = server.start_smtp(SmtpFaults(deliver=False))
    try:
        measure(server, forgetting, "accept-and-forget", folder, 0.0)
        measure(server, server.smtp, "delivering (LMTP)", folder, settle_seconds)
    finally:
        forgetting.stop()
        server.smtp.stop()
        server.dovecot.stop()
