"""Extraction: the only package that imports natasha, razdel and pymorphy3."""
