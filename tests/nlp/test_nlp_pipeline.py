"""The pipeline: span invariant on every draft, purity, English and bad input, the seed report end to end."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from aqiqat.domain.enums import SuggestionKind
from aqiqat.domain.model import SuggestionDraft
from aqiqat.nlp.pipeline import EXTRACTOR_NAME, EXTRACTOR_VERSION, ExtractionError, ExtractionMeta, Extractor

SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "seed" / "000_650a3b2ff033411a.txt"
META = ExtractionMeta(language="ru", published_at=date(2022, 2, 4))


def _check_spans(text: str, drafts: list[SuggestionDraft]) -> None:
    for d in drafts:
        assert d.spans, d
        assert d.extractor == EXTRACTOR_NAME and d.version == EXTRACTOR_VERSION
        assert 0.0 < d.confidence <= 1.0
        json.dumps(d.payload, ensure_ascii=False)  # payloads are JSON
        for s in d.spans:
            assert s.document_id is None
            assert 0 <= s.start < s.end <= len(text)
            assert s.text == text[s.start:s.end]


@pytest.fixture(scope="module")
def seed_drafts(extractor: Extractor) -> tuple[str, list[SuggestionDraft]]:
    text = SEED.read_text(encoding="utf-8")
    return text, extractor.extract(text, META)


def test_seed_spans_and_kinds(seed_drafts: tuple[str, list[SuggestionDraft]]) -> None:
    text, drafts = seed_drafts
    _check_spans(text, drafts)
    kinds = {d.kind for d in drafts}
    assert kinds == set(SuggestionKind)


def test_seed_people_and_quotes(seed_drafts: tuple[str, list[SuggestionDraft]]) -> None:
    _, drafts = seed_drafts
    people = {d.payload["name"] for d in drafts if d.kind is SuggestionKind.PERSON}
    assert {"Токаев", "Игорь Винявский", "Данияр Хасенов", "Нургалиев", "Нургалиева", "Андрей Карпиленко",
            "Салтана Абишева", "Евгений Жовтис", "Лукашенко", "Путин"} <= people
    speakers = [d.payload["speaker"] for d in drafts if d.kind is SuggestionKind.QUOTE]
    assert speakers == ["Токаев", "Данияр Хасенов", "Данияр Хасенов", "Салтана Абишева", "Токаев",
                        "Евгений Жовтис", "Евгений Жовтис"]


def test_extraction_is_pure(extractor: Extractor, seed_drafts: tuple[str, list[SuggestionDraft]]) -> None:
    text, drafts = seed_drafts
    extractor.extract("Вчера в Бишкеке задержали Айгерим Тлеубаеву.", META)
    assert extractor.extract(text, META) == drafts


def test_english_document_gets_language_independent_rules(extractor: Extractor) -> None:
    text = ('On 7 January 2022 soldiers opened fire in Almaty. "We saw it ourselves," said a witness. '
            "About 10,000 people protested.")
    drafts = extractor.extract(text, ExtractionMeta(language="en", published_at=date(2022, 2, 4)))
    _check_spans(text, drafts)
    kinds = {d.kind for d in drafts}
    assert SuggestionKind.DATE in kinds
    assert SuggestionKind.PLACE in kinds  # Almaty, from the English model
    events = [d.payload["type"] for d in drafts if d.kind == SuggestionKind.EVENT]
    assert events == ["shooting", "protest"]  # "opened fire", "protested": read with the English verbs


@pytest.mark.parametrize("text", ["", "   \n", "0540", "«»", "—", "А", "Токаев", "...!!!", "1 2 3 4 5 6"])
def test_degenerate_text(extractor: Extractor, text: str) -> None:
    _check_spans(text, extractor.extract(text, ExtractionMeta(language=None, published_at=None)))


def test_bad_input_is_a_clear_error(extractor: Extractor) -> None:
    with pytest.raises(ExtractionError, match="must be a str"):
        extractor.extract(b"bytes", META)  # type: ignore[arg-type]


def test_scare_quotes_and_quoted_names_are_not_quote_suggestions(extractor: Extractor) -> None:
    text = ("Власти назвали протестующих «террористами». Коалиция «Активисты – не экстремисты» потребовала "
            "суда. «Мы никого не боимся», – сказала Айгерим Тлеубаева.")
    drafts = extractor.extract(text, META)
    quotes = [d.payload for d in drafts if d.kind is SuggestionKind.QUOTE]
    assert [(q["text"], q["speaker"]) for q in quotes] == [("Мы никого не боимся", "Айгерим Тлеубаева")]
    orgs = [d.payload["name"] for d in drafts if d.kind is SuggestionKind.ORGANIZATION]
    assert "Активисты – не экстремисты" in orgs


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Акцию провела коалиция «Активисты – не экстремисты» в центре города.", "Активисты – не экстремисты"),
        ("Фильм «Охота на овец» показали в кинотеатре города.", None),
        ("Депутаты приняли закон «О внесении изменений в кодекс» в третьем чтении.", None),
    ],
)
def test_a_name_in_quotation_marks_is_a_body_only_after_a_body_noun(extractor: Extractor, text: str,
                                                                    org: str | None) -> None:
    orgs = {d.payload["name"] for d in extractor.extract(text, ExtractionMeta(language="ru", published_at=None))
            if d.kind == SuggestionKind.ORGANIZATION}
    if org is None:
        assert not any("Охота" in o or "внесении" in o for o in orgs)
    else:
        assert any(org in o for o in orgs)
