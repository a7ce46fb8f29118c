"""Detached Ed25519 signatures over a file's exact bytes (FILE.sig holds one base64 line)."""

from __future__ import annotations

import base64
import os
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from aqiqat.security.manifest_check import signature_path


def sign(key: Ed25519PrivateKey, data: bytes) -> bytes:
    """The base64 signature line for `data`."""
    return base64.b64encode(key.sign(data)) + b"\n"


def write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.part")
    with tmp.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def write_signed(path: Path, data: bytes, key: Ed25519PrivateKey) -> Path:
    """Write `data` to `path` and its detached signature beside it; returns the signature's path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    sig = signature_path(path)
    write_atomic(path, data)
    write_atomic(sig, sign(key, data))
    return sig
