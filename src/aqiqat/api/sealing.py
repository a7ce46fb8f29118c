"""Encryption at rest, applied where rows are written: restricted values never reach the database in clear.

Before every flush, a restricted person's identifying fields, its written names, a restricted document's text
and descriptive fields, and passages (evidence, quotes) of a restricted document are sealed into their
`sealed`/`text_sealed` column and the plain columns are blanked. Whoever writes rows (records, review,
linkage, ingest) gets this without doing anything. Reading back is explicit: the views call `person_fields`,
`document_fields` and `passage_text` for principals cleared to see the record; without the key they raise
KeyUnavailable (a clear one-line error), never show ciphertext.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from aqiqat.api.errors import AqiqatError
from aqiqat.security.crypto import CryptoError, Keyring
from aqiqat.security.keys import ENV_KEY, load_keyring
from aqiqat.store.tables import DocumentRow, EvidenceRow, PersonNameRow, PersonRow, QuoteRow, SuggestionRow

RESTRICTED = "restricted"
PERSON_SEALED: dict[str, Any] = {
    "display_name": "",
    "surname": "",
    "given_name": "",
    "patronymic": "",
    "occupation": "",
    "contact": "",
    "notes": "",
    "name_key": "",
}
DOCUMENT_SEALED: dict[str, Any] = {
    "text": None,
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


def _seal_fields(session: Session, obj: Any, column: str, fields: dict[str, Any], purpose: str, on: bool) -> bool:
    """Seal (on) or unseal (off) `fields` of `obj` into `column`; True when anything was done."""
    blob = getattr(obj, column)
    if not on and blob is None:
        return False
    values = dict(_open_json(session, blob, purpose)) if blob is not None else {}
    for key, blank in fields.items():
        if blob is None or _changed(obj, key):
            value = getattr(obj, key)  # None: not set yet, the column default (the blank) is what it holds
            values[key] = _fresh(blank) if value is None else value
    if on:
        setattr(obj, column, _seal_json(session, values, purpose))
        for key, blank in fields.items():
            setattr(obj, key, _fresh(blank))
    else:
        for key in fields:
            setattr(obj, key, values.get(key, fields[key]))
        setattr(obj, column, None)
    return True


def _fresh(blank: Any) -> Any:
    if isinstance(blank, dict):
        return dict(blank)
    return list(blank) if isinstance(blank, list) else blank


def _before_flush(session: Session, _ctx: object, _instances: object) -> None:
    with session.no_autoflush:
        for obj in list(session.new) + list(session.dirty):
            if isinstance(obj, DocumentRow):
                _document(session, obj)
        for obj in list(session.new) + list(session.dirty):
            if isinstance(obj, PersonRow):
                _person(session, obj)
            elif isinstance(obj, PersonNameRow):
                _name(session, obj, _person_restricted(session, obj.person_id))
            elif isinstance(obj, EvidenceRow | QuoteRow):
                _passage(session, obj)
            elif isinstance(obj, SuggestionRow):
                _suggestion(session, obj)


def _document(session: Session, row: DocumentRow) -> None:
    if _changed(row, "text") and (row.text is not None or row.text_sealed is None):
        row.text_sha256 = None if row.text is None else hashlib.sha256(row.text.encode("utf-8")).hexdigest()
    if row.confidentiality == RESTRICTED or row.text_sealed is not None:
        _seal_fields(session, row, "text_sealed", DOCUMENT_SEALED, "document", row.confidentiality == RESTRICTED)


def _person_restricted(session: Session, person_id: int | None) -> bool:
    person = session.get(PersonRow, person_id) if person_id is not None else None
    return person is not None and person.confidentiality == RESTRICTED


def _person(session: Session, row: PersonRow) -> None:
    on = row.confidentiality == RESTRICTED
    if not _seal_fields(session, row, "sealed", PERSON_SEALED, "person", on) and not on:
        return
    if row.id is not None and _changed(row, "confidentiality"):
        for name in session.scalars(select(PersonNameRow).where(PersonNameRow.person_id == row.id)):
            _name(session, name, on)


def _name(session: Session, row: PersonNameRow, on: bool) -> None:
    _seal_fields(session, row, "sealed", {"text": ""}, "person_name", on)


def _passage(session: Session, row: EvidenceRow | QuoteRow) -> None:
    doc = session.get(DocumentRow, row.document_id) if row.document_id is not None else None
    on = doc is not None and doc.confidentiality == RESTRICTED
    _seal_fields(session, row, "sealed", {"text": ""}, "passage", on)


SUGGESTION_SEALED: dict[str, Any] = {"payload": {}, "spans": []}


def _suggestion(session: Session, row: SuggestionRow) -> None:
    """A suggestion names people and quotes passages: sealed when its document is restricted."""
    doc = session.get(DocumentRow, row.document_id) if row.document_id is not None else None
    on = doc is not None and doc.confidentiality == RESTRICTED
    _seal_fields(session, row, "sealed", SUGGESTION_SEALED, "suggestion", on)


def suggestion_fields(row: SuggestionRow) -> dict[str, Any]:
    """A suggestion's payload and spans, opened when sealed."""
    if row.sealed is None:
        return {"payload": row.payload, "spans": row.spans}
    return dict(_open_json(_session_of(row), row.sealed, "suggestion"))


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


def name_text(row: PersonNameRow) -> str:
    return row.text if row.sealed is None else str(_open_json(_session_of(row), row.sealed, "person_name")["text"])


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
