"""Backup while the register is written to, and a restore that checks every hash first (both databases)."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from aqiqat.api.access import local_admin
from aqiqat.api.audit import list_audit, verify_audit
from aqiqat.api.backup import backup
from aqiqat.api.errors import Invalid
from aqiqat.api.ingest import IngestOptions, ingest_paths
from aqiqat.api.integrity import read_document_file, verify_register
from aqiqat.api.records import create, get_record
from aqiqat.api.register import Register
from aqiqat.api.restore import RestoreRefused, restore
from aqiqat.config import Settings
from aqiqat.domain.enums import Confidentiality
from aqiqat.store.tables import Base

ME = local_admin("monitor")


def _fill(reg: Register, tmp_path: Path) -> int:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        (folder / f"report_{i}.txt").write_text(f"Отчёт {i}: в Алматы 5 января задержаны {i + 3} человек.", "utf-8")
    (folder / "witness.txt").write_text("Свидетель Бахыт Оспанов видел стрельбу у акимата.", encoding="utf-8")
    ingest_paths(reg, ME, [folder / f"report_{i}.txt" for i in range(5)])
    ingest_paths(reg, ME, [folder / "witness.txt"], IngestOptions(confidentiality=Confidentiality.RESTRICTED))
    create(reg, ME, "event", {"type": "shooting", "title": "Стрельба у акимата", "killed_min": 2})
    w = create(reg, ME, "person", {"display_name": "Бахыт Оспанов", "confidentiality": "restricted"})
    return int(w["id"])


def _target(settings: Settings, tmp_path: Path, request: pytest.FixtureRequest) -> Settings:
    url = f"sqlite:///{tmp_path / 'restored' / 'aqiqat.sqlite'}"
    if not settings.is_sqlite:
        url = request.getfixturevalue("pg_server").new_database()
    return Settings(tmp_path / "restored", url, key_file=settings.encryption_key_file, user="restorer")


def _rows(reg: Register) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    with reg.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            out[table.name] = [tuple(_norm(v) for v in r) for r in rows]
    return out


def _norm(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.replace(tzinfo=None).isoformat() if hasattr(value, "tzinfo") else value.isoformat()
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    return value


def test_backup_while_writing_and_restore_give_back_everything(
    settings: Settings, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    with Register.initialise(settings) as reg:
        witness = _fill(reg, tmp_path)
        stop = threading.Event()
        written: list[int] = []

        def writer() -> None:
            with Register(settings) as other:
                while not stop.is_set():
                    written.append(create(other, ME, "event", {"type": "detention", "title": "Задержание"})["id"])

        thread = threading.Thread(target=writer)
        thread.start()
        try:
            rep = backup(reg, ME, tmp_path / "backup")
        finally:
            stop.set()
            thread.join()
        assert written and rep.documents == 6 and rep.files == 6
        source = _rows(reg)
        source_files = {p.relative_to(settings.data_dir): p.read_bytes()
                        for sub in ("files", "sealed") for p in (settings.data_dir / sub).rglob("*") if p.is_file()}
    meta = json.loads((tmp_path / "backup" / "backup.json").read_text())
    assert meta["encryption_key_fingerprint"] and "key" not in {p.name for p in (tmp_path / "backup").iterdir()}
    target = _target(settings, tmp_path, request)
    done = restore(target, ME, tmp_path / "backup")
    assert done.documents == 6 and done.warnings == []
    with Register.open(target) as back:
        restored = _rows(back)
        audit = restored.pop("audit_entries")
        src_audit = source.pop("audit_entries")
        # the backup is one moment: a prefix of the log, then the restore's own entry
        assert audit[:-1] == src_audit[: len(audit) - 1] and audit[-1][3] == "restore"
        assert len(audit) - 1 == rep.audit_seq
        events = restored.pop("events")
        assert events == source.pop("events")[: len(events)]
        assert restored == source  # every other table exactly
        files = {p.relative_to(target.data_dir): p.read_bytes()
                 for sub in ("files", "sealed") for p in (target.data_dir / sub).rglob("*") if p.is_file()}
        assert files == source_files
        assert get_record(back, ME, "person", witness)["display_name"] == "Бахыт Оспанов"
        assert "Оспанов".encode() in read_document_file(back, ME, 6)
        assert verify_register(back).ok and verify_audit(back)[1] == []
        assert [e["action"] for e in list_audit(back, ME)][-1] == "restore"


def test_restore_refuses_a_copy_that_fails_a_check(
    settings: Settings, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    with Register.initialise(settings) as reg:
        _fill(reg, tmp_path)
        backup(reg, ME, tmp_path / "backup")
        with pytest.raises(Invalid, match="not empty"):
            backup(reg, ME, tmp_path / "backup")
    target = _target(settings, tmp_path, request)
    bk = tmp_path / "backup"
    evidence = next(p for p in (bk / "files").rglob("*") if p.is_file())
    original = evidence.read_bytes()
    evidence.write_bytes(original + b" ")
    with pytest.raises(RestoreRefused, match=f"changed: .*{evidence.name}"):
        restore(target, ME, bk)
    assert not target.data_dir.exists()
    evidence.write_bytes(original)
    manifest = bk / "manifest.json"
    signed = manifest.read_bytes()
    manifest.write_bytes(signed.replace(b'"size": ', b'"size": 1', 1))
    with pytest.raises(RestoreRefused, match="altered after signing"):
        restore(target, ME, bk)
    manifest.write_bytes(signed)
    db = next(p for p in bk.iterdir() if p.name in {"aqiqat.sqlite", "database.dump"})
    db_bytes = db.read_bytes()
    db.write_bytes(db_bytes[:-10])
    with pytest.raises(RestoreRefused, match="differs from the manifest"):
        restore(target, ME, bk)
    db.write_bytes(db_bytes)
    restore(target, ME, bk)
    with pytest.raises(Invalid, match="not empty"):
        restore(target, ME, bk)
