"""Shared fixtures: settings for a fresh register on SQLite and on a real throwaway PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from aqiqat.config import Settings
from tests.support.pgserver import PgServer

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED_TEXT = SHARED / "seed" / "000_650a3b2ff033411a.txt"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    server = PgServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'data' / 'aqiqat.sqlite'}"
        return
    server: PgServer = request.getfixturevalue("pg_server")
    url = server.new_database()
    yield url
    server.drop_database(url)


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    """A register's settings on both databases (each test runs once per database)."""
    return Settings(data_dir=tmp_path / "data", database_url=database_url, max_file_bytes=5_000_000, user="tester")


@pytest.fixture
def sqlite_settings(tmp_path: Path) -> Settings:
    return Settings.load(data_dir=tmp_path / "data", env={"AQIQAT_USER": "tester"})
