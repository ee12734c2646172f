"""Text paths a stranger's input reaches, at 1, 4 and 16 × the sizes of issue 12 (defect 4):
the time must grow no faster than the size (at 16 × the size, at most 20 × the time), and
each must take under 1 s at the issue's size (1 ×).

Each measurement runs in a process of its own with a time limit, so a path that is still
quadratic is reported as such instead of holding the benchmark up for hours.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

LIMIT_SECONDS = 60


def _html_to_text(size: int) -> Callable[[], object]:
    from pont.core.archive.messages import html_to_text

    markup = "<!--" * (size // 4)
    return lambda: html_to_text(markup)


def _html_tags(size: int) -> Callable[[], object]:
    from pont.core.archive.messages import html_to_text

    markup = "<p<br" * (size // 5)
    return lambda: html_to_text(markup)


def _split_quoted(size: int) -> Callable[[], object]:
    from pont.ui.conversations.formatting import split_quoted

    text = "Hello all,\n" + "\n" * size + "Bye"
    return lambda: split_quoted(text)


def _decode_words(size: int) -> Callable[[], object]:
    from pont.core.archive.mail_decoding import decode_words

    word = "=?utf-8?b?w6k=?= "  # "é", again and again
    subject = word * (size // len(word))
    return lambda: decode_words(subject)


def _pasted(size: int) -> Callable[[], object]:
    from pont.core.members.importers.pasted import parse_pasted

    cell = "(" * size
    return lambda: parse_pasted(cell)


def _vcard(size: int) -> Callable[[], object]:
    from pont.core.members.importers.vcard import read_vcards

    # A long property name, then folded lines each ending in "=" (a soft line break if the
    # property were quoted-printable, which deciding means reading the name again).
    card = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nNOTE;X-" + "a" * (size // 2) + "\r\n"
        + " =\r\n" * (size // 8) + " :x\r\nFN:Ann\r\nEMAIL:ann@example.org\r\nEND:VCARD\r\n"
    )  # fmt: skip
    return lambda: read_vcards(card)


def _clean_html(size: int) -> Callable[[], object]:
    from pont.core.archive.html_cleaning import clean_html

    markup = "<span><div></span>" * (size // 18)
    return lambda: clean_html(markup)


# name → (builder of the work for a size, the size in issue 12, what that size is)
PATHS: dict[str, tuple[Callable[[int], Callable[[], object]], int, str]] = {
    "html_to_text (sync)": (_html_to_text, 200_000, "bytes of '<!--'"),
    "html_to_text, tags (also)": (_html_tags, 200_000, "bytes of '<p<br'"),
    "split_quoted (reader)": (_split_quoted, 200_000, "blank lines"),
    "decode_words (sync)": (_decode_words, 6_800_000, "bytes of subject"),
    "pasted tokenizer": (_pasted, 20_000, "'(' in a cell"),
    "vCard logical lines": (_vcard, 200_000, "bytes of vCard"),
    "clean_html (reader, also)": (_clean_html, 200_000, "bytes of nested tags"),
}


def measure(name: str, size: int) -> float:
    """Seconds for the path at size: the best of three when that is quick."""
    work = PATHS[name][0](size)
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        with contextlib.suppress(Exception):  # an importer refusing it still read it
            work()
        best = min(best, time.perf_counter() - started)
        if best > 1:
            break
    return best


def timed(name: str, size: int) -> float | None:
    """measure() in a process of its own; None past LIMIT_SECONDS."""
    try:
        result = subprocess.run(
            [sys.executable, __file__, "--one", name, str(size)],
            capture_output=True,
            text=True,
            timeout=LIMIT_SECONDS,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return None
    return float(json.loads(result.stdout)["seconds"])


def main() -> None:
    print(f"{'path':27} {'1 × (issue 12)':>34}   time at 1 × · 4 × · 16 ×   16 × size → time")
    for name, (_, size, unit) in PATHS.items():
        times = [timed(name, size * factor) for factor in (1, 4, 16)]
        shown = " · ".join(f"{t:.3f} s" if t is not None else f"> {LIMIT_SECONDS} s" for t in times)
        if times[0] and times[2] is not None:
            growth = f"× {times[2] / times[0]:.1f} (target ≤ 20)"
        elif times[2] is None:
            growth = "over the time limit: not linear"
        else:
            growth = "too quick to tell"
        verdict = "" if times[0] is not None and times[0] < 1 else "  ← over 1 s at 1 ×"
        print(f"{name:27} {size:>12,} {unit:21}   {shown}   {growth}{verdict}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps({"seconds": measure(sys.argv[2], int(sys.argv[3]))}))
    else:
        main()
