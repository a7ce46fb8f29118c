"""Use case: restore a backup into an empty data directory (and database), checking every hash first.

Before anything is written: the manifest's signature, the database file's hash and every evidence file's hash.
After the database is in place: every document's hashes against the manifest and the audit chain up to the
manifest's head. Any failure leaves the target as empty as it was found.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, inspect, select
from sqlalchemy.engine import make_url

from aqiqat.api.access import Principal
from aqiqat.api.audit import verify_audit
from aqiqat.api.backup import MANIFEST, read_backup_meta
from aqiqat.api.errors import AqiqatError, Forbidden, Invalid
from aqiqat.api.integrity import verify_register
from aqiqat.api.pg_tools import restore_dump
from aqiqat.api.register import Register
from aqiqat.config import Settings
from aqiqat.domain.enums import AuditAction
from aqiqat.security.audit_head import Head, reset_head
from aqiqat.security.file_modes import make_private, private_dir
from aqiqat.security.keys import ensure_signing_key, load_keyring
from aqiqat.security.manifest_check import ManifestError, check_files, file_sha256, load_signed
from aqiqat.store.migrate import upgrade
from aqiqat.store.tables import DocumentRow


class RestoreRefused(Invalid):
    """The copy failed a check; nothing was restored."""


@dataclass
class RestoreReport:
    documents: int
    files: int
    audit_seq: int
    warnings: list[str] = field(default_factory=list)


def _target_is_empty(settings: Settings) -> None:
    d = settings.data_dir
    if d.exists() and any(d.iterdir()):
        raise Invalid(f"{d} is not empty: restore goes into a new, empty data directory")
    if not settings.is_sqlite:
        engine = create_engine(settings.database_url)
        try:
            tables = inspect(engine).get_table_names()
        finally:
            engine.dispose()
        if tables:
            raise Invalid("the target PostgreSQL database is not empty: restore goes into an empty database")


def check_backup(src: Path, signer: str | None = None) -> tuple[dict[str, object], dict[str, object]]:
    """Verify a backup folder without touching any register: (backup.json, manifest)."""
    meta = read_backup_meta(src)
    try:
        manifest, _fp = load_signed(src / MANIFEST, signer)
    except ManifestError as exc:
        raise RestoreRefused(f"refused: {exc}") from None
    about = manifest.get("backup")
    if not isinstance(about, dict) or not isinstance(about.get("database"), str):
        raise RestoreRefused("refused: the manifest does not describe a backup's database")
    db_file = src / Path(about["database"]).name
    if not db_file.is_file() or file_sha256(db_file) != about.get("database_sha256"):
        raise RestoreRefused(f"refused: the database file {db_file.name} is missing or differs from the manifest")
    dirs = [p for p in (src / "files", src / "sealed") if p.is_dir()]
    report = check_files(manifest, dirs)
    if not report.ok:
        shown = "; ".join(report.lines()[:5])
        more = len(report.lines()) - 5
        raise RestoreRefused(f"refused: {shown}" + (f" (and {more} more)" if more > 0 else ""))
    return meta, manifest


def restore(
    settings: Settings,
    principal: Principal,
    src: Path,
    signer: str | None = None,
    accept_key_change: bool = False,
) -> RestoreReport:
    """Check the backup in `src`, then restore it into the empty register described by `settings`.

    A backup whose encryption key is not in this register's key ring is refused (its restricted records would
    stay sealed for good) unless `accept_key_change` says that is meant."""
    if not principal.may_see("restricted"):
        raise Forbidden(f"{principal.username} may not restore a register")
    meta, manifest = check_backup(src, signer)
    about = manifest["backup"]
    assert isinstance(about, dict)
    kind = "sqlite" if settings.is_sqlite else "postgresql"
    if about.get("kind") != kind:
        raise Invalid(f"this is a {about.get('kind')} backup; restore it into a {about.get('kind')} register")
    if not accept_key_change:
        _refuse_other_key(settings, meta)
    _target_is_empty(settings)
    private_dir(settings.data_dir)
    try:
        return _restore_into(settings, principal, src, meta, manifest, about)
    except BaseException:
        _undo(settings)
        raise


def _refuse_other_key(settings: Settings, meta: dict[str, object]) -> None:
    fp = meta.get("encryption_key_fingerprint")
    ring = load_keyring(settings.encryption_key_file, settings.key_environment)
    if fp and (ring is None or fp not in {k.hex() for k in ring.keys}):
        here = f"key {ring.fingerprint}" if ring else "no key"
        raise RestoreRefused(
            f"refused: the backup's restricted records are sealed with key {fp} and this register has {here} "
            f"({settings.encryption_key_file}); give the backup's key (AQIQAT_KEY_FILE), or --accept-key-change "
            "to restore with its restricted records left sealed"
        )


def _restore_into(
    settings: Settings,
    principal: Principal,
    src: Path,
    meta: dict[str, object],
    manifest: dict[str, object],
    about: dict[str, object],
) -> RestoreReport:
    db_file = src / Path(str(about["database"])).name
    if settings.is_sqlite:
        target = Path(settings.database_url.split("///", 1)[-1])
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(db_file, target)
    else:
        restore_dump(make_url(settings.database_url), db_file)
    files = 0
    for sub in ("files", "sealed"):
        if (src / sub).is_dir():
            shutil.copytree(src / sub, settings.data_dir / sub, dirs_exist_ok=True)
            files += sum(1 for p in (settings.data_dir / sub).rglob("*") if p.is_file())
    make_private(settings.data_dir)
    head = manifest["audit_head"]
    assert isinstance(head, dict)
    reset_head(settings.data_dir, Head(int(head["seq"]), str(head["hash"])))
    warnings: list[str] = []
    with Register(settings) as reg:
        upgrade(reg.engine)  # a backup from an older Aqiqat is brought up to this schema
        ensure_signing_key(settings.signing_key_file)
        _check_documents(reg, manifest)
        count, problems = verify_audit(reg)
        if problems:
            raise RestoreRefused(f"refused: audit log: entry {problems[0].seq}: {problems[0].message}")
        ring = reg.keys.ring()
        fp = meta.get("encryption_key_fingerprint")
        if fp and (ring is None or fp not in {k.hex() for k in ring.keys}):
            warnings.append(f"the encryption key {fp} is not available here: restricted records stay sealed")
        else:
            report = verify_register(reg)
            if not report.ok:
                problems_text = "; ".join((report.changed + report.missing + report.extra)[:3])
                raise RestoreRefused(f"refused: {problems_text}")
        with reg.unit(principal) as unit:
            unit.audit(AuditAction.RESTORE, "register", src.name, None,
                       {"documents": len(manifest["documents"]), "audit_head": head["seq"]})  # type: ignore[arg-type]
    docs = manifest["documents"]
    assert isinstance(docs, list)
    return RestoreReport(len(docs), files, count, warnings)


def _check_documents(reg: Register, manifest: dict[str, object]) -> None:
    entries = manifest["documents"]
    assert isinstance(entries, list)
    expected = {e["id"]: (e["sha256"], e["text_sha256"], e["size"]) for e in entries}
    with reg.reading() as s:
        found = {
            r.id: (r.sha256, r.text_sha256, r.size)
            for r in s.scalars(select(DocumentRow).order_by(DocumentRow.id))
        }
    if found != expected:
        diff = sorted(set(found.items()) ^ set(expected.items()))[:3]
        ids = ", ".join(str(d[0]) for d in diff)
        raise RestoreRefused(f"refused: the database's documents differ from the manifest (documents {ids})")


def _undo(settings: Settings) -> None:
    """Leave the target empty again after a refused or failed restore."""
    for item in list(settings.data_dir.iterdir()) if settings.data_dir.exists() else []:
        if item.is_dir():
            shutil.rmtree(item, ignore_errors=True)
        else:
            item.unlink(missing_ok=True)
    if not settings.is_sqlite:
        engine = create_engine(settings.database_url)
        try:
            with engine.begin() as conn:
                conn.exec_driver_sql("DROP SCHEMA public CASCADE")
                conn.exec_driver_sql("CREATE SCHEMA public")
        except Exception as exc:  # the restore's own error matters more than this one
            raise AqiqatError(f"restore failed and the target database could not be emptied: {exc}") from None
        finally:
            engine.dispose()
