"""Claimants of figures and speakers of quotes (nlp.claimants): one short text per pattern."""

from __future__ import annotations

from datetime import date

import pytest

from aqiqat.nlp.pipeline import ExtractionMeta, Extractor

RU = ExtractionMeta(language="ru", published_at=date(2022, 1, 20))
EN = ExtractionMeta(language="en", published_at=date(2022, 1, 20))


def _claimants(extractor: Extractor, text: str, meta: ExtractionMeta) -> dict[str, str | None]:
    return {d.spans[0].text: d.payload["claimant"] for d in extractor.extract(text, meta) if d.kind.value == "figure"}


@pytest.mark.parametrize(
    ("text", "meta", "figure", "claimant"),
    [
        # a figure inside a quote is claimed by the quote's speaker, not by the reporter of the paragraph
        ('According to the mayor\'s office, the streets are calm. "Nine people are in hospital, '
         'and 14 were detained," a police spokeswoman commented.', EN, "14", "a police spokeswoman"),
        ("Мэрия сообщила, что в городе спокойно. «В больнице остаются девять человек, задержаны 14», — "
         "рассказал представитель полиции Ержан Абенов.", RU, "14", "Ержан Абенов"),
    ],
)
def test_a_figure_in_a_quote_is_its_speakers(extractor: Extractor, text: str, meta: ExtractionMeta, figure: str,
                                             claimant: str) -> None:
    assert _claimants(extractor, text, meta)[figure] == claimant


@pytest.mark.parametrize(
    ("text", "meta", "figure", "claimant"),
    [
        # "By the … count": the count the figure is read from
        ("By the latest official count, at least 40 people have died in the clashes.", EN, "at least 40 people",
         "the latest official count"),
        ("По последним официальным данным, погибли 40 человек.", RU, "40 человек",
         "По последним официальным данным"),
        # a contrastive clause has a claimant of its own; the other clause's attribution does not reach it
        ("By the official count, 40 people have died, although the opposition believes that up to 300 died.", EN,
         "300", "opposition"),
        ("По официальным данным, погибли 40 человек, хотя правозащитники считают, что погибших до 300.", RU,
         "300", "правозащитники"),
    ],
)
def test_a_count_named_as_source_and_a_contrasting_clause(extractor: Extractor, text: str, meta: ExtractionMeta,
                                                          figure: str, claimant: str) -> None:
    assert [v for k, v in _claimants(extractor, text, meta).items() if figure in k] == [claimant]
