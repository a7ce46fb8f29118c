"""From a file to a ``ReadResult``: hash, size, media type, text, metadata and language.

``read_bytes`` is the one entry point for content; ``read_path`` adds the size check before reading and
``iter_paths`` expands folders. Every failure is an ``IngestError`` with a one-line message.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePath
from typing import Any

from aqiqat.domain.enums import DocumentKind
from aqiqat.ingest.docx_reader import read_docx
from aqiqat.ingest.errors import IngestError, one_line
from aqiqat.ingest.extracted import Extracted, title_from_text
from aqiqat.ingest.html_reader import read_html
from aqiqat.ingest.language import detect_language
from aqiqat.ingest.media_reader import read_image, read_video
from aqiqat.ingest.media_types import Family, sniff
from aqiqat.ingest.pdf_reader import read_pdf
from aqiqat.ingest.text_decoding import decode_text

DEFAULT_MAX_BYTES = 200 * 1024 * 1024

# The parsers log a warning for every oddity of a damaged file; without a handler Python prints them on
# stderr. A NullHandler keeps them quiet unless the application configures logging (they still propagate).
for _logger in ("pypdf", "trafilatura", "htmldate", "courlan", "justext", "charset_normalizer"):
    logging.getLogger(_logger).addHandler(logging.NullHandler())
_SKIPPED_NAMES = frozenset({"thumbs.db", "desktop.ini"})


@dataclass(frozen=True)
class ReadResult:
    sha256: str
    size: int
    media_type: str
    kind_hint: DocumentKind | None  # PHOTO for images, VIDEO for videos, else None
    text: str | None  # None for opaque evidence (images, video, audio, a PDF without a text layer)
    encoding: str | None  # the codec that decodes a text or HTML file exactly
    title: str
    author: str | None
    published_at: date | None
    url: str | None
    language: str | None  # detected when there is enough text, else None
    metadata: dict[str, Any]  # JSON-serialisable


def size_label(size: int) -> str:
    """``250.0 MB`` for sizes from a megabyte (MiB) up, ``1,500 bytes`` below."""
    if size >= 1024 * 1024:
        return f"{size / 1024**2:,.1f} MB"
    return f"{size:,} bytes"


def _limit_label(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"{limit / 1024**2:,.1f}".removesuffix(".0") + " MB"
    return f"{limit:,} byte"


def _check_size(size: int, name: str, max_bytes: int) -> None:
    if size > max_bytes:
        raise IngestError(name, f"{size_label(size)} exceeds the {_limit_label(max_bytes)} limit")


def read_bytes(data: bytes, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read a file's content. ``name`` (a file name or path) gives the extension and the error prefix."""
    if not data:
        raise IngestError(name, "empty file")
    _check_size(len(data), name, max_bytes)
    sniffed = sniff(data, name)
    kind_hint: DocumentKind | None = None
    family = sniffed.family
    if family is Family.TEXT:
        extracted = _read_text(data, name)
    elif family is Family.HTML:
        extracted = read_html(data, name)
    elif family is Family.PDF:
        extracted = read_pdf(data, name)
    elif family is Family.DOCX:
        extracted = read_docx(data, name, max_bytes)
    elif family is Family.IMAGE:
        extracted, kind_hint = read_image(data), DocumentKind.PHOTO
    elif family is Family.VIDEO:
        extracted, kind_hint = read_video(data, sniffed.media_type), DocumentKind.VIDEO
    elif family is Family.AUDIO:
        extracted = Extracted(text=None)
    else:
        raise IngestError(name, f"unsupported file type ({sniffed.media_type})")
    metadata = dict(extracted.metadata)
    metadata["media_type_from"] = sniffed.by
    text = extracted.text
    return ReadResult(
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        media_type=sniffed.media_type,
        kind_hint=kind_hint,
        text=text,
        encoding=extracted.encoding,
        title=extracted.title or PurePath(name).name,
        author=extracted.author,
        published_at=extracted.published_at,
        url=extracted.url,
        language=detect_language(text) if text else None,
        metadata=metadata,
    )


def _read_text(data: bytes, name: str) -> Extracted:
    decoded = decode_text(data, name)
    text = decoded.text
    if not text.strip():
        raise IngestError(name, "no text (the file holds only blanks)")
    return Extracted(
        text=text,
        title=title_from_text(text),
        encoding=decoded.encoding,
        metadata={"encoding_detected_by": decoded.by},
    )


def read_path(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read one file, refusing it by its size before a byte is read."""
    path = Path(path)
    name = str(path)
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise IngestError(name, "no such file or folder") from None
    except OSError as exc:
        raise IngestError(name, f"cannot read: {exc.strerror or one_line(exc)}") from None
    if path.is_dir():
        raise IngestError(name, "is a folder (give it to iter_paths)")
    if not path.is_file():
        raise IngestError(name, "not a regular file")
    if stat.st_size == 0:
        raise IngestError(name, "empty file")
    _check_size(stat.st_size, name, max_bytes)
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise IngestError(name, f"cannot read: {exc.strerror or one_line(exc)}") from None
    return read_bytes(data, name, max_bytes=max_bytes)


def _visible(name: str) -> bool:
    return not name.startswith((".", "~$")) and name.lower() not in _SKIPPED_NAMES


def _files_under(folder: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if _visible(d))
        found.extend(Path(root, f) for f in files if _visible(f))
    found.sort(key=lambda p: p.relative_to(folder).parts)
    return found


def iter_paths(paths: Iterable[Path]) -> Iterator[Path | IngestError]:
    """Files to ingest: each file as given, each folder's files recursively (sorted by path, hidden files
    and folders skipped); an ``IngestError`` in place of a path that does not exist or an empty folder."""
    for path in paths:
        if path.is_dir():
            files = _files_under(path)
            if not files:
                yield IngestError(str(path), "folder holds no files to ingest")
            yield from files
        elif path.exists():
            yield path
        else:
            yield IngestError(str(path), "no such file or folder")
