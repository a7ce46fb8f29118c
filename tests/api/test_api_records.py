"""Register records through the service layer: audited, versioned, redacted for who reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aqiqat.api.access import Principal, local_admin
from aqiqat.api.audit import list_audit, verify_audit
from aqiqat.api.errors import Conflict, Forbidden, Invalid, NotFound
from aqiqat.api.export import export_register
from aqiqat.api.records import add_involvement, create, get_record, list_records, update
from aqiqat.api.register import Register
from aqiqat.config import Settings
from aqiqat.domain.enums import UserRole
from aqiqat.domain.model import Span

ME = local_admin("editor1")
VIEWER = Principal("reader", UserRole.VIEWER)


def _event(reg: Register) -> dict:
    return create(
        reg,
        ME,
        "event",
        {"type": "shooting", "title": "Car fired on at a checkpoint", "start_date": "2022-01-07",
         "date_precision": "day", "killed_min": 2, "killed_max": 2, "grade": "fair"},
        evidence=[Span(None, 0, 10, "Оба погибли")],
    )


def test_create_update_and_history(settings: Settings) -> None:
    with Register.initialise(settings) as reg:
        ev = _event(reg)
        assert ev["version"] == 1
        changed = update(reg, ME, "event", ev["id"], 1, {"killed_max": 3, "grade": "confirmed"})
        assert changed["version"] == 2 and changed["killed_max"] == 3
        full = get_record(reg, ME, "event", ev["id"])
        assert [h["action"] for h in full["history"]] == ["create", "update"]
        assert full["evidence"][0]["text"] == "Оба погибли"
        last = list_audit(reg, ME, limit=1)[0]
        assert json.loads(last["before"])["killed_max"] == 2
        assert json.loads(last["after"])["killed_max"] == 3
        assert verify_audit(reg)[1] == []


def test_stale_edit_is_refused_not_overwritten(settings: Settings) -> None:
    with Register.initialise(settings) as reg:
        ev = _event(reg)
        update(reg, ME, "event", ev["id"], 1, {"title": "first editor"})
        with pytest.raises(Conflict) as info:
            update(reg, ME, "event", ev["id"], 1, {"title": "second editor"})
        assert "version 2" in str(info.value)
        assert get_record(reg, ME, "event", ev["id"])["title"] == "first editor"


def test_bad_values_get_clear_errors(settings: Settings) -> None:
    with Register.initialise(settings) as reg:
        with pytest.raises(Invalid, match="not one of"):
            create(reg, ME, "event", {"type": "alien landing", "title": "x"})
        with pytest.raises(Invalid, match="ISO date"):
            create(reg, ME, "event", {"type": "shooting", "title": "x", "start_date": "7 January"})
        with pytest.raises(Invalid, match="no field"):
            create(reg, ME, "person", {"display_name": "A", "shoe_size": 44})
        with pytest.raises(NotFound):
            get_record(reg, ME, "event", 999)
        with pytest.raises(Forbidden):
            create(reg, VIEWER, "event", {"type": "shooting", "title": "x"})
        assert list_audit(reg, ME) == []


def test_restricted_witness_is_never_named_to_a_viewer(settings: Settings, tmp_path: Path) -> None:
    with Register.initialise(settings) as reg:
        ev = _event(reg)
        w = create(reg, ME, "person", {"display_name": "Ерлан Сапаров", "surname": "Сапаров",
                                       "confidentiality": "restricted"})
        add_involvement(reg, ME, ev["id"], "witness", person_id=w["id"])
        seen = list_records(reg, VIEWER, "person")
        assert seen[0]["display_name"] == f"Witness {w['id']}"
        event = get_record(reg, VIEWER, "event", ev["id"])
        assert event["witnesses"] == []  # the involvement rests on the restricted person: hidden with them
        assert get_record(reg, ME, "event", ev["id"])["witnesses"][0]["name"] == "Ерлан Сапаров"
        assert get_record(reg, VIEWER, "person", w["id"])["involvements"] == []
        out = tmp_path / "export.json"
        export_register(reg, VIEWER, "json", out)
        assert "Сапаров" not in out.read_text(encoding="utf-8")
        export_register(reg, ME, "csv", tmp_path / "csv")
        assert "Сапаров" in (tmp_path / "csv" / "people.csv").read_text(encoding="utf-8")
        assert [e["action"] for e in list_audit(reg, ME)][-2:] == ["export", "export"]


@pytest.mark.parametrize(("entity", "values"), [
    ("place", {"name": "Алматы, площадь", "kind": "site"}),
    ("actor", {"name": "Полиция города", "kind": "police"}),
])
def test_a_record_made_without_a_level_keeps_it_through_edits(settings: Settings, entity: str, values: dict) -> None:
    """A record created with the default level ("internal") is not lowered by an edit or by re-deriving its
    level: only a declassification with a reason lowers a level."""
    with Register.initialise(settings) as reg:
        made = create(reg, ME, entity, values)
        assert made["confidentiality"] == "internal"
        changed = update(reg, ME, entity, made["id"], made["version"], {"name": values["name"] + " (центр)"})
        assert changed["confidentiality"] == "internal"
        assert get_record(reg, ME, entity, made["id"])["confidentiality"] == "internal"
