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


def _speakers(extractor: Extractor, text: str, meta: ExtractionMeta) -> dict[str, str | None]:
    return {d.payload["text"]: d.payload["speaker"] for d in extractor.extract(text, meta) if d.kind.value == "quote"}


@pytest.mark.parametrize(
    ("text", "meta", "quote", "speaker"),
    [
        # a role before the name: the name written right by the verb speaks
        ('Human rights lawyer Aidar Bekov said: "The police used tear gas against peaceful people."', EN,
         "The police used tear gas against peaceful people.", "Aidar Bekov"),
        # "she told Reuters": who tells is before the verb, never whom she told
        ('Dana Orlova was among those detained. "They beat us with batons," she told Reuters.', EN,
         "They beat us with batons", "Dana Orlova"),
        # "the ministry" after "the interior ministry" is that body
        ('The interior ministry issued a statement on Monday. "Order has been restored in all regions," the '
         "ministry said.", EN, "Order has been restored in all regions", "interior ministry"),
        # a quote paragraph right after a paragraph that reports a named person goes on with that person
        ('Aidar Bekov, a local lawyer, said the detainees had been beaten.\n\n"Nobody was allowed to see them. '
         'They were kept in a cold room for two days."', EN,
         "Nobody was allowed to see them. They were kept in a cold room for two days.", "Aidar Bekov"),
        ("Адвокат Айдар Беков рассказал, что задержанных избивали.\n\n«Никого к ним не пускали. Их два дня "
         "держали в холодной камере».", RU, "Никого к ним не пускали. Их два дня держали в холодной камере.",
         "Айдар Беков"),
        # …but not after a paragraph that only mentions the person: no speaker rather than the nearest name
        ("Адвокат Айдар Беков приехал в отдел полиции.\n\n«Никого к ним не пускали. Их два дня держали в "
         "холодной камере».", RU, "Никого к ним не пускали. Их два дня держали в холодной камере.", None),
    ],
)
def test_english_and_russian_quote_layouts(extractor: Extractor, text: str, meta: ExtractionMeta, quote: str,
                                           speaker: str | None) -> None:
    got = {k.rstrip("."): v for k, v in _speakers(extractor, text, meta).items()}
    assert got[quote.rstrip(".")] == speaker
