"""Files on disk: the data directory is the owner's alone (0700), and so is every file in it."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from aqiqat.api.access import local_admin
from aqiqat.api.backup import backup
from aqiqat.api.ingest import IngestOptions, ingest_bytes
from aqiqat.api.records import create
from aqiqat.api.register import Register
from aqiqat.config import Settings
from aqiqat.domain.enums import Confidentiality

ME = local_admin("monitor")


@pytest.fixture
def usual_umask() -> Iterator[None]:
    old = os.umask(0o022)  # the common default: files 0644 and folders 0755 unless Aqiqat says otherwise
    try:
        yield
    finally:
        os.umask(old)


def _open_to_others(root: Path) -> list[str]:
    found = []
    for path in [root, *root.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        if mode & 0o077:
            found.append(f"{path.relative_to(root.parent)} {oct(mode)}")
    return found


def test_data_directory_and_its_files_are_private(usual_umask: None, tmp_path: Path) -> None:
    settings = Settings.load(data_dir=tmp_path / "data", env={"AQIQAT_USER": "tester"})
    with Register.initialise(settings) as reg:
        ingest_bytes(reg, ME, "Отчёт о задержаниях.".encode(), "report.txt", IngestOptions())
        ingest_bytes(
            reg, ME, "Я видел стрельбу.".encode(), "testimony.txt",
            IngestOptions(confidentiality=Confidentiality.RESTRICTED),
        )
        create(reg, ME, "event", {"type": "shooting", "title": "Стрельба"})
        assert (settings.data_dir / "aqiqat.sqlite-wal").exists()
        backup(reg, ME, tmp_path / "backup")
        assert _open_to_others(settings.data_dir) == []
        assert _open_to_others(tmp_path / "backup") == []
    assert stat.S_IMODE(settings.encryption_key_file.stat().st_mode) == 0o600


def test_an_older_register_is_made_private_when_opened_by_init(usual_umask: None, tmp_path: Path) -> None:
    settings = Settings.load(data_dir=tmp_path / "data", env={"AQIQAT_USER": "tester"})
    Register.initialise(settings).close()
    settings.data_dir.chmod(0o755)
    (settings.data_dir / "aqiqat.sqlite").chmod(0o644)
    Register.initialise(settings).close()  # `aqiqat init` on an existing register
    assert _open_to_others(settings.data_dir) == []
