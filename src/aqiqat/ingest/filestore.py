"""Content-addressed file store: each file's bytes kept once, at ``root/ab/cd/<sha256>``.

A write goes to a temporary file in the target folder, is flushed to disk, and is renamed into place,
so a reader never sees a partial file; files are made read-only, as evidence should be.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from aqiqat.ingest.errors import IngestError

_SHA256 = re.compile(r"[0-9a-f]{64}")
_TEMP_PREFIX = ".tmp-"
_CHUNK = 1024 * 1024


def _check(sha256: str) -> str:
    if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256):
        raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
    return sha256


def _fsync_path(path: Path) -> None:
    if path.is_dir():
        _fsync_dir(path)
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # not possible on every platform
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        _check(sha256)
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def put(self, data: bytes, sync: bool = True) -> tuple[str, bool]:
        """Store ``data``; returns its SHA-256 and whether it was newly written (False: already there).

        With ``sync=False`` the file is renamed into place unflushed: the caller must call ``sync`` on it
        before anything (a database row) may depend on it surviving a power loss.
        """
        sha256 = hashlib.sha256(data).hexdigest()
        target = self.path(sha256)
        if target.is_file():
            return sha256, False
        if not target.parent.is_dir():
            self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
            for folder in (target.parent.parent, target.parent):  # the owner's alone, whatever the umask
                folder.mkdir(exist_ok=True, mode=0o700)
        fd, temp_name = tempfile.mkstemp(prefix=_TEMP_PREFIX, dir=target.parent)
        temp = Path(temp_name)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                if sync:
                    os.fsync(handle.fileno())
            temp.chmod(0o400)  # read-only, and the owner's alone
            os.replace(temp, target)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        if sync:
            _fsync_dir(target.parent)
        return sha256, True

    def sync(self, hashes: Iterable[str], threads: int = 8) -> None:
        """Flush many stored files and their folders to disk at once (group commit for bulk ingest).

        The flushes run in parallel: the file system commits them together instead of one by one.
        """
        paths = [self.path(h) for h in hashes]
        targets = [*paths, *{p.parent for p in paths}]
        if not targets:
            return
        with ThreadPoolExecutor(max_workers=min(threads, len(targets))) as pool:
            list(pool.map(_fsync_path, targets))

    def read(self, sha256: str) -> bytes:
        try:
            return self.path(sha256).read_bytes()
        except FileNotFoundError:
            raise IngestError(sha256, "not in the file store") from None

    def verify(self, sha256: str) -> bool:
        """True when the stored file is there and its bytes still hash to ``sha256``."""
        digest = hashlib.sha256()
        try:
            with self.path(sha256).open("rb") as handle:
                while chunk := handle.read(_CHUNK):
                    digest.update(chunk)
        except FileNotFoundError:
            return False
        return digest.hexdigest() == sha256

    def iter_hashes(self) -> Iterator[str]:
        """Every stored SHA-256, sorted; temporary files of unfinished writes are not listed."""
        if not self.root.is_dir():
            return
        for first in sorted(self.root.iterdir()):
            if not (first.is_dir() and len(first.name) == 2):
                continue
            for second in sorted(first.iterdir()):
                if not (second.is_dir() and len(second.name) == 2):
                    continue
                for entry in sorted(second.iterdir()):
                    name = entry.name
                    if (_SHA256.fullmatch(name) and name[:2] == first.name and name[2:4] == second.name
                            and entry.is_file()):
                        yield name

    def remove(self, sha256: str) -> None:
        """Delete a stored file: only to roll back a ``put`` whose database transaction failed."""
        # The folders stay: removing an empty one could race with a concurrent put into it.
        self.path(sha256).unlink(missing_ok=True)
