"""Hostile header blocks at sync's set-aside: any bytes give an answer, never an exception,
and a huge block costs about what its size says (the checks run on every INBOX message)."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from pont.core.archive.inbound import InboundKind, InboundRules

RULES = InboundRules("coord@example.org", {"coord+wellbeing@example.org": 7}, (7,))
NAMES = [b"To", b"Cc", b"From", b"Subject", b"Content-Type", b"Delivered-To", b"X-Pont-Batch"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(NAMES),
            st.binary(max_size=300)
            | st.sampled_from([b"=?utf-8?q?Gadael?=", b"coord+wellbeing@example.org", b"<>"]),
        ),
        max_size=12,
    )
)
def test_any_header_block_gets_an_answer(fields: list[tuple[bytes, bytes]]) -> None:
    block = b"".join(name + b": " + value + b"\r\n" for name, value in fields) + b"\r\n"
    found = RULES.set_aside(block)
    assert found is None or isinstance(found.kind, InboundKind)


def _seconds(block: bytes) -> float:
    start = time.perf_counter()
    RULES.set_aside(block)
    return time.perf_counter() - start


def test_a_huge_header_block_costs_linear_time() -> None:
    def block(n: int) -> bytes:
        # Each address holds the group's address as a substring, so every one is parsed.
        to = b", ".join(b"xcoord+wellbeing@example.org" for _ in range(n))
        return b"To: " + to + b"\r\nSubject: " + b"[" * n + b"\r\n\r\n"

    small, large = _seconds(block(2_000)), _seconds(block(32_000))
    assert RULES.set_aside(block(10)) is None
    assert large < max(small, 0.002) * 16 * 3  # 16× the input, well under 16² the time
