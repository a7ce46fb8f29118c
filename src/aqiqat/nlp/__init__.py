"""Extraction: the only package that imports natasha, razdel and pymorphy3."""

from aqiqat.nlp import morph_guard

morph_guard.install()
