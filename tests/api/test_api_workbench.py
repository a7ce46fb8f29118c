"""Review and editing use cases behind the workbench (issue 13), on SQLite and PostgreSQL."""

from __future__ import annotations

from aqiqat.api.access import local_admin
from aqiqat.api.audit import verify_audit
from aqiqat.api.extract import store_suggestions
from aqiqat.api.ingest import IngestOptions, ingest_bytes
from aqiqat.api.merging import merge, split
from aqiqat.api.records import create, get_record
from aqiqat.api.register import Register
from aqiqat.api.review import decide, list_suggestions
from aqiqat.config import Settings
from aqiqat.domain.enums import SuggestionKind
from aqiqat.domain.model import Span, SuggestionDraft

ME = local_admin("monitor")
TEXT = "Военные обстреляли машину, в которой ехали супруги Нургалиевы. Моего брата Армана увезли."


def _draft(kind: SuggestionKind, payload: dict, phrase: str) -> SuggestionDraft:
    start = TEXT.index(phrase)
    return SuggestionDraft(kind, payload, (Span(None, start, start + len(phrase), phrase),), 0.9, "test", "1")


def test_a_couple_stays_two_people_and_kin_is_no_occupation(settings: Settings) -> None:
    with Register.initialise(settings) as reg:
        doc = ingest_bytes(reg, ME, TEXT.encode(), "r.txt", IngestOptions(language="ru")).document_id
        assert doc
        store_suggestions(reg, ME, doc, [
            _draft(SuggestionKind.PERSON, {"name": "Нургалиев", "sex": "male", "role": ""}, "Нургалиевы"),
            _draft(SuggestionKind.PERSON, {"name": "Нургалиева", "sex": "female", "role": ""}, "Нургалиевы"),
            _draft(SuggestionKind.PERSON, {"name": "Арман", "sex": "male", "role": "брата"}, "Армана"),
        ])
        made = []
        for sug in list_suggestions(reg, ME, doc):
            made += decide(reg, ME, sug["id"], sug["version"], "accept")["records"]
        people = [get_record(reg, ME, "person", r["id"]) for r in made]
        assert len({p["id"] for p in people}) == 3
        assert {p["display_name"]: p["occupation"] for p in people}["Арман"] == ""


def test_merge_moves_every_reference_and_split_puts_it_back(settings: Settings) -> None:
    from aqiqat.api.records import add_involvement

    with Register.initialise(settings) as reg:
        event = create(reg, ME, "event", {"type": "killing", "title": "Обстрел"})
        keep = create(reg, ME, "person", {"display_name": "Ерлан Сапаров"})
        gone = create(reg, ME, "person", {"display_name": "Е. Сапаров"})
        add_involvement(reg, ME, event["id"], "victim", person_id=gone["id"], harm="killed")
        merge(reg, ME, "person", keep["id"], gone["id"])
        assert [v["person_id"] for v in get_record(reg, ME, "event", event["id"])["victims"]] == [keep["id"]]
        split(reg, ME, "person", gone["id"])
        assert [v["person_id"] for v in get_record(reg, ME, "event", event["id"])["victims"]] == [gone["id"]]
        place_a = create(reg, ME, "place", {"name": "Алматы", "kind": "city"})
        place_b = create(reg, ME, "place", {"name": "Алма-Ата", "kind": "city"})
        create(reg, ME, "event", {"type": "protest", "title": "Митинг", "place_id": place_b["id"]})
        kept = merge(reg, ME, "place", place_a["id"], place_b["id"])
        assert "Алма-Ата" in kept["variants"]
        assert verify_audit(reg)[1] == []
