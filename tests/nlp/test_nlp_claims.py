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


def _one(claims: list[dict[str, Any]], words: str) -> dict[str, Any]:
    [claim] = [c for c in claims if words in c["text"]]
    return claim


def test_source_marker_with_a_figure_is_a_figure_claim(extractor: Extractor) -> None:
    claims = _claims(extractor, "По данным наблюдателей, в больницы поступили 45 человек.")
    claim = _one(claims, "45 человек")
    assert claim["claimant"] == "наблюдателей" and claim["kind"] == "figure"


def test_a_source_named_in_quotation_marks_is_taken_whole(extractor: Extractor) -> None:
    claims = _claims(extractor, "По данным общественного фонда «Луч», в ту ночь в больницы поступили 45 человек.")
    [claim] = claims  # not «фонда «Луч» as the claim and «общественного» as who says it
    assert claim["text"] == "в ту ночь в больницы поступили 45 человек"
    assert claim["claimant"] == "Луч" and claim["kind"] == "figure"


def test_vague_estimate_is_no_claimant(extractor: Extractor) -> None:
    assert _claims(extractor, "Митингующих, по разным оценкам, было около пяти тысяч.") == []


def test_known_that_is_the_documents_claim(extractor: Extractor) -> None:
    claims = _claims(extractor, "Известно, что задержанных держат без адвокатов. О раненых ничего не известно.")
    [claim] = claims
    assert claim["text"] == "задержанных держат без адвокатов"
    assert claim["claimant"] is None and claim["kind"] == "other"


def test_no_grounds_to_say_is_a_claim(extractor: Extractor) -> None:
    [claim] = _claims(extractor, "Пока нет оснований считать, что суд будет независимым.")
    assert claim["text"].startswith("нет оснований считать, что суд")


def test_first_person_inside_a_quote_is_the_speaker(extractor: Extractor) -> None:
    text = "Министр Арман Сейтказиев заявил: «Я сказал, что патрули останутся в городе до весны»."
    claim = _one(_claims(extractor, text), "патрули останутся")
    assert claim["claimant"] == "Арман Сейтказиев"


def test_retelling_by_a_woman_is_the_last_quoted_speaker(extractor: Extractor) -> None:
    text = ("Гульнара Сапарова, мать задержанного:\n\n«Они пришли ночью и ничего не объяснили».\n\n"
            "Женщина рассказала, как полицейские забрали у сына телефон и паспорт.")
    claim = _one(_claims(extractor, text), "забрали у сына")
    assert claim["claimant"] == "Гульнара Сапарова"


def test_said_about_and_witness_accounts(extractor: Extractor) -> None:
    text = ("Власти области впервые признали о нарушениях при задержаниях. "
            "Появились свидетельства жителей о том, что патрули избивали прохожих.")
    claims = _claims(extractor, text)
    assert _one(claims, "нарушениях при задержаниях")["claimant"] == "Власти области"
    assert _one(claims, "патрули избивали прохожих")["claimant"] == "жителей"


def test_many_cases_inside_a_quote(extractor: Extractor) -> None:
    text = "Адвокат Марат Жумабеков говорит: «Таких случаев много, люди просто боятся жаловаться»."
    claim = _one(_claims(extractor, text), "Таких случаев много")
    assert claim["claimant"] == "Марат Жумабеков"


def test_quote_given_as_an_opinion_is_a_claim(extractor: Extractor) -> None:
    text = ("Политолог Асель Нурланова уверена:\n\n«Реформа суда откладывается из-за выборов».\n\n"
            "«Реформа суда идет по плану», – утверждает министр юстиции Ерлан Бекетов.")
    claims = _claims(extractor, text)
    assert _one(claims, "откладывается")["claimant"] == "Асель Нурланова"
    assert _one(claims, "идет по плану")["claimant"] == "Ерлан Бекетов"


def test_plain_quote_is_no_claim(extractor: Extractor) -> None:
    text = "Активист Ержан Тулеев рассказывает:\n\n«Мы стояли у акимата до вечера»."
    assert _claims(extractor, text) == []


def test_version_denied_is_its_own_claim(extractor: Extractor) -> None:
    text = ("Погромы, по версии прокуратуры, устроили приезжие. "
            "Адвокат Данияр Омаров говорит: «Эта версия про так называемых приезжих погромщиков, она не нашла "
            "подтверждения».")
    claims = _claims(extractor, text)
    version = _one(claims, "так называемых приезжих погромщиков")
    assert version["claimant"] == "прокуратуры" and version["disputed_by"] == ["Данияр Омаров"]
    denial = _one(claims, "не нашла подтверждения")
    assert denial["kind"] == "denial" and denial["stance"] == "disputes"
    assert not denial["text"].startswith("Эта версия")
    assert _one(claims, "устроили приезжие")["disputed_by"] == ["Данияр Омаров"]


def test_negated_answer_disputes_the_claim_it_answers(extractor: Extractor) -> None:
    text = ("«Все жалобы на полицию будут проверены», – утверждает министр Ерлан Бекетов. "
            "Министр не заинтересован в таких проверках, считает адвокат Марат Жумабеков.")
    claims = _claims(extractor, text)
    assert _one(claims, "будут проверены")["disputed_by"] == ["Марат Жумабеков"]
    assert _one(claims, "не заинтересован")["stance"] == "disputes"


def test_negated_claim_on_another_matter_disputes_nothing(extractor: Extractor) -> None:
    text = ("Реформа нужна стране, считает депутат Ерлан Бекетов. "
            "Погода в апреле не радует жителей, отметил синоптик Марат Жумабеков.")
    claims = _claims(extractor, text)
    assert all(c["disputed_by"] == [] for c in claims)
    assert all(c["stance"] is None for c in claims)
