"""read_path and iter_paths: size limit before reading, missing paths, folders, hidden files."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_samples import RU_SHORT

from aqiqat.ingest.errors import IngestError
from aqiqat.ingest.readers import read_bytes, read_path


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.mp4"
    with path.open("wb") as handle:  # a sparse 250 MB file: reading it would take time and memory
        handle.truncate(250 * 1024 * 1024)
    with pytest.raises(IngestError) as err:
        read_path(path)
    assert str(err.value) == f"{path}: 250.0 MB exceeds the 200 MB limit"


def test_configurable_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(b"x" * 1500)
    with pytest.raises(IngestError, match=r"note\.txt: 1,500 bytes exceeds the 1,000 byte limit$"):
        read_path(path, max_bytes=1000)
    with pytest.raises(IngestError, match=r"exceeds the 1,000 byte limit$"):
        read_bytes(b"x" * 1500, "note.txt", max_bytes=1000)
    assert read_path(path, max_bytes=1500).size == 1500


def test_missing_path_and_folder_given_to_read_path(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match=r"nothing\.txt: no such file or folder$"):
        read_path(tmp_path / "nothing.txt")
    with pytest.raises(IngestError, match=r"is a folder"):
        read_path(tmp_path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.touch()
    with pytest.raises(IngestError) as err:
        read_path(path)
    assert str(err.value) == f"{path}: empty file"


def test_iter_paths_expands_folders_sorted_and_skips_hidden(tmp_path: Path) -> None:
    from aqiqat.ingest.readers import iter_paths

    root = tmp_path / "evidence"
    (root / "b_photos").mkdir(parents=True)
    (root / "a_texts" / "nested").mkdir(parents=True)
    (root / ".git").mkdir()
    for rel in ("z.txt", "b_photos/1.jpg", "a_texts/2.txt", "a_texts/nested/1.txt", "a_texts/10.txt",
                ".hidden.txt", ".git/config", "~$draft.docx", "Thumbs.db"):
        (root / rel).write_text(RU_SHORT, encoding="utf-8")
    single = tmp_path / "single.txt"
    single.write_text(RU_SHORT, encoding="utf-8")
    missing = tmp_path / "missing.pdf"
    items = list(iter_paths([root, missing, single]))
    paths = [item for item in items if isinstance(item, Path)]
    errors = [item for item in items if isinstance(item, IngestError)]
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == [
        "evidence/a_texts/10.txt", "evidence/a_texts/2.txt", "evidence/a_texts/nested/1.txt",
        "evidence/b_photos/1.jpg", "evidence/z.txt", "single.txt",
    ]
    assert [str(e) for e in errors] == [f"{missing}: no such file or folder"]
    assert items.index(errors[0]) == 5  # in the order given


def test_folder_with_nothing_to_ingest(tmp_path: Path) -> None:
    from aqiqat.ingest.readers import iter_paths

    empty = tmp_path / "empty"
    (empty / "sub").mkdir(parents=True)
    (empty / ".DS_Store").write_bytes(b"\x00\x00")
    items = list(iter_paths([empty]))
    assert len(items) == 1
    assert str(items[0]) == f"{empty}: folder holds no files to ingest"


def test_error_stays_on_one_line_whatever_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "line\nbreak.txt"
    path.write_bytes(b"")
    with pytest.raises(IngestError) as err:
        read_path(path)
    assert str(err.value) == f"{tmp_path}/line\\nbreak.txt: empty file"
