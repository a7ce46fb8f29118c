"""Use case: find a place typed by hand in the offline gazetteer, or among the register's places."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from aqiqat.api.access import Principal
from aqiqat.api.records import create_in, visible_levels
from aqiqat.api.register import Unit, row_dict
from aqiqat.domain.enums import AuditAction
from aqiqat.nlp.gazetteer_names import gazetteer_place
from aqiqat.store.tables import PlaceRow


def place_for(unit: Unit, principal: Principal, name: str, lat: float | None, lon: float | None) -> int:
    """The id of the place a reviewer named: a register place of that name, else the gazetteer's city (with
    its coordinates), else a new place at the point they set (or without one)."""
    s = unit.session
    seen = visible_levels(principal)
    for row in s.scalars(select(PlaceRow).where(PlaceRow.name == name, PlaceRow.confidentiality.in_(seen))):
        if lat is not None and row.latitude is None:
            before = row_dict(row)
            row.latitude, row.longitude = lat, lon
            s.flush()
            unit.audit(AuditAction.UPDATE, "place", row.id, before, row_dict(row))
        return int(row.id)
    found: dict[str, Any] | None = gazetteer_place(name) if lat is None else None
    if found is not None:
        known = s.scalar(select(PlaceRow).where(PlaceRow.gazetteer_id == found["gazetteer_id"]))
        if known is not None:
            return int(known.id)
    values = found or {"name": name, "kind": "site" if lat is not None else "city", "latitude": lat, "longitude": lon}
    return int(create_in(unit, "place", values).id)
