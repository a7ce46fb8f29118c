"""Deployment of armed forces (type other, subtype deployment) and dates of caption-like lines."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from aqiqat.domain.enums import SuggestionKind
from aqiqat.nlp.pipeline import ExtractionMeta, Extractor

META = ExtractionMeta(language="ru", published_at=date(2022, 2, 4))


def _events(extractor: Extractor, text: str) -> list[dict[str, Any]]:
    return [d.payload for d in extractor.extract(text, META) if d.kind is SuggestionKind.EVENT]


def _deployments(extractor: Extractor, text: str) -> list[dict[str, Any]]:
    return [e for e in _events(extractor, text) if e["type"] == "other" and e["subtype"] == "deployment"]


@pytest.mark.parametrize(
    ("text", "forces"),
    [
        ("В город ввели войска и бронетехнику.", "войска"),
        ("Утром военные вышли на улицы Шымкента.", "военные"),
        ("На улицах появились танки.", "танки"),
        ("Солдаты патрулируют улицы Талдыкоргана.", "Солдаты"),
        ("Вечером в Алматы вошли десантники.", "десантники"),
        ("Армия на улицах Шымкента.", "Армия"),
    ],
)
def test_deployment_of_forces(extractor: Extractor, text: str, forces: str) -> None:
    [event] = _deployments(extractor, text)
    assert event["perpetrators"] == [{"name": forces, "kind": "military"}]


@pytest.mark.parametrize(
    "text",
    [
        "Военные не вышли на улицы.",
        "Армия не вмешивалась в политику.",
        "Власти ввели режим чрезвычайного положения.",
        "Военные вернулись в казармы.",
        "Мой брат служит в армии.",
        "Протест на площади. Фото сделано 5 января 2022 года.",
    ],
)
def test_no_deployment(extractor: Extractor, text: str) -> None:
    assert _deployments(extractor, text) == []


def test_shooting_in_the_streets_is_a_shooting_not_a_deployment(extractor: Extractor) -> None:
    events = _events(extractor, "Военные стреляли на улицах Алматы.")
    assert [e["type"] for e in events] == ["shooting"]
    assert events[0]["subtype"] is None


def test_deployment_dated_in_its_sentence_with_named_forces(extractor: Extractor) -> None:
    [event] = _deployments(extractor, "5 января были введены войска ОДКБ.")
    assert event["date"]["iso"] == "2022-01-05"
    assert event["perpetrators"][0]["name"] == "войска ОДКБ"


def test_caption_line_gives_its_date_and_place(extractor: Extractor) -> None:
    text = ("Протестующие требовали отставки правительства.\n\n"
            "Танки на центральной площади Шымкента, Казахстан. 8 января 2022 года.\n"
            "Фото: агентство\n")
    [event] = _deployments(extractor, text)
    assert event["date"]["iso"] == "2022-01-08"
    assert event["date"]["text"] == "8 января 2022 года"
    assert event["place"] == "Шымкент"


def test_only_a_short_line_ending_in_a_full_date_is_a_caption(extractor: Extractor) -> None:
    no_year = "Армия на улицах Шымкента. 8 января."
    assert _deployments(extractor, no_year)[0]["date"] is None  # «8 января» without a year: not a caption date
    date_first = "8 января 2022 года. Армия на улицах Шымкента."
    assert _deployments(extractor, date_first)[0]["date"] is None
    long_line = ("Армия на улицах Шымкента. Об этом в течение всей недели писали местные жители, журналисты и "
                 "правозащитники из нескольких организаций, которые следили за ситуацией в городе и области. "
                 "8 января 2022 года.")
    assert _deployments(extractor, long_line)[0]["date"] is None
