"""Use cases: a consistent backup while the register is in use, and a restore that checks every hash first.

A backup folder holds the database (SQLite online-backup copy, or a pg_dump taken in an exported snapshot),
the evidence files of that snapshot, a signed manifest of every hash (database file included) and backup.json
with the encryption key's fingerprint. It never holds the encryption key or the signing key.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from aqiqat.api.access import Principal
from aqiqat.api.errors import Forbidden, Invalid
from aqiqat.api.integrity import manifest_bytes
from aqiqat.api.pg_tools import dump_snapshot
from aqiqat.api.register import Register
from aqiqat.domain.enums import AuditAction
from aqiqat.security.file_modes import make_private
from aqiqat.security.keys import ensure_signing_key
from aqiqat.security.manifest_check import file_sha256, parse_manifest
from aqiqat.security.signing import write_atomic, write_signed
from aqiqat.store.migrate import current_revision

BACKUP_FORMAT = "aqiqat-backup/1"
SQLITE_FILE = "aqiqat.sqlite"
PG_FILE = "database.dump"
MANIFEST = "manifest.json"


@dataclass(frozen=True, slots=True)
class BackupReport:
    path: Path
    documents: int
    files: int
    audit_seq: int
    database: str


def _sqlite_path(reg: Register) -> Path:
    database = reg.engine.url.database
    if not database or database == ":memory:":
        raise Invalid("an in-memory database cannot be backed up")
    return Path(database)


def backup(reg: Register, principal: Principal, dest: Path) -> BackupReport:
    """Copy the register to the new folder `dest`, consistent as of one moment, while others keep writing."""
    if not principal.may_see("restricted"):
        raise Forbidden(f"{principal.username} may not back up the whole register")
    if dest.exists() and any(dest.iterdir()):
        raise Invalid(f"{dest} is not empty: a backup goes into a new folder")
    part = dest.with_name(dest.name + ".part")
    shutil.rmtree(part, ignore_errors=True)
    part.mkdir(parents=True, mode=0o700)
    kind = "sqlite" if reg.settings.is_sqlite else "postgresql"
    if reg.settings.is_sqlite:
        db_file = part / SQLITE_FILE
        _sqlite_copy(_sqlite_path(reg), db_file)
        engine = create_engine(f"sqlite:///{db_file}")
        try:
            with Session(engine) as s:
                manifest, docs = _snapshot_manifest(reg, s, db_file, kind)
        finally:
            engine.dispose()
    else:
        with reg.engine.connect() as conn:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                snapshot = conn.exec_driver_sql("SELECT pg_export_snapshot()").scalar_one()
                db_file = part / PG_FILE
                dump_snapshot(reg.engine.url, str(snapshot), db_file)
                with Session(bind=conn) as s:
                    manifest, docs = _snapshot_manifest(reg, s, db_file, kind)
    copied = _copy_files(reg, docs, part)
    write_signed(part / MANIFEST, manifest, _signing_key(reg))
    doc = parse_manifest(manifest)
    ring = reg.keys.ring()
    meta = {
        "format": BACKUP_FORMAT,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": {"kind": kind, "file": db_file.name, "schema": current_revision(reg.engine)},
        "documents": len(docs),
        "files": copied,
        "audit_head": doc["audit_head"],
        "encryption_key_fingerprint": ring.fingerprint if ring else None,
        "manifest": MANIFEST,
    }
    write_atomic(part / "backup.json", (json.dumps(meta, indent=1, sort_keys=True) + "\n").encode("utf-8"))
    make_private(part)
    if dest.exists():
        _move_into(part, dest)
    else:
        os.replace(part, dest)
    with reg.unit(principal) as unit:
        unit.audit(AuditAction.BACKUP, "register", dest.name, None,
                   {"documents": len(docs), "files": copied, "audit_head": doc["audit_head"]["seq"]})
    return BackupReport(dest, len(docs), copied, doc["audit_head"]["seq"], kind)


def _move_into(part: Path, dest: Path) -> None:
    for item in part.iterdir():
        os.replace(item, dest / item.name)
    part.rmdir()


def _signing_key(reg: Register) -> Ed25519PrivateKey:
    return ensure_signing_key(reg.settings.signing_key_file)


def _sqlite_copy(src: Path, dst: Path) -> None:
    """SQLite's online backup: a consistent copy while other connections write."""
    source = sqlite3.connect(f"file:{src}?mode=ro", uri=True, timeout=60)
    os.close(os.open(dst, os.O_WRONLY | os.O_CREAT, 0o600))
    target = sqlite3.connect(dst)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")
        target.commit()
    finally:
        target.close()
        source.close()


def _snapshot_manifest(reg: Register, s: Session, db_file: Path, kind: str) -> tuple[bytes, list[tuple[str, bool]]]:
    docs = [(str(r[0]), bool(r[1])) for r in s.execute(text("SELECT sha256, file_sealed FROM documents"))]
    about = {"database": db_file.name, "database_sha256": file_sha256(db_file), "kind": kind}
    extra: dict[str, object] = {"backup": about}
    return manifest_bytes(reg, s, extra), docs


def _copy_files(reg: Register, docs: list[tuple[str, bool]], part: Path) -> int:
    copied = 0
    for sha, sealed in docs:
        store = reg.sealed_files if sealed else reg.files
        src = store.path(sha)
        rel = src.relative_to(reg.settings.data_dir)
        target = part / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if not src.is_file():
            raise Invalid(f"the file of document {sha[:12]}… is missing: run `aqiqat verify`; no backup made")
        shutil.copyfile(src, target)
        copied += 1
    return copied


def read_backup_meta(src: Path) -> dict[str, Any]:
    try:
        meta = json.loads((src / "backup.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise Invalid(f"{src} is not an Aqiqat backup (no backup.json)") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise Invalid(f"{src}/backup.json is not JSON") from None
    if not isinstance(meta, dict) or meta.get("format") != BACKUP_FORMAT or not isinstance(meta.get("database"), dict):
        raise Invalid(f"{src}/backup.json is not an Aqiqat backup description ({BACKUP_FORMAT})")
    return meta

