"""Events: type from lemmas, date, place, victims (named and counted), perpetrators, outcome, claimant."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from aqiqat.domain.enums import SuggestionKind
from aqiqat.nlp.pipeline import ExtractionMeta, Extractor

META = ExtractionMeta(language="ru", published_at=date(2022, 2, 4))


def _events(extractor: Extractor, text: str) -> list[dict[str, Any]]:
    return [d.payload for d in extractor.extract(text, META) if d.kind is SuggestionKind.EVENT]


@pytest.mark.parametrize(
    ("text", "expected_type"),
    [
        ("Протестующие начали поджигать административные здания.", "arson"),
        ("Полицейские задержали двух активистов у акимата.", "detention"),
        ("Задержанных пытали в изоляторе.", "torture"),
        ("Военные подбросили в дом оружие.", "planted_evidence"),
        ("Следователи сфабриковали дело против блогера.", "fabricated_case"),
        ("Сначала мирные митинги, затем беспорядки.", "protest"),
        ("Президент отдал приказ стрелять на поражение.", "order_to_shoot"),
        ("Власти отключили интернет по всей стране.", "internet_shutdown"),
        ("Солдаты открыли огонь и убили троих мужчин.", "killing"),
    ],
)
def test_event_types(extractor: Extractor, text: str, expected_type: str) -> None:
    assert expected_type in [e["type"] for e in _events(extractor, text)]


def test_negated_and_questioned_events_are_not_events(extractor: Extractor) -> None:
    assert not [e for e in _events(extractor, "Были ли убиты вооруженные люди, неизвестно.") if e["type"] == "killing"]
    assert not [e for e in _events(extractor, "Полиция никого не задержала.") if e["type"] == "detention"]


def test_shooting_with_named_victims_date_perpetrators_and_outcome(extractor: Extractor) -> None:
    text = ("7 января военные расстреляли автомобиль, в котором находились супруги Нургалиевы и их друг "
            "Андрей Карпиленко. Оба мужчины погибли.")
    [event] = _events(extractor, text)
    assert event["type"] == "killing"
    assert event["date"]["iso"] == "2022-01-07"
    assert event["perpetrators"] == [{"name": "военные", "kind": "military"}]
    harm = {v["name"]: v["harm"] for v in event["victims"]}
    assert harm == {"Нургалиев": "killed", "Нургалиева": None, "Андрей Карпиленко": "killed"}
    assert event["outcome"] == "killed"
    assert event["killed_min"] == event["killed_max"] == 2


def test_unnamed_family_counted_with_age_place_and_claimant(extractor: Extractor) -> None:
    text = ("Активист Данияр Хасенов рассказывает: «В том же Талдыкоргане семья возвращалась на машине, мать, "
            "отец и их дочь 12-тилетняя были расстреляны и все погибли».")
    [event] = [e for e in _events(extractor, text) if e["type"] == "killing"]
    assert event["place"] == "Талдыкорган"
    assert event["claimant"] == "Данияр Хасенов"
    assert [(v["name"], v["count"], v["harm"], v["attributes"]) for v in event["victims"]] == [
        (None, 1, "killed", {"role": "мать", "sex": "female"}),
        (None, 1, "killed", {"role": "отец", "sex": "male"}),
        (None, 1, "killed", {"role": "дочь", "sex": "female", "age": 12}),
    ]
    assert event["killed_min"] == 3


def test_perpetrator_with_its_organisation(extractor: Extractor) -> None:
    text = "Женщина рассказала, как военные ворвались в дом, подбросили оружие, а сотрудники КНБ обнаружили его."
    [event] = [e for e in _events(extractor, text) if e["type"] == "planted_evidence"]
    assert {"name": "военные", "kind": "military"} in event["perpetrators"]
    assert {"name": "сотрудники КНБ", "kind": "state_security"} in event["perpetrators"]


def test_relative_date_and_statement_by_organisation(extractor: Extractor) -> None:
    text = "4 января президент Токаев обратился к протестующим. Через три дня Токаев даст приказ стрелять на поражение."
    events = _events(extractor, text)
    statement = next(e for e in events if e["type"] == "statement")
    assert statement["claimant"] == "Токаев" and statement["date"]["iso"] == "2022-01-04"
    order = next(e for e in events if e["type"] == "order_to_shoot")
    assert order["date"]["iso"] == "2022-01-07"
    assert order["perpetrators"] == [{"name": "Токаев", "kind": "person"}]


def test_claimant_from_source_marker(extractor: Extractor) -> None:
    text = "По данным правозащитников, полицейские задержали в Алматы сорок человек."
    [event] = [e for e in _events(extractor, text) if e["type"] == "detention"]
    assert event["claimant"] == "правозащитников"
    assert event["place"] == "Алматы"


def test_opening_fire_is_a_shooting_and_the_outcome_makes_it_a_killing(extractor: Extractor) -> None:
    text = ("Талдыкорган, 10 января 2022 года.\n\n7 января в Талдыкоргане военные открыли огонь по машине, в "
            "которой ехали Ерлан Сапаров и его брат. Оба мужчины погибли.")
    meta = ExtractionMeta(language="ru", published_at=date(2022, 1, 10))
    [event] = [d.payload for d in extractor.extract(text, meta) if d.kind is SuggestionKind.EVENT]
    assert event["type"] == "killing"
    assert event["trigger"] == "открыли огонь"
    assert event["date"]["iso"] == "2022-01-07"
    assert event["place"] == "Талдыкорган"
    assert event["perpetrators"] == [{"name": "военные", "kind": "military"}]
    assert [(v["name"], v["count"], v["harm"]) for v in event["victims"]] == [
        ("Ерлан Сапаров", 1, "killed"), (None, 1, "killed")]
    assert event["victims"][1]["attributes"] == {"role": "брат", "sex": "male"}
    assert event["outcome"] == "killed" and event["killed_min"] == event["killed_max"] == 2


def test_a_duty_to_open_fire_is_not_a_shooting(extractor: Extractor) -> None:
    text = "«Я сказал, что по вооруженным бандитам мы должны открывать огонь», – заявил министр."
    assert not [e for e in _events(extractor, text) if e["type"] in ("shooting", "killing")]


def test_a_dead_mans_widow_is_no_outcome_of_the_detention_before(extractor: Extractor) -> None:
    text = "В городе были задержаны около 200 человек. Жанар Сапарова, вдова погибшего, рассказала об этом."
    [event] = [e for e in _events(extractor, text) if e["type"] == "detention"]
    assert event["outcome"] is None


def test_a_headline_does_not_take_the_datelines_date(extractor: Extractor) -> None:
    text = ("Обыски в Шымкенте: задержаны трое журналистов\n\n"
            "Шымкент, 20 января 2022 года. 15 января полицейские задержали трёх журналистов в редакции газеты.")
    events = _events(extractor, text)
    headline = [e for e in events if e["sentence"].startswith("Обыски")]
    body = [e for e in events if e["sentence"].startswith("15 января")]
    assert body and body[0]["date"]["iso"] == "2022-01-15"
    assert headline and all(e["date"] is None or e["date"]["iso"] != "2022-01-20" for e in headline)
