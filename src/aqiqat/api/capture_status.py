"""What the last re-check of each captured page found (``aqiqat recheck``), for the documents list.

A captured page whose latest re-check found it ``lost`` (404 or 410, no DNS, a login page) is marked in the
list and can be filtered on. The status of a document the reader is not cleared for is never shown, and such
a document never matches a status filter: that it was lost says something about what it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select

from aqiqat.api.access import Principal
from aqiqat.domain.enums import Confidentiality
from aqiqat.store.tables import CaptureCheckRow, DocumentRow

OUTCOMES = ("unchanged", "changed", "lost", "unreachable")


def _latest() -> Any:
    """Each re-checked document's latest check id (checks are only ever added, so the highest id is the latest)."""
    return (select(CaptureCheckRow.document_id, func.max(CaptureCheckRow.id).label("check_id"))
            .group_by(CaptureCheckRow.document_id).subquery())


def check_outcome(outcome: str) -> str:
    if outcome not in OUTCOMES:
        from aqiqat.api.errors import Invalid

        raise Invalid(f"status: {outcome!r} is not one of {', '.join(OUTCOMES)}")
    return outcome


def status_condition(outcome: str, principal: Principal | None) -> Any:
    """A condition on DocumentRow: its latest re-check found `outcome`, and the reader may see it (with no
    reader, only public documents)."""
    levels = [c.value for c in Confidentiality if principal is not None and principal.may_see(c)]
    levels = levels or [Confidentiality.PUBLIC.value]
    return status_among(check_outcome(outcome), levels)


def status_among(outcome: Any, levels: Any) -> Any:
    """`status_condition` with the outcome and the reader's levels given as values or as bound parameters."""
    latest = _latest()
    ids = (select(latest.c.document_id).join(CaptureCheckRow, CaptureCheckRow.id == latest.c.check_id)
           .where(CaptureCheckRow.outcome == outcome))
    return DocumentRow.id.in_(ids) & DocumentRow.confidentiality.in_(levels)


def latest_outcomes(s: Any, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """The latest re-check of each of these documents that has one: outcome, when, and why."""
    if not ids:
        return {}
    latest = _latest()
    rows = s.execute(select(CaptureCheckRow).join(latest, CaptureCheckRow.id == latest.c.check_id)
                     .where(CaptureCheckRow.document_id.in_(list(ids)))).scalars()
    return {r.document_id: {"outcome": r.outcome, "checked_at": r.checked_at, "http_status": r.http_status,
                            "detail": r.detail} for r in rows}


def add_capture_status(s: Any, principal: Principal, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each listed document with `capture_status` (the latest re-check's outcome, or None) and, when lost,
    `lost_detail`; None for a document the reader is not cleared for."""
    found = latest_outcomes(s, [int(d["id"]) for d in items if d.get("kind") == "webpage"])
    for item in items:
        check = found.get(int(item["id"]))
        visible = check is not None and principal.may_see(item.get("confidentiality") or "restricted")
        item["capture_status"] = check["outcome"] if visible and check else None
        item["capture_checked_at"] = check["checked_at"] if visible and check else None
        item["capture_detail"] = check["detail"] if visible and check else None
    return items
