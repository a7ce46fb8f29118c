"""Extraction writes suggestions (never records); review turns them into sourced, audited records."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from aqiqat.api.access import Principal, local_admin
from aqiqat.api.audit import verify_audit
from aqiqat.api.errors import Conflict, Forbidden, NotFound
from aqiqat.api.extract import extract_documents, pending_documents
from aqiqat.api.ingest import IngestOptions, ingest_paths
from aqiqat.api.records import get_record, list_records
from aqiqat.api.register import Register
from aqiqat.api.review import candidates, decide, list_suggestions
from aqiqat.config import Settings
from aqiqat.domain.enums import Confidentiality, UserRole

ME = local_admin("monitor")
TEXT = (
    "Талдыкорган, 10 января 2022 года.\n\n"
    "7 января в Талдыкоргане военные открыли огонь по машине, в которой ехали Ерлан Сапаров и его брат. "
    "Оба мужчины погибли. По данным правозащитников, в городе были задержаны около 200 человек.\n\n"
    "Жанар Сапарова, вдова погибшего, рассказала: «Нам никто ничего не объяснил».\n"
)


@pytest.fixture
def reviewed(settings: Settings, tmp_path: Path) -> Register:
    f = tmp_path / "report.txt"
    f.write_text(TEXT, encoding="utf-8")
    reg = Register.initialise(settings)
    ingest_paths(reg, ME, [f], IngestOptions(published_at=date(2022, 1, 10), source="Local monitor"))
    return reg


def test_extraction_suggests_and_writes_no_records(reviewed: Register) -> None:
    with reviewed as reg:
        report = extract_documents(reg, ME, workers=1)
        assert report.failed == {} and report.suggestions > 0
        assert pending_documents(reg) == []
        again = extract_documents(reg, ME, ["1"], workers=1)  # rerun: no duplicates
        assert again.suggestions == 0
        sugs = list_suggestions(reg, ME, 1)
        kinds = {s["kind"] for s in sugs}
        assert {"person", "place", "event", "figure", "date"} <= kinds
        text = TEXT
        for s in sugs:
            for sp in s["spans"]:
                assert text[sp["start"] : sp["end"]] == sp["text"]
        assert list_records(reg, ME, "event") == [] and list_records(reg, ME, "person") == []
        assert verify_audit(reg)[1] == []


def test_accepting_a_person_and_an_event_builds_sourced_records(reviewed: Register) -> None:
    with reviewed as reg:
        extract_documents(reg, ME, workers=1)
        sugs = list_suggestions(reg, ME, 1)
        person = next(s for s in sugs if s["kind"] == "person" and "Сапаров" in s["payload"]["name"])
        done = decide(reg, ME, person["id"], person["version"], "accept")
        assert done["status"] == "accepted" and done["decided_by"] == "monitor"
        person_id = done["records"][0]["id"]
        rec = get_record(reg, ME, "person", person_id)
        assert rec["evidence"] and all(e["document_id"] == 1 for e in rec["evidence"])
        with pytest.raises(Conflict):
            decide(reg, ME, person["id"], person["version"], "accept")
        event = next(s for s in sugs if s["kind"] == "event" and s["payload"]["type"] in ("shooting", "killing"))
        done = decide(reg, ME, event["id"], event["version"], "edit", edits={"killed_min": 2, "killed_max": 2})
        ev_id = next(r["id"] for r in done["records"] if r["entity"] == "event")
        ev = get_record(reg, ME, "event", ev_id)
        assert ev["killed_max"] == 2 and ev["start_date"] == "2022-01-07"
        assert ev["evidence"][0]["text"] in TEXT
        assert ev["place"] and ev["place"]["name"] == "Талдыкорган"
        assert any(p["name"] == "военные" for p in ev["perpetrators"])
        assert verify_audit(reg)[1] == []


def test_known_people_are_offered_and_viewers_cannot_decide(reviewed: Register) -> None:
    with reviewed as reg:
        extract_documents(reg, ME, workers=1)
        sugs = [s for s in list_suggestions(reg, ME, 1) if s["kind"] == "person"]
        first = next(s for s in sugs if "Ерлан" in s["payload"]["name"])
        decide(reg, ME, first["id"], first["version"], "accept")
        viewer = Principal("guest", UserRole.VIEWER)
        with pytest.raises(Forbidden):
            decide(reg, viewer, sugs[-1]["id"], sugs[-1]["version"], "reject")
        rejected = decide(reg, ME, sugs[-1]["id"], sugs[-1]["version"], "reject")
        assert rejected["status"] == "rejected" and rejected["records"] == []
        assert candidates(reg, ME, first["id"])[0]["display_name"].startswith("Ерлан")


def test_a_restricted_testimony_is_extracted_and_its_suggestions_are_sealed(
    sqlite_settings: Settings, tmp_path: Path
) -> None:
    f = tmp_path / "testimony.txt"
    f.write_text("Меня зовут Гульжан Ахметова. 6 января в Актобе меня задержали сотрудники полиции.", encoding="utf-8")
    with Register.initialise(sqlite_settings) as reg:
        ingest_paths(reg, ME, [f], IngestOptions(confidentiality=Confidentiality.RESTRICTED, language="ru"))
        report = extract_documents(reg, ME, workers=1)
        assert report.suggestions > 0 and report.failed == {}
        people = [s for s in list_suggestions(reg, ME, 1) if s["kind"] == "person"]
        assert people and people[0]["payload"]["name"] == "Гульжан Ахметова"
        decided = decide(reg, ME, people[0]["id"], people[0]["version"], "accept")
        assert decided["payload"]["name"] == "Гульжан Ахметова"
        viewer = Principal("guest", UserRole.VIEWER)
        with pytest.raises(NotFound):
            list_suggestions(reg, viewer, 1)
    raw = b"".join(p.read_bytes() for p in sqlite_settings.data_dir.rglob("aqiqat.sqlite*"))
    assert "Ахметова".encode() not in raw and "Гульжан".encode() not in raw


def test_one_person_across_languages_and_spellings_is_offered(settings: Settings, tmp_path: Path) -> None:
    ru, en = tmp_path / "ru.txt", tmp_path / "en.txt"
    ru.write_text("Президент Касым-Жомарт Токаев выступил с обращением 7 января 2022 года.\n", encoding="utf-8")
    en.write_text("On 8 January 2022 Tokayev said order had been restored in the country.\n", encoding="utf-8")
    with Register.initialise(settings) as reg:
        ingest_paths(reg, ME, [ru, en], IngestOptions(published_at=date(2022, 1, 10), source="Local monitor"))
        extract_documents(reg, ME, workers=1)
        ru_person = next(s for s in list_suggestions(reg, ME, 1) if s["kind"] == "person")
        decide(reg, ME, ru_person["id"], ru_person["version"], "accept")
        en_person = next(s for s in list_suggestions(reg, ME, 2) if s["kind"] == "person")
        assert en_person["payload"]["name"] == "Tokayev"
        offered = candidates(reg, ME, en_person["id"])
        assert offered and "Токаев" in offered[0]["display_name"]
