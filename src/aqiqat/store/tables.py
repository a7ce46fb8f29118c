"""The register's tables (SQLAlchemy 2 declarative). Versioned records carry `version` for optimistic locking."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Json = JSON().with_variant(JSON(none_as_null=True), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Versioned:
    """Mixin: an integer version bumped on every update; a stale update fails (no lost updates)."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class SourceRow(Base):
    __tablename__ = "sources"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(500), nullable=False, unique=True)
    kind: Mapped[str] = mapped_column(String(32), nullable=False, default="other")
    reliability: Mapped[str] = mapped_column(String(16), nullable=False, default="unknown")
    url: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    confidentiality: Mapped[str] = mapped_column(String(16), nullable=False, default="internal", index=True)
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary)


class DocumentRow(Versioned, Base):
    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_source_published", "source_id", "published_at"),)
    __mapper_args__ = {"version_id_col": Versioned.version}  # type: ignore[dict-item]
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    media_type: Mapped[str] = mapped_column(String(200), nullable=False)
    size: Mapped[int] = mapped_column(BigInteger, nullable=False)
    kind: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    title: Mapped[str] = mapped_column(Text, nullable=False, default="")
    url: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[date | None] = mapped_column(Date, index=True)
    published_precision: Mapped[str] = mapped_column(String(16), nullable=False, default="unknown")
    retrieved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    language: Mapped[str | None] = mapped_column(String(16), index=True)
    text: Mapped[str | None] = mapped_column(Text)
    text_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    text_sha256: Mapped[str | None] = mapped_column(String(64))  # SHA-256 of the text (UTF-8), sealed or not
    file_sealed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    confidentiality: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    consent_note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    original_name: Mapped[str] = mapped_column(Text, nullable=False, default="")
    encoding: Mapped[str | None] = mapped_column(String(32))
    meta: Mapped[dict[str, Any]] = mapped_column("metadata", Json, nullable=False, default=dict)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), index=True)
    extracted_version: Mapped[str | None] = mapped_column(String(64))
    assigned_to: Mapped[str] = mapped_column(String(200), nullable=False, default="", server_default="")  # reviewer


class PlaceRow(Versioned, Base):
    __tablename__ = "places"
    __mapper_args__ = {"version_id_col": Versioned.version}  # type: ignore[dict-item]
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(500), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    variants: Mapped[list[str]] = mapped_column(Json, nullable=False, default=list)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    gazetteer_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    country_code: Mapped[str | None] = mapped_column(String(2))
    confidentiality: Mapped[str] = mapped_column(String(16), nullable=False, default="internal", index=True)
    level_floor: Mapped[str] = mapped_column(String(16), nullable=False, default="public")  # set by hand
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary)


class PersonRow(Versioned, Base):
    __tablename__ = "persons"
    __mapper_args__ = {"version_id_col": Versioned.version}  # type: ignore[dict-item]
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    display_name: Mapped[str] = mapped_column(Text, nullable=False)
    surname: Mapped[str] = mapped_column(Text, nullable=False, default="")
    given_name: Mapped[str] = mapped_column(Text, nullable=False, default="")
    patronymic: Mapped[str] = mapped_column(Text, nullable=False, default="")
    sex: Mapped[str] = mapped_column(String(16), nullable=False, default="unknown")
    age: Mapped[int | None] = mapped_column(Integer)
    birth_year: Mapped[int | None] = mapped_column(Integer)
    affiliation: Mapped[str] = mapped_column(String(32), nullable=False, default="unknown")
    occupation: Mapped[str] = mapped_column(Text, nullable=False, default="")
    contact: Mapped[str] = mapped_column(Text, nullable=False, default="")
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    confidentiality: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), index=True)
    name_key: Mapped[str] = mapped_column(String(200), nullable=False, default="", index=True)
    level_floor: Mapped[str] = mapped_column(String(16), nullable=False, default="public")  # set by hand


class PersonNameRow(Base):
    __tablename__ = "person_names"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), nullable=False, index=True)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)


