"""Chants and slogans (nlp.chants, read by nlp.quotes): one sentence per pattern, in Russian and English."""

from __future__ import annotations

import pytest

from aqiqat.nlp.quotes import extract_quotes, is_speech


def _speaker(text: str, quote: str) -> str | None:
    found = [q for q in extract_quotes(text) if is_speech(q) and q.text == quote]
    assert len(found) == 1, [q for q in extract_quotes(text)]
    return found[0].speaker_text


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # the group that shouts, named as the subject before the verb (coordinated verbs between)
        ("Когда к ним подошёл депутат Иван Сомов, студенты окружили его и начали скандировать «Позор!»",
         "Позор!", "студенты"),
        ("When the mayor Aidar Sultanov arrived, the students surrounded him and began chanting "
         '"Shame on you!" for an hour.', "Shame on you!", "students"),
        # a slogan's name between the verb and the quote: a chant, not a title
        ("Протестующие стали кричать лозунг «Свободу узникам» у здания суда.", "Свободу узникам", "Протестующие"),
        ('The marchers shouted the slogan "Free the prisoners" outside the court.', "Free the prisoners",
         "marchers"),
        # a relative pronoun as the subject: no speaker, never the person who reports the scene
        ("По словам активистки Анны Беловой, к пикетчику подошли молодые люди, которые стали кричать лозунг "
         "«Свободу узникам».", "Свободу узникам", None),
        ("According to activist Dana Orlova, a group of men approached, who started to shout "
         '"Go home, traitors!" at the picketers.', "Go home, traitors!", None),
    ],
)
def test_a_chant_is_the_shouting_groups(text: str, quote: str, speaker: str | None) -> None:
    assert _speaker(text, quote) == speaker


def test_a_slogan_written_on_a_banner_is_not_speech() -> None:
    text = "Он держал плакат с лозунгом «Свободу узникам»."
    assert not [q for q in extract_quotes(text) if is_speech(q)]


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # a participle after a comma chants with the main clause's subject
        ('The protesters marched to the square, chanting "Shame!" as police watched.', "Shame!", "protesters"),
        ("Демонстранты шли к площади, скандируя «Позор!».", "Позор!", "Демонстранты"),
    ],
)
def test_a_chanting_participle_takes_the_main_subject(text: str, quote: str, speaker: str) -> None:
    assert _speaker(text, quote) == speaker
