"""A Pont process of its own that sends a profile's outbox through Microsoft Graph, for the
kill tests (test_outbox_graph_kill.py), which SIGKILL it while the Graph-shaped server holds
its sendMail. It runs Pont's own send_queued; only the TokenSource is the tests' (tokens
minted from the signing key, whose private PEM the test writes to a file), until the CLI
signs in with Microsoft.

    python graph_sender.py DATA_DIR ACCOUNT_ID ENDPOINT KEY_PEM SETTLE
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(TESTS))

from joserfc.jwk import RSAKey  # noqa: E402 (after the path)

from graph_server import MintedTokens  # noqa: E402
from oauth_keys import SigningKey  # noqa: E402
from pont.core.mail.accounts import get_account  # noqa: E402
from pont.core.posting.outbox.run import send_queued  # noqa: E402
from pont.core.profile.store import DATABASE_NAME, open_database  # noqa: E402


def main() -> None:
    data_dir, account_id, endpoint, key_pem, settle = sys.argv[1:]
    key = SigningKey(key=RSAKey.import_key(Path(key_pem).read_bytes()))
    db = open_database(Path(data_dir) / DATABASE_NAME)
    account = get_account(db, int(account_id))
    report = send_queued(
        db, account, MintedTokens(key, account.email), settle=float(settle), graph_endpoint=endpoint
    )
    print(json.dumps({"sent": report.batches_sent, "recovered": report.recovered}), flush=True)
    db.close()


if __name__ == "__main__":
    main()
