"""Redaction: what a reader without clearance sees in place of a protected record's fields."""

from __future__ import annotations

from typing import Any

PERSON_PROTECTED = ("display_name", "surname", "given_name", "patronymic", "contact", "notes", "occupation")


def pseudonym(person_id: int | None, affiliation_role: str = "Witness") -> str:
    return f"{affiliation_role} {person_id}" if person_id is not None else affiliation_role


def redact_person(record: dict[str, Any]) -> dict[str, Any]:
    """A person's record with every identifying field replaced: "Witness 3", never the name."""
    out = dict(record)
    for key in PERSON_PROTECTED:
        if key in out:
            out[key] = ""
    out["display_name"] = pseudonym(record.get("id"))
    out["names"] = []
    out["redacted"] = True
    return out


def redact_document(record: dict[str, Any]) -> dict[str, Any]:
    out = dict(record)
    out["text"] = None
    out["title"] = f"Restricted document {record.get('id')}"
    out["author"] = None
    out["url"] = None
    out["original_name"] = ""
    out["consent_note"] = ""
    out["redacted"] = True
    return out
