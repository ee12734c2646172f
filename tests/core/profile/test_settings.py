from __future__ import annotations

from sqlite_utils import Database

from pont.core.profile.settings import (
    DEFAULT_SYNC_INTERVAL,
    MAX_SYNC_INTERVAL,
    SYNC_INTERVAL_KEY,
    read_setting,
    sync_interval,
    write_setting,
)


def test_settings_round_trip_as_json(db: Database) -> None:
    assert read_setting(db, "window", {"w": 1}) == {"w": 1}
    write_setting(db, "window", {"w": 2, "names": ["Siân"]})
    write_setting(db, "window", {"w": 3, "names": ["Siân"]})
    assert read_setting(db, "window", None) == {"w": 3, "names": ["Siân"]}


def test_a_value_that_is_not_json_reads_as_the_default(db: Database) -> None:
    db.execute("INSERT INTO settings (key, value) VALUES ('broken', '{not json')")
    assert read_setting(db, "broken", 7) == 7


def test_sync_interval_falls_back_and_is_bounded(db: Database) -> None:
    assert sync_interval(db) == DEFAULT_SYNC_INTERVAL
    for stored, expected in [
        (0, 0),
        (30, 30),
        (-5, 0),
        (10**9, MAX_SYNC_INTERVAL),
        ("5", DEFAULT_SYNC_INTERVAL),
        (True, DEFAULT_SYNC_INTERVAL),
    ]:
        write_setting(db, SYNC_INTERVAL_KEY, stored)
        assert sync_interval(db) == expected
