"""The English spaCy pipeline as the rules load it: only the components they read, loaded only for English, and
the same entities, sentences and proper nouns as spaCy's own default pipeline gives."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import spacy

from aqiqat.nlp.english import EXCLUDED, MODEL, PROPER_NOUN_TAGS, EnglishModel, load_english

SENTENCES = [
    "President Kassym-Jomart Tokayev said on Monday that order had been restored in Almaty.",
    "Human Rights Watch called on the Interior Ministry to release Daulet Zhabarbekov and two other activists.",
    "Police detained 45 people near the Palace of the Republic, a spokeswoman for the city told Reuters.",
    "The United Nations and the European Union asked for an independent inquiry. Dozens of families "
    "are still looking for their relatives in Taldykorgan and Shymkent.",
]


@pytest.fixture(scope="module")
def default_pipeline() -> Any:
    """spaCy's default pipeline of the same model with spaCy's default ops (BLIS), sentences from the senter."""
    nlp = spacy.load(MODEL, exclude=["parser"])
    nlp.enable_pipe("senter")
    return nlp


def test_only_the_components_the_rules_read() -> None:
    nlp = EnglishModel.get()
    assert nlp.pipe_names == ["tok2vec", "tagger", "senter", "ner"]
    assert not set(EXCLUDED) & set(nlp.pipe_names)
    assert EnglishModel.get() is nlp  # loaded once per process


@pytest.mark.parametrize("text", SENTENCES)
def test_same_annotations_as_spacys_default_pipeline(default_pipeline: Any, text: str) -> None:
    ours, theirs = EnglishModel.get()(text), default_pipeline(text)
    assert [(e.start_char, e.end_char, e.label_) for e in ours.ents] == \
        [(e.start_char, e.end_char, e.label_) for e in theirs.ents]
    assert [s.start_char for s in ours.sents] == [s.start_char for s in theirs.sents]
    assert [t.i for t in ours if t.tag_ in PROPER_NOUN_TAGS] == [t.i for t in theirs if t.pos_ == "PROPN"]


def test_a_fresh_load_gives_a_new_pipeline() -> None:
    assert load_english() is not EnglishModel.get()


_LAZY = """
import sys
from datetime import date
from aqiqat.nlp.pipeline import ExtractionMeta, Extractor
x = Extractor()
x.extract("Вчера в Алматы задержали 45 человек, сообщила полиция.", ExtractionMeta("ru", date(2022, 1, 6)))
print("spacy" in sys.modules)
x.extract("Police detained 45 people in Almaty, a spokeswoman said.", ExtractionMeta("en", date(2022, 1, 6)))
print("spacy" in sys.modules)
"""


def test_the_english_model_loads_only_for_english_documents() -> None:
    src = Path(__file__).resolve().parents[2] / "src"
    out = subprocess.run([sys.executable, "-c", _LAZY], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"})
    assert out.stdout.split() == ["False", "True"]
