"""Use case: change a document's or a victims list's confidentiality after it was stored (a testimony ingested
as internal by mistake, or a witness who agreed to be named).

Raising it seals its text, descriptive fields and passages, moves its file into the sealed store, takes it out of
the full-text index, and raises every record resting on it (derived in the same transaction). Lowering it is a
declassification: it needs full clearance and a reason, and both directions are audited.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from aqiqat.api import levels
from aqiqat.api.access import Principal
from aqiqat.api.documents import document_public, find_document_row
from aqiqat.api.errors import Forbidden, Invalid, NotFound
from aqiqat.api.register import Register, row_dict, utcnow
from aqiqat.api.sealing import document_text
from aqiqat.api.search import index_row
from aqiqat.domain.enums import AuditAction, Confidentiality
from aqiqat.store.search import unindex_document
from aqiqat.store.tables import DocumentRow, ListEntryRow, SourceRow, VictimListRow


def _checked(principal: Principal, level: str, reason: str, what: str) -> str:
    """The level asked for, once the principal may reclassify (an editor with full clearance) and gave a reason."""
    try:
        target = str(Confidentiality(level))
    except ValueError:
        raise Invalid(f"{level!r} is not a level: public, internal or restricted") from None
    if not principal.may_edit or principal.clearance is not Confidentiality.RESTRICTED:
        raise Forbidden(f"{principal.username} ({principal.role}) may not reclassify {what}")
    if not reason.strip():
        raise Invalid("a reclassification needs a reason, for the audit log")
    return target


def reclassify_document(
    reg: Register, principal: Principal, ref: str | int, level: str, reason: str
) -> dict[str, Any]:
    target = _checked(principal, level, reason, "documents")
    with reg.unit(principal) as unit:
        s = unit.session
        try:
            row = find_document_row(s, ref)
        except NotFound:
            raise NotFound(f"no document {ref!r}") from None
        if row.confidentiality == target:
            raise Invalid(f"document {row.id} is already {target}")
        before = row_dict(row, frozenset({"text"}))
        raising = levels.below(row.confidentiality, target)
        text = document_text(row)
        if target == "restricted" and not row.file_sealed and reg.files.has(row.sha256):
            reg.sealed_files.put(reg.files.read(row.sha256), reg.keys.require())  # the file sealed first
            row.file_sealed = True
        row.confidentiality = target
        row.updated_at = utcnow()
        s.flush()  # sealed (or opened) by the flush; what rests on it derived again
        if target == "restricted":
            unindex_document(s, row.id)
        else:
            row.text = text if row.text is None else row.text
            index_row(s, row)
        unit.audit(
            AuditAction.UPDATE,
            "document",
            row.id,
            before,
            {**row_dict(row, frozenset({"text"})), "reason": reason.strip(), "raised": raising},
            restricted=True,
        )
        source = s.get(SourceRow, row.source_id) if row.source_id else None
        plain_file = target == "restricted" and reg.files.has(row.sha256)
        view = document_public(row, source, principal, full=False)
    if plain_file:  # only once the sealed copy and the change are committed
        reg.files.path(row.sha256).unlink(missing_ok=True)
    return view


def reclassify_list(reg: Register, principal: Principal, list_id: int, level: str, reason: str) -> dict[str, Any]:
    """Change a victims list's confidentiality (a list from families who fear reprisals, imported as internal
    by mistake). Raising it seals the list, its rows and the people they were linked into; lowering it is a
    declassification, and a list never goes below its file's level (reclassify the document first). Both
    directions need full clearance and a reason, and are audited."""
    target = _checked(principal, level, reason, "lists")
    with reg.unit(principal) as unit:
        s = unit.session
        row = s.get(VictimListRow, list_id)
        if row is None:
            raise NotFound(f"no list {list_id}")
        if row.confidentiality == target:
            raise Invalid(f"list {row.id} is already {target}")
        doc = s.get(DocumentRow, row.document_id) if row.document_id is not None else None
        if doc is not None and levels.below(target, doc.confidentiality):
            raise Invalid(f"list {row.id} stays {row.confidentiality}: its file is document {doc.id}, kept "
                          f"{doc.confidentiality}; reclassify the document first")
        before = row_dict(row)
        raising = levels.below(row.confidentiality, target)
        row.confidentiality = target
        s.flush()  # its rows, and the people linked from them, derived again
        unit.audit(AuditAction.UPDATE, "victim_list", row.id, before,
                   {**row_dict(row), "reason": reason.strip(), "raised": raising}, restricted=True)
        counted = s.execute(
            select(ListEntryRow.confidentiality, func.count())
            .where(ListEntryRow.list_id == row.id)
            .group_by(ListEntryRow.confidentiality)
        )
        entries = {str(lvl): int(n) for lvl, n in counted}
        return {"id": row.id, "name": row_dict(row)["name"], "confidentiality": row.confidentiality,
                "entries": entries}
