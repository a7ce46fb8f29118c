"""Use cases: the encryption key's status and its rotation (every sealed value and file re-encrypted)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from aqiqat.api.access import Principal
from aqiqat.api.errors import Forbidden, Invalid
from aqiqat.api.register import Register
from aqiqat.api.sealing import SPECS, KeyUnavailable
from aqiqat.domain.enums import AuditAction
from aqiqat.security.crypto import CryptoError, Keyring, generate_key, sealed_key_id
from aqiqat.security.keys import save_keyring
from aqiqat.store.tables import DocumentRow

# (table, sealed column, purpose): every place a sealed value is kept
SEALED_COLUMNS: list[tuple[Any, str, str]] = [(table, column, purpose) for table, (column, _, purpose) in SPECS.items()]


@dataclass(frozen=True, slots=True)
class Rotation:
    old: list[str]
    new: str
    values: int
    files: int


def key_status(reg: Register) -> dict[str, Any]:
    """Where the key comes from, its fingerprint, and how many sealed values and files each key holds."""
    ring = reg.keys.ring()
    by_key: Counter[str] = Counter()
    with reg.reading() as s:
        for table, column, _purpose in SEALED_COLUMNS:
            for blob in s.scalars(select(getattr(table, column)).where(getattr(table, column).is_not(None))):
                by_key[_kid(blob)] += 1
        sealed_files = s.scalars(select(DocumentRow.sha256).where(DocumentRow.file_sealed.is_(True))).all()
    for sha in sealed_files:
        if reg.sealed_files.has(sha):
            by_key[_kid(reg.sealed_files.read_sealed(sha))] += 1
    return {
        "source": ring.source if ring else None,
        "key_file": str(reg.settings.encryption_key_file),
        "fingerprint": ring.fingerprint if ring else None,
        "keys_in_ring": len(ring.keys) if ring else 0,
        "sealed_by_key": dict(by_key),
    }


def _kid(blob: bytes) -> str:
    try:
        return sealed_key_id(blob).hex()
    except CryptoError:
        return "unreadable"


def rotate_key(reg: Register, principal: Principal) -> Rotation:
    """Make a new key, re-encrypt every sealed value and file under it, then drop the old key.

    Crash-safe: the new key is saved beside the old before anything is re-encrypted, and every sealed value
    names its key, so running the rotation again after an interruption finishes it."""
    if not principal.may_see("restricted"):
        raise Forbidden(f"{principal.username} may not rotate the encryption key")
    ring = reg.keys.require()
    if ring.source == "env":
        raise Invalid("the key comes from AQIQAT_KEY: rotation writes a key file, so unset AQIQAT_KEY and use one")
    old = sorted(k.hex() for k in ring.keys)
    new_ring = ring.with_new_current(generate_key())
    path = reg.settings.encryption_key_file
    save_keyring(path, new_ring)
    reg.keys.set(new_ring)
    files = 0
    try:
        values = _reseal_values(reg, principal, new_ring, old)
        for _ in range(5):  # values another process sealed under the old key while the first pass ran
            if _reseal_values(reg, principal, new_ring, old, audit=False) == 0:
                break
        with reg.reading() as s:
            shas = s.scalars(select(DocumentRow.sha256).where(DocumentRow.file_sealed.is_(True))).all()
        for sha in shas:
            if reg.sealed_files.has(sha) and reg.sealed_files.reseal(sha, new_ring):
                files += 1
    except CryptoError as exc:
        raise KeyUnavailable(f"rotation stopped, the old and new keys are both kept: {exc}") from None
    final = new_ring.only_current()
    save_keyring(path, final)
    reg.keys.set(final)
    return Rotation(old, final.fingerprint, values, files)


def _reseal_values(reg: Register, principal: Principal, ring: Keyring, old: list[str], audit: bool = True) -> int:
    count = 0
    with reg.unit(principal) as unit:
        s = unit.session
        for table, column, purpose in SEALED_COLUMNS:
            col = getattr(table, column)
            for row_id, blob in s.execute(select(table.id, col).where(col.is_not(None))).all():
                new = ring.reseal(blob, purpose)
                if new is not blob:
                    s.execute(update(table).where(table.id == row_id).values({column: new}))
                    count += 1
        if not audit:
            return count
        unit.audit(AuditAction.KEY_ROTATE, "key", ring.fingerprint, {"fingerprints": old},
                   {"fingerprint": ring.fingerprint, "values_resealed": count})
    return count
