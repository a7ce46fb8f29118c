"""English documents through the whole pipeline: people, places, organisations, dates, figures with claimants,
quotes with speakers, and never a crash."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from aqiqat.domain.enums import SuggestionKind
from aqiqat.nlp.pipeline import ExtractionMeta, Extractor

META = ExtractionMeta(language="en", published_at=date(2022, 2, 4))
REPORT = ("Soldiers in the streets of a southern city. January 6, 2022.\n\n"
          "On 5 January police detained more than 10,000 people. At least 225 people were killed and about 4,500 "
          "injured, according to the health ministry. Three days later the minister said: \"Order is restored.\"\n"
          "Last week a monitoring group counted 12 cases of torture.")


def _by_kind(extractor: Extractor, text: str, meta: ExtractionMeta = META) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for d in extractor.extract(text, meta):
        for s in d.spans:
            assert s.text == text[s.start:s.end]
        out.setdefault(d.kind.value, []).append(d)
    return out


def test_english_report_dates(extractor: Extractor) -> None:
    dates = {d.spans[0].text: d.payload for d in _by_kind(extractor, REPORT)["date"]}
    assert dates["January 6, 2022"]["iso"] == "2022-01-06"
    assert dates["January 6, 2022"]["anchor"] == "absolute"
    assert dates["5 January"]["iso"] == "2022-01-05"
    assert dates["Three days later"]["iso"] == "2022-01-08"
    assert dates["Last week"]["anchor"] == "publication"


def test_english_report_figures(extractor: Extractor) -> None:
    figures = {d.spans[0].text: d.payload for d in _by_kind(extractor, REPORT)["figure"]}
    detained = figures["more than 10,000 people"]
    assert (detained["min"], detained["qualifier"], detained["counted"]) == (10000, "more_than", "detained")
    killed = figures["At least 225 people"]
    assert (killed["min"], killed["counted"]) == (225, "killed")
    assert killed["claimant"] == "health ministry"  # the organisation named, as an entity
    assert killed["claimant_as_written"] == "according to the health ministry"
    assert figures["about 4,500 injured"]["counted"] == "injured"


def test_english_report_kinds(extractor: Extractor) -> None:
    kinds = set(_by_kind(extractor, REPORT))
    assert {"date", "figure", "quote", "organization"} <= kinds
    [quote] = _by_kind(extractor, REPORT)["quote"]
    assert quote.payload["text"] == "Order is restored."


def test_language_unknown_english_is_not_read_as_russian(extractor: Extractor) -> None:
    meta = ExtractionMeta(language=None, published_at=date(2022, 2, 4))
    events = _by_kind(extractor, REPORT, meta)["event"]  # read with the English verbs
    assert "detention" in {e.payload["type"] for e in events}


@pytest.mark.parametrize(
    "text",
    [
        "Protesters chanted «Шал, кет!» in Almaty on 5 January 2022.",
        "The list names Айгерим and 173 others.",
        "\"Unclosed quote on January 7, 2022",
        "Casualties: 12; 0540; 2022; 10,000,000; -5 people; 1e9 people.",
        "Date: 2022-01-06. Time: 05:40. Room 173.",
        "A" * 5000,
        "word " * 3000,
    ],
)
def test_english_and_mixed_text_never_crash(extractor: Extractor, text: str) -> None:
    for language in ("en", None):
        _by_kind(extractor, text, ExtractionMeta(language=language, published_at=date(2022, 2, 4)))
    _by_kind(extractor, text, ExtractionMeta(language="en", published_at=None))


def test_english_drafts_carry_the_extractor_version(extractor: Extractor) -> None:
    drafts = extractor.extract(REPORT, META)
    assert drafts and all(d.version == extractor.version for d in drafts)
    assert {d.kind for d in drafts} >= {SuggestionKind.DATE, SuggestionKind.FIGURE, SuggestionKind.EVENT}
