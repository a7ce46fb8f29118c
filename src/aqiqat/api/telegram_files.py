"""The files of a Telegram import: media read from the export, bytes stored (sealed when restricted) before any
row names them, and taken back when the rows that would have named them were not written."""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from aqiqat.api.register import Register
from aqiqat.api.telegram_rows import MediaFile, Prepared
from aqiqat.ingest.errors import IngestError
from aqiqat.ingest.readers import ReadResult, read_bytes
from aqiqat.ingest.telegram_export import ExportSource
from aqiqat.ingest.telegram_format import Media
from aqiqat.store.tables import DocumentRow


def read_media(reg: Register, source: ExportSource, media: Media) -> MediaFile:
    """A media item with its file read (MediaError or IngestError: one line); a placeholder as it is."""
    if media.path is None:
        return MediaFile(media)
    limit = reg.settings.max_file_bytes
    data = source.read_media(media.path, limit)
    try:
        result = read_bytes(data, media.path, max_bytes=limit)
    except IngestError as exc:
        if "unsupported file type" not in str(exc):
            raise
        result = opaque(data, media)
    return MediaFile(media, result, data)


def opaque(data: bytes, media: Media) -> ReadResult:
    """A file no reader knows (an archive, an APK, a sticker …): stored as opaque evidence under its own type."""
    name = (media.path or "file").rsplit("/", 1)[-1]
    return ReadResult(sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                      media_type=media.mime_type or "application/octet-stream", kind_hint=None, text=None,
                      encoding=None, title=name, author=None, published_at=None, url=None, language=None,
                      metadata={"media_type_from": "telegram"})


def store_files(reg: Register, sealed: bool, ready: list[Prepared]) -> list[str]:
    """Store the posts' and media's bytes (flushed to disk) and let go of them; the hashes newly written."""
    written: list[str] = []
    ring = reg.keys.require() if sealed else None
    for p in ready:
        for data in [p.data, *(mf.data for mf in p.media)]:
            if data is None:
                continue
            if ring is not None:
                sha, new = reg.sealed_files.put(data, ring)
            else:
                sha, new = reg.files.put(data, sync=False)
            if new:
                written.append(sha)
        p.data = None
        for mf in p.media:
            mf.data = None
    if ring is None:
        reg.files.sync(written)
    return written


def remove_orphans(reg: Register, sealed: bool, written: list[str]) -> None:
    """Files written for messages that failed, and named by no document, are taken back."""
    if not written:
        return
    with reg.reading() as s:
        kept = set(s.scalars(select(DocumentRow.sha256).where(DocumentRow.sha256.in_(written))))
    store = reg.sealed_files if sealed else reg.files
    for sha in written:
        if sha not in kept:
            store.remove(sha)
