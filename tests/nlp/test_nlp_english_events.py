"""Events from English verbs: one sentence per verb, with date, place, counts and claimant where written."""

from __future__ import annotations

from datetime import date

import pytest

from aqiqat.nlp.pipeline import ExtractionMeta, Extractor

EN = ExtractionMeta(language="en", published_at=date(2022, 1, 20))


def _events(extractor: Extractor, text: str) -> list[dict[str, object]]:
    return [d.payload for d in extractor.extract(text, EN) if d.kind.value == "event"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Police detained dozens of students near the university.", "detention"),
        ("Two men were killed when the car was hit.", "killing"),
        ("Soldiers opened fire on the crowd near the square.", "shooting"),
        ("Three protesters were wounded by rubber bullets.", "injury"),
        ("The blogger said he was tortured in custody.", "torture"),
        ("A court sentenced the activist to five years.", "prosecution"),
        ("The journalist disappeared after leaving home.", "enforced_disappearance"),
    ],
)
def test_english_event_type_from_its_verb(extractor: Extractor, text: str, kind: str) -> None:
    assert kind in {e["type"] for e in _events(extractor, text)}


def test_english_event_has_date_place_count_and_claimant(extractor: Extractor) -> None:
    text = "On 5 January police detained more than 10,000 people in Almaty, the interior ministry said."
    [event] = [e for e in _events(extractor, text) if e["type"] == "detention"]
    assert event["date"]["iso"] == "2022-01-05"  # type: ignore[index]
    assert event["place"] and event["detained_min"] == 10000
    assert event["claimant"] == "interior ministry"


def test_a_negated_verb_is_no_event(extractor: Extractor) -> None:
    assert not _events(extractor, "The journalist was not detained, his editor said.")


def test_his_lawyer_said_is_not_the_man_named(extractor: Extractor) -> None:
    text = "Activist Daulet Zhabarbekov had 3 broken ribs, his lawyer said."
    [figure] = [d.payload for d in extractor.extract(text, EN) if d.kind.value == "figure"]
    assert figure["claimant"] == "his lawyer"
