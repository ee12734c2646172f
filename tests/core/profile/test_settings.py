from __future__ import annotations

from dataclasses import replace

import pytest
from sqlite_utils import Database

from pont.core.errors import MicrosoftSetupInvalid
from pont.core.mail.accounts import AccountSettings, Security, SendRoute, ServerSettings
from pont.core.mail.tokens import Permission
from pont.core.profile.settings import (
    DEFAULT_SYNC_INTERVAL,
    MAX_SYNC_INTERVAL,
    MICROSOFT_KEY,
    SYNC_INTERVAL_KEY,
    graph_endpoint,
    microsoft_overrides,
    microsoft_tokens,
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


def test_a_broken_microsoft_setting_stops_only_what_uses_microsoft(db: Database) -> None:
    write_setting(db, MICROSOFT_KEY, {"graph_endpoint": "http://graph.example", "x": 1})
    assert microsoft_overrides(db) == {"graph_endpoint": "http://graph.example"}
    settings = AccountSettings(
        email="rhian@example.org",
        username="rhian@example.org",
        imap=ServerSettings("imap.example.org", 993, Security.SSL),
        smtp=ServerSettings("smtp.example.org", 465, Security.SSL),
    )
    # A password account's posts go out whatever the Microsoft setting says…
    assert graph_endpoint(db, replace(settings, sending=SendRoute.SMTP)) == ""
    # …one that sends through Graph is told what is wrong with it.
    with pytest.raises(MicrosoftSetupInvalid) as refused:
        graph_endpoint(db, replace(settings, sending=SendRoute.GRAPH))
    assert "http://graph.example" in str(refused.value)
    # Picking the account's token source never raises; asking it for a token says why.
    tokens = microsoft_tokens(db, settings.email)
    with pytest.raises(MicrosoftSetupInvalid):
        tokens.access_token(Permission.SMTP)
