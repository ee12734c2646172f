"""Text a stranger controls is read in time that grows with its length, not its square
(issue 12, defect 4): each input runs well under a second at the size that once took
half a minute or more, and at 16 times that size within a bound a quadratic reader misses
by far (it would take 256 times as long)."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import pytest

from pont.core.members.importers.files import load_contacts_bytes
from pont.core.members.importers.pasted import looks_like_address, parse_pasted
from pont.core.members.importers.vcard import read_vcards

# Generous: linear reading takes 16 times as long at 16 times the size; a little more on a
# busy machine. Times under the floor are too short to compare.
_GROWTH_BOUND = 50
_FLOOR_SECONDS = 0.02
_SMALL_LIMIT_SECONDS = 1.0


def _seconds(read: Callable[[str], object], text: str, runs: int, enough: float = 0.0) -> float:
    """The quickest of a few runs (the others were slowed by something else), stopping early
    once a run is too slow, or quick enough. The garbage collector waits: its full passes come
    at moments that have nothing to do with how the reader grows."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(runs):
            start = time.perf_counter()
            try:
                read(text)
            except Exception as error:  # an ImportFileError is a fine answer: only time matters
                if type(error).__name__ != "ImportFileError":
                    raise
            best = min(best, time.perf_counter() - start)
            if best < enough or (not enough and best > _SMALL_LIMIT_SECONDS):
                break
    finally:
        gc.enable()
    return best


def _vcard(text: str) -> object:
    return read_vcards(text.encode("utf-8"))


def _csv(text: str) -> object:
    return load_contacts_bytes(text.encode("utf-8"))


def _vcard_of_soft_breaks(size: int) -> str:
    # A first line with no colon (so Pont cannot tell where its value starts), then lines
    # ending in "=", which a quoted-printable value would join: each join once searched the
    # first line again.
    half = size // 2
    return (
        'BEGIN:VCARD\r\nNOTE;ENCODING=QUOTED-PRINTABLE;X="'
        + "x" * half
        + "\r\n"
        + (" =\r\n" * (half // 4))
    )


def _vcard_of_categories(size: int) -> str:
    tags = ",".join(f"t{n}" for n in range(size // 7))
    return f"BEGIN:VCARD\r\nEMAIL:a@example.org\r\nCATEGORIES:{tags}\r\nEND:VCARD\r\n"


def _vcard_of_folds(size: int) -> str:
    return "BEGIN:VCARD\r\nEMAIL:a@example.org\r\nNOTE:" + "\r\n x" * (size // 4) + "\r\nEND:VCARD"


CASES: dict[str, tuple[Callable[[str], object], Callable[[int], str], int]] = {
    # reader, input of a given size, size that once took 20 seconds or more
    "pasted: a cell of brackets": (parse_pasted, lambda n: "(" * n, 20_000),
    "pasted: brackets and quotes": (parse_pasted, lambda n: '("' * (n // 2), 20_000),
    "pasted: encoded words": (
        parse_pasted,
        lambda n: "=?utf-8?q?a?= " * (n // 14) + "<a@example.org>",
        50_000,
    ),
    "pasted: a long domain": (looks_like_address, lambda n: "a@" + "b." * (n // 2) + "@", 20_000),
    "vCard: soft line breaks": (_vcard, _vcard_of_soft_breaks, 200_000),
    "vCard: categories": (_vcard, _vcard_of_categories, 50_000),
    "vCard: folded lines": (_vcard, _vcard_of_folds, 100_000),
    "CSV: a heading like a long domain": (
        _csv,
        lambda n: "Email,a@" + "b." * (n // 2) + "@\r\nx@example.org,y\r\n",
        100_000,
    ),
    "CSV: tags with long spaces": (
        _csv,
        lambda n: "Email,Tags\r\nx@example.org,a" + " " * n + "b\r\n",
        100_000,
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_time_grows_no_faster_than_the_input(case: str) -> None:
    read, make, size = CASES[case]
    small = _seconds(read, make(size), runs=3)
    assert small < _SMALL_LIMIT_SECONDS, f"{case}: {small:.2f} s at {size:,} characters"
    bound = _GROWTH_BOUND * max(small, _FLOOR_SECONDS)
    large = _seconds(read, make(16 * size), runs=3, enough=bound)
    assert large < bound, f"{case}: {small:.3f} s, then {large:.3f} s at 16 times the size"
