"""Killed, injured and detained counts of events, read from the figures of their sentence."""

from __future__ import annotations

from datetime import date
from typing import Any

from aqiqat.domain.enums import SuggestionKind
from aqiqat.nlp.pipeline import ExtractionMeta, Extractor

META = ExtractionMeta(language="ru", published_at=date(2022, 2, 4))


def _event(extractor: Extractor, text: str, kind: str) -> dict[str, Any]:
    [event] = [d.payload for d in extractor.extract(text, META)
               if d.kind is SuggestionKind.EVENT and d.payload["type"] == kind]
    return event


def test_detained_more_than_with_qualifier(extractor: Extractor) -> None:
    event = _event(extractor, "За неделю в стране задержаны более 10 тысяч человек.", "detention")
    assert (event["detained_min"], event["detained_max"]) == (10000, None)
    assert event["count_qualifiers"] == {"detained": "more_than"}
    [group] = event["victims"]
    assert group["count"] == 10000 and group["attributes"]["qualifier"] == "more_than"


def test_detained_protesters_in_the_clause_about(extractor: Extractor) -> None:
    event = _event(extractor, "Полиция задержала около 300 протестующих у здания акимата.", "detention")
    assert (event["detained_min"], event["detained_max"]) == (300, 300)
    assert event["count_qualifiers"] == {"detained": "about"}


def test_injured_at_least_and_nearest_figure(extractor: Extractor) -> None:
    event = _event(extractor, "В ходе разгона были ранены не менее 200 человек.", "injury")
    assert (event["injured_min"], event["injured_max"]) == (200, None)
    event = _event(extractor, "Полицейские ранили 45 человек, в том числе 12 журналистов.", "injury")
    assert (event["injured_min"], event["injured_max"]) == (45, 45)


def test_two_harms_in_one_sentence_are_kept_apart(extractor: Extractor) -> None:
    text = "Задержаны 50 человек, ранены 10 человек."
    detention, injury = _event(extractor, text, "detention"), _event(extractor, text, "injury")
    assert (detention["detained_min"], detention["injured_min"]) == (50, None)
    assert (injury["injured_min"], injury["detained_min"]) == (10, None)
    assert [v["count"] for v in detention["victims"]] == [50]
    assert [v["count"] for v in injury["victims"]] == [10]


def test_figures_of_other_things_or_sentences_are_no_counts(extractor: Extractor) -> None:
    event = _event(extractor, "Полиция задержала активиста, который собрал 500 подписей.", "detention")
    assert event["detained_min"] is None and event["count_qualifiers"] == {}
    event = _event(extractor, "Полиция задержала журналиста. На площадь пришли 300 человек.", "detention")
    assert event["detained_min"] is None


def test_small_counted_group_is_an_exact_count(extractor: Extractor) -> None:
    event = _event(extractor, "В Шымкенте были задержаны трое активистов.", "detention")
    assert (event["detained_min"], event["detained_max"]) == (3, 3)
    assert event["count_qualifiers"] == {"detained": "exact"}
