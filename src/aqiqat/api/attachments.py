"""Use cases: evidence files attached to events and people (photos, videos, documents already stored or
uploaded on the spot), shown with their hash, EXIF and a thumbnail. An attachment is evidence that names a
whole document (no passage), so the record's level follows the file's."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from aqiqat.api.access import Principal
from aqiqat.api.errors import Forbidden, Invalid, NotFound
from aqiqat.api.integrity import read_document_file
from aqiqat.api.records import TABLES, visible_levels
from aqiqat.api.register import Register, row_dict
from aqiqat.domain.enums import AuditAction
from aqiqat.ingest.thumbnails import image_thumbnail, video_poster
from aqiqat.store.tables import DocumentRow, EvidenceRow

ATTACHABLE = ("event", "person")
MEDIA = ("image/", "video/", "application/pdf")


def attach(reg: Register, principal: Principal, entity: str, entity_id: int, document_id: int) -> None:
    if entity not in ATTACHABLE:
        raise Invalid("files are attached to events and people")
    if not principal.may_edit:
        raise Forbidden(f"{principal.username} ({principal.role}) may not change the register")
    with reg.unit(principal) as unit:
        s = unit.session
        record = s.get(TABLES[entity], entity_id)
        doc = s.get(DocumentRow, document_id)
        if record is None or not principal.may_see(record.confidentiality):
            raise NotFound(f"no {entity} {entity_id}")
        if doc is None or not principal.may_see(doc.confidentiality):
            raise NotFound(f"no document {document_id}")
        already = s.scalar(select(EvidenceRow.id).where(
            EvidenceRow.entity == entity, EvidenceRow.entity_id == entity_id, EvidenceRow.document_id == document_id,
            EvidenceRow.start.is_(None)))
        if already is not None:
            return
        s.add(EvidenceRow(entity=entity, entity_id=entity_id, document_id=document_id, text="",
                          confidentiality=doc.confidentiality))
        s.flush()
        unit.audit(AuditAction.UPDATE, entity, entity_id, None, {**row_dict(record), "attached_document": doc.id})


def attachments_of(reg: Register, principal: Principal, entity: str, entity_id: int) -> list[dict[str, Any]]:
    """The files attached to a record, as the reader may see them: title, type, size, SHA-256, EXIF."""
    with reg.reading() as s:
        rows = s.scalars(
            select(DocumentRow)
            .join(EvidenceRow, EvidenceRow.document_id == DocumentRow.id)
            .where(EvidenceRow.entity == entity, EvidenceRow.entity_id == entity_id, EvidenceRow.start.is_(None),
                   DocumentRow.confidentiality.in_(visible_levels(principal)))
            .order_by(DocumentRow.id)
        ).all()
        out = []
        for doc in rows:
            shown = row_dict(doc)
            out.append({"id": doc.id, "title": shown.get("title") or doc.original_name, "sha256": doc.sha256,
                        "media_type": doc.media_type, "size": doc.size, "kind": doc.kind,
                        "exif": (doc.meta or {}).get("exif") or {},
                        "thumbnail": doc.media_type.startswith(("image/", "video/"))})
        return out


def media_documents(reg: Register, principal: Principal, limit: int = 200) -> list[dict[str, Any]]:
    """Stored photos, videos and PDFs a record can be given (newest first). Read once per change of the
    register and clearance: every event and person page offers them to an editor."""
    levels = visible_levels(principal)
    is_media = (DocumentRow.media_type.like("image/%") | DocumentRow.media_type.like("video/%")
                | ((DocumentRow.media_type == "application/pdf")
                   & DocumentRow.kind.in_(("photo", "video", "other", "statement", "list"))))

    def compute(s: Any) -> list[dict[str, Any]]:
        rows = s.scalars(
            select(DocumentRow)
            .where(DocumentRow.confidentiality.in_(levels), is_media)
            .order_by(DocumentRow.id.desc())
            .limit(limit)
        ).all()
        return [{"id": d.id, "title": row_dict(d).get("title") or d.original_name, "media_type": d.media_type}
                for d in rows if d.media_type.startswith(MEDIA)]

    with reg.reading() as s:
        return list(reg.memo(s, f"media_documents:{principal.clearance}:{limit}", compute))


def thumbnail(reg: Register, principal: Principal, document_id: int) -> bytes | None:
    """A JPEG thumbnail of an image, or a video's poster frame (None when there is none to make)."""
    with reg.reading() as s:
        doc = s.get(DocumentRow, document_id)
        if doc is None or not principal.may_see(doc.confidentiality):
            raise NotFound(f"no document {document_id}")
        media_type = doc.media_type
    data = read_document_file(reg, principal, document_id)
    if media_type.startswith("image/"):
        return image_thumbnail(data)
    if media_type.startswith("video/"):
        return video_poster(data)
    return None
