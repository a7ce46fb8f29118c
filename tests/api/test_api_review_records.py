"""What an accepted suggestion becomes (issue 13): one person per member of a family named in the plural,
however the extractor labelled it, each a victim of the event once; occupations in the nominative. The first
test runs the real extractor over sentences written for it; on SQLite and PostgreSQL."""

from __future__ import annotations

from collections import Counter
from typing import Any

from aqiqat.api.access import local_admin
from aqiqat.api.extract import extract_documents, store_suggestions
from aqiqat.api.ingest import IngestOptions, ingest_bytes
from aqiqat.api.records import get_record, list_records
from aqiqat.api.register import Register
from aqiqat.api.review import decide, list_suggestions
from aqiqat.config import Settings
from aqiqat.domain.enums import SuggestionKind
from aqiqat.domain.model import Span, SuggestionDraft

ME = local_admin("monitor")
REPORT = (
    "8 января в Алматы у рынка сотрудники полиции застрелили супругов Бекмухамбетовых, возвращавшихся домой.\n\n"
    "5 января в Шымкенте полицейские задержали братьев Оспановых.\n\n"
    "Задержан правозащитник Бауыржан Сапаров."
)


def _people(reg: Register) -> Counter[tuple[str, str]]:
    return Counter((p["display_name"], p["sex"]) for p in list_records(reg, ME, "person", limit=100))


def _victims(reg: Register, event_id: int) -> Counter[str]:
    return Counter(get_record(reg, ME, "person", v["person_id"])["display_name"]
                   for v in get_record(reg, ME, "event", event_id)["victims"] if v["person_id"])


def _accept(reg: Register, sug: dict[str, Any], **kw: Any) -> list[dict[str, Any]]:
    return list(decide(reg, ME, sug["id"], sug["version"], "accept", **kw)["records"])


def test_a_couple_and_brothers_from_real_extraction_become_one_person_each(settings: Settings) -> None:
    with Register.initialise(settings) as reg:
        doc = ingest_bytes(reg, ME, REPORT.encode(), "report.txt", IngestOptions(language="ru")).document_id
        assert doc
        extract_documents(reg, ME, [doc])
        sugs = list_suggestions(reg, ME, doc)
        events = {s["payload"]["type"]: s for s in sugs if s["kind"] == "event"}
        people = {s["payload"]["name"]: s for s in sugs if s["kind"] == "person"}
        assert {"killing", "detention"} <= set(events) and "Оспанов" in people

        # the killing accepted with the couple's two suggestions brought as victims
        couple = [s for name, s in people.items() if name.startswith("Бекмухамбетов")]
        killing = _accept(reg, events["killing"], bring={s["id"]: "victim" for s in couple})[0]["id"]
        # the brothers: one suggestion of the extractor («Оспанов», male, written «братьев Оспановых»)
        detention = [_accept(reg, s)[0]["id"] for s in sugs if s["kind"] == "event"
                     and s["payload"]["type"] == "detention" and "Оспанов" in s["payload"]["sentence"]][0]
        _accept(reg, people["Оспанов"])
        for sug in list_suggestions(reg, ME, doc):
            if sug["status"] == "pending" and sug["kind"] == "person":
                _accept(reg, sug)

        seen = _people(reg)
        assert seen[("Бекмухамбетов", "male")] == 1 and seen[("Бекмухамбетова", "female")] == 1
        assert seen[("Оспанов", "male")] == 2
        assert _victims(reg, killing) == Counter({"Бекмухамбетов": 1, "Бекмухамбетова": 1})
        assert _victims(reg, detention) == Counter({"Оспанов": 2})
        sapar = [p for p in list_records(reg, ME, "person", limit=100) if p["display_name"] == "Бауыржан Сапаров"]
        assert [p["occupation"] for p in sapar] == ["правозащитник"]


def _draft(text: str, kind: SuggestionKind, payload: dict[str, Any], phrase: str) -> SuggestionDraft:
    start = text.index(phrase)
    return SuggestionDraft(kind, payload, (Span(None, start, start + len(phrase), phrase),), 0.9, "test", "1")


def test_a_family_labelled_as_one_plural_name_becomes_its_members_and_roles_the_nominative(
    settings: Settings,
) -> None:
    text = "В Таразе погибли супруги Нургалиевы. Ранен сотрудник полиции, задержан брат правозащитника Армана."
    with Register.initialise(settings) as reg:
        doc = ingest_bytes(reg, ME, text.encode(), "r.txt", IngestOptions(language="ru")).document_id
        assert doc
        store_suggestions(reg, ME, doc, [
            _draft(text, SuggestionKind.EVENT, {"type": "killing", "place": "Тараз", "sentence": "погибли",
                                                "victims": [{"name": "супруги Нургалиевы", "harm": "killed"}]},
                   "погибли супруги Нургалиевы"),
            _draft(text, SuggestionKind.PERSON, {"name": "Нургалиевы", "sex": "unknown", "role": ""}, "Нургалиевы"),
            _draft(text, SuggestionKind.PERSON, {"name": "Арман", "sex": "male", "role": "правозащитника"}, "Армана"),
        ])
        made: list[dict[str, Any]] = []
        for sug in list_suggestions(reg, ME, doc):
            made += _accept(reg, sug)
        event = next(r["id"] for r in made if r["entity"] == "event")
        assert _people(reg)[("Нургалиев", "male")] == 1 and _people(reg)[("Нургалиева", "female")] == 1
        assert _victims(reg, event) == Counter({"Нургалиев": 1, "Нургалиева": 1})
        arman = [get_record(reg, ME, "person", r["id"]) for r in made if r["entity"] == "person"]
        assert {p["display_name"]: p["occupation"] for p in arman}["Арман"] == "правозащитник"
