"""Models for the extraction tests, loaded once per session."""

from __future__ import annotations

import pytest

from aqiqat.nlp.gazetteer import Gazetteer
from aqiqat.nlp.models import Models, Morph
from aqiqat.nlp.pipeline import Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def nlp_models(extractor: Extractor) -> Models:
    return extractor.models


@pytest.fixture(scope="session")
def morph(extractor: Extractor) -> Morph:
    return extractor.models.morph


@pytest.fixture(scope="session")
def gazetteer(extractor: Extractor) -> Gazetteer:
    return extractor.gazetteer
