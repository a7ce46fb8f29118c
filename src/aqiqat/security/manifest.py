"""Building a manifest: every document's hashes, the audit chain head and the signer's public key, as JSON.

The checking side is `manifest_check` (stand-alone); this side only assembles and signs.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from aqiqat.security.keys import public_raw
from aqiqat.security.manifest_check import FORMAT, parse_manifest, public_key_fingerprint
from aqiqat.security.signing import write_signed


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    id: int
    sha256: str
    text_sha256: str | None
    size: int
    name: str = ""  # the original file name; "" for a restricted document
    sealed_file_sha256: str | None = None  # SHA-256 of the encrypted file as stored, when it is sealed

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "sha256": self.sha256,
            "text_sha256": self.text_sha256,
            "size": self.size,
            "name": self.name,
            "sealed_file_sha256": self.sealed_file_sha256,
        }


def build_manifest(
    entries: Iterable[ManifestEntry],
    head_seq: int,
    head_hash: str,
    signing_key: Ed25519PrivateKey,
    encryption_fingerprint: str | None = None,
    extra: dict[str, Any] | None = None,
) -> bytes:
    """The manifest's bytes (UTF-8 JSON, stable key order), checked by the same parser the checker uses."""
    raw = public_raw(signing_key)
    doc: dict[str, Any] = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "public_key": base64.b64encode(raw).decode("ascii"),
        "public_key_fingerprint": public_key_fingerprint(raw),
        "encryption_key_fingerprint": encryption_fingerprint,
        "audit_head": {"seq": head_seq, "hash": head_hash},
        "documents": [e.as_dict() for e in sorted(entries, key=lambda e: e.id)],
        **(extra or {}),
    }
    data = (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
    parse_manifest(data)
    return data


def write_manifest(path: Path, data: bytes, signing_key: Ed25519PrivateKey) -> Path:
    """Write the manifest and its detached signature; returns the signature's path."""
    return write_signed(path, data, signing_key)
