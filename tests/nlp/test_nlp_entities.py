"""People, places and organisations: gazetteer corrections, coreference, nominative forms."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from aqiqat.domain.enums import SuggestionKind
from aqiqat.nlp.gazetteer import Gazetteer
from aqiqat.nlp.pipeline import ExtractionMeta, Extractor

META = ExtractionMeta(language="ru", published_at=date(2022, 2, 4))


def _payloads(extractor: Extractor, text: str, kind: SuggestionKind) -> list[dict[str, Any]]:
    drafts = extractor.extract(text, META)
    for d in drafts:
        for s in d.spans:
            assert s.text == text[s.start:s.end]
            assert s.document_id is None
    return [d.payload for d in drafts if d.kind is kind]


def test_partial_names_join_the_full_name(extractor: Extractor) -> None:
    text = ("Активист Данияр Хасенов рассказал о задержаниях. По словам Данияра, задержанных били. "
            "Позже Хасенов повторил это журналистам.")
    persons = _payloads(extractor, text, SuggestionKind.PERSON)
    assert [p["name"] for p in persons] == ["Данияр Хасенов"]
    assert persons[0]["mentions"] == ["Данияр Хасенов", "Данияра", "Хасенов"]
    assert persons[0]["sex"] == "male"


def test_surname_in_genitive_is_the_same_man(extractor: Extractor) -> None:
    text = "Президент Токаев выступил в парламенте. Речь Токаева транслировали все каналы."
    persons = _payloads(extractor, text, SuggestionKind.PERSON)
    assert [(p["name"], len(p["mentions"])) for p in persons] == [("Токаев", 2)]
    assert persons[0]["role"] == "президент"


def test_women_are_not_masculinised(extractor: Extractor) -> None:
    text = ("Журналисты поговорили с Салтаной Абишевой. Вчера Айгерим Тлеубаева пришла в суд. "
            "Касым-Жомарт Токаев не ответил.")
    names = {p["name"]: p["sex"] for p in _payloads(extractor, text, SuggestionKind.PERSON)}
    assert names == {"Салтана Абишева": "female", "Айгерим Тлеубаева": "female", "Касым-Жомарт Токаев": "male"}


def test_spouses_split_into_two_people(extractor: Extractor) -> None:
    text = "Военные обстреляли машину, в которой ехали супруги Нургалиевы."
    persons = _payloads(extractor, text, SuggestionKind.PERSON)
    assert sorted((p["name"], p["sex"]) for p in persons) == [("Нургалиев", "male"), ("Нургалиева", "female")]


def test_gazetteer_overrules_person_tag(extractor: Extractor) -> None:
    text = "В том же Талдыкоргане семья возвращалась домой. Талдыкорган находится в алматинской области."
    places = _payloads(extractor, text, SuggestionKind.PLACE)
    by_name = {p["name"]: p for p in places}
    assert by_name["Талдыкорган"]["kind"] == "city"
    assert by_name["Талдыкорган"]["country_code"] == "KZ"
    assert by_name["Талдыкорган"]["gazetteer_id"] == "geonames:1518542"
    assert abs(by_name["Талдыкорган"]["lat"] - 45.0) < 0.1
    assert by_name["Алматинская область"]["kind"] == "region"
    assert not _payloads(extractor, text, SuggestionKind.PERSON)


@pytest.mark.parametrize(
    ("written", "name", "country"),
    [("Алматы", "Алматы", "KZ"), ("Казахстане", "Казахстан", "KZ"), ("Жаңаөзен", "Жаңаөзен", "KZ"),
     ("Усть-Каменогорске", "Усть-Каменогорск", "KZ"), ("Бишкеке", "Бишкек", "KG"), ("Ташкента", "Ташкент", "UZ"),
     ("Almaty", "Almaty", "KZ"), ("Кыргызстане", "Кыргызстан", "KG")],
)
def test_gazetteer_variants(written: str, name: str, country: str, gazetteer: Gazetteer) -> None:
    place = gazetteer.lookup(written)
    assert place is not None and place.country_code == country
    if place.kind.value == "city":
        assert place.name == name


def test_organisations_with_actor_kind(extractor: Extractor) -> None:
    text = ("Об этом заявил МИД Казахстана. Сотрудники КНБ провели обыск. "
            "Активист из коалиции «Активисты – не экстремисты» рассказал об этом.")
    orgs = {o["name"]: o["actor_kind"] for o in _payloads(extractor, text, SuggestionKind.ORGANIZATION)}
    assert orgs["КНБ"] == "state_security"
    assert orgs["МИД"] == "government" or orgs.get("МИД Казахстана") == "government"
    assert "Активисты – не экстремисты" in orgs
    assert not _payloads(extractor, text, SuggestionKind.QUOTE)


def test_latin_name_in_russian_text_is_a_person_or_the_cyrillic_one(extractor: Extractor) -> None:
    text = ("Николая Касьяна задержали у суда. Позже Nikolay Kasyan написал, что его отпустили. "
            "Видео снял Daulet Amanov.")
    persons = {d.payload["name"]: d for d in extractor.extract(text, META) if d.kind.value == "person"}
    assert "Daulet Amanov" in persons
    assert "Nikolay Kasyan" in persons["Николай Касьян"].payload["mentions"]
