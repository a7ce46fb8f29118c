"""Speech set out without quotation marks (nlp.layouts): one sentence per pattern, Russian and English."""

from __future__ import annotations

import pytest

from aqiqat.nlp.layouts import colon_speech


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # an attribution, a colon, and first-person words: the sentences that speak in the first person
        ("Айгерим Сапарова вспоминает: нас били всю ночь и не давали пить. Потом её отпустили.",
         "нас били всю ночь и не давали пить.", "Айгерим Сапарова"),
        ("Aigerim Saparova recalled: we were beaten all night and given no water. She was released later.",
         "we were beaten all night and given no water.", "Aigerim Saparova"),
    ],
)
def test_first_person_speech_after_a_colon(text: str, words: str, speaker: str) -> None:
    assert [(q.text, q.speaker_text) for q in colon_speech(text)] == [(words, speaker)]


@pytest.mark.parametrize(
    "text",
    [
        "Причины задержания: нарушение порядка проведения акции.",  # no speech verb
        "Адвокат Айдар Беков сказал: задержанных избивали.",  # reported, not in the first person
        "The reasons given: a breach of the rules for rallies.",
    ],
)
def test_a_colon_without_first_person_speech_is_no_quote(text: str) -> None:
    assert colon_speech(text) == []
