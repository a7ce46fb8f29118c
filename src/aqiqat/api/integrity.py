"""Use cases: verify every stored file and text against its hash, export and check a signed manifest."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from aqiqat.api.access import Principal
from aqiqat.api.audit import verify_audit
from aqiqat.api.audited_state import compare_records
from aqiqat.api.documents import find_document_row
from aqiqat.api.errors import Forbidden, Invalid, NotFound
from aqiqat.api.register import Register
from aqiqat.api.sealing import KeyUnavailable, document_fields
from aqiqat.domain.enums import AuditAction
from aqiqat.ingest.errors import IngestError
from aqiqat.security.audit_chain import ChainProblem
from aqiqat.security.crypto import CryptoError
from aqiqat.security.keys import ensure_signing_key
from aqiqat.security.manifest import ManifestEntry, build_manifest, write_manifest
from aqiqat.security.manifest_check import ManifestError, load_signed
from aqiqat.security.sealed_files import SealedFileStore
from aqiqat.store.tables import AuditRow, DocumentRow


@dataclass
class VerifyReport:
    documents: int = 0
    files_checked: int = 0
    texts_checked: int = 0
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    unchecked: list[str] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)  # temporary files of writes a crash interrupted
    records_checked: int = 0
    audit_entries: int = 0
    audit_problems: list[ChainProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.changed or self.missing or self.extra or self.audit_problems)


def _label(row: DocumentRow) -> str:
    name = f" ({row.original_name})" if row.original_name and row.text_sealed is None else ""
    return f"document {row.id}{name}"


def _documents(session: Session) -> Iterator[DocumentRow]:
    yield from session.scalars(select(DocumentRow).order_by(DocumentRow.id).execution_options(yield_per=500))


def verify_register(reg: Register, manifest: Path | None = None, signer: str | None = None) -> VerifyReport:
    """Re-hash every stored file and every document text; report each changed, missing or extra one by name;
    compare every record with its last audited state; check the audit chain; and (with `manifest`) compare the
    register with a signed manifest."""
    report = VerifyReport()
    ring = reg.keys.ring()
    plain: set[str] = set()
    sealed: set[str] = set()
    with reg.reading() as s:
        for row in _documents(s):
            report.documents += 1
            (sealed if row.file_sealed else plain).add(row.sha256)
            _check_file(reg, row, ring is not None, report)
            _check_text(row, ring is not None, report)
    for sha in reg.files.iter_hashes():
        if sha not in plain:
            report.extra.append(f"file {reg.files.path(sha)}: no document has this file")
    for sha in reg.sealed_files.iter_hashes():
        if sha not in sealed:
            report.extra.append(f"file {reg.sealed_files.path(sha)}: no document has this file")
    for root in (reg.files.root, reg.sealed_files.root):
        if root.is_dir():
            report.leftovers += [f"file {p}: an unfinished write" for p in sorted(root.glob("??/??/.tmp-*"))]
    with reg.reading() as s:
        states = compare_records(s)
    report.records_checked = states.records
    report.changed += states.changed
    report.missing += states.missing
    report.unchecked += states.unchecked
    report.audit_entries, report.audit_problems = verify_audit(reg)
    if manifest is not None:
        _compare_manifest(reg, manifest, signer, report)
    return report


def _check_file(reg: Register, row: DocumentRow, have_key: bool, report: VerifyReport) -> None:
    store: SealedFileStore | None = reg.sealed_files if row.file_sealed else None
    path = store.path(row.sha256) if store else reg.files.path(row.sha256)
    if not path.is_file():
        report.missing.append(f"{_label(row)}: file {path} is missing")
        return
    report.files_checked += 1
    if store is None:
        if not reg.files.verify(row.sha256):
            report.changed.append(f"{_label(row)}: file {path} no longer has SHA-256 {row.sha256}")
        return
    if not have_key:
        report.unchecked.append(f"{_label(row)}: file is encrypted and the key is not available")
        return
    try:
        store.read(row.sha256, reg.keys.require())
    except CryptoError as exc:
        report.changed.append(f"{_label(row)}: encrypted file {path}: {exc}")


def _check_text(row: DocumentRow, have_key: bool, report: VerifyReport) -> None:
    text = row.text
    if row.text_sealed is not None:
        if not have_key:
            report.unchecked.append(f"{_label(row)}: text is encrypted and the key is not available")
            return
        try:
            text = document_fields(row).get("text")
        except KeyUnavailable as exc:
            report.changed.append(f"{_label(row)}: sealed text: {exc}")
            return
    if text is None and row.text_sha256 is None:
        return
    report.texts_checked += 1
    if text is None or row.text_sha256 is None:
        report.changed.append(f"{_label(row)}: text and its recorded hash do not go together (one is missing)")
    elif hashlib.sha256(text.encode("utf-8")).hexdigest() != row.text_sha256:
        report.changed.append(f"{_label(row)}: text no longer has SHA-256 {row.text_sha256}")


def _compare_manifest(reg: Register, path: Path, signer: str | None, report: VerifyReport) -> None:
    try:
        doc, _fp = load_signed(path, signer)
    except ManifestError as exc:
        report.changed.append(f"manifest {path}: {exc}")
        return
    with reg.reading() as s:
        rows = {r.id: r for r in _documents(s)}
        head = doc["audit_head"]
        entry = s.get(AuditRow, head["seq"]) if head["seq"] else None
    for e in doc["documents"]:
        row = rows.get(e["id"])
        if row is None:
            report.missing.append(f"document {e['id']} (sha256 {e['sha256']}): in the manifest, not in the register")
        elif row.sha256 != e["sha256"] or (e.get("text_sha256") and row.text_sha256 != e["text_sha256"]):
            report.changed.append(f"{_label(row)}: its hashes differ from the manifest's")
    if head["seq"] and (entry is None or entry.hash != head["hash"]):
        what = "missing" if entry is None else "a different entry"
        msg = f"audit entry {head['seq']}, the head in the manifest, is {what}: the log was cut or rewritten"
        report.audit_problems.append(ChainProblem(head["seq"], "head_mismatch", msg))


def manifest_entries(session: Session, sealed_files: SealedFileStore) -> list[ManifestEntry]:
    out = []
    for row in _documents(session):
        kept = row.file_sealed and sealed_files.has(row.sha256)
        sealed_sha = sealed_files.stored_sha256(row.sha256) if kept else None
        name = "" if row.text_sealed is not None else row.original_name
        out.append(ManifestEntry(row.id, row.sha256, row.text_sha256, row.size, name, sealed_sha))
    return out


def manifest_bytes(reg: Register, session: Session, extra: dict[str, object] | None = None) -> bytes:
    """A manifest of what `session` sees (a snapshot, for backups), signed by the register's key."""
    last = session.execute(select(AuditRow.seq, AuditRow.hash).order_by(AuditRow.seq.desc()).limit(1)).first()
    seq, head = (int(last[0]), str(last[1])) if last else (0, "0" * 64)
    ring = reg.keys.ring()
    key = ensure_signing_key(reg.settings.signing_key_file)
    entries = manifest_entries(session, reg.sealed_files)
    return build_manifest(entries, seq, head, key, ring.fingerprint if ring else None, dict(extra or {}))


