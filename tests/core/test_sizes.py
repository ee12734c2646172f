from __future__ import annotations

import pytest

from pont.core.sizes import human_size


@pytest.mark.parametrize(
    ("size", "words"),
    [
        (0, "0 bytes"),
        (1, "1 byte"),
        (999, "999 bytes"),
        (1000, "1 KB"),
        (2048, "2 KB"),
        (2_400_000, "2.4 MB"),
        (25_000_000, "25 MB"),
        (999_499_999, "999 MB"),
        (999_500_000, "1 GB"),
        (3_000_000_000_000, "3000 GB"),
    ],
)
def test_sizes_read_as_a_file_manager_shows_them(size: int, words: str) -> None:
    assert human_size(size) == words
