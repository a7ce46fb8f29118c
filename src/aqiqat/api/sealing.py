"""Encryption at rest, applied where rows are written: restricted values never reach the database in clear.

Before every flush, a restricted person's identifying fields, its written names, a restricted document's text
and descriptive fields, and passages (evidence, quotes) of a restricted document are sealed into their
`sealed`/`text_sealed` column and the plain columns are blanked. Whoever writes rows (records, review,
linkage, ingest) gets this without doing anything. Reading back is explicit: the views call `person_fields`,
`document_fields` and `passage_text` for principals cleared to see the record; without the key they raise
KeyUnavailable (a clear one-line error), never show ciphertext.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from aqiqat.api import levels
from aqiqat.api.errors import AqiqatError
from aqiqat.security.crypto import CryptoError, Keyring
from aqiqat.security.keys import ENV_KEY, load_keyring
from aqiqat.store.tables import (
    ActorRow,
    AdoptedFigureRow,
    ClaimRow,
    DocumentRow,
    EventRow,
    EvidenceRow,
    InvolvementRow,
    LinkJudgementRow,
    ListEntryRow,
    PersonNameRow,
    PersonRow,
    PlaceRow,
    QuoteRow,
    SourceRow,
    SuggestionRow,
    VictimListRow,
)

RESTRICTED = "restricted"


class Unique:
    """The blank of a unique column (a source's or an actor's name, a
    person's name key): a keyed digest of the value, so that two
    sealed rows never collide and the same name seals to the same blank (found again by `sealed_name`)."""


PERSON_SEALED: dict[str, Any] = {
    "display_name": "",
    "surname": "",
    "given_name": "",
    "patronymic": "",
    "occupation": "",
    "contact": "",
    "notes": "",
    "name_key": Unique(),
}
DOCUMENT_SEALED: dict[str, Any] = {
    "text": None,
    "url": None,
    "title": "",
    "author": None,
    "original_name": "",
    "consent_note": "",
    "meta": {},
}


class KeyUnavailable(AqiqatError):
    """A restricted value must be sealed or opened and the encryption key is not there (or does not fit)."""

    status = 503


class KeyHolder:
    """The register's keyring, loaded when first needed (from AQIQAT_KEY or the key file)."""

    def __init__(self, path: Path, env: Mapping[str, str] | None = None) -> None:
        self.path = path
        self.env = dict(env or {})  # AQIQAT_KEY from the settings; the key file otherwise
        self._ring: Keyring | None = None
        self._stamp: tuple[int, int] | None = None

    def _file_stamp(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def ring(self) -> Keyring | None:
        """The keyring, reloaded when its file changed (a rotation by another process: a running server
        follows it at once instead of sealing under a retired key)."""
        stamp = self._file_stamp()
        if self._ring is None or (self._ring.source == "file" and stamp != self._stamp):
            try:
                self._ring = load_keyring(self.path, self.env)
            except CryptoError as exc:
                raise KeyUnavailable(str(exc)) from None
            self._stamp = stamp
        return self._ring

    def require(self) -> Keyring:
        ring = self.ring()
        if ring is None:
            raise KeyUnavailable(
                f"restricted records are encrypted and the encryption key is not available: no key file at "
                f"{self.path} and no {ENV_KEY} (run `aqiqat init`, or point AQIQAT_KEY_FILE at the key)"
            )
        return ring

    def set(self, ring: Keyring | None) -> None:
        self._ring = ring
        self._stamp = self._file_stamp()


def install(sessions: sessionmaker[Session], keys: KeyHolder) -> None:
    """Seal restricted values on every flush of sessions made by `sessions`."""
    sessions.configure(info={"keys": keys})
    event.listen(sessions, "before_flush", _before_flush)
    levels.install(sessions)


def keys_of(session: Session) -> KeyHolder:
    keys = session.info.get("keys")
    if not isinstance(keys, KeyHolder):
        raise KeyUnavailable("this session was not opened by a register: no keys")
    return keys


def _open_json(session: Session, blob: bytes, purpose: str) -> Any:
    try:
        return keys_of(session).require().open_json(blob, purpose)
    except CryptoError as exc:
        raise KeyUnavailable(f"a restricted record cannot be opened: {exc}") from None


def _seal_json(session: Session, value: Any, purpose: str) -> bytes:
    return keys_of(session).require().seal_json(value, purpose)


def _changed(obj: Any, key: str) -> bool:
    state = inspect(obj)
    return bool(state.pending or state.transient or state.attrs[key].history.added)


def sealed_name(session: Session, purpose: str, value: str) -> str:
    ring = keys_of(session).require()
    digest = hmac.new(ring.current_key, f"{purpose}\x00{value}".encode(), hashlib.sha256).hexdigest()
    return f"sealed:{digest[:40]}"


def _seal_fields(session: Session, obj: Any, column: str, fields: dict[str, Any], purpose: str, on: bool) -> bool:
    """Seal (on) or unseal (off) `fields` of `obj` into `column`; True when anything was done."""
    blob = getattr(obj, column)
    if not on and blob is None:
        return False
    values = dict(_open_json(session, blob, purpose)) if blob is not None else {}
    for key, blank in fields.items():
        if blob is None or _changed(obj, key):
            value = getattr(obj, key)  # None: not set yet, the column default (the blank) is what it holds
            if isinstance(blank, Unique) and isinstance(value, str) and value.startswith("sealed:"):
                continue  # the blank itself, not a new value
            values[key] = _fresh(blank) if value is None else value
    if on:
        setattr(obj, column, _seal_json(session, values, purpose))
        for key, blank in fields.items():
            if isinstance(blank, Unique):
                setattr(obj, key, sealed_name(session, purpose, str(values.get(key) or "")))
            else:
                setattr(obj, key, _fresh(blank))
    else:
        for key, blank in fields.items():
            setattr(obj, key, values.get(key, None if isinstance(blank, Unique) else _fresh(blank)))
        setattr(obj, column, None)
    return True


def _fresh(blank: Any) -> Any:
    if isinstance(blank, Unique):
        return ""
    if isinstance(blank, dict):
        return dict(blank)
    return list(blank) if isinstance(blank, list) else blank


SUGGESTION_SEALED: dict[str, Any] = {"payload": {}, "spans": [], "decision": {}}
# row class -> (sealed column, the fields sealed in it and their blanks, purpose): every record whose level
# is restricted keeps these only in the sealed column
SPECS: dict[type[Any], tuple[str, dict[str, Any], str]] = {
    DocumentRow: ("text_sealed", DOCUMENT_SEALED, "document"),
    PersonRow: ("sealed", PERSON_SEALED, "person"),
    PersonNameRow: ("sealed", {"text": ""}, "person_name"),
    EvidenceRow: ("sealed", {"text": ""}, "passage"),
    QuoteRow: ("sealed", {"text": "", "speaker_text": "", "speaker_role": ""}, "passage"),
    SuggestionRow: ("sealed", SUGGESTION_SEALED, "suggestion"),
    EventRow: ("sealed", {"title": "", "description": "", "date_text": ""}, "event"),
    ClaimRow: ("sealed", {"text": "", "claimant_label": ""}, "claim"),
    InvolvementRow: ("sealed", {"attributes": {}}, "involvement"),
    PlaceRow: ("sealed", {"name": "", "variants": []}, "place"),
    ActorRow: ("sealed", {"name": Unique(), "variants": []}, "actor"),
    SourceRow: ("sealed", {"name": Unique(), "url": None, "notes": ""}, "source"),
    AdoptedFigureRow: ("sealed", {"note": ""}, "adopted_figure"),
    VictimListRow: ("sealed", {"name": "", "column_map": {}}, "victim_list"),
    ListEntryRow: (
        "sealed",
        {"name": "", "date_text": "", "place_text": "", "cause": "", "notes": "", "raw": {}},
        "list_entry",
    ),
    LinkJudgementRow: ("sealed", {"field_weights": {}}, "link_judgement"),
}


def _restricted(session: Session, obj: Any) -> bool:
    if isinstance(obj, PersonNameRow):
        return _person_restricted(session, obj.person_id)
    if isinstance(obj, SuggestionRow):
        doc = session.get(DocumentRow, obj.document_id) if obj.document_id is not None else None
        return doc is not None and doc.confidentiality == RESTRICTED
    return bool(obj.confidentiality == RESTRICTED)


def _before_flush(session: Session, _ctx: object, _instances: object) -> None:
    with session.no_autoflush:
        new = list(session.new)
        if len(new) > 50:
            levels.prefetch(session, new)
        for obj in new:  # a new record starts at the level of what it rests on
            entity = levels.ENTITY_OF.get(type(obj))
            if entity is not None and entity not in {"document", "source"}:
                obj.confidentiality = levels.top([obj.confidentiality, levels.level_of(session, entity, obj)])
        for obj in list(session.new) + list(session.dirty):
            if isinstance(obj, DocumentRow):
                _document(session, obj)
        for obj in list(session.new) + list(session.dirty):
            spec = SPECS.get(type(obj))
            if spec is None or isinstance(obj, DocumentRow):
                continue
            column, fields, purpose = spec
            on = _restricted(session, obj)
            done = _seal_fields(session, obj, column, fields, purpose, on)
            if isinstance(obj, PersonRow) and (done or on) and obj.id is not None and _changed(obj, "confidentiality"):
                for name in session.scalars(select(PersonNameRow).where(PersonNameRow.person_id == obj.id)):
                    _seal_fields(session, name, "sealed", {"text": ""}, "person_name", on)


def _document(session: Session, row: DocumentRow) -> None:
    if _changed(row, "text") and (row.text is not None or row.text_sealed is None):
        row.text_sha256 = None if row.text is None else hashlib.sha256(row.text.encode("utf-8")).hexdigest()
    if row.confidentiality == RESTRICTED or row.text_sealed is not None:
        _seal_fields(session, row, "text_sealed", DOCUMENT_SEALED, "document", row.confidentiality == RESTRICTED)


def _person_restricted(session: Session, person_id: int | None) -> bool:
    person = session.get(PersonRow, person_id) if person_id is not None else None
    return person is not None and person.confidentiality == RESTRICTED


AUDIT_PURPOSE = "audit"


def seal_audit_value(session: Session, clear: str) -> dict[str, str]:
    """An audit entry's before or after value of a restricted record: sealed, with the digest of its clear form."""
    blob = keys_of(session).require().seal(clear.encode("utf-8"), AUDIT_PURPOSE)
    return {"sealed": base64.b64encode(blob).decode("ascii"), "sha256": hashlib.sha256(clear.encode()).hexdigest()}


def open_audit_value(session: Session, stored: str | None) -> Any:
    """An audit value as JSON data, opened when sealed (for readers cleared to see restricted records)."""
    if stored is None:
        return None
    data = json.loads(stored)
    if isinstance(data, dict) and set(data) == {"sealed", "sha256"}:
        try:
            clear = keys_of(session).require().open(base64.b64decode(data["sealed"]), AUDIT_PURPOSE)
        except CryptoError as exc:
            raise KeyUnavailable(f"a sealed audit value cannot be opened: {exc}") from None
        return json.loads(clear)
    return data


def is_sealed_audit_value(stored: str | None) -> bool:
    if not stored or not stored.startswith("{"):
        return False
    data = json.loads(stored)
    return isinstance(data, dict) and set(data) == {"sealed", "sha256"}


def suggestion_fields(row: SuggestionRow) -> dict[str, Any]:
    """A suggestion's payload and spans, opened when sealed."""
    if row.sealed is None:
        return {"payload": row.payload, "spans": row.spans}
    return dict(_open_json(_session_of(row), row.sealed, "suggestion"))


def clear_values(row: Any) -> dict[str, Any]:
    """A sealed row's sealed fields in clear ({} when the row is not sealed): for views of cleared readers,
    for the audit log (which seals them again) and for exports."""
    spec = SPECS.get(type(row))
    if spec is None:
        return {}
    column, fields, purpose = spec
    blob = row.__dict__.get(column) if column in row.__dict__ else getattr(row, column)
    if blob is None:
        return {}
    opened = dict(_open_json(_session_of(row), blob, purpose))
    return {k: opened.get(k, _fresh(v)) for k, v in fields.items()}


# -- reading back, for principals cleared to see restricted records ---------------------------------------


def _session_of(row: object) -> Session:
    session = Session.object_session(row)
    if session is None:
        raise KeyUnavailable("a restricted record read outside its session cannot be opened")
    return session


def person_fields(row: PersonRow) -> dict[str, Any]:
    """A sealed person's identifying fields in clear ({} when the person is not sealed)."""
    if row.sealed is None:
        return {}
    return dict(_open_json(_session_of(row), row.sealed, "person"))


def document_fields(row: DocumentRow) -> dict[str, Any]:
    """A sealed document's text, title, author, original name, consent note and metadata in clear."""
    if row.text_sealed is None:
        return {}
    return dict(_open_json(_session_of(row), row.text_sealed, "document"))


def document_text(row: DocumentRow) -> str | None:
    """A document's text, opened when sealed: for extraction and display to cleared principals."""
    return document_fields(row)["text"] if row.text_sealed is not None else row.text


def passage_text(row: EvidenceRow | QuoteRow) -> str:
    return row.text if row.sealed is None else str(_open_json(_session_of(row), row.sealed, "passage")["text"])
