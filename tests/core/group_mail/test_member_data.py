"""What Pont holds about one member: exported whole for them, or erased for good."""

from __future__ import annotations

import json
from pathlib import Path

from requests_world import CARYS, NOW, arrive, coordinator_account, handle, message, queued
from sqlite_utils import Database

from pont.core.group_mail.consent import record_given_consent
from pont.core.group_mail.member_data import write_member_data
from pont.core.group_mail.requests import approve_request, list_requests
from pont.core.members.groups import Group
from pont.core.members.members import erase_member, find_member


def joined_by_email(db: Database, group: Group) -> int:
    """Carys asks to join, is approved and confirms: her member id."""
    account = coordinator_account(db)
    arrive(db, account, message("join", CARYS))
    handle(db, account)
    approve_request(db, list_requests(db)[0].id, NOW)
    token = queued(db)[0][2].split()[-1]
    arrive(db, account, message(f"Re: Confirm {token}", CARYS))
    handle(db, account)
    db.execute(
        "INSERT INTO messages (message_key, subject, sender_name, sender_email, sender_key,"
        " stored) VALUES ('m1@example.net', 'My first post', 'Carys Evans', 'Carys@example.net',"
        " 'carys@example.net', ?)",
        [NOW.isoformat()],
    )
    return find_member(db, group.id, "carys@example.net").id


def test_the_export_holds_all_pont_keeps_about_them(
    db: Database, group: Group, tmp_path: Path
) -> None:
    member_id = joined_by_email(db, group)
    record_given_consent(db, member_id, "Said so on the phone", NOW)
    path = tmp_path / "carys.json"

    write_member_data(db, member_id, path, NOW)

    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["member"]["email"] == "carys@example.net"
    assert data["group"] == "Wellbeing Network"
    assert [c["how"] for c in data["consents"]] == ["joined", "recorded"]
    assert [(r["kind"], r["state"]) for r in data["requests"]] == [("join", "done")]
    assert {"add", "consent", "approve-join"} <= {a["action"] for a in data["activity"]}
    assert [m["subject"] for m in data["messages"]] == ["My first post"]
    assert "mailbox" in data["kept_elsewhere"]
    assert [p.name for p in tmp_path.iterdir() if "sqlite" not in p.name] == ["carys.json"]


def test_erasing_takes_consents_requests_and_their_messages_to_pont(
    db: Database, group: Group
) -> None:
    member_id = joined_by_email(db, group)
    erase_member(db, member_id)
    for table in ("members", "consents", "consent_asks", "requests", "bounces"):
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    kept = db.execute("SELECT sender_email FROM inbound").fetchall()
    assert kept == []
    history = " ".join(str(row) for row in db.execute("SELECT * FROM activity"))
    assert "carys" not in history.lower()
    # What stays: the archive's copy of what they wrote, as the export says.
    assert db.execute("SELECT count(*) FROM messages").fetchone()[0] == 1
