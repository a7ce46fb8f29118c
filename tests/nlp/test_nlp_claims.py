"""Claims: who asserts, who disputes."""

from __future__ import annotations

from datetime import date
from typing import Any

from aqiqat.domain.enums import SuggestionKind
from aqiqat.nlp.pipeline import ExtractionMeta, Extractor

META = ExtractionMeta(language="ru", published_at=date(2022, 2, 4))


def _claims(extractor: Extractor, text: str) -> list[dict[str, Any]]:
    return [d.payload for d in extractor.extract(text, META) if d.kind is SuggestionKind.CLAIM]


def test_authorities_claim_disputed_by_activist(extractor: Extractor) -> None:
    text = ("Беспорядки, по мнению властей, были организованы внешними силами. "
            "Активист Данияр Хасенов говорит: «Версия про внешние силы не нашла подтверждения».")
    claims = _claims(extractor, text)
    first = claims[0]
    assert first["claimant"] == "властей"
    assert "организованы внешними силами" in first["text"]
    assert first["disputed_by"] == ["Данияр Хасенов"]
    denial = claims[1]
    assert denial["kind"] == "denial" and denial["claimant"] == "Данияр Хасенов" and denial["stance"] == "disputes"


def test_claim_with_speaker_after_it(extractor: Extractor) -> None:
    text = "Токаев не заинтересован в подобных расследованиях, считает активист Данияр Хасенов."
    [claim] = _claims(extractor, text)
    assert claim["text"] == "Токаев не заинтересован в подобных расследованиях"
    assert claim["claimant"] == "Данияр Хасенов"
    assert claim["kind"] == "attribution"


def test_other_opinion_disputes_previous_claim(extractor: Extractor) -> None:
    text = ("Реформы бесполезны, считает политолог Иван Петров. "
            "У правозащитника Евгения Жовтиса другое мнение.")
    claims = _claims(extractor, text)
    assert claims[0]["disputed_by"] == ["Евгений Жовтис"]
