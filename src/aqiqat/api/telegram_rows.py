"""Rows of a Telegram import: a post's document, its media's documents, a message's record, its chat's Source.

The post's stored bytes are its message object as exported (canonical JSON, with the chat's id), so a post
is evidence under its SHA-256 like any file; its text is rebuilt from ``text`` and never changes. Media files
are documents of their own (photo, video, other), shared by every post that carries the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from aqiqat.api.register import Unit, row_dict, utcnow
from aqiqat.api.search import index_row
from aqiqat.domain.enums import AuditAction, Confidentiality, DatePrecision, DocumentKind, SourceKind
from aqiqat.ingest.extracted import title_from_text
from aqiqat.ingest.language import detect_language
from aqiqat.ingest.readers import ReadResult
from aqiqat.ingest.telegram_format import Chat, Media, TelegramMessage, service_metadata
from aqiqat.store.tables import DocumentRow, SourceRow, TelegramMessageRow

POST_MEDIA_TYPE = "application/json"
VIDEO_KINDS = frozenset({"video_file", "video_message", "animation"})
NO_TEXT = frozenset({"text"})


@dataclass(slots=True)
class MediaFile:
    """A media item of a post: stored (result and bytes' hash) or missing (the exporter's placeholder)."""

    media: Media
    result: ReadResult | None = None
    data: bytes | None = None  # the file's bytes, until they are stored

    def entry(self, document_id: int | None) -> dict[str, Any]:
        m = self.media
        out: dict[str, Any] = {"role": m.role, "telegram_media_type": m.media_type, "mime_type": m.mime_type}
        if m.path is not None:
            out["path"] = m.path
        if m.missing is not None:
            out["missing"] = m.missing
        if self.result is not None:
            out.update(document_id=document_id, sha256=self.result.sha256, media_type=self.result.media_type)
        return {k: v for k, v in out.items() if v is not None}


@dataclass(slots=True)
class Prepared:
    """A message ready to be written: its bytes' hash, its media, and the version it follows."""

    msg: TelegramMessage
    sha256: str = ""
    size: int = 0
    media: list[MediaFile] = field(default_factory=list)
    previous_document_id: int | None = None
    data: bytes | None = None  # the post's bytes, until they are stored


def chat_source(unit: Unit, chat: Chat, confidentiality: Confidentiality) -> int:
    """The chat as a Source (social media); a restricted import names it by id only, its name stays sealed."""
    s = unit.session
    if confidentiality == Confidentiality.RESTRICTED or not chat.name:
        name = f"Telegram chat {chat.id}"
    else:
        name = f"{' '.join(chat.name.split())[:400]} (Telegram {chat.id})"
    row = s.scalar(select(SourceRow).where(SourceRow.name == name))
    if row is None:
        kind = chat.type if confidentiality != Confidentiality.RESTRICTED else None
        row = SourceRow(name=name, kind=str(SourceKind.SOCIAL_MEDIA), reliability="unknown",
                        notes=f"Telegram {kind or 'chat'} {chat.id}")
        s.add(row)
        s.flush()
        unit.audit(AuditAction.CREATE, "source", row.id, None, row_dict(row))
    return row.id


def _kind_of(mf: MediaFile) -> DocumentKind:
    if mf.media.role == "photo":
        return DocumentKind.PHOTO
    if mf.media.media_type in VIDEO_KINDS:
        return DocumentKind.VIDEO
    assert mf.result is not None
    return mf.result.kind_hint or (DocumentKind.ARTICLE if mf.result.text else DocumentKind.OTHER)


def new_document(sha: str, media_type: str, size: int, kind: DocumentKind, title: str, text: str | None,
              language: str | None, author: str | None, sent: datetime | None, meta: dict[str, Any],
              name: str, confidentiality: Confidentiality, source_id: int | None, sealed: bool) -> DocumentRow:
    now = utcnow()
    published = sent.date() if sent else None
    return DocumentRow(
        sha256=sha, media_type=media_type, size=size, kind=str(kind), title=title, url=None, author=author,
        published_at=published, published_precision=str(DatePrecision.DAY if published else DatePrecision.UNKNOWN),
        retrieved_at=now, language=language, text=text, confidentiality=str(confidentiality), consent_note="",
        original_name=name, encoding="utf-8" if kind == DocumentKind.POST else None, meta=meta, source_id=source_id,
        file_sealed=sealed, created_at=now, updated_at=now,
    )


