"""Encrypted evidence files: restricted documents' bytes, sealed with AES-GCM, at ``root/ab/cd/<sha256>``.

A file is named after the SHA-256 of its plaintext (as in the open file store) and bound to it: the name is the
associated data, so a sealed file renamed to another document's hash does not open. Writes are atomic.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from aqiqat.security.crypto import CryptoError, Keyring

_SHA256 = re.compile(r"[0-9a-f]{64}")


def purpose(sha256: str) -> str:
    return f"file:{sha256}"


class SealedFileStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        if not _SHA256.fullmatch(sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def put(self, data: bytes, ring: Keyring) -> tuple[str, bool]:
        """Seal and store `data`; (its plaintext SHA-256, whether newly written)."""
        sha256 = hashlib.sha256(data).hexdigest()
        if self.has(sha256):
            return sha256, False
        self.write_sealed(sha256, ring.seal(data, purpose(sha256)))
        return sha256, True

    def write_sealed(self, sha256: str, blob: bytes) -> None:
        target = self.path(sha256)
        if not target.parent.is_dir():
            self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
            for folder in (target.parent.parent, target.parent):  # the owner's alone, whatever the umask
                folder.mkdir(exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o400)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def read_sealed(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()

    def read(self, sha256: str, ring: Keyring) -> bytes:
        """The plaintext, checked against its name; CryptoError when it does not open or does not match."""
        data = ring.open(self.read_sealed(sha256), purpose(sha256))
        if hashlib.sha256(data).hexdigest() != sha256:
            raise CryptoError(f"sealed file {sha256[:12]}… opens but its content does not match its hash")
        return data

    def stored_sha256(self, sha256: str) -> str:
        return hashlib.sha256(self.read_sealed(sha256)).hexdigest()

    def reseal(self, sha256: str, ring: Keyring) -> bool:
        """Re-encrypt under the ring's current key; False when it already was."""
        blob = self.read_sealed(sha256)
        new = ring.reseal(blob, purpose(sha256))
        if new is blob:
            return False
        self.write_sealed(sha256, new)
        return True

    def remove(self, sha256: str) -> None:
        self.path(sha256).unlink(missing_ok=True)

    def iter_hashes(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for path in sorted(self.root.glob("??/??/*")):
            if _SHA256.fullmatch(path.name) and path.is_file():
                yield path.name
