"""Nominative normal forms of names, Central Asian and Slavic (tables of examples, Natasha style)."""

from __future__ import annotations

import pytest

from aqiqat.domain.enums import Sex
from aqiqat.nlp.models import Morph
from aqiqat.nlp.names import NameToken, normalise_name


def _norm(text: str, morph: Morph, cue: str = "", hint: Sex = Sex.UNKNOWN) -> list[tuple[str, str]]:
    tokens = [NameToken(w, {}) for w in text.split()]
    return [(p.full, p.sex.value) for p in normalise_name(tokens, morph, hint, cue)]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Салтаной Абишевой", ("Салтана Абишева", "female")),
        ("Айгерим Тлеубаева", ("Айгерим Тлеубаева", "female")),
        ("Айгерим Тлеубаевой", ("Айгерим Тлеубаева", "female")),
        ("Жанар Сейтказиной", ("Жанар Сейтказина", "female")),
        ("Дариги Назарбаевой", ("Дарига Назарбаева", "female")),
        ("Касым-Жомарт Токаев", ("Касым-Жомарт Токаев", "male")),
        ("Касым-Жомарта Токаева", ("Касым-Жомарт Токаев", "male")),
        ("Нурсултана Назарбаева", ("Нурсултан Назарбаев", "male")),
        ("Евгения Жовтиса", ("Евгений Жовтис", "male")),
        ("Данияр Хасенов", ("Данияр Хасенов", "male")),
        ("Андрей Карпиленко", ("Андрей Карпиленко", "male")),
        ("Игоря Винявского", ("Игорь Винявский", "male")),
        ("Ивана Ивановича Петрова", ("Иван Иванович Петров", "male")),
        ("Инессы Арманд", ("Инесса Арманд", "female")),
    ],
)
def test_nominative_and_sex(written: str, expected: tuple[str, str], morph: Morph) -> None:
    assert _norm(written, morph) == [expected]


def test_plural_family_name_names_husband_and_wife(morph: Morph) -> None:
    assert _norm("Нургалиевы", morph, cue="супруги") == [("Нургалиев", "male"), ("Нургалиева", "female")]
    assert _norm("Нургалиевых", morph, cue="супругов") == [("Нургалиев", "male"), ("Нургалиева", "female")]
    assert _norm("Ахметовы", morph, cue="братья") == [("Ахметов", "male")]


def test_context_decides_ambiguous_surname(morph: Morph) -> None:
    # «Токаева» alone is a woman's nominative or a man's genitive: the context decides
    assert _norm("Токаева", morph, hint=Sex.MALE) == [("Токаев", "male")]
    assert _norm("Токаева", morph, hint=Sex.FEMALE) == [("Токаева", "female")]
    assert _norm("Путина", morph, hint=Sex.MALE) == [("Путин", "male")]
