"""Kazakh documents (kk): dates, figures with claimants, quotes with speakers and people, from the Russian
models and Kazakh rules; never a crash. One short sentence (written for these tests) per pattern."""

from __future__ import annotations

from datetime import date

import pytest

from aqiqat.nlp.pipeline import ExtractionMeta, Extractor

KK = ExtractionMeta(language="kk", published_at=date(2022, 1, 20))


def _payloads(extractor: Extractor, text: str, kind: str, meta: ExtractionMeta = KK) -> list[dict[str, object]]:
    drafts = extractor.extract(text, meta)
    for d in drafts:
        assert all(s.text == text[s.start:s.end] for s in d.spans)
    return [d.payload for d in drafts if d.kind.value == kind]


def test_kazakh_date(extractor: Extractor) -> None:
    [d] = _payloads(extractor, "2022 жылғы 5 қаңтарда Алматыда наразылық акциясы өтті.", "date")
    assert d["iso"] == "2022-01-05"


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        # the subject of a reporting verb at the end of the sentence
        ("Ішкі істер министрі Ерлан Тұрғымбаев 1200 адам ұсталғанын мәлімдеді.", "Ерлан Тұрғымбаев"),
        # «X мәліметінше»: "according to X", written after X
        ("Денсаулық сақтау министрлігінің мәліметінше, 225 адам қаза тапты.", "Денсаулық сақтау министрлігінің"),
    ],
)
def test_kazakh_figure_claimant(extractor: Extractor, text: str, claimant: str) -> None:
    [figure] = _payloads(extractor, text, "figure")
    assert figure["claimant"] == claimant


def test_kazakh_quote_speaker(extractor: Extractor) -> None:
    text = "«Біз бейбіт шерушілерміз», – деді белсенді Айгерім Тілеужан."
    [quote] = _payloads(extractor, text, "quote")
    assert quote["speaker"] == "Айгерім Тілеужан"
    assert "Айгерім Тілеужан" in {p["name"] for p in _payloads(extractor, text, "person")}


@pytest.mark.parametrize(
    "text",
    ["Қаңтар оқиғалары кезінде 238 адам қаза тапты.", "Ұсталғандар: Әлібек, Ғалым, Құрманғазы, Үмітжан.",
     "«Шал, кет!» – деп айқайлады жұрт.", "ӘҒҚҢӨҰҮҺІ әғқңөұүһі 0540 — «»", "Оның сөзінше, 12 адам жараланды."],
)
def test_kazakh_text_never_crashes(extractor: Extractor, text: str) -> None:
    for meta in (KK, ExtractionMeta(language="kk", published_at=None), ExtractionMeta(None, None)):
        extractor.extract(text, meta)
