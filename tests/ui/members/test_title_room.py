"""The members table remembers how much room the style keeps beside a column's title, so
that start-up's first paint need not ask the style (pont.ui.members.table)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from pont.ui.members.model import MembersTableModel
from pont.ui.members.table import MembersTable


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def new_table() -> MembersTable:
    return MembersTable(MembersTableModel())


def test_the_room_noted_once_is_recalled_without_asking_the_style(
    qapp: object, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = new_table()
    first.note_title_room(settings)
    measured = first.title_room()
    assert 0 < measured < 100

    def ask_the_style(_table: MembersTable) -> int:
        raise AssertionError("the style was asked")

    monkeypatch.setattr(MembersTable, "_measured_title_room", ask_the_style)
    second = new_table()
    second.recall_title_room(settings)
    assert second.title_room() == measured


@pytest.mark.parametrize(
    "noted",
    [
        "",
        "ROOM",  # for no font
        "ROOM 1 Some Other Font,9,-1,5,400,0,0,0,0,0",
        "ROOM 2.5 FONT",  # at another scale
        "9999 SCALE FONT",  # not a room any style keeps
        "１３ SCALE FONT",  # digits, but not ASCII ones
        "-3 SCALE FONT",
        "thirteen SCALE FONT",
    ],
)
def test_a_room_noted_for_another_font_or_unreadable_is_measured_again(
    qapp: object, settings: QSettings, noted: str
) -> None:
    measured = new_table().title_room()  # nothing recalled: the style is asked
    new_table().note_title_room(settings)
    _room, scale, font = str(settings.value("members/title_room")).split(" ", 2)
    for placeholder, value in (("ROOM", str(measured + 7)), ("SCALE", scale), ("FONT", font)):
        noted = noted.replace(placeholder, value)
    settings.setValue("members/title_room", noted)
    table = new_table()
    table.recall_title_room(settings)
    assert table.title_room() == measured
