"""The HTTP API for register records: events, people, claims, places, actors, and involvements."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from aqiqat.api.errors import Invalid
from aqiqat.api.merging import merge, split
from aqiqat.api.records import add_involvement, create, declassify, get_record, list_records, update
from aqiqat.api.web_queries import EventQuery, PeopleQuery, list_events, list_people
from aqiqat.web.deps import CsrfDep, EditorDep, PrincipalDep, RegisterDep
from aqiqat.web.params import event_query

router = APIRouter(prefix="/api/v1", dependencies=[CsrfDep], tags=["records"])


class Entity(StrEnum):
    events = "events"
    people = "people"
    claims = "claims"
    places = "places"
    actors = "actors"


SINGULAR = {"events": "event", "people": "person", "claims": "claim", "places": "place", "actors": "actor"}


class Changes(BaseModel):
    version: int = Field(description="the record's version you read (a stale one gets 409)")
    changes: dict[str, Any]


class Declassification(BaseModel):
    level: Literal["public", "internal"]
    reason: str = Field(min_length=1, description="why, for the audit log (e.g. the witness agreed to be named)")


class Involvement(BaseModel):
    role: Literal["victim", "perpetrator", "witness"]
    person_id: int | None = None
    actor_id: int | None = None
    harm: str | None = None
    mode: str | None = None
    count: int = Field(1, ge=1)
    attributes: dict[str, Any] = Field(default_factory=dict)


@router.get("/events", summary="Events, filtered and paged (newest first)")
def events(
    reg: RegisterDep,
    principal: PrincipalDep,
    type: str | None = None,
    grade: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    place: str | None = None,
    perpetrator: str | None = None,
    text: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    q: EventQuery = event_query(type, grade, date_from, date_to, place, perpetrator, text, limit, offset)
    rows, total = list_events(reg, principal, q)
    return {"total": total, "items": rows}


@router.get("/people", summary="People, filtered and paged; restricted ones as pseudonyms")
def people(
    reg: RegisterDep,
    principal: PrincipalDep,
    name: str | None = None,
    affiliation: str | None = None,
    role: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    rows, total = list_people(
        reg, principal, PeopleQuery(name=name, affiliation=affiliation, role=role, limit=limit, offset=offset)
    )
    return {"total": total, "items": rows}


@router.get("/{entity}", summary="Claims, places or actors")
def records(
    reg: RegisterDep,
    principal: PrincipalDep,
    entity: Entity,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    rows = list_records(reg, principal, SINGULAR[entity], None, limit, offset)
    return {"items": rows}


@router.get("/{entity}/{record_id}", summary="One record with its evidence and history")
def record(reg: RegisterDep, principal: PrincipalDep, entity: Entity, record_id: int) -> dict[str, Any]:
    data = get_record(reg, principal, SINGULAR[entity], record_id)
    return data


@router.post("/{entity}", status_code=201, summary="Create a record (audited)")
def create_record(reg: RegisterDep, principal: EditorDep, entity: Entity, values: dict[str, Any]) -> dict[str, Any]:
    return create(reg, principal, SINGULAR[entity], values)


@router.patch("/{entity}/{record_id}", summary="Change a record made at `version`; 409 if it moved on")
def update_record(
    reg: RegisterDep, principal: EditorDep, entity: Entity, record_id: int, body: Changes
) -> dict[str, Any]:
    if not body.changes:
        raise Invalid("nothing to change")
    return update(reg, principal, SINGULAR[entity], record_id, body.version, body.changes)


@router.post(
    "/{entity}/{record_id}/declassify", summary="Lower a record's level below its evidence's, with a reason (audited)"
)
def declassify_record(
    reg: RegisterDep, principal: EditorDep, entity: Entity, record_id: int, body: Declassification
) -> dict[str, Any]:
    return declassify(reg, principal, SINGULAR[entity], record_id, body.level, body.reason)


class Merge(BaseModel):
    other: int = Field(description="the record merged into this one (it stays, with nothing referring to it)")
    versions: tuple[int, int] | None = Field(
        None, description="this record's and the other's versions as read: a merge of a record changed since gets 409")


@router.post("/{entity}/{record_id}/merge", summary="Merge another person, place or actor into this one (audited)")
def merge_record(reg: RegisterDep, principal: EditorDep, entity: Entity, record_id: int, body: Merge) -> dict[str, Any]:
    return merge(reg, principal, SINGULAR[entity], record_id, body.other, body.versions)


@router.post("/{entity}/{record_id}/split", summary="Undo the last merge of this person, place or actor (audited)")
def split_record(reg: RegisterDep, principal: EditorDep, entity: Entity, record_id: int) -> dict[str, Any]:
    return split(reg, principal, SINGULAR[entity], record_id)


@router.post("/events/{event_id}/involvements", status_code=201, summary="Add a victim, perpetrator or witness")
def involve(reg: RegisterDep, principal: EditorDep, event_id: int, body: Involvement) -> dict[str, Any]:
    return add_involvement(
        reg,
        principal,
        event_id,
        body.role,
        person_id=body.person_id,
        actor_id=body.actor_id,
        harm=body.harm,
        mode=body.mode,
        count=body.count,
        attributes=body.attributes,
    )