class ActorRow(Versioned, Base):
    __tablename__ = "actors"
    __mapper_args__ = {"version_id_col": Versioned.version}  # type: ignore[dict-item]
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(500), nullable=False, unique=True)
    kind: Mapped[str] = mapped_column(String(32), nullable=False, default="unknown")
    variants: Mapped[list[str]] = mapped_column(Json, nullable=False, default=list)
    confidentiality: Mapped[str] = mapped_column(String(16), nullable=False, default="internal", index=True)
    level_floor: Mapped[str] = mapped_column(String(16), nullable=False, default="public")  # set by hand
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary)


class EventRow(Versioned, Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_type_start", "type", "start_date", "end_date", "confidentiality"),
        Index("ix_events_grade_start", "grade", "start_date", "end_date", "confidentiality"),
        Index("ix_events_conf_start", "confidentiality", "start_date", "end_date"),
        Index("ix_events_start_id", "start_date", "id"),
    )
    __mapper_args__ = {"version_id_col": Versioned.version}  # type: ignore[dict-item]
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    type: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    title: Mapped[str] = mapped_column(Text, nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    start_date: Mapped[date | None] = mapped_column(Date, index=True)
    end_date: Mapped[date | None] = mapped_column(Date)
    date_precision: Mapped[str] = mapped_column(String(16), nullable=False, default="unknown")
    date_text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)
    location_precision: Mapped[str] = mapped_column(String(16), nullable=False, default="unknown")
    killed_min: Mapped[int | None] = mapped_column(Integer)
    killed_max: Mapped[int | None] = mapped_column(Integer)
    injured_min: Mapped[int | None] = mapped_column(Integer)
    injured_max: Mapped[int | None] = mapped_column(Integer)
    detained_min: Mapped[int | None] = mapped_column(Integer)
    detained_max: Mapped[int | None] = mapped_column(Integer)
    grade: Mapped[str] = mapped_column(String(16), nullable=False, default="weak", index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("events.id"))
    confidentiality: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    level_floor: Mapped[str] = mapped_column(String(16), nullable=False, default="public")  # set by hand
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary)


class InvolvementRow(Base):
    __tablename__ = "involvements"
    __table_args__ = (Index("ix_involvements_event_role", "event_id", "role"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), nullable=False, index=True)
    role: Mapped[str] = mapped_column(String(16), nullable=False)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), index=True)
    harm: Mapped[str | None] = mapped_column(String(16))
    mode: Mapped[str | None] = mapped_column(String(16))
    count: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    attributes: Mapped[dict[str, Any]] = mapped_column(Json, nullable=False, default=dict)
    confidentiality: Mapped[str] = mapped_column(String(16), nullable=False, default="internal", index=True)
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary)


class ClaimRow(Versioned, Base):
    __tablename__ = "claims"
    __table_args__ = (Index("ix_claims_subject_kind", "subject", "kind"),)
    __mapper_args__ = {"version_id_col": Versioned.version}  # type: ignore[dict-item]
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    claimant_person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"))
    claimant_actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"))
    claimant_source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    claimant_label: Mapped[str] = mapped_column(Text, nullable=False, default="")
    subject: Mapped[str] = mapped_column(String(200), nullable=False, default="", index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"))
    value: Mapped[float | None] = mapped_column(Float)
    value_min: Mapped[float | None] = mapped_column(Float)
    value_max: Mapped[float | None] = mapped_column(Float)
    qualifier: Mapped[str] = mapped_column(String(16), nullable=False, default="exact")
    claimed_on: Mapped[date | None] = mapped_column(Date)
    stance: Mapped[str | None] = mapped_column(String(16))
    about_claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id"))
    confidentiality: Mapped[str] = mapped_column(String(16), nullable=False, default="internal", index=True)
    level_floor: Mapped[str] = mapped_column(String(16), nullable=False, default="public")  # set by hand
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary)


class AdoptedFigureRow(Versioned, Base):
    __tablename__ = "adopted_figures"
    __mapper_args__ = {"version_id_col": Versioned.version}  # type: ignore[dict-item]
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    value_min: Mapped[float | None] = mapped_column(Float)
    value_max: Mapped[float | None] = mapped_column(Float)
    rule: Mapped[str] = mapped_column(String(32), nullable=False)
    claim_ids: Mapped[list[int]] = mapped_column(Json, nullable=False, default=list)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    confidentiality: Mapped[str] = mapped_column(String(16), nullable=False, default="internal", index=True)
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary)


