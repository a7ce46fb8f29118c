"""A second, empty register on the same kind of database as `settings`, for round trips."""

from __future__ import annotations

from pathlib import Path

import pytest

from aqiqat.config import Settings


@pytest.fixture
def empty_settings(settings: Settings, tmp_path: Path, request: pytest.FixtureRequest) -> Settings:
    if settings.database_url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path / 'second' / 'aqiqat.sqlite'}"
    else:
        url = request.getfixturevalue("pg_server").new_database()
    return Settings(data_dir=tmp_path / "second", database_url=url, max_file_bytes=5_000_000, user="tester")
