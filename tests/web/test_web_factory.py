"""A server process prepares itself before its first request: dictionaries loaded, long-lived heap frozen."""

from __future__ import annotations

import gc
import time

from aqiqat.nlp.search_lemmas import _morph
from aqiqat.web.factory import prepare_for_serving


def test_prepare_for_serving_loads_the_lemmatiser_and_freezes_the_heap() -> None:
    try:
        prepare_for_serving()
        assert _morph.cache_info().currsize == 1  # the first search does not load dictionaries
        assert gc.get_freeze_count() > 10_000  # modules, routes and dictionaries left out of collections
        started = time.perf_counter()
        gc.collect()
        frozen_walk = time.perf_counter() - started
        gc.unfreeze()
        started = time.perf_counter()
        gc.collect()
        full_walk = time.perf_counter() - started
        assert frozen_walk < full_walk
    finally:
        gc.unfreeze()
