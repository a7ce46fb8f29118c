"""What an accepted suggestion becomes in the register: records created or linked, with their evidence."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from aqiqat.api.errors import Invalid, NotFound
from aqiqat.api.records import add_evidence, create_in
from aqiqat.api.register import Unit, row_dict
from aqiqat.api.review_events import date_event, iso, make_event, occupation_of
from aqiqat.api.sealing import sealed_name, suggestion_fields
from aqiqat.domain.enums import ActorKind, AuditAction, Confidentiality, Qualifier
from aqiqat.domain.model import Span
from aqiqat.linkage.names import name_key
from aqiqat.nlp.nominative import Member, family_members
from aqiqat.store.tables import ActorRow, PersonNameRow, PersonRow, PlaceRow, QuoteRow, SuggestionRow


class RecordMaker:
    """Creates or links the records one suggestion stands for, inside the reviewer's unit of work."""

    def __init__(
        self,
        unit: Unit,
        doc_conf: Confidentiality,
        published: date | None,
        doc_id: int | None = None,
        language: str | None = None,
    ) -> None:
        self.unit = unit
        self.s = unit.session
        self.doc_conf = doc_conf
        self.published = published
        self.doc_id = doc_id
        self.language = language

    def suggested(self, kind: str, name: str) -> dict[str, Any]:
        """What the same report's `kind` suggestion says of `name` (a place's coordinates, a person's sex)."""
        if self.doc_id is None or not name:
            return {}
        rows = self.s.scalars(
            select(SuggestionRow).where(SuggestionRow.document_id == self.doc_id, SuggestionRow.kind == kind)
        )
        for row in rows:
            payload = suggestion_fields(row)["payload"]
            if payload.get("name") == name or name in (payload.get("mentions") or []):
                return dict(payload)
        return {}

    def place_payload(self, name: str) -> dict[str, Any]:
        return {"kind": "city", **self.suggested("place", name), "name": name}

    def people_named(self, name: str | None, spans: list[Span]) -> list[int]:
        """The people a victim's name stands for: one, each member of a family named in the plural
        («супруги Нургалиевы»), none for an unnamed group."""
        if not name:
            return []
        return [row.id for row in self.people(name, self.suggested("person", name), spans, None)]

    def people(self, name: str, payload: dict[str, Any], spans: list[Span], link_to: int | None) -> list[PersonRow]:
        """The person a name stands for, or one person per member of a family it names in the plural, however
        the extractor labelled it («Нургалиевы»; «Нургалиев» of unknown sex written «супруги Нургалиевы»)."""
        members = [] if link_to is not None else self.members(name, payload)
        if not members:
            return [self.person(name, payload, spans, link_to)]
        rows: list[PersonRow] = []
        for m in members:
            member = {**payload, "name": m.name, "surname": m.name, "given": "", "patronymic": "", "sex": m.sex}
            rows.append(self.person(m.name, member, spans, None, taken={r.id for r in rows}))
        return rows

    @staticmethod
    def members(name: str, payload: dict[str, Any]) -> list[Member]:
        """The members of a family named in the plural: from the name itself («Нургалиевы»), or from a plural
        mention of a surname the extractor gave as one person («братьев Оспановых» as «Оспанов», male). A
        couple the extractor already gave as a husband and a wife is left as it split it."""
        cue = str(payload.get("role") or "")
        found = family_members(name, cue)
        if found or len(name.split()) != 1:
            return found
        sex = payload.get("sex") or "unknown"
        for written in payload.get("mentions") or []:
            found = family_members(str(written), cue)
            if found and (sex == "unknown" or all(m.sex == sex for m in found)):
                return found
        return []

    @staticmethod
    def person_key(name: str) -> str:
        key = name_key(name)
        return key.full_key or name.strip().lower()

    def make(
        self, kind: str, payload: dict[str, Any], spans: list[Span], link_to: int | None, sug_id: int
    ) -> list[dict[str, Any]]:
        handler = getattr(self, f"_{kind}", None)
        if handler is None:
            return []
        made: list[dict[str, Any]] = handler(payload, spans, link_to, sug_id)
        return made

    # -- entities -------------------------------------------------------------------------
    @property
    def restricted(self) -> bool:
        return self.doc_conf is Confidentiality.RESTRICTED

    def _linked(self, table: Any, link_to: int, what: str) -> Any:
        """The record a reviewer links to: it must exist and be one they may read."""
        row = self.s.get(table, link_to)
        if row is None or not self.unit.principal.may_see(row.confidentiality):
            raise NotFound(f"no {what} {link_to} to link to")
        return row

    def _key(self, purpose: str, value: str) -> str:
        """How a name is looked up: in clear among open records, as its keyed digest among sealed ones (a
        restricted document links only to records of its own level, never raising an open one by itself)."""
        return sealed_name(self.s, purpose, value) if self.restricted else value

    def person(self, name: str, payload: dict[str, Any], spans: list[Span], link_to: int | None,
               taken: set[int] | None = None) -> PersonRow:
        """The person `name` stands for: linked, found by name key and sex (not one of `taken`), or new."""
        if link_to is not None:
            row = self._linked(PersonRow, link_to, "person")
            self._complete(row, payload)
        else:
            key = self.person_key(name)
            row = self.s.scalar(
                select(PersonRow).where(
                    PersonRow.name_key == self._key("person", key),
                    PersonRow.merged_into_id.is_(None),
                    PersonRow.sex.in_(self._sexes(payload)),
                    PersonRow.confidentiality == str(self.doc_conf)
                    if self.restricted
                    else PersonRow.confidentiality != "restricted",
                    PersonRow.id.not_in(taken or set()),
                ).order_by(PersonRow.id).limit(1)
            )
            if row is None:
                conf = Confidentiality.RESTRICTED if self.restricted else "internal"
                row = create_in(
                    self.unit,
                    "person",
                    {
                        "display_name": name,
                        "surname": payload.get("surname") or "",
                        "given_name": payload.get("given") or "",
                        "patronymic": payload.get("patronymic") or "",
                        "sex": payload.get("sex") or "unknown",
                        "occupation": occupation_of(payload.get("role")),
                        "confidentiality": str(conf),
                    },
                    level=str(self.doc_conf),
                )
                row.name_key = key
        for sp in spans:
            self.s.add(
                PersonNameRow(person_id=row.id, text=sp.text, document_id=sp.document_id, start=sp.start, end=sp.end)
            )
        add_evidence(self.unit, "person", row.id, spans)
        return row

    @staticmethod
    def _sexes(payload: dict[str, Any]) -> list[str]:
        """Whom a name may be: Нургалиев and Нургалиева share a name key, never a person."""
        sex = payload.get("sex")
        return [sex, "unknown"] if sex in ("male", "female") else ["male", "female", "unknown"]

    def _complete(self, row: PersonRow, payload: dict[str, Any]) -> None:
        """A known person linked to a suggestion gains what it adds (sex, role) without losing what it has."""
        changes: dict[str, Any] = {}
        if (row.sex or "unknown") == "unknown" and payload.get("sex") in ("male", "female"):
            changes["sex"] = payload["sex"]
        if not row_dict(row).get("occupation") and occupation_of(payload.get("role")):
            changes["occupation"] = occupation_of(payload.get("role"))
        if changes:
            before = row_dict(row)
            for key, value in changes.items():
                setattr(row, key, value)
            self.s.flush()
            self.unit.audit(AuditAction.UPDATE, "person", row.id, before, row_dict(row))

    def actor(self, name: str, kind: str | None, spans: list[Span], link_to: int | None = None) -> ActorRow:
        if link_to is not None:
            row = self._linked(ActorRow, link_to, "actor")
        else:
            row = self.s.scalar(select(ActorRow).where(ActorRow.name == self._key("actor", name)))
            if row is None:
                actor_kind = kind if kind in {k.value for k in ActorKind} else "unknown"
                row = create_in(
                    self.unit, "actor", {"name": name, "kind": actor_kind, "variants": []}, level=str(self.doc_conf)
                )
        add_evidence(self.unit, "actor", row.id, spans)
        return row

    def place(self, payload: dict[str, Any], spans: list[Span], link_to: int | None = None) -> PlaceRow:
        name = str(payload.get("name") or "").strip()
        row: PlaceRow | None = None
        if link_to is not None:
            row = self._linked(PlaceRow, link_to, "place")
        elif payload.get("gazetteer_id"):  # a gazetteer place is public knowledge, whoever mentions it
            row = self.s.scalar(select(PlaceRow).where(PlaceRow.gazetteer_id == payload["gazetteer_id"]))
        if row is None and link_to is None and not self.restricted:  # a sealed place is never found by name
            row = self.s.scalar(
                select(PlaceRow).where(PlaceRow.name == name, PlaceRow.confidentiality != "restricted")
            )
        if row is not None and row.latitude is None and payload.get("lat") is not None:
            before = row_dict(row)  # a place first named without coordinates gets the gazetteer's
            row.latitude, row.longitude = payload["lat"], payload.get("lon")
            row.gazetteer_id = row.gazetteer_id or payload.get("gazetteer_id")
            row.country_code = row.country_code or payload.get("country_code")
            self.s.flush()
            self.unit.audit(AuditAction.UPDATE, "place", row.id, before, row_dict(row))
        if row is None:
            row = create_in(
                self.unit,
                "place",
                {
                    "name": name,
                    "kind": payload.get("kind") or "city",
                    "variants": sorted(set(payload.get("mentions") or []) - {name}),
                    "latitude": payload.get("lat"),
                    "longitude": payload.get("lon"),
                    "gazetteer_id": payload.get("gazetteer_id"),
                    "country_code": payload.get("country_code"),
                },
                level=None if payload.get("gazetteer_id") else str(self.doc_conf),
            )
        add_evidence(self.unit, "place", row.id, spans)
        return row

    def _person(self, p: dict[str, Any], spans: list[Span], link_to: int | None, _: int) -> list[dict[str, Any]]:
        name = str(p.get("name") or "").strip()
        if not name:
            raise Invalid("a person needs a name")
        return [{"entity": "person", "id": row.id} for row in self.people(name, p, spans, link_to)]

    def _place(self, p: dict[str, Any], spans: list[Span], link_to: int | None, _: int) -> list[dict[str, Any]]:
        return [{"entity": "place", "id": self.place(p, spans, link_to).id}]

    def _organization(self, p: dict[str, Any], spans: list[Span], link_to: int | None, _: int) -> list[dict[str, Any]]:
        row = self.actor(str(p.get("name") or "").strip(), p.get("actor_kind"), spans, link_to)
        return [{"entity": "actor", "id": row.id}]

    def _date(self, p: dict[str, Any], spans: list[Span], link_to: int | None, _: int) -> list[dict[str, Any]]:
        return date_event(self, p, spans, link_to)

    # -- facts ----------------------------------------------------------------------------
    def _figure(self, p: dict[str, Any], spans: list[Span], link_to: int | None, _: int) -> list[dict[str, Any]]:
        qualifier = p.get("qualifier") or "exact"
        if qualifier not in {q.value for q in Qualifier}:
            qualifier = "exact"
        row = create_in(
            self.unit,
            "claim",
            {
                "kind": "figure",
                "text": " … ".join(sp.text for sp in spans),
                "claimant_label": p.get("claimant") or "",
                "subject": p.get("counted") or "",
                "value": p.get("value"),
                "value_min": p.get("min"),
                "value_max": p.get("max"),
                "qualifier": qualifier,
                "claimed_on": iso(p.get("date_iso")) or self.published,
                "event_id": link_to,
            },
            spans,
            level=str(self.doc_conf),
        )
        return [{"entity": "claim", "id": row.id}]

    def _claim(self, p: dict[str, Any], spans: list[Span], link_to: int | None, _: int) -> list[dict[str, Any]]:
        kind = p.get("kind") if p.get("kind") in {"figure", "attribution", "denial", "other"} else "other"
        main = create_in(
            self.unit,
            "claim",
            {
                "kind": kind,
                "text": p.get("text") or " … ".join(sp.text for sp in spans),
                "claimant_label": p.get("claimant") or "",
                "subject": p.get("subject") or "",
                "claimed_on": self.published,
                "event_id": link_to,
            },
            spans,
            level=str(self.doc_conf),
        )
        made = [{"entity": "claim", "id": main.id}]
        for who in p.get("disputed_by") or []:
            denial = create_in(
                self.unit,
                "claim",
                {
                    "kind": "denial",
                    "text": f"{who}: disputes «{main.text[:200]}»",
                    "claimant_label": who,
                    "subject": main.subject,
                    "stance": "disputes",
                    "about_claim_id": main.id,
                    "claimed_on": self.published,
                    "event_id": link_to,
                },
                spans,
                level=str(self.doc_conf),
            )
            made.append({"entity": "claim", "id": denial.id})
        return made

    def _quote(self, p: dict[str, Any], spans: list[Span], link_to: int | None, _: int) -> list[dict[str, Any]]:
        if not spans:
            raise Invalid("a quote needs its passage")
        speaker = str(p.get("speaker") or "").strip()
        person_id = actor_id = None
        if speaker and p.get("speaker_kind") == "person":
            person_id = self.person(speaker, {}, spans, link_to).id
        elif speaker and p.get("speaker_kind") == "organization":
            actor_id = self.actor(speaker, None, [], link_to).id
        sp = spans[0]
        row = QuoteRow(
            document_id=sp.document_id,
            start=sp.start,
            end=sp.end,
            text=sp.text,
            speaker_person_id=person_id,
            speaker_actor_id=actor_id,
            speaker_text=speaker,
            speaker_role=p.get("speaker_role") or "",
            confidentiality=str(self.doc_conf) if self.restricted else "internal",
        )
        self.s.add(row)
        self.s.flush()
        self.unit.audit(AuditAction.CREATE, "quote", row.id, None, row_dict(row))
        return [{"entity": "quote", "id": row.id}]

    def _event(self, p: dict[str, Any], spans: list[Span], link_to: int | None, _: int) -> list[dict[str, Any]]:
        return make_event(self, p, spans)
