"""Settings from the environment: whole numbers are checked with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from aqiqat.config import DEFAULT_MAX_FILE_BYTES, Settings


def test_defaults_when_the_environment_says_nothing(tmp_path: Path) -> None:
    s = Settings.load(data_dir=tmp_path, env={})
    assert s.max_file_bytes == DEFAULT_MAX_FILE_BYTES
    assert s.web_threads == 1
    assert s.database_url == f"sqlite:///{tmp_path / 'aqiqat.sqlite'}"


def test_whole_numbers_from_the_environment(tmp_path: Path) -> None:
    s = Settings.load(data_dir=tmp_path, env={"AQIQAT_WEB_THREADS": " 3 ", "AQIQAT_MAX_FILE_BYTES": "1000"})
    assert (s.web_threads, s.max_file_bytes) == (3, 1000)


@pytest.mark.parametrize("value", ["0", "-2", "two", "1.5"])
def test_a_bad_number_is_refused_by_name(tmp_path: Path, value: str) -> None:
    with pytest.raises(ValueError, match=f"AQIQAT_WEB_THREADS must be a whole number of at least 1, not '{value}'"):
        Settings.load(data_dir=tmp_path, env={"AQIQAT_WEB_THREADS": value})
