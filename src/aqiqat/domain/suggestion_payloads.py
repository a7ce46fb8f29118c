"""The JSON payload of each suggestion kind, as the extractor writes it and the workbench reads it.

Every key listed is always present (``None`` or empty when unknown). Values are JSON types only:
dates are ISO strings, enums their string values. Standard library only.
"""

from __future__ import annotations

from typing import TypedDict


class PersonPayload(TypedDict):
    name: str  # nominative normal form, "Салтана Абишева"
    surname: str
    given: str
    patronymic: str
    sex: str  # Sex value
    mentions: list[str]  # every form as written, in order of first appearance
    role: str  # role as written next to a mention ("президент", "активист"), "" if none


class PlacePayload(TypedDict):
    name: str  # nominative Russian name ("Талдыкорган", "Алматинская область")
    kind: str  # PlaceKind value
    gazetteer_id: str | None  # "geonames:1525798", "aqiqat:kz-alm-region", None if not found
    lat: float | None
    lon: float | None
    country_code: str | None
    mentions: list[str]


class OrganizationPayload(TypedDict):
    name: str
    actor_kind: str  # ActorKind value
    mentions: list[str]


class DatePayload(TypedDict):
    iso: str  # FuzzyDate.iso(): "2022-01-07", "2022-01", "2022-01-04/2022-01-05", "" if unknown
    precision: str  # DatePrecision value
    start: str | None  # ISO day
    end: str | None  # ISO day (ranges only)
    text: str  # as written
    anchor: str  # what a relative date was resolved against ("absolute", "published", "previous", ...)


class FigurePayload(TypedDict):
    value: float | None
    min: float | None
    max: float | None
    qualifier: str  # Qualifier value
    counted: str  # dead, injured, detained, protesters, prisoners, evidence (none given), people, ...
    claimant: str | None  # as written ("правозащитники", "по разным оценкам")
    date_iso: str | None  # when the figure is claimed (publication date) if known


class QuotePayload(TypedDict):
    text: str  # inside the marks
    speaker: str | None  # entity name (nominative) or the speaker text when unresolved
    speaker_kind: str  # "person", "organization" or "unknown"
    speaker_role: str | None  # as written ("супруга обвиненного в терроризме")


class EventDatePayload(TypedDict):
    iso: str
    precision: str
    start: str | None
    end: str | None
    text: str


class VictimPayload(TypedDict):
    name: str | None  # a named person (nominative) or None for an unnamed counted group
    count: int
    harm: str | None  # Harm value
    attributes: dict[str, str | int]  # {"role": "дочь", "sex": "female", "age": 12}


class PerpetratorPayload(TypedDict):
    name: str  # as normalised: "военные", "сотрудники КНБ", "Токаев"
    kind: str  # ActorKind value, or "person"


class EventPayload(TypedDict):
    type: str  # EventType value
    trigger: str  # the word the event was read from
    date: EventDatePayload | None
    place: str | None  # place name (nominative)
    victims: list[VictimPayload]
    perpetrators: list[PerpetratorPayload]
    outcome: str | None  # Harm value of the outcome sentence ("killed"), None if not stated
    claimant: str | None  # who says so (speaker of the quote it is in, "по данным ..."), None = the document
    killed_min: int | None
    killed_max: int | None
    injured_min: int | None
    injured_max: int | None
    detained_min: int | None
    detained_max: int | None
    sentence: str
    subtype: str | None  # refines type "other" ("deployment"), None otherwise
    count_qualifiers: dict[str, str]  # how each count was given: {"detained": "more_than"}


class ClaimPayload(TypedDict):
    text: str  # the assertion as written
    kind: str  # ClaimKind value
    claimant: str | None
    disputed_by: list[str]  # claimants who dispute it in the same document
    subject: str  # a short key of what it is about ("беспорядки", "иностранные боевики")
    stance: str | None  # Stance value toward the claim it answers, if any