def export_manifest(reg: Register, principal: Principal, out: Path) -> Path:
    """Write a signed manifest of every document's hashes and the audit head to `out` (+ `out`.sig)."""
    if not principal.may_see("restricted"):
        raise Forbidden(f"{principal.username} may not export the manifest of every document")
    if out.is_dir():
        raise Invalid(f"{out} is a folder: give a file name for the manifest")
    with reg.reading() as s:
        data = manifest_bytes(reg, s)
    write_manifest(out, data, ensure_signing_key(reg.settings.signing_key_file))
    with reg.unit(principal) as unit:
        digest = hashlib.sha256(data).hexdigest()
        unit.audit(AuditAction.EXPORT, "manifest", out.name, None, {"sha256": digest, "file": out.name})
    return out


def read_document_file(reg: Register, principal: Principal, ref: str | int) -> bytes:
    """A document's original bytes (opened when kept encrypted), for a principal allowed to see it."""
    with reg.reading() as s:
        row = find_document_row(s, ref)
        if not principal.may_see(row.confidentiality):
            raise Forbidden(f"{principal.username} may not read document {row.id}'s file")
        sha, sealed = row.sha256, row.file_sealed
    if not sealed:
        try:
            return reg.files.read(sha)
        except IngestError:
            raise NotFound(f"document file {sha[:12]}… is missing from the file store: run `aqiqat verify`") from None
    try:
        return reg.sealed_files.read(sha, reg.keys.require())
    except CryptoError as exc:
        raise KeyUnavailable(f"document file {sha[:12]}… cannot be opened: {exc}") from None
