"""English people, places and organisations: one sentence per pattern (spaCy's real English pipeline)."""

from __future__ import annotations

from datetime import date

import pytest

from aqiqat.nlp.pipeline import ExtractionMeta, Extractor

META = ExtractionMeta(language="en", published_at=date(2022, 1, 20))


def _names(extractor: Extractor, text: str, kind: str) -> set[str]:
    return {d.payload["name"] for d in extractor.extract(text, META) if d.kind.value == kind}


@pytest.mark.parametrize(
    ("text", "person"),
    [
        # a title is not part of the name
        ("President Kassym-Jomart Tokayev spoke to the nation on Monday evening.", "Kassym-Jomart Tokayev"),
        ("Interior Minister Erlan Turgumbayev met the families of the dead.", "Erlan Turgumbayev"),
        # a Central Asian name is a person, also when the tagger cut it short or called it an organisation
        ("Daulet Zhabarbekov, a lawyer, said his client had been beaten.", "Daulet Zhabarbekov"),
        ("Qasym-Zhomart Toqaev signed the decree late at night.", "Qasym-Zhomart Toqaev"),
        # a possessive is not part of the name
        ("Aigerim Tleuzhan's brother was detained at the square.", "Aigerim Tleuzhan"),
    ],
)
def test_english_person(extractor: Extractor, text: str, person: str) -> None:
    assert person in _names(extractor, text, "person")


@pytest.mark.parametrize(
    ("text", "not_person"),
    [
        ("Protesters Clash With Police In Capital As Curfew Begins\n\nThe square was empty by noon.", "Curfew"),
        ("Officers detained dozens in Almaty on Tuesday.", "Almaty"),
        ("Several Tajik journalists left the region.", "Tajik"),
    ],
)
def test_english_not_a_person(extractor: Extractor, text: str, not_person: str) -> None:
    assert not any(not_person in n for n in _names(extractor, text, "person"))


def test_english_places_and_organisations(extractor: Extractor) -> None:
    text = "Human Rights Watch said that police in Almaty had used live ammunition against the crowd."
    assert "Human Rights Watch" in _names(extractor, text, "organization")
    assert _names(extractor, text, "place")


def test_english_one_person_across_mentions(extractor: Extractor) -> None:
    text = "Roza Sapargaliyeva was detained on Monday. Sapargaliyeva said she had been beaten in custody."
    persons = [d for d in extractor.extract(text, META) if d.kind.value == "person"]
    assert [p.payload["name"] for p in persons] == ["Roza Sapargaliyeva"]
    assert len(persons[0].spans) == 2


def test_source_list_lines_are_not_read(extractor: Extractor) -> None:
    text = ("Police detained 40 people in the capital on Sunday.\n\nSources\n"
            "- Jane Fielding. \"Crackdown in the capital\" — The Daily Courier, 3 May 2021\n")
    drafts = extractor.extract(text, META)
    assert not any(d.payload.get("name") == "Jane Fielding" for d in drafts)
    assert not any(d.kind.value == "date" and d.payload["iso"] == "2021-05-03" for d in drafts)
