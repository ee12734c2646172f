"""Pont's loopback listener: it takes this sign-in's answer, by form or by query, on
127.0.0.1 and ::1 alike, and turns everything else away."""

from __future__ import annotations

import socket
import threading
import time

import httpx
import pytest

from pont.core.errors import MicrosoftSignInCancelled, MicrosoftSignInTimedOut
from pont.core.mail.microsoft.loopback import (
    DONE_PAGE,
    FAILED_PAGE,
    MAX_BODY,
    REFUSED_PAGE,
    LoopbackListener,
)

STATE = "state-7f3a"


def waited(listener: LoopbackListener, seconds: float = 5.0) -> dict[str, str]:
    return listener.wait(time.monotonic() + seconds, threading.Event(), 1)


def test_the_answer_posted_as_a_form_is_taken() -> None:
    with LoopbackListener() as listener:
        listener.expect(STATE)
        assert listener.redirect_uri == f"http://localhost:{listener.port}"
        answer = httpx.post(
            f"http://127.0.0.1:{listener.port}", data={"code": "c0de", "state": STATE}
        )
        assert answer.status_code == 200
        assert answer.text == DONE_PAGE
        assert answer.headers["Cache-Control"] == "no-store"
        assert waited(listener) == {"code": "c0de", "state": STATE}


def test_an_answer_in_the_query_is_taken_on_ipv6_loopback() -> None:
    with LoopbackListener() as listener:
        assert socket.AF_INET6 in listener.families
        listener.expect(STATE)
        answer = httpx.get(
            f"http://[::1]:{listener.port}/",
            params={"error": "access_denied", "error_description": "AADSTS65004", "state": STATE},
        )
        assert answer.text == FAILED_PAGE
        assert waited(listener)["error"] == "access_denied"


def test_the_listener_writes_no_request_line_anywhere(capfd: pytest.CaptureFixture[str]) -> None:
    with LoopbackListener() as listener:
        listener.expect(STATE)
        httpx.get(f"http://127.0.0.1:{listener.port}/", params={"code": "c0de-9", "state": STATE})
        waited(listener)
    written = capfd.readouterr()
    assert "c0de-9" not in written.out + written.err


def test_anything_but_this_sign_ins_answer_is_turned_away() -> None:
    with LoopbackListener() as listener:
        listener.expect(STATE)
        base = f"http://127.0.0.1:{listener.port}"
        other_state = httpx.post(base, data={"code": "forged", "state": "another"})
        assert (other_state.status_code, other_state.text) == (400, REFUSED_PAGE)
        no_state = httpx.get(base, params={"code": "forged"})
        assert no_state.status_code == 400
        nothing = httpx.get(base, params={"state": STATE})
        assert nothing.status_code == 400
        elsewhere = httpx.get(f"{base}/favicon.ico")
        assert elsewhere.status_code == 404
        json_body = httpx.post(base, json={"code": "x", "state": STATE})
        assert json_body.status_code == 400
        too_big = httpx.post(base, content=b"a" * (MAX_BODY + 1), headers=_form())
        assert too_big.status_code == 400
        with pytest.raises(MicrosoftSignInTimedOut):
            waited(listener, seconds=0.3)
        # the real answer still gets through afterwards
        httpx.post(base, data={"code": "real", "state": STATE})
        assert waited(listener)["code"] == "real"


def test_a_connection_that_sends_nothing_does_not_hold_the_listener() -> None:
    with LoopbackListener() as listener, socket.create_connection(("127.0.0.1", listener.port)):
        listener.expect(STATE)
        answer = httpx.post(
            f"http://127.0.0.1:{listener.port}", data={"code": "c", "state": STATE}, timeout=5
        )
        assert answer.status_code == 200


def test_waiting_ends_at_the_deadline_or_when_cancelled() -> None:
    with LoopbackListener() as listener:
        listener.expect(STATE)
        with pytest.raises(MicrosoftSignInTimedOut):
            listener.wait(time.monotonic() + 0.2, threading.Event(), 1)
        cancelled = threading.Event()
        cancelled.set()
        with pytest.raises(MicrosoftSignInCancelled):
            listener.wait(time.monotonic() + 60, cancelled, 1)


def _form() -> dict[str, str]:
    return {"Content-Type": "application/x-www-form-urlencoded"}
