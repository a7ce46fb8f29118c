"""Values that cross package boundaries: a passage (Span), a machine suggestion before it is stored
(SuggestionDraft) and a victims-list row as read (ListEntry).

Register records themselves are the store's rows (store/tables.py), read by the service layer (api/) into plain
dicts filtered by the reader's clearance; no second copy of the model is kept here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from aqiqat.domain.enums import (
    Sex,
    SuggestionKind,
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
class SuggestionDraft:
    """What an extractor proposes: a pure value, before it is stored."""

    kind: SuggestionKind
    payload: dict[str, Any]
    spans: tuple[Span, ...]
    confidence: float
    extractor: str
    version: str


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


