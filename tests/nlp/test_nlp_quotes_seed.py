"""Every quote of the seed report's gold annotation is found with its speaker; names in «» are not speech."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from aqiqat.nlp.quotes import QuoteMention, extract_quotes, is_speech

SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "seed"


@pytest.fixture(scope="module")
def seed() -> tuple[str, dict[str, Any], list[QuoteMention]]:
    text = (SEED / "000_650a3b2ff033411a.txt").read_text(encoding="utf-8")
    gold = json.loads((SEED / "000_650a3b2ff033411a.gold.json").read_text(encoding="utf-8"))
    return text, gold, extract_quotes(text)


def test_every_gold_quote_is_found_with_its_speaker(seed: tuple[str, dict[str, Any], list[QuoteMention]]) -> None:
    text, gold, found = seed
    by_start = {q.start: q for q in found if is_speech(q)}
    forms = {p["name_nominative"]: set(p["mentions"]) | {p["name_nominative"]} for p in gold["persons"]}
    for g in gold["quotes"]:
        q = by_start.get(g["offset"])
        assert q is not None, g["id"]
        assert q.text == g["text"] == text[q.start : q.end], g["id"]
        assert q.speaker_text in forms[g["speaker"]], (g["id"], q.speaker_text)
        assert text[q.speaker_start : q.speaker_end] == q.speaker_text  # type: ignore[misc]
    assert len(by_start) == len(gold["quotes"])  # and nothing else is taken for speech


def test_roles_as_written(seed: tuple[str, dict[str, Any], list[QuoteMention]]) -> None:
    _, _, found = seed
    roles = {q.speaker_text: q.speaker_role for q in found if q.speaker_role}
    assert roles["Данияр Хасенов"] == "из коалиции «Активисты – не экстремисты»"
    assert roles["Салтана Абишева"] == "супруга обвиненного в терроризме"
    assert roles["Евгений Жовтис"] == "правозащитник"


def test_names_in_guillemets_are_names(seed: tuple[str, dict[str, Any], list[QuoteMention]]) -> None:
    _, gold, found = seed
    names = {(q.start, q.text) for q in found if q.pattern == "name"}
    assert names == {(g["offset"], g["text"]) for g in gold["not_quotes_in_guillemets"]}
