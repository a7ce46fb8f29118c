"""Offline language detection: Russian, Kazakh and English, and no guess on too little text."""

from __future__ import annotations

import time

import pytest
from ingest_samples import EN_STATEMENT, KK_TESTIMONY, RU_REPORT, RU_SHORT

from aqiqat.ingest.language import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (RU_REPORT, "ru"),
        (RU_SHORT, "ru"),
        ("ЗАЯВЛЕНИЕ ПРАВОЗАЩИТНОГО ЦЕНТРА О ЗАДЕРЖАНИЯХ В АЛМАТЫ", "ru"),
        ("Погибли: Ахметов Серик, 34 года; Касенова Айгерим, 27 лет.", "ru"),
        (KK_TESTIMONY, "kk"),
        ("Менің атым Айгерім, мен мұғаліммін", "kk"),
        ("Құрметті әріптестер, мәлімдемені оқыңыздар", "kk"),
        (EN_STATEMENT, "en"),
        ("Україна засуджує насильство проти мирних демонстрантів у Казахстані.", "uk"),
        ("Die Polizei hat gestern mehrere Demonstranten in Almaty festgenommen.", "de"),
    ],
)
def test_detects_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["", "Привет", "Задержан 6 января", "12345 67890 .... !!!", "Қала"])
def test_too_little_text_gives_none(text: str) -> None:
    assert detect_language(text) is None


def test_russian_article_quoting_a_few_kazakh_words_stays_russian() -> None:
    text = RU_REPORT + " На плакате было написано «Біз бейбіт халықпыз»."
    assert detect_language(text) == "ru"


def test_long_text_costs_no_more_than_a_sample() -> None:
    detect_language(RU_SHORT * 3)  # load the model
    long_text = RU_REPORT * 200
    start = time.perf_counter()
    for _ in range(20):
        assert detect_language(long_text) == "ru"
    per_call = (time.perf_counter() - start) / 20
    assert per_call < 0.05  # measured about 1 ms; a generous bound for a busy machine