class QuoteRow(Base):
    __tablename__ = "quotes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), nullable=False, index=True)
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    speaker_person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"))
    speaker_actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"))
    speaker_text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    speaker_role: Mapped[str] = mapped_column(Text, nullable=False, default="")
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary)  # the passage, when its document is restricted
    confidentiality: Mapped[str] = mapped_column(String(16), nullable=False, default="internal", index=True)


class EvidenceRow(Base):
    """A passage a register record rests on: (document, start, end) and the text, for any entity."""

    __tablename__ = "evidence"
    __table_args__ = (Index("ix_evidence_entity", "entity", "entity_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity: Mapped[str] = mapped_column(String(32), nullable=False)
    entity_id: Mapped[int] = mapped_column(Integer, nullable=False)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)
    list_entry_id: Mapped[int | None] = mapped_column(ForeignKey("list_entries.id"))
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary)  # the passage, when its document is restricted
    suggestion_id: Mapped[int | None] = mapped_column(ForeignKey("suggestions.id"))
    confidentiality: Mapped[str] = mapped_column(String(16), nullable=False, default="internal", index=True)


class SuggestionRow(Versioned, Base):
    __tablename__ = "suggestions"
    __mapper_args__ = {"version_id_col": Versioned.version}  # type: ignore[dict-item]
    __table_args__ = (
        Index("ix_suggestions_doc_status", "document_id", "status"),
        Index("ix_suggestions_status_doc_kind", "status", "document_id", "kind"),  # the review inbox's counts
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    payload: Mapped[dict[str, Any]] = mapped_column(Json, nullable=False)
    spans: Mapped[list[dict[str, Any]]] = mapped_column(Json, nullable=False)
    confidence: Mapped[float] = mapped_column(Float, nullable=False)
    extractor: Mapped[str] = mapped_column(String(64), nullable=False)
    extractor_version: Mapped[str] = mapped_column(String(32), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="pending")
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decision: Mapped[dict[str, Any]] = mapped_column(Json, nullable=False, default=dict)
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary)  # payload and spans, when the document is restricted


class VictimListRow(Base):
    __tablename__ = "victim_lists"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), nullable=False)
    name: Mapped[str] = mapped_column(String(500), nullable=False)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    column_map: Mapped[dict[str, str]] = mapped_column(Json, nullable=False, default=dict)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    confidentiality: Mapped[str] = mapped_column(String(16), nullable=False, default="internal", index=True)
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary)


class ListEntryRow(Base):
    __tablename__ = "list_entries"
    __table_args__ = (UniqueConstraint("list_id", "row_number", name="uq_list_entries_row"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("victim_lists.id"), nullable=False, index=True)
    row_number: Mapped[int] = mapped_column(Integer, nullable=False)
    name: Mapped[str] = mapped_column(Text, nullable=False)
    age: Mapped[int | None] = mapped_column(Integer)
    birth_year: Mapped[int | None] = mapped_column(Integer)
    sex: Mapped[str] = mapped_column(String(16), nullable=False, default="unknown")
    date_text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    event_date: Mapped[date | None] = mapped_column(Date)
    place_text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    cause: Mapped[str] = mapped_column(Text, nullable=False, default="")
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    raw: Mapped[dict[str, Any]] = mapped_column(Json, nullable=False, default=dict)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), index=True)
    confidentiality: Mapped[str] = mapped_column(String(16), nullable=False, default="internal", index=True)
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary)


class LinkJudgementRow(Base):
    """A human judgement on a candidate pair (positive, negative, unsure); superseded, never overwritten."""

    __tablename__ = "link_judgements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    left_ref: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    right_ref: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    match_probability: Mapped[float | None] = mapped_column(Float)
    field_weights: Mapped[dict[str, Any]] = mapped_column(Json, nullable=False, default=dict)
    judgement: Mapped[str] = mapped_column(String(16), nullable=False, default="pending")
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    superseded_by: Mapped[int | None] = mapped_column(ForeignKey("link_judgements.id"))
    confidentiality: Mapped[str] = mapped_column(String(16), nullable=False, default="internal", index=True)
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary)


