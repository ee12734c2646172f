"""Import everything and zip bombs: refused from what the zip declares, in well under a
second, before a byte is unpacked; and a zip that lies is stopped while it is read."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest
from sqlite_utils import Database

from core.profile.crafted_zips import (
    GIB,
    Entry,
    deflated_zeros,
    lying_zip_bomb,
    manifest,
    stored,
    write_zip,
    zip_bomb,
)
from pont.core.errors import NotAPontExport
from pont.core.members.groups import Group, list_groups
from pont.core.profile.handover import export_everything
from pont.core.profile.handover_import import import_everything, read_export
from pont.core.profile.store import DATABASE_NAME, open_database


@pytest.fixture
def data_dir(db: Database, group: Group, tmp_path: Path) -> Path:
    db.close()
    return tmp_path


def files_in(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def refused_quickly(data_dir: Path, source: Path) -> tuple[str, float]:
    before = files_in(data_dir)
    started = time.perf_counter()
    with pytest.raises(NotAPontExport) as refused:
        import_everything(data_dir, source, replace=True)
    took = time.perf_counter() - started
    assert files_in(data_dir) == before  # nothing staged is left behind either
    return str(refused.value), took


def test_a_zip_bomb_is_refused_in_under_a_second(data_dir: Path, tmp_path: Path) -> None:
    bomb = zip_bomb(tmp_path.parent / f"{tmp_path.name}-bomb.zip")
    assert bomb.stat().st_size < 2 * 1024 * 1024  # a gigabyte, packed into a megabyte
    with zipfile.ZipFile(bomb) as archive:  # a real zip: Python's own reader agrees
        assert archive.getinfo("pont.sqlite3").file_size == GIB

    sentence, took = refused_quickly(data_dir, bomb)

    assert sentence == (
        f"{bomb.name} is not a file Pont’s “Export everything” made (its pont.sqlite3 would "
        "unpack to 1.1 GB, far more than it holds). Nothing was imported."
    )
    assert took < 1.0, f"{took:.2f} s"
    db = open_database(data_dir / DATABASE_NAME)
    assert [g.name for g in list_groups(db)] == ["Wellbeing Network"]
    db.close()


def test_a_zip_bomb_whose_sizes_lie_is_stopped_while_it_is_read(
    data_dir: Path, tmp_path: Path
) -> None:
    """It says five megabytes (nothing to suspect) and holds a gigabyte of zeros."""
    liar = lying_zip_bomb(tmp_path.parent / f"{tmp_path.name}-liar.zip")

    sentence, took = refused_quickly(data_dir, liar)

    assert sentence == (
        f"{liar.name} is not a file Pont’s “Export everything” made (its pont.sqlite3 is "
        "damaged). Nothing was imported."
    )
    assert took < 1.0, f"{took:.2f} s"


def test_a_packed_size_larger_than_the_file_is_refused(data_dir: Path, tmp_path: Path) -> None:
    zeros = deflated_zeros("pont.sqlite3", 64 << 20)
    liar = Entry(zeros.name, zeros.data, zeros.crc, zeros.size, packed_size=GIB)
    source = write_zip(tmp_path.parent / f"{tmp_path.name}-packed.zip", [manifest(), liar])
    sentence, took = refused_quickly(data_dir, source)
    assert "its pont.sqlite3 is damaged" in sentence
    assert took < 1.0


def test_a_zip_listing_thousands_of_files_is_refused_before_python_reads_the_list(
    data_dir: Path, tmp_path: Path
) -> None:
    entries = [manifest()] + [stored(f"junk/{n:05}", b"") for n in range(5000)]
    source = write_zip(tmp_path.parent / f"{tmp_path.name}-many.zip", entries)
    with pytest.raises(NotAPontExport, match="it lists far too many files"):
        read_export(source)
    sentence, _ = refused_quickly(data_dir, source)
    assert "(it lists far too many files)" in sentence


def test_a_manifest_that_unpacks_to_far_more_than_a_manifest_is_refused(
    data_dir: Path, tmp_path: Path
) -> None:
    source = write_zip(
        tmp_path.parent / f"{tmp_path.name}-manifest.zip",
        [deflated_zeros("manifest.json", 64 << 20)],
    )
    started = time.perf_counter()
    with pytest.raises(NotAPontExport, match=r"\(its manifest.json is far too large\)"):
        read_export(source)
    assert time.perf_counter() - started < 1.0


def test_a_genuine_export_still_imports(db: Database, group: Group, tmp_path: Path) -> None:
    handover = tmp_path / "handover.zip"
    export_everything(db, tmp_path, handover)
    db.close()
    result = import_everything(tmp_path / "new", handover)
    assert result.contents.describe() == "1 group (0 members)"
