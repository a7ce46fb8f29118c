"""Writing imported rows into the register inside one unit of work: find or create places, actors and
sources by name; create a record or, when the file's id for it is known, update it (audited before and
after); every record made from a row rests on that row of the imported file."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import select

from aqiqat.api.records import _clean as clean_values
from aqiqat.api.records import add_evidence, create_in, involve_in
from aqiqat.api.register import Unit, row_dict, utcnow
from aqiqat.domain.enums import AuditAction
from aqiqat.domain.model import Span
from aqiqat.exchange.countries import country_of
from aqiqat.store.tables import ActorRow, EventRow, ExternalRefRow, InvolvementRow, PersonRow, PlaceRow, SourceRow

TABLES: dict[str, Any] = {"event": EventRow, "person": PersonRow}


class Applier:
    """Writes rows in the open unit; `begin` moves it to the next unit (the name caches stay valid)."""

    def __init__(self, unit: Unit | None, system: str, document_id: int) -> None:
        self.system, self.document_id = system, document_id
        if unit is not None:
            self.begin(unit)
        self._places: dict[tuple[str, str], int] = {}
        self._actors: dict[str, int] = {}
        self._sources: dict[str, int] = {}

    def begin(self, unit: Unit) -> None:
        self.unit, self.s = unit, unit.session

    def place(self, name: str, kind: str, parent_id: int | None = None, **values: Any) -> int:
        key = (name, kind)
        if key not in self._places:
            found = self.s.scalar(select(PlaceRow.id).where(PlaceRow.name == name, PlaceRow.kind == kind).limit(1))
            if found is None:
                data = {"name": name, "kind": kind, "parent_id": parent_id,
                        **{k: v for k, v in values.items() if v is not None}}
                found = create_in(self.unit, "place", data).id
            self._places[key] = found
        return self._places[key]

    def place_of(self, parsed: Mapping[str, Any] | None) -> int | None:
        """The place of a row (with the country and administrative areas above it, made when missing)."""
        if not parsed:
            return None
        parent = None
        if parsed.get("country_code"):
            parent = self.place(country_of(parsed["country_code"])[2] or parsed["country_code"], "country",
                                country_code=parsed["country_code"])
        for kind, name in zip(("region", "district"), parsed.get("admin") or [], strict=False):
            if name != parsed["name"]:
                parent = self.place(name, kind, parent)
        kind = "region" if parsed["name"] in (parsed.get("admin") or [])[:1] else "city"
        return self.place(parsed["name"], kind, parent, latitude=parsed.get("latitude"),
                          longitude=parsed.get("longitude"))

    def actor(self, name: str, kind: str) -> int:
        if name not in self._actors:
            found = self.s.scalar(select(ActorRow.id).where(ActorRow.name == name))
            self._actors[name] = found if found is not None else create_in(
                self.unit, "actor", {"name": name, "kind": kind}).id
        return self._actors[name]

    def source(self, name: str, **values: Any) -> int:
        if name not in self._sources:
            row = self.s.scalar(select(SourceRow).where(SourceRow.name == name))
            if row is None:
                row = SourceRow(name=name, kind=values.get("kind") or "media",
                                reliability=values.get("reliability") or "unknown", url=values.get("url"),
                                notes=values.get("notes") or "", confidentiality="internal")
                self.s.add(row)
                self.s.flush()
                self.unit.audit(AuditAction.CREATE, "source", row.id, None, row_dict(row))
            self._sources[name] = row.id
        return self._sources[name]

    def ref(self, external_id: str, entity: str) -> ExternalRefRow | None:
        return self.s.scalar(select(ExternalRefRow).where(ExternalRefRow.system == self.system,
                                                          ExternalRefRow.external_id == external_id,
                                                          ExternalRefRow.entity == entity))

    def record(
        self, entity: str, external_id: str, number: int, values: dict[str, Any], span: tuple[int, int, str],
        source_ids: list[int] | None = None,
    ) -> tuple[str, int]:
        """Create the record, or update the one this file's id made before; ('created'|'updated'|'unchanged', id)."""
        ref = self.ref(external_id, entity)
        evidence = [Span(self.document_id, span[0], span[1], span[2])]
        if ref is None:
            row = create_in(self.unit, entity, values, evidence)
            self.s.add(ExternalRefRow(system=self.system, external_id=external_id, entity=entity, entity_id=row.id,
                                      document_id=self.document_id, row_number=number,
                                      source_ids=source_ids or [], updated_at=utcnow()))
            return "created", row.id
        row = self.s.get(TABLES[entity], ref.entity_id)
        assert row is not None
        clean = clean_values(entity, values)
        current = row_dict(row)
        changes = {k: v for k, v in clean.items() if _plain(current.get(k)) != _plain(v)}
        moved = ref.document_id != self.document_id
        ref.document_id, ref.row_number, ref.updated_at = self.document_id, number, utcnow()
        ref.source_ids = source_ids or []
        if not changes:
            if moved:
                add_evidence(self.unit, entity, row.id, evidence)
            return "unchanged", row.id
        for key, value in changes.items():
            setattr(row, key, value)
        row.updated_at = utcnow()
        add_evidence(self.unit, entity, row.id, evidence)
        self.s.flush()
        self.unit.audit(AuditAction.UPDATE, entity, row.id, current, row_dict(row))
        return "updated", row.id

    def involve(self, event_id: int, role: str, **who: Any) -> None:
        """An involvement, unless the event already has the same one (a re-import adds, never doubles)."""
        query = select(InvolvementRow.id).where(InvolvementRow.event_id == event_id, InvolvementRow.role == role)
        for key in ("person_id", "actor_id"):
            query = query.where(getattr(InvolvementRow, key) == who[key] if who.get(key) else
                                getattr(InvolvementRow, key).is_(None))
        if self.s.scalar(query.limit(1)) is None:
            involve_in(self.unit, event_id, role, **who)

    def event(self, external_id: str, number: int, parsed: Mapping[str, Any], span: tuple[int, int, str]) -> str:
        values = {**parsed["event"], "place_id": self.place_of(parsed.get("place"))}
        sources = [self.source(n, kind=parsed.get("source_kind")) for n in parsed.get("sources") or []]
        outcome, event_id = self.record("event", external_id, number, values, span, sources)
        for actor in parsed.get("perpetrators") or []:
            self.involve(event_id, "perpetrator", actor_id=self.actor(actor["name"], actor["kind"]))
        for actor in parsed.get("victims") or []:
            self.involve(event_id, "victim", actor_id=self.actor(actor["name"], actor["kind"]))
        if parsed.get("civilians"):
            self.involve(event_id, "victim", attributes={"civilian": True})
        return outcome


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value