class UserRow(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    role: Mapped[str] = mapped_column(String(16), nullable=False)
    password_hash: Mapped[str] = mapped_column(Text, nullable=False)
    language: Mapped[str] = mapped_column(String(8), nullable=False, default="en")
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


class WebSessionRow(Base):
    """A logged-in browser or API session, kept on the server: logging out or disabling the user ends it.
    The cookie carries a random token; the table holds only its SHA-256."""

    __tablename__ = "web_sessions"
    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class AuditRow(Base):
    """Append-only hash chain: the database refuses UPDATE and DELETE (see the migration's triggers)."""

    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id"),)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    user: Mapped[str] = mapped_column(String(200), nullable=False)
    action: Mapped[str] = mapped_column(String(32), nullable=False)
    entity: Mapped[str] = mapped_column(String(32), nullable=False)
    entity_id: Mapped[str] = mapped_column(String(100), nullable=False)
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)


class TelegramMessageRow(Base):
    """A Telegram message as imported: a post (its document) or a service message (kept as metadata only).
    An edited message is a further row (and document) beside the first: (chat, message, edit time) is unique."""

    __tablename__ = "telegram_messages"
    __table_args__ = (
        UniqueConstraint("chat_id", "message_id", "edited_unixtime", name="uq_telegram_messages_version"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[str] = mapped_column(String(32), nullable=False)
    message_id: Mapped[int] = mapped_column(BigInteger, nullable=False)
    edited_unixtime: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    type: Mapped[str] = mapped_column(String(16), nullable=False)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)
    previous_document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    confidentiality: Mapped[str] = mapped_column(String(16), nullable=False)
    meta: Mapped[dict[str, Any]] = mapped_column(Json, nullable=False, default=dict)
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary)  # the metadata, when the import is restricted
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class CaptureCheckRow(Base):
    """A dated look at a captured page's URL again: unchanged, changed, lost (404/410, no DNS, a login page)."""

    __tablename__ = "capture_checks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), nullable=False, index=True)
    checked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    outcome: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    http_status: Mapped[int | None] = mapped_column(Integer)
    final_url: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[str] = mapped_column(Text, nullable=False, default="")


class PerceptualHashRow(Base):
    """A PDQ hash of an image, or of one sampled frame of a video (offset in seconds), to find it again."""

    __tablename__ = "perceptual_hashes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), nullable=False, index=True)
    offset: Mapped[float | None] = mapped_column(Float)
    hash: Mapped[str] = mapped_column(String(64), nullable=False)
    quality: Mapped[int] = mapped_column(Integer, nullable=False)


class ExternalRefRow(Base):
    """A record made by an import (ACLED, Uwazi), keyed by the file's own id for it: a re-import of a later
    version of the file updates that record. Points to the imported file (a document) and the row in it."""

    __tablename__ = "external_refs"
    __table_args__ = (
        UniqueConstraint("system", "external_id", "entity", name="uq_external_refs_key"),
        Index("ix_external_refs_entity", "entity", "entity_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    system: Mapped[str] = mapped_column(String(32), nullable=False)
    external_id: Mapped[str] = mapped_column(String(200), nullable=False)
    entity: Mapped[str] = mapped_column(String(32), nullable=False)
    entity_id: Mapped[int] = mapped_column(Integer, nullable=False)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    row_number: Mapped[int | None] = mapped_column(Integer)
    source_ids: Mapped[list[int]] = mapped_column(Json, nullable=False, default=list)  # the row's sources
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class EvidenceGroupRow(Base):
    """Documents an editor judged to carry the same picture or video: one piece of evidence. Ungrouping ends
    the group (dated, audited); it is never deleted."""

    __tablename__ = "evidence_groups"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)


class EvidenceGroupMemberRow(Base):
    __tablename__ = "evidence_group_members"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("evidence_groups.id"), nullable=False, index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), nullable=False, index=True)
