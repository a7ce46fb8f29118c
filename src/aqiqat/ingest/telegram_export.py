"""Where a Telegram Desktop export is read from: its folder, or a zip of it (an upload of the workbench).

An export is recognised by its ``result.json``. Media paths in it are relative to that file's folder; a path
that is absolute, climbs out with ``..``, or leads out through a symbolic link is refused, never followed.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path, PurePosixPath
from typing import IO, Protocol

from aqiqat.ingest.readers import size_label

RESULT = "result.json"


class MediaError(Exception):
    """A media file of the export that cannot be read; ``str()`` is one line."""


class ExportSource(Protocol):
    name: str

    def open_result(self) -> IO[bytes]: ...

    def read_media(self, relpath: str, max_bytes: int) -> bytes: ...

    def close(self) -> None: ...


def is_export_folder(path: Path) -> bool:
    return path.is_dir() and (path / RESULT).is_file()


def is_export_zip(path: Path) -> bool:
    if path.suffix.lower() != ".zip" or not path.is_file():
        return False
    try:
        with zipfile.ZipFile(path) as zf:
            return _result_member(zf) is not None
    except (OSError, zipfile.BadZipFile):
        return False


def safe_relpath(relpath: str) -> str:
    """A media path of the export as a clean relative POSIX path; MediaError when it leads elsewhere."""
    if not isinstance(relpath, str) or not relpath or "\x00" in relpath:
        raise MediaError(f"{relpath!r}: not a file path")
    path = relpath.replace("\\", "/")
    if path.startswith("/") or (len(path) > 1 and path[1] == ":"):
        raise MediaError(f"{relpath}: an absolute path, outside the export folder (refused)")
    parts = PurePosixPath(path).parts
    if ".." in parts:
        raise MediaError(f"{relpath}: leads outside the export folder (refused)")
    clean = posixpath.normpath(path)
    if clean in (".", ""):
        raise MediaError(f"{relpath}: not a file path")
    return clean


class FolderExport:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.name = str(self.root)
        self._real = self.root.resolve()

    def open_result(self) -> IO[bytes]:
        return (self.root / RESULT).open("rb")

    def read_media(self, relpath: str, max_bytes: int) -> bytes:
        clean = safe_relpath(relpath)
        target = self.root / clean
        try:
            real = target.resolve()
        except (OSError, RuntimeError) as exc:
            raise MediaError(f"{relpath}: cannot be resolved ({exc})") from None
        if not real.is_relative_to(self._real):
            raise MediaError(f"{relpath}: a link leading outside the export folder (refused)")
        try:
            size = real.stat().st_size
            if not real.is_file():
                raise MediaError(f"{relpath}: not a regular file")
            if size > max_bytes:
                raise MediaError(f"{relpath}: {size_label(size)} exceeds the {size_label(max_bytes)} limit")
            with real.open("rb") as handle:
                data = handle.read(max_bytes + 1)
        except FileNotFoundError:
            raise MediaError(f"{relpath}: named in result.json but not in the export folder") from None
        except OSError as exc:
            raise MediaError(f"{relpath}: cannot read ({exc.strerror or exc})") from None
        if len(data) > max_bytes:
            raise MediaError(f"{relpath}: exceeds the {size_label(max_bytes)} limit")
        return data

    def close(self) -> None:
        return None


def _result_member(zf: zipfile.ZipFile) -> str | None:
    """The shallowest ``result.json`` in the zip (an export zipped with or without its folder)."""
    found = [n for n in zf.namelist() if posixpath.basename(n) == RESULT and ".." not in n.split("/")]
    return min(found, key=lambda n: (n.count("/"), n)) if found else None


class ZipExport:
    def __init__(self, path: Path | IO[bytes], name: str) -> None:
        self.name = name
        try:
            self.zf = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile) as exc:
            raise MediaError(f"{name}: not a readable zip ({exc})") from None
        member = _result_member(self.zf)
        if member is None:
            self.zf.close()
            raise MediaError(f"{name}: no result.json inside (not a Telegram Desktop export)")
        self.result = member
        self.base = posixpath.dirname(member)

    def open_result(self) -> IO[bytes]:
        return self.zf.open(self.result)

    def read_media(self, relpath: str, max_bytes: int) -> bytes:
        clean = safe_relpath(relpath)
        member = posixpath.join(self.base, clean) if self.base else clean
        try:
            info = self.zf.getinfo(member)
        except KeyError:
            raise MediaError(f"{relpath}: named in result.json but not in the zip") from None
        if info.file_size > max_bytes:
            raise MediaError(f"{relpath}: {size_label(info.file_size)} exceeds the {size_label(max_bytes)} limit")
        try:
            with self.zf.open(info) as handle:
                data = handle.read(max_bytes + 1)
        except (OSError, zipfile.BadZipFile, EOFError) as exc:
            raise MediaError(f"{relpath}: cannot be read from the zip ({exc})") from None
        if len(data) > max_bytes:
            raise MediaError(f"{relpath}: exceeds the {size_label(max_bytes)} limit")
        return data

    def close(self) -> None:
        self.zf.close()


def open_export(path: Path) -> ExportSource:
    """The export in a folder (with result.json) or a zip file; MediaError when it is neither."""
    if is_export_folder(path):
        return FolderExport(path)
    if path.is_file() and path.suffix.lower() == ".zip":
        return ZipExport(path, str(path))
    raise MediaError(f"{path}: not a Telegram Desktop export (no result.json)")
