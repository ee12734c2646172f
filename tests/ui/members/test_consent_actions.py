"""The Consent column, asking members for consent, recording it, and exporting what Pont
holds about a member, in the window."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlite_utils import Database
from ui_helpers import select

from pont.core.group_mail.consent import ConsentHow, consent_for, record_consent
from pont.core.mail.accounts import AccountSettings, Security, ServerSettings, save_account
from pont.core.members.members import Member
from pont.ui.members.columns import Column
from pont.ui.shell.main_window import MainWindow
from pont.ui.widgets import prompts


@pytest.fixture(autouse=True)
def account(db: Database) -> None:
    save_account(
        db,
        AccountSettings(
            email="rhian@example.org",
            username="rhian@example.org",
            imap=ServerSettings("imap.example.org", 993, Security.SSL),
            smtp=ServerSettings("smtp.example.org", 465, Security.SSL),
        ),
    )


def consent_cell(window: MainWindow, email: str) -> tuple[str, str]:
    model = window.members_view.model
    for row in range(model.rowCount()):
        if model.member(row).email == email:
            index = model.index(row, Column.CONSENT)
            return index.data(), index.data(Qt.ItemDataRole.ToolTipRole)
    raise AssertionError(email)


def test_the_consent_column_says_given_asked_or_not_yet(
    db: Database, members: list[Member], window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    ann, bob = members[0], members[1]
    with db.atomic():
        record_consent(
            db, ann, ConsentHow.JOINED, datetime(2026, 12, 3, 12).astimezone(), message_key="m@x"
        )
    window.refresh_consent()
    assert consent_cell(window, ann.email) == (
        "Given 3 Dec 2026", "Given 3 Dec 2026: Agreed by answering the confirmation to join"
    )  # fmt: skip
    assert consent_cell(window, bob.email)[0] == "Not yet"

    monkeypatch.setattr(prompts, "confirm", lambda *_args: True)
    queued: list[bool] = []
    window.member_actions.mail_queued.connect(lambda: queued.append(True))
    select(window, ann.email, bob.email)
    assert window.member_actions.ask_consent_selected() == 1  # Ann has given it already
    assert queued == [True]
    assert consent_cell(window, bob.email)[0].startswith("Asked ")
    assert (
        window.statusBar().currentMessage()
    ) == "Asked one member for consent. 1 had agreed already."
    subjects = [row[0] for row in db.execute("SELECT subject FROM posts")]
    assert len(subjects) == 1 and subjects[0].startswith("Confirm ")

    window.members_view.model.sort(Column.CONSENT, Qt.SortOrder.AscendingOrder)
    order = [window.members_view.model.member(r).email for r in range(4)]
    assert order.index(bob.email) < order.index(ann.email)  # asked before given


def test_consent_given_another_way_is_recorded_with_its_note(
    db: Database, members: list[Member], window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *_args, **_kw: ("Signed the form", True))
    )
    select(window, members[1].email)
    assert window.member_actions.record_consent_current()
    [consent] = consent_for(db, members[1].group_id).values()
    assert (consent.how, consent.note) == (ConsentHow.RECORDED, "Signed the form")
    text, tooltip = consent_cell(window, members[1].email)
    assert text.startswith("Given ") and tooltip.endswith(": Recorded by you: Signed the form")


def test_a_members_data_is_exported_to_the_file_chosen(
    members: list[Member], window: MainWindow, tmp_path: Path
) -> None:
    select(window, members[0].email)
    path = tmp_path / "ann.json"
    assert window.member_actions.export_data_current(str(path)) == str(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["member"]["email"] == members[0].email
    assert "Wrote what Pont holds about" in window.statusBar().currentMessage()
    assert window.member_actions.export_data_current(str(tmp_path / "no" / "a.json")) == ""
    assert "Could not write" in window.statusBar().currentMessage()
