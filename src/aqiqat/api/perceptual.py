"""Use cases: perceptual hashes of stored images and videos, and "also seen in": the other documents, posts and
captures that carry the same picture, re-encoded, resized, lightly cropped or watermarked.

Matching compares every stored hash (numpy, 256-bit popcounts): fine for hundreds of thousands of hashes on one
machine; a register far beyond that would want an index (PDQ's multi-index hashing), not built here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import or_, select

from aqiqat.api.access import Principal
from aqiqat.api.documents import find_document_key, find_document_row
from aqiqat.api.register import Register
from aqiqat.api.sealing import KeyUnavailable, document_fields
from aqiqat.domain.enums import AuditAction
from aqiqat.ingest.errors import IngestError
from aqiqat.ingest.perceptual import MATCH_DISTANCE, MIN_QUALITY, FrameHash, image_hashes, video_hashes
from aqiqat.store.tables import DocumentRow, PerceptualHashRow

UNHASHABLE = "0" * 64


@dataclass(slots=True)
class HashReport:
    done: dict[int, int] = field(default_factory=dict)  # document id -> hashes stored
    failed: dict[int, str] = field(default_factory=dict)


def _hashable(s: Any) -> Any:
    done = select(PerceptualHashRow.document_id)
    return select(DocumentRow.id).where(
        or_(DocumentRow.media_type.startswith("image/"), DocumentRow.media_type.startswith("video/")),
        DocumentRow.id.not_in(done),
    ).order_by(DocumentRow.id)


def hash_documents(reg: Register, principal: Principal, refs: Iterable[str | int] | None = None) -> HashReport:
    """Hash the images and videos named (default: every one not hashed yet); one bad file is one line."""
    report = HashReport()
    with reg.reading() as s:
        ids = [find_document_row(s, r).id for r in refs] if refs else list(s.scalars(_hashable(s)))
    for doc_id in ids:
        with reg.reading() as s:
            row = s.get(DocumentRow, doc_id)
            assert row is not None
            sha, sealed, media_type = row.sha256, row.file_sealed, row.media_type
            name = f"document {doc_id}"
            if row.text_sealed is None and row.original_name:
                name = f"document {doc_id} ({row.original_name})"
        if not media_type.startswith(("image/", "video/")):
            continue
        try:
            data = reg.sealed_files.read(sha, reg.keys.require()) if sealed else reg.files.read(sha)
            hashes = image_hashes(data, name) if media_type.startswith("image/") else video_hashes(data, name)
        except IngestError as exc:  # recorded as tried (quality -1, never matched): reported once, not again
            report.failed[doc_id] = str(exc)
            _store(reg, principal, doc_id, [FrameHash(UNHASHABLE, -1, None)])
            continue
        except KeyUnavailable as exc:
            report.failed[doc_id] = str(exc)
            continue
        _store(reg, principal, doc_id, hashes)
        report.done[doc_id] = len(hashes)
    return report


def _store(reg: Register, principal: Principal, doc_id: int, hashes: list[FrameHash]) -> None:
    with reg.unit(principal) as unit:
        s = unit.session
        if s.scalar(select(PerceptualHashRow.id).where(PerceptualHashRow.document_id == doc_id).limit(1)):
            return  # hashed meanwhile (or before): a document's hashes are written once
        s.add_all(PerceptualHashRow(document_id=doc_id, offset=h.offset, hash=h.hash, quality=h.quality)
                  for h in hashes)
        s.flush()
        unit.audit(AuditAction.EXTRACT, "document", doc_id, None,
                   {"perceptual_hashes": len(hashes), "algorithm": "pdq"})


def _bits(hashes: list[str]) -> Any:
    import numpy as np

    raw = b"".join(bytes.fromhex(h) for h in hashes)
    return np.unpackbits(np.frombuffer(raw, dtype=np.uint8).reshape(len(hashes), 32), axis=1)


def also_seen_in(reg: Register, principal: Principal, ref: str | int) -> list[dict[str, Any]]:
    """Other documents whose image or frames match this document's (closest first), that `principal` may see."""
    with reg.reading() as s:
        doc_id, _ = find_document_key(s, ref)
        mine = [h for h in s.scalars(select(PerceptualHashRow).where(PerceptualHashRow.document_id == doc_id))
                if h.quality >= MIN_QUALITY]
        if not mine:
            return []
        others = s.execute(select(PerceptualHashRow.document_id, PerceptualHashRow.hash)
                           .where(PerceptualHashRow.document_id != doc_id,
                                  PerceptualHashRow.quality >= MIN_QUALITY)).all()
        if not others:
            return []
        a, b = _bits([h.hash for h in mine]), _bits([h for _, h in others])
        dist = (a[:, None, :] != b[None, :, :]).sum(axis=2)  # mine × others
        best: dict[int, tuple[int, int]] = {}  # document -> (closest distance, frames matched)
        for j, (other_id, _) in enumerate(others):
            column = dist[:, j]
            d = int(column.min())
            if d <= MATCH_DISTANCE:
                closest, frames = best.get(other_id, (256, 0))
                best[other_id] = (min(closest, d), frames + int((column <= MATCH_DISTANCE).any()))
        out: list[dict[str, Any]] = []
        for other_id, (d, frames) in sorted(best.items(), key=lambda kv: (kv[1][0], kv[0])):
            row = s.get(DocumentRow, other_id)
            if row is None or not principal.may_see(row.confidentiality):
                continue
            title = document_fields(row).get("title", row.title) if row.text_sealed is not None else row.title
            out.append({"document_id": other_id, "kind": row.kind, "title": title, "distance": d,
                        "frames_matched": frames, "similarity": round(1 - d / 256, 3)})
        return out
