"""Reads the reports need beyond the pages': quotes in given documents, documents as evidence (hash,
capture time, RFC 3161 time), and people's affiliation, all filtered by what the principal may see."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from aqiqat.api.access import Principal
from aqiqat.api.records import person_view, visible_levels
from aqiqat.api.register import Register, row_dict
from aqiqat.store.tables import ActorRow, DocumentRow, PersonRow, QuoteRow


def quotes_in(reg: Register, principal: Principal, document_ids: Iterable[int]) -> list[dict[str, Any]]:
    """Quotes in the documents, with their speakers as the reader may see them."""
    seen = visible_levels(principal)
    ids = sorted(set(document_ids))
    out = []
    with reg.reading() as s:
        for q in s.scalars(select(QuoteRow).where(QuoteRow.document_id.in_(ids), QuoteRow.confidentiality.in_(seen))
                           .order_by(QuoteRow.document_id, QuoteRow.start)):
            data = row_dict(q)
            speaker = data.get("speaker_text") or ""
            if q.speaker_person_id:
                person = s.get(PersonRow, q.speaker_person_id)
                speaker = person_view(person, principal)["display_name"] if person else speaker
            elif q.speaker_actor_id:
                actor = s.get(ActorRow, q.speaker_actor_id)
                speaker = row_dict(actor)["name"] if actor and principal.may_see(actor.confidentiality) else speaker
            out.append({"text": data["text"], "speaker": speaker, "role": data.get("speaker_role") or "",
                        "document_id": q.document_id})
    return out


def evidence_documents(reg: Register, principal: Principal, document_ids: Iterable[int]) -> list[dict[str, Any]]:
    """Each document: title, SHA-256, when it was captured and its RFC 3161 time; withheld above clearance."""
    out = []
    with reg.reading() as s:
        for d in s.scalars(select(DocumentRow).where(DocumentRow.id.in_(sorted(set(document_ids))))
                           .order_by(DocumentRow.id)):
            if not principal.may_see(d.confidentiality):
                out.append({"id": d.id, "title": f"Restricted document {d.id}", "withheld": True})
                continue
            data = row_dict(d, frozenset({"text"}))
            capture = (data.get("meta") or {}).get("capture") or {}  # a web capture (api/capture.py)
            ts: dict[str, Any] = capture["timestamp"] if isinstance(capture.get("timestamp"), dict) else {}
            stamp = f"{ts['time']} ({ts.get('status', '')})" if ts.get("time") else ""
            captured = capture.get("captured_at") or (d.retrieved_at.strftime("%Y-%m-%d %H:%M")
                                                      if d.retrieved_at else "")
            out.append({"id": d.id, "title": data.get("title") or data.get("original_name"), "sha256": d.sha256,
                        "kind": d.kind, "published_at": data.get("published_at"),
                        "retrieved_at": captured, "timestamp": stamp, "url": data.get("url") or "", "withheld": False})
    return out


def affiliations(reg: Register, principal: Principal, person_ids: Iterable[int]) -> dict[int, str]:
    seen = visible_levels(principal)
    with reg.reading() as s:
        return dict(s.execute(select(PersonRow.id, PersonRow.affiliation).where(
            PersonRow.id.in_(sorted(set(person_ids))), PersonRow.confidentiality.in_(seen))).all())
