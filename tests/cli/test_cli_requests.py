"""`pont requests`, `pont members consent` and `pont members export-data`, run in-process on
a profile where mail has come in asking to join and leave."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from core.group_mail.requests_world import CARYS, arrive, coordinator_account, handle, message
from pont.cli.main import main
from pont.core.group_mail.consent import consent_for
from pont.core.members.groups import create_group
from pont.core.members.members import MemberStatus, NewMember, add_member, find_member
from pont.core.profile.store import DATABASE_NAME, open_database

Runner = Callable[..., tuple[int, str, str]]
GROUP = "Wellbeing Network"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A profile with Carys asking to join and Dewi, a member, asking to leave."""
    folder = tmp_path / "profile"
    db = open_database(folder / DATABASE_NAME)
    group = create_group(db, GROUP, "Wellbeing")
    add_member(db, group.id, NewMember("dewi@example.net", name="Dewi"))
    add_member(db, group.id, NewMember("ann@example.net", name="Ann"))
    account = coordinator_account(db)
    arrive(db, account, message("join", CARYS))
    arrive(db, account, message("unsubscribe", "Dewi <dewi@example.net>"))
    handle(db, account)
    db.close()
    return folder


@pytest.fixture
def run(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Runner:
    def run_pont(*args: str) -> tuple[int, str, str]:
        code = main(["--data-dir", str(data_dir), *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run_pont


def test_requests_are_listed_approved_and_rejected(run: Runner, data_dir: Path) -> None:
    code, out, _ = run("requests", "--format", "json")
    assert code == 0
    listed = json.loads(out)
    assert [(r["id"], r["kind"], r["email"], r["state"]) for r in listed] == [
        (1, "join", "carys@example.net", "open"), (2, "leave", "dewi@example.net", "open")
    ]  # fmt: skip
    code, out, _ = run("requests", "--group", GROUP)
    assert "Carys Evans <carys@example.net>" in out and "waiting for you" in out

    code, out, _ = run("requests", "approve", "1")
    assert (code, out.split(":")[0]) == (0, "Approved")
    code, out, _ = run("requests", "reject", "2")
    assert (code, out.strip()) == (0, "Rejected dewi@example.net's leave request.")
    code, _, err = run("requests", "approve", "2")
    assert code != 0 and "decided already" in err
    code, _, err = run("requests", "approve", "99")
    assert code != 0 and "no request number 99" in err

    code, out, _ = run("requests", "--format", "json")
    assert [r["state"] for r in json.loads(out)] == ["confirming"]
    code, out, _ = run("requests", "--all")
    assert "rejected" in out

    db = open_database(data_dir / DATABASE_NAME)
    assert find_member(db, 1, "dewi@example.net").status is MemberStatus.ACTIVE
    db.close()


def test_consent_is_listed_asked_and_recorded(run: Runner, data_dir: Path) -> None:
    code, out, _ = run("members", "consent", "list", "--group", GROUP, "--format", "json")
    assert [(m["email"], m["consent"]) for m in json.loads(out)] == [
        ("dewi@example.net", "not yet"), ("ann@example.net", "not yet")
    ]  # fmt: skip
    code, out, _ = run("members", "consent", "ask", "--group", GROUP, "ann@example.net")
    assert (code, out.strip()) == (0, "Queued 1 consent request(s) in the outbox.")
    code, out, _ = run(
        "members", "consent", "record", "dewi@example.net", "--group", GROUP,
        "--note", "Signed the form", "--date", "2026-03-04",
    )  # fmt: skip
    assert code == 0 and "2026-03-04" in out
    code, out, _ = run("members", "consent", "list", "--group", GROUP)
    lines = out.splitlines()
    assert "given" in lines[2] and "2026-03-04" in lines[2] and "recorded" in lines[2]
    assert "asked" in lines[3]
    code, out, _ = run("members", "consent", "ask", "--group", GROUP, "--all-missing")
    assert out.startswith("Queued 1 consent request(s)")  # Ann, asked again; Dewi has given
    code, out, _ = run("members", "consent", "list", "--group", GROUP, "--missing")
    assert "dewi" not in out and "ann@example.net" in out

    db = open_database(data_dir / DATABASE_NAME)
    [consent] = consent_for(db, 1).values()
    assert consent.note == "Signed the form"
    db.close()


def test_a_members_data_is_exported_to_a_file(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "dewi.json"
    code, out, _ = run(
        "members", "export-data", "dewi@example.net", "--group", GROUP, "--output", str(path)
    )
    assert code == 0 and str(path) in out
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["member"]["name"] == "Dewi"
    assert [r["kind"] for r in data["requests"]] == ["leave"]
    code, _, err = run(
        "members", "export-data", "dewi@example.net", "--group", GROUP,
        "--output", str(tmp_path / "missing" / "dewi.json"),
    )  # fmt: skip
    assert code != 0 and "Could not write" in err
