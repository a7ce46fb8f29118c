"""A place named by the extractor is given in its dictionary form, a hyphenated name by its last part only."""

from __future__ import annotations

import pytest

from aqiqat.nlp.entities import resolve_places
from aqiqat.nlp.mentions import LOC, Mention
from aqiqat.nlp.models import Morph


@pytest.mark.parametrize(("written", "named"), [
    ("Аль-Фараби", "Аль-Фараби"),          # an indeclinable name: «на площади Аль-Фараби»
    ("Усть-Каменогорска", "Усть-Каменогорск"),  # only the last part declines
    ("Алма-Аты", "Алма-Ата"),
    ("Таразе", "Тараз"),
    ("Шымкента", "Шымкент"),
])
def test_a_place_is_named_in_its_dictionary_form(morph: Morph, written: str, named: str) -> None:
    text = f"Это было в {written}."
    start = text.index(written)
    places = resolve_places([Mention(start, start + len(written), written, LOC)], morph)
    assert [p.name for p in places] == [named]
