"""Records of the register. Identifiers are integers given by the store (``None`` before it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from aqiqat.domain.dates import FuzzyDate
from aqiqat.domain.enums import (
    ActorKind,
    AdoptionRule,
    Affiliation,
    AuditAction,
    ClaimKind,
    Confidentiality,
    DatePrecision,
    DocumentKind,
    EventType,
    Harm,
    InvolvementRole,
    LocationPrecision,
    PerpetratorMode,
    PlaceKind,
    Qualifier,
    Reliability,
    Sex,
    SourceKind,
    Stance,
    SuggestionKind,
    SuggestionStatus,
    UserRole,
    VerificationGrade,
)


@dataclass(frozen=True, slots=True)
class Span:
    """A passage of a document: [start, end) in Unicode characters of its text, with the text itself."""

    document_id: int | None
    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span [{self.start}, {self.end})")


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    kind: SourceKind = SourceKind.OTHER
    reliability: Reliability = Reliability.UNKNOWN
    url: str | None = None
    notes: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    sha256: str
    media_type: str
    size: int
    kind: DocumentKind = DocumentKind.OTHER
    title: str = ""
    url: str | None = None
    author: str | None = None
    published_at: date | None = None
    published_precision: DatePrecision = DatePrecision.UNKNOWN
    retrieved_at: datetime | None = None
    language: str | None = None
    text: str | None = None
    confidentiality: Confidentiality = Confidentiality.INTERNAL
    consent_note: str = ""
    original_name: str = ""
    encoding: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    source_id: int | None = None
    id: int | None = None
    version: int = 1


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    kind: PlaceKind = PlaceKind.CITY
    variants: tuple[str, ...] = ()
    parent_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    gazetteer_id: str | None = None
    country_code: str | None = None
    id: int | None = None
    version: int = 1


@dataclass(frozen=True, slots=True)
class PersonName:
    """A name as written in one passage."""

    text: str
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Person:
    display_name: str
    surname: str = ""
    given_name: str = ""
    patronymic: str = ""
    names: tuple[PersonName, ...] = ()
    sex: Sex = Sex.UNKNOWN
    age: int | None = None
    birth_year: int | None = None
    affiliation: Affiliation = Affiliation.UNKNOWN
    occupation: str = ""
    contact: str = ""
    notes: str = ""
    confidentiality: Confidentiality = Confidentiality.INTERNAL
    merged_into_id: int | None = None
    id: int | None = None
    version: int = 1


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    kind: ActorKind = ActorKind.UNKNOWN
    variants: tuple[str, ...] = ()
    id: int | None = None
    version: int = 1


@dataclass(frozen=True, slots=True)
class Event:
    type: EventType
    title: str
    description: str = ""
    start: FuzzyDate = field(default_factory=FuzzyDate.unknown)
    end: date | None = None
    place_id: int | None = None
    location_precision: LocationPrecision = LocationPrecision.UNKNOWN
    killed_min: int | None = None
    killed_max: int | None = None
    injured_min: int | None = None
    injured_max: int | None = None
    detained_min: int | None = None
    detained_max: int | None = None
    grade: VerificationGrade = VerificationGrade.WEAK
    parent_id: int | None = None
    confidentiality: Confidentiality = Confidentiality.INTERNAL
    id: int | None = None
    version: int = 1


@dataclass(frozen=True, slots=True)
class Involvement:
    """A person or an actor (or an unnamed counted group) in an event, in one role."""

    event_id: int
    role: InvolvementRole
    person_id: int | None = None
    actor_id: int | None = None
    harm: Harm | None = None
    mode: PerpetratorMode | None = None
    count: int = 1
    attributes: dict[str, Any] = field(default_factory=dict)
    evidence: tuple[Span, ...] = ()
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Claimant:
    """Who asserts: exactly one of a person, an actor or a source."""

    person_id: int | None = None
    actor_id: int | None = None
    source_id: int | None = None
    label: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    kind: ClaimKind
    text: str
    claimant: Claimant = field(default_factory=Claimant)
    subject: str = ""
    event_id: int | None = None
    person_id: int | None = None
    value: float | None = None
    value_min: float | None = None
    value_max: float | None = None
    qualifier: Qualifier = Qualifier.EXACT
    claimed_on: date | None = None
    stance: Stance | None = None
    about_claim_id: int | None = None
    evidence: tuple[Span, ...] = ()
    id: int | None = None
    version: int = 1


@dataclass(frozen=True, slots=True)
class AdoptedFigure:
    """The value the register adopts for a subject, and the rule that chose it among the claims."""

    subject: str
    value_min: float | None
    value_max: float | None
    rule: AdoptionRule
    claim_ids: tuple[int, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Quote:
    span: Span
    speaker_person_id: int | None = None
    speaker_actor_id: int | None = None
    speaker_text: str = ""
    speaker_role: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class SuggestionDraft:
    """What an extractor proposes: a pure value, before it is stored."""

    kind: SuggestionKind
    payload: dict[str, Any]
    spans: tuple[Span, ...]
    confidence: float
    extractor: str
    version: str


@dataclass(frozen=True, slots=True)
class Suggestion:
    document_id: int
    kind: SuggestionKind
    payload: dict[str, Any]
    spans: tuple[Span, ...]
    confidence: float
    extractor: str
    version: str
    status: SuggestionStatus = SuggestionStatus.PENDING
    decided_by: str | None = None
    decided_at: datetime | None = None
    decision: dict[str, Any] = field(default_factory=dict)
    id: int | None = None
    version_no: int = 1


@dataclass(frozen=True, slots=True)
class VictimList:
    source_id: int
    name: str
    document_id: int | None = None
    column_map: dict[str, str] = field(default_factory=dict)
    id: int | None = None


@dataclass(frozen=True, slots=True)
class ListEntry:
    list_id: int
    row_number: int
    name: str
    age: int | None = None
    birth_year: int | None = None
    sex: Sex = Sex.UNKNOWN
    date_text: str = ""
    event_date: date | None = None
    place_text: str = ""
    cause: str = ""
    notes: str = ""
    raw: dict[str, Any] = field(default_factory=dict)
    person_id: int | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class User:
    username: str
    role: UserRole
    password_hash: str = ""
    language: str = "en"
    active: bool = True
    id: int | None = None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: datetime
    user: str
    action: AuditAction
    entity: str
    entity_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    prev_hash: str
    hash: str
