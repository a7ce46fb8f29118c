"""Popolo JSON (http://www.popoloproject.com/specs/): persons, organizations and memberships, as written by
a streamed writer: one object with three arrays."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

CLASSIFICATION = {"state_security": "security service", "military": "military", "police": "police",
                  "armed_group": "armed group", "government": "government", "civil_society": "civil society",
                  "media": "media", "unknown": "unknown"}
GENDER = {"female": "female", "male": "male"}


def person(p: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"id": f"person/{p['id']}", "name": p.get("display_name", "")}
    if p.get("given_name"):
        out["given_name"] = p["given_name"]
    if p.get("surname"):
        out["family_name"] = p["surname"]
    if p.get("patronymic"):
        out["patronymic_name"] = p["patronymic"]
    if p.get("sex") in GENDER:
        out["gender"] = GENDER[p["sex"]]
    if p.get("birth_year"):
        out["birth_date"] = str(p["birth_year"])
    out["other_names"] = [{"name": n} for n in p.get("names") or [] if n and n != out["name"]]
    out["identifiers"] = [{"scheme": "aqiqat", "identifier": str(p["id"])}]
    if p.get("affiliation"):
        out["summary"] = p["affiliation"]
    return out


def organization(a: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": f"organization/{a['id']}",
        "name": a.get("name", ""),
        "classification": CLASSIFICATION.get(a.get("kind") or "unknown", "unknown"),
        "other_names": [{"name": v} for v in a.get("variants") or []],
        "identifiers": [{"scheme": "aqiqat", "identifier": str(a["id"])}],
    }


def membership(person_id: int, actor_id: int, role: str) -> dict[str, Any]:
    return {"person_id": f"person/{person_id}", "organization_id": f"organization/{actor_id}", "role": role}