def _media_document(unit: Unit, mf: MediaFile, msg: TelegramMessage, source_id: int,
                    confidentiality: Confidentiality, sealed: bool) -> tuple[int, bool]:
    """The media file's document (existing or new); True when new."""
    s = unit.session
    result = mf.result
    assert result is not None
    existing = s.scalar(select(DocumentRow.id).where(DocumentRow.sha256 == result.sha256))
    if existing is not None:
        return existing, False
    name = (mf.media.path or "media").replace("\\", "/").rsplit("/", 1)[-1][-255:]
    meta = dict(result.metadata)
    meta["telegram"] = {"chat": msg.chat.as_dict(), "message_id": msg.id, **mf.entry(None)}
    row = new_document(result.sha256, result.media_type, result.size, _kind_of(mf), result.title or name,
                    result.text, result.language, None, msg.sent_at, meta, name, confidentiality, source_id, sealed)
    s.add(row)
    s.flush()
    index_row(s, row)
    unit.audit(AuditAction.INGEST, "document", row.id, None, row_dict(row, NO_TEXT))
    return row.id, True


@dataclass(slots=True)
class Written:
    with_text: list[int] = field(default_factory=list)  # new documents with text (to extract)
    media: int = 0  # new media documents


def write_batch(unit: Unit, batch: list[Prepared], source_id: int, confidentiality: Confidentiality,
                sealed: bool, language: str | None, seal: Any) -> Written:
    """Write prepared messages in the open unit: the posts' documents inserted together (one flush), then
    each indexed and audited; media documents and service records one by one."""
    s = unit.session
    out = Written()
    now = utcnow()
    hashes = [p.sha256 for p in batch if p.sha256]
    known = {sha: doc_id for sha, doc_id in s.execute(
        select(DocumentRow.sha256, DocumentRow.id).where(DocumentRow.sha256.in_(hashes)))}
    records: list[tuple[TelegramMessageRow, DocumentRow | None, bool]] = []  # record, new post, has text
    for p in batch:
        msg = p.msg
        record = TelegramMessageRow(chat_id=msg.chat.id, message_id=msg.id, edited_unixtime=msg.edited_unixtime,
                                    type=msg.type, sent_at=msg.sent_at, confidentiality=str(confidentiality),
                                    meta={}, imported_at=now, previous_document_id=p.previous_document_id)
        if msg.type != "message":  # service and unsupported messages: metadata, not documents
            meta = service_metadata(msg)
            if sealed:
                record.sealed = seal(meta)
            else:
                record.meta = meta
            records.append((record, None, False))
            continue
        entries: list[dict[str, Any]] = []
        for mf in p.media:
            doc_id = None
            if mf.result is not None:
                doc_id, new = _media_document(unit, mf, msg, source_id, confidentiality, sealed)
                out.media += int(new)
                if new and mf.result.text:
                    out.with_text.append(doc_id)
            entries.append(mf.entry(doc_id))
        if p.sha256 in known:  # the same bytes already stored as a document: the record points at it
            record.document_id = known[p.sha256]
            records.append((record, None, False))
            continue
        post = _post_document(p, entries, source_id, confidentiality, sealed, language)
        s.add(post)
        records.append((record, post, bool(msg.text.strip())))
    s.flush()  # the posts' rows together
    for record, row, has_text in records:
        if row is not None:
            index_row(s, row)
            unit.audit(AuditAction.INGEST, "document", row.id, None, row_dict(row, NO_TEXT))
            record.document_id = row.id
            if has_text:
                out.with_text.append(row.id)
        s.add(record)
    s.flush()
    for record, _row, _text in records:
        if record.type != "message":
            unit.audit(AuditAction.IMPORT, "telegram_message", record.id, None,
                       {"chat_id": record.chat_id, "message_id": record.message_id, "type": record.type})
    return out


def _post_document(p: Prepared, entries: list[dict[str, Any]], source_id: int, confidentiality: Confidentiality,
                   sealed: bool, language: str | None) -> DocumentRow:
    msg = p.msg
    meta = msg.metadata()
    meta["media"] = entries
    if p.previous_document_id is not None:
        meta["previous_version"] = p.previous_document_id
    text = msg.text if msg.text.strip() else None
    author = msg.raw.get("author") or msg.raw.get("from")
    title = title_from_text(text) or f"{msg.chat.name or msg.chat.id} · {msg.id}"
    return new_document(p.sha256, POST_MEDIA_TYPE, p.size, DocumentKind.POST, title, text,
                     language or (detect_language(text) if text else None),
                     author if isinstance(author, str) else None, msg.sent_at, {"telegram": meta},
                     f"telegram-{msg.chat.id}-{msg.id}.json", confidentiality, source_id, sealed)


def known_versions(s: Session, chat_id: str, message_ids: list[int]) -> dict[int, dict[int, int | None]]:
    """For each message id already imported from the chat: edit time → its document id."""
    out: dict[int, dict[int, int | None]] = {}
    rows = s.execute(
        select(TelegramMessageRow.message_id, TelegramMessageRow.edited_unixtime, TelegramMessageRow.document_id)
        .where(TelegramMessageRow.chat_id == chat_id, TelegramMessageRow.message_id.in_(message_ids))
    )
    for message_id, edited, doc_id in rows:
        out.setdefault(message_id, {})[edited] = doc_id
    return out
