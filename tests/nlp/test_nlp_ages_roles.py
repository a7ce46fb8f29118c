"""Ages beside names and roles in the nominative: one sentence per pattern."""

from __future__ import annotations

from datetime import date

import pytest

from aqiqat.nlp.ages import age_beside
from aqiqat.nlp.pipeline import ExtractionMeta, Extractor


@pytest.mark.parametrize(
    ("text", "name", "age"),
    [
        ("Задержан Арман Касымов, 27 лет, житель Алматы.", "Арман Касымов", 27),
        ("Арман Касымов (27) был задержан у акимата.", "Арман Касымов", 27),
        ("Погиб 19-летний Даурен Жакупов.", "Даурен Жакупов", 19),
        ("Arman Kasymov, 27, was detained at the square.", "Arman Kasymov", 27),
        ("A 19-year-old Dauren Zhakupov was shot.", "Dauren Zhakupov", 19),
        ("Арман Касымов, 2022 года рождения", "Арман Касымов", None),
    ],
)
def test_age_beside_a_name(text: str, name: str, age: int | None) -> None:
    start = text.index(name)
    assert age_beside(text, start, start + len(name)) == age


def test_person_draft_carries_the_age_and_a_nominative_role(extractor: Extractor) -> None:
    text = "Полиция задержала правозащитника Армана Касымова. Арман Касымов, 27 лет, провёл ночь в отделе."
    [person] = [d for d in extractor.extract(text, ExtractionMeta("ru", date(2022, 1, 20)))
                if d.kind.value == "person"]
    assert person.payload["name"] == "Арман Касымов"
    assert person.payload["age"] == 27
    assert person.payload["role"] == "правозащитник"
